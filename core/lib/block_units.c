/* block_units.c - the core's block adapter: a writer that takes translation units but has no
 * block callback (PO, TSV/CSV, Moses) receives a monolingual document's blocks as one-variant
 * units, instead of silently dropping them. This is what txt2po and Okapi's extraction do: the
 * text becomes source segments to translate.
 *
 * Each block becomes a unit with the block's id, one variant in the block's (or the
 * document's) language holding the block's text, and the block's properties plus its kind and
 * level ("docbridge:kind", "docbridge:level") so nothing about the structure is lost. A table
 * row without text gets its cells joined by tabs. Blocks without any text (page breaks) carry
 * no words and are not turned into empty units.
 */
#include "block_units.h"

#include <stdio.h>
#include <string.h>

static dbr_status bu_begin_document(void *self, const dbr_doc *doc)
{
    block_units *bu = self;
    bu->doc_lang[0] = '\0';
    if (doc->lang)
        snprintf(bu->doc_lang, sizeof bu->doc_lang, "%s", doc->lang);
    return dbr_sink_begin_document(bu->next, doc);
}

static int block_has_text(const dbr_block *b)
{
    for (size_t i = 0; i < b->text.count; i++)
        if (b->text.spans[i].kind != DBR_SPAN_TEXT || b->text.spans[i].text[0])
            return 1;
    for (size_t i = 0; i < b->ncells; i++)
        if (b->cells[i][0])
            return 1;
    return 0;
}

static int cells_as_text(dbr_pool *pool, dbr_rich *text, const dbr_block *b)
{
    for (size_t i = 0; i < b->ncells; i++)
        if ((i && dbr_rich_add_text(pool, text, "\t", 1) != 0) ||
            dbr_rich_add_text(pool, text, b->cells[i], strlen(b->cells[i])) != 0)
            return -1;
    return 0;
}

static dbr_status bu_block(void *self, const dbr_block *b)
{
    block_units *bu = self;
    if (!block_has_text(b))
        return DBR_OK;
    dbr_pool_reset(bu->pool);
    dbr_unit u;
    memset(&u, 0, sizeof u);
    u.id = b->id;
    const char *lang = b->lang ? b->lang : (bu->doc_lang[0] ? bu->doc_lang : NULL);
    dbr_variant *v = dbr_unit_add_variant(bu->pool, &u, lang);
    int bad = !v || dbr_props_clone(bu->pool, &u.props, &b->props) != 0 ||
              dbr_props_add(bu->pool, &u.props, "docbridge:kind", dbr_block_kind_name(b->kind));
    if (!bad && b->level > 0) {
        char level[16];
        snprintf(level, sizeof level, "%d", b->level);
        bad = dbr_props_add(bu->pool, &u.props, "docbridge:level", level) != 0;
    }
    if (!bad)
        bad = b->text.count ? dbr_rich_clone(bu->pool, &v->text, &b->text)
                            : cells_as_text(bu->pool, &v->text, b);
    if (bad)
        return dbr_error_set(bu->err, DBR_FAILED, "out of memory");
    return dbr_sink_unit(bu->next, &u);
}

static dbr_status bu_unit(void *self, const dbr_unit *u)
{
    return dbr_sink_unit(((block_units *)self)->next, u);
}

static dbr_status bu_end_document(void *self, const dbr_doc *doc)
{
    return dbr_sink_end_document(((block_units *)self)->next, doc);
}

static dbr_status bu_begin_dataset(void *self)
{
    return dbr_sink_begin_dataset(((block_units *)self)->next);
}

static dbr_status bu_end_dataset(void *self)
{
    return dbr_sink_end_dataset(((block_units *)self)->next);
}

static const dbr_sink_ops BU_OPS = {bu_begin_dataset, bu_begin_document, bu_block,
                                    bu_unit,          bu_end_document,   bu_end_dataset};

int block_units_needed(const dbr_sink_ops *writer)
{
    return writer && writer->unit && !writer->block;
}

int block_units_init(block_units *bu, dbr_sink *next, dbr_error *err)
{
    memset(bu, 0, sizeof *bu);
    bu->next = next;
    bu->err = err;
    bu->pool = dbr_pool_new();
    bu->sink = (dbr_sink){&BU_OPS, bu};
    return bu->pool ? 0 : -1;
}

void block_units_free(block_units *bu) { dbr_pool_free(bu->pool); }
