/* text_emit.c - blocks out of the reader: language tags, document metadata, and when to send
 * begin_document.
 *
 * Why a look-ahead before begin_document: the title, date and by-line of a report or press
 * release sit in its first lines, but not always in the first block (a breadcrumb, a cover
 * figure or a running header may come first). Writers that put metadata at the top of their
 * output (markdown, JSON's document object) need it at begin_document, so the first
 * TX_LOOKAHEAD_BLOCKS blocks are held (cloned into one pool: bounded) before it is sent.
 * Whatever is learned later (a date on page 3, the majority language of the whole text) goes
 * into the document passed at end_document, which the core's provenance stage forwards and
 * which is the authoritative, complete one. Both together: early metadata where writers need
 * it, complete metadata at the end, memory bounded.
 */
#include "text_internal.h"

#include <string.h>

dbr_status text_emit_init(tx_emit *e, dbr_job *job, dbr_sink *sink, const char *latin)
{
    memset(e, 0, sizeof *e);
    e->job = job;
    e->sink = sink;
    e->latin = latin;
    dbr_doc_init(&e->doc);
    e->block_pool = dbr_pool_new();
    e->queue_pool = dbr_pool_new();
    e->meta_pool = dbr_pool_new();
    e->queue = dbr_calloc(TX_LOOKAHEAD_BLOCKS, sizeof *e->queue);
    if (!e->block_pool || !e->queue_pool || !e->meta_pool || !e->queue)
        return dbr_error_set(job->err, DBR_FAILED, "out of memory");
    return DBR_OK;
}

void text_emit_free(tx_emit *e)
{
    dbr_pool_free(e->block_pool);
    dbr_pool_free(e->queue_pool);
    dbr_pool_free(e->meta_pool);
    dbr_free(e->queue);
    memset(e, 0, sizeof *e);
}

dbr_block *text_emit_new(tx_emit *e, dbr_block_kind kind, int level, long page, long line)
{
    dbr_block *b = dbr_pool_alloc(e->block_pool, sizeof *b);
    if (!b)
        return NULL;
    b->kind = kind;
    b->level = level;
    b->page = page;
    b->line = line;
    return b;
}

int text_emit_set_text(tx_emit *e, dbr_block *b, const char *s, size_t len)
{
    return len ? dbr_rich_add_text(e->block_pool, &b->text, s, len) : 0;
}

int text_emit_prop(tx_emit *e, dbr_block *b, const char *key, const char *value)
{
    return dbr_props_add(e->block_pool, &b->props, key, value);
}

int text_emit_cells(tx_emit *e, dbr_block *b, const char *row, size_t len)
{
    /* cells between unescaped bars; "\|" stays in the cell */
    size_t n = 0;
    for (size_t i = 1; i < len; i++)
        n += row[i] == '|' && row[i - 1] != '\\';
    const char **cells = dbr_pool_alloc(e->block_pool, (n ? n : 1) * sizeof *cells);
    if (!cells)
        return -1;
    size_t k = 0, start = 1;
    for (size_t i = 1; i < len && k < n; i++) {
        if (row[i] != '|' || row[i - 1] == '\\')
            continue;
        size_t a = start, z = i;
        while (a < z && (row[a] == ' ' || row[a] == '\t'))
            a++;
        while (z > a && (row[z - 1] == ' ' || row[z - 1] == '\t'))
            z--;
        if (!(cells[k++] = dbr_pool_strndup(e->block_pool, row + a, z - a)))
            return -1;
        start = i + 1;
    }
    b->cells = cells;
    b->ncells = k;
    return 0;
}

int text_emit_wants_title(const tx_emit *e) { return !e->title_taken && !e->content_seen; }

static void add_author(void *ud, const char *name, size_t n)
{
    tx_emit *e = ud;
    if (e->doc.nauthors >= TX_MAX_AUTHORS)
        return;
    char *copy = dbr_pool_strndup(e->meta_pool, name, n);
    if (copy)
        dbr_doc_add_author(e->meta_pool, &e->doc, copy);
}

/* The majority language of the content so far (letters per script). */
static void settle_langs(tx_emit *e)
{
    int best = -1;
    size_t most = 0;
    for (int i = 0; i < TX_SCRIPT_COUNT; i++)
        if (e->letters[i] > most) {
            most = e->letters[i];
            best = i;
        }
    e->doc.lang = best < 0 ? NULL : text_lang_of_script(best, e->latin);
    if (e->doc.lang)
        dbr_doc_add_lang(e->meta_pool, &e->doc, e->doc.lang);
    for (int i = 0; i < TX_SCRIPT_COUNT; i++)
        if (e->letters[i])
            dbr_doc_add_lang(e->meta_pool, &e->doc, text_lang_of_script(i, e->latin));
}

static int record_metadata(tx_emit *e, dbr_block *b, const char *text, size_t len)
{
    const char *meta = dbr_props_get(&b->props, "meta");
    if ((b->kind == DBR_BLOCK_TITLE || b->kind == DBR_BLOCK_HEADING) && !e->title_taken) {
        e->title_taken = 1;
        if (!(e->doc.title = dbr_pool_strndup(e->meta_pool, text, len)))
            return -1;
    }
    if (meta && strcmp(meta, "date") == 0) {
        char iso[11];
        if (text_date_line(text, len, iso)) {
            if (text_emit_prop(e, b, "date", iso))
                return -1;
            if (!e->doc.date && !(e->doc.date = dbr_pool_strdup(e->meta_pool, iso)))
                return -1;
        }
    } else if (meta && strcmp(meta, "authors") == 0 && e->doc.nauthors == 0) {
        text_author_line(text, len, add_author, e);
    }
    switch (b->kind) {
    case DBR_BLOCK_META:
    case DBR_BLOCK_BOILERPLATE:
    case DBR_BLOCK_PAGE_BREAK:
    case DBR_BLOCK_FIGURE:
    case DBR_BLOCK_TITLE:
        break;
    default:
        e->content_seen = 1;
    }
    return 0;
}

/* begin_document with what is known, then the held blocks. */
static dbr_status start(tx_emit *e)
{
    settle_langs(e);
    e->begun = 1;
    dbr_status st = dbr_sink_begin_document(e->sink, &e->doc);
    for (size_t i = 0; i < e->nqueue && st == DBR_OK; i++)
        st = dbr_sink_block(e->sink, e->queue[i]);
    e->nqueue = 0;
    e->queue_bytes = 0;
    dbr_pool_reset(e->queue_pool);
    return st;
}

dbr_status text_emit_push(tx_emit *e, dbr_block *b)
{
    const char *text = b->text.count ? b->text.spans[0].text : "";
    size_t len = strlen(text);
    if (b->kind != DBR_BLOCK_PAGE_BREAK) {
        /* Furniture does not vote on the document's language, but gets its own tag. */
        size_t *counts = b->kind == DBR_BLOCK_BOILERPLATE ? NULL : e->letters;
        b->lang = text_lang_of(text, len, e->latin, counts);
    }
    if (record_metadata(e, b, text, len))
        return dbr_error_set(e->job->err, DBR_FAILED, "out of memory");
    e->nblocks++;
    dbr_status st = DBR_OK;
    if (!e->begun) {
        dbr_block *copy = dbr_block_clone(e->queue_pool, b);
        if (!copy)
            st = dbr_error_set(e->job->err, DBR_FAILED, "out of memory");
        else
            e->queue[e->nqueue++] = copy;
        e->queue_bytes += len;
        if (st == DBR_OK &&
            (e->nqueue == TX_LOOKAHEAD_BLOCKS || e->queue_bytes > TX_LOOKAHEAD_BYTES))
            st = start(e);
    } else {
        st = dbr_sink_block(e->sink, b);
    }
    dbr_pool_reset(e->block_pool);
    return st;
}

dbr_status text_emit_finish(tx_emit *e)
{
    dbr_status st = e->begun ? DBR_OK : start(e);
    if (st != DBR_OK)
        return st;
    settle_langs(e);
    return dbr_sink_end_document(e->sink, &e->doc);
}
