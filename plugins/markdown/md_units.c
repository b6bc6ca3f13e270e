/* md_units.c - translation units as a markdown table, one column per language.
 *
 * Why a table and not per-language sections: a section per language would need every unit of
 * the document before the first section could be closed, which breaks streaming; a table row
 * per unit is written as the unit arrives and keeps source and target side by side, which is
 * how people review aligned text. The columns are the languages of the first unit of a run;
 * a unit with other languages starts a new table under a new header. Cells keep inline codes in
 * the readable form of md_escape.c; notes are not shown.
 */
#include "md_internal.h"

#include <string.h>

void md_units_reset(md_state *m)
{
    for (int i = 0; i < m->unit_cols; i++)
        dbr_free(m->unit_langs[i]);
    m->unit_cols = 0;
}

static int md_same_langs(const md_state *m, const dbr_unit *u)
{
    size_t n = u->nvariants < MD_MAX_COLS ? u->nvariants : MD_MAX_COLS;
    if ((int)n != m->unit_cols)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *l = u->variants[i].lang ? u->variants[i].lang : "";
        if (strcmp(l, m->unit_langs[i]) != 0)
            return 0;
    }
    return 1;
}

static int md_unit_header(md_state *m, const dbr_unit *u, dbr_buf *b)
{
    md_units_reset(m);
    size_t n = u->nvariants < MD_MAX_COLS ? u->nvariants : MD_MAX_COLS;
    if (dbr_buf_putc(b, '|'))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *l = u->variants[i].lang ? u->variants[i].lang : "";
        if (!(m->unit_langs[i] = dbr_strdup(l)))
            return -1;
        m->unit_cols++;
        if (dbr_buf_putc(b, ' ') || md_escape(b, *l ? l : "(no language)",
                                              strlen(*l ? l : "(no language)"), 0) ||
            dbr_buf_puts(b, " |"))
            return -1;
    }
    if (dbr_buf_puts(b, "\n|"))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (dbr_buf_puts(b, " --- |"))
            return -1;
    return dbr_buf_putc(b, '\n');
}

static int md_unit_cell(md_state *m, dbr_buf *b, const dbr_rich *r)
{
    dbr_buf cell = DBR_BUF_INIT;
    int rc = md_rich(&cell, &m->tmp, r, "<br>", 0);
    for (size_t i = 0; !rc && i < cell.len; i++)
        rc = (cell.data[i] == '|' && dbr_buf_putc(b, '\\')) || dbr_buf_putc(b, cell.data[i]);
    dbr_buf_free(&cell);
    return rc;
}

dbr_status md_unit(md_state *m, const dbr_unit *u)
{
    dbr_buf *b = &m->scratch;
    dbr_buf_clear(b);
    m->list_depth = 0;
    m->table_cols = 0;
    int rc = 0;
    if (!m->unit_cols || !md_same_langs(m, u)) {
        rc = (m->any && dbr_buf_putc(b, '\n')) || md_unit_header(m, u, b);
    }
    if (!rc)
        rc = dbr_buf_putc(b, '|');
    for (int i = 0; !rc && i < m->unit_cols; i++) {
        const dbr_variant *v = &u->variants[i];
        rc = dbr_buf_putc(b, ' ') || md_unit_cell(m, b, &v->text);
        /* plural forms follow the first form in the same cell, a line apart: none is lost */
        for (size_t k = 0; !rc && k < v->nplurals; k++)
            rc = dbr_buf_puts(b, "<br>") || md_unit_cell(m, b, &v->plurals[k]);
        rc = rc || dbr_buf_puts(b, " |");
    }
    if (rc || dbr_buf_putc(b, '\n'))
        return md_oom(m);
    m->any = 1;
    m->last_kind = -2;
    return md_write(m, b);
}
