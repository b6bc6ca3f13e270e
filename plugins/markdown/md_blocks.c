/* md_blocks.c - one block to CommonMark.
 *
 * Why these forms: everything a block carries must survive as something a markdown reader
 * shows or keeps. Headings, paragraphs, quotes, code, lists and figures have native forms; a
 * list keeps its nesting by indenting each level to the content column of its parent (what
 * CommonMark requires), and markers CommonMark lacks ("(a)", "ii)") stay visible after a "-".
 * A table of contents keeps its lines with hard breaks. Page breaks are thematic breaks ("---",
 * which the text reader reads back as page breaks). Boilerplate (navigation, running headers,
 * page numbers) goes into HTML comments: hidden when rendered, never lost.
 */
#include "md_internal.h"

#include <string.h>

static int md_is_numeric_marker(const char *m)
{
    size_t i = 0;
    while (m[i] >= '0' && m[i] <= '9')
        i++;
    return i > 0 && i <= 9 && (m[i] == '.' || m[i] == ')') && m[i + 1] == '\0';
}

static int md_is_bullet_marker(const char *m)
{
    /* Anything that is not a number or a letter enumeration: "•", "-", "*", "–", "◦"... */
    unsigned char c = (unsigned char)m[0];
    return c != '(' && !(c >= '0' && c <= '9') && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int md_spaces(dbr_buf *b, int n)
{
    for (int i = 0; i < n; i++)
        if (dbr_buf_putc(b, ' '))
            return -1;
    return 0;
}

static int md_list_item(md_state *m, const dbr_block *blk, dbr_buf *b)
{
    int level = blk->level < 1 ? 1 : blk->level;
    if (level > m->list_depth + 1)
        level = m->list_depth + 1;
    if (level > MD_LIST_DEPTH)
        level = MD_LIST_DEPTH;
    int indent = 0;
    for (int i = 1; i < level; i++)
        indent += m->list_width[i];
    const char *marker = dbr_props_get(&blk->props, "marker");
    const char *out = "-";
    if (marker && md_is_numeric_marker(marker))
        out = marker;
    int width = (int)strlen(out) + 1;
    m->list_width[level] = width;
    m->list_depth = level;
    char nl[64] = "\n";
    int cont = indent + width < 60 ? indent + width : 60;
    memset(nl + 1, ' ', (size_t)cont);
    nl[1 + cont] = '\0';
    if (md_spaces(b, indent) || dbr_buf_puts(b, out) || dbr_buf_putc(b, ' '))
        return -1;
    if (marker && out != marker && !md_is_bullet_marker(marker) &&
        (md_escape(b, marker, strlen(marker), 0) || dbr_buf_putc(b, ' ')))
        return -1;
    return md_rich(b, &m->tmp, &blk->text, nl, 1);
}

static int md_cell(md_state *m, dbr_buf *b, const char *s)
{
    dbr_rich r = {0};
    dbr_span sp = {.kind = DBR_SPAN_TEXT, .text = s};
    r.spans = &sp;
    r.count = 1;
    dbr_buf cell = DBR_BUF_INIT;
    int rc = md_rich(&cell, &m->tmp, &r, "<br>", 0);
    for (size_t i = 0; !rc && i < cell.len; i++)
        rc = (cell.data[i] == '|' && dbr_buf_putc(b, '\\')) || dbr_buf_putc(b, cell.data[i]);
    dbr_buf_free(&cell);
    return rc;
}

static int md_table_row(md_state *m, const dbr_block *blk, dbr_buf *b)
{
    const char *one[1];
    const char **cells = blk->cells;
    size_t n = blk->ncells;
    if (!n) {
        one[0] = dbr_rich_plain_dup(m->bpool, &blk->text);
        cells = one;
        n = 1;
    }
    if (dbr_buf_putc(b, '|'))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (dbr_buf_putc(b, ' ') || md_cell(m, b, cells[i] ? cells[i] : "") ||
            dbr_buf_puts(b, " |"))
            return -1;
    if (m->table_cols)
        return 0;
    /* The first row of a run is the header row CommonMark tables (GFM) need. */
    m->table_cols = (int)n;
    if (dbr_buf_puts(b, "\n|"))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (dbr_buf_puts(b, " --- |"))
            return -1;
    return 0;
}

static int md_figure(md_state *m, const dbr_block *blk, dbr_buf *b)
{
    const char *src = dbr_props_get(&blk->props, "src");
    if (src) {
        int angle = strpbrk(src, " ()<>") != NULL;
        return dbr_buf_puts(b, "![") || md_rich(b, &m->tmp, &blk->text, " ", 0) ||
               dbr_buf_puts(b, angle ? "](<" : "](") || md_escape(b, src, strlen(src), 0) ||
               dbr_buf_puts(b, angle ? ">)" : ")");
    }
    if (!blk->text.count)
        return dbr_buf_puts(b, "<!-- figure -->");
    return dbr_buf_putc(b, '*') || md_rich(b, &m->tmp, &blk->text, " ", 0) ||
           dbr_buf_putc(b, '*');
}

static int md_code_block(md_state *m, const dbr_block *blk, dbr_buf *b)
{
    const char *s = dbr_rich_plain_dup(m->bpool, &blk->text);
    if (!s)
        return -1;
    size_t run = 0, longest = 2;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    for (size_t i = 0; i <= longest; i++)
        if (dbr_buf_putc(b, '`'))
            return -1;
    if (dbr_buf_putc(b, '\n') || dbr_buf_puts(b, s) || (*s && dbr_buf_putc(b, '\n')))
        return -1;
    for (size_t i = 0; i <= longest; i++)
        if (dbr_buf_putc(b, '`'))
            return -1;
    return 0;
}

static int md_boilerplate(md_state *m, const dbr_block *blk, dbr_buf *b)
{
    const char *type = dbr_props_get(&blk->props, "boilerplate");
    const char *s = dbr_rich_plain_dup(m->bpool, &blk->text);
    if (!s)
        return -1;
    return dbr_buf_puts(b, "<!-- boilerplate") ||
           (type && (dbr_buf_puts(b, " (") || md_comment_text(b, type) || dbr_buf_putc(b, ')'))) ||
           dbr_buf_puts(b, ": ") || md_comment_text(b, s) || dbr_buf_puts(b, " -->");
}

static int md_heading(md_state *m, const dbr_block *blk, dbr_buf *b, int level)
{
    if (level < 1)
        level = 1;
    if (level > 6)
        level = 6;
    for (int i = 0; i < level; i++)
        if (dbr_buf_putc(b, '#'))
            return -1;
    if (!blk->text.count)
        return 0;
    return dbr_buf_putc(b, ' ') || md_rich(b, &m->tmp, &blk->text, " ", 0);
}

static int md_render(md_state *m, const dbr_block *blk, dbr_buf *b)
{
    switch (blk->kind) {
    case DBR_BLOCK_TITLE: return md_heading(m, blk, b, 1);
    case DBR_BLOCK_HEADING: return md_heading(m, blk, b, blk->level);
    case DBR_BLOCK_LIST_ITEM: return md_list_item(m, blk, b);
    case DBR_BLOCK_QUOTE:
        return dbr_buf_puts(b, "> ") || md_rich(b, &m->tmp, &blk->text, "\n> ", 1);
    case DBR_BLOCK_TABLE_ROW: return md_table_row(m, blk, b);
    case DBR_BLOCK_FIGURE: return md_figure(m, blk, b);
    case DBR_BLOCK_PAGE_BREAK: return dbr_buf_puts(b, "---");
    case DBR_BLOCK_BOILERPLATE: return md_boilerplate(m, blk, b);
    case DBR_BLOCK_CODE: return md_code_block(m, blk, b);
    case DBR_BLOCK_TOC: return dbr_buf_puts(b, "<!-- toc -->\n") ||
                               md_rich(b, &m->tmp, &blk->text, "\\\n", 1);
    default: return md_rich(b, &m->tmp, &blk->text, "\n", 1); /* paragraph, meta */
    }
}

dbr_status md_block(md_state *m, const dbr_block *blk)
{
    md_units_reset(m);
    dbr_pool_reset(m->bpool);
    if (blk->kind != DBR_BLOCK_LIST_ITEM)
        m->list_depth = 0;
    if (blk->kind != DBR_BLOCK_TABLE_ROW)
        m->table_cols = 0;
    /* List items and table rows of one run stay together; everything else is blank-separated. */
    int tight = (int)blk->kind == m->last_kind &&
                (blk->kind == DBR_BLOCK_LIST_ITEM || blk->kind == DBR_BLOCK_TABLE_ROW);
    dbr_buf *b = &m->scratch;
    dbr_buf_clear(b);
    if (m->any && !tight && dbr_buf_putc(b, '\n'))
        return md_oom(m);
    if (md_render(m, blk, b) || dbr_buf_putc(b, '\n'))
        return md_oom(m);
    m->any = 1;
    m->last_kind = (int)blk->kind;
    return md_write(m, b);
}
