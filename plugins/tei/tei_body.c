/* tei_body.c - blocks to TEI body structure, streamed into the body spool:
 * heading -> nested <div type="section"><head>; paragraph -> <p>; list_item -> <list><item>
 * (nested by level); table_row -> <table><row><cell>; quote -> <quote>; figure ->
 * <figure><head>; page_break -> <pb n="..."/>; boilerplate -> <fw type="boilerplate">;
 * code -> <eg>; toc -> <list type="toc">, one <item> a line; title -> <p rend="title">;
 * meta -> <p rend="meta">. Inline codes become <anchor/>s (formats/tei.md). */
#include "tei.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void tei_check(tei_writer *t, int rc)
{
    if (rc < 0 && !t->failed)
        t->failed = 1;
}

/* Text with the characters XML 1.0 cannot carry replaced by U+FFFD (counted as dropped). */
static void tei_text(tei_writer *t, xmlTextWriterPtr w, const char *s)
{
    size_t n = strlen(s);
    char *copy = NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int bad = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
        if (!bad && c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] & 0xFE) == 0xBE)
            bad = 3;
        if (!bad)
            continue;
        if (!copy && !(copy = malloc(n * 3 + 1))) {
            t->failed = 1;
            return;
        }
        t->dropped_meta++;
        (void)bad;
    }
    if (!copy) {
        tei_check(t, xmlTextWriterWriteString(w, BAD_CAST s));
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            memcpy(copy + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                   ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
            memcpy(copy + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += 2;
        } else {
            copy[o++] = (char)c;
        }
    }
    copy[o] = '\0';
    tei_check(t, xmlTextWriterWriteString(w, BAD_CAST copy));
    free(copy);
}

void tei_rich(tei_writer *t, xmlTextWriterPtr w, const dbr_rich *r)
{
    static const char *const kinds[] = {"text", "open", "close", "placeholder", "mark_open",
                                        "mark_close"};
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *s = &r->spans[i];
        if (s->kind == DBR_SPAN_TEXT) {
            tei_text(t, w, s->text ? s->text : "");
            continue;
        }
        /* TEI keeps where a code was, not its native markup. */
        tei_check(t, xmlTextWriterStartElement(w, BAD_CAST "anchor"));
        tei_check(t, xmlTextWriterWriteAttribute(w, BAD_CAST "type",
                                                 BAD_CAST kinds[(unsigned)s->kind % 6]));
        if (s->id)
            tei_check(t, xmlTextWriterWriteAttribute(w, BAD_CAST "n", BAD_CAST s->id));
        tei_check(t, xmlTextWriterEndElement(w));
        if (s->text || s->attrs.count)
            t->dropped_codes++;
    }
}

static void start(tei_writer *t, const char *name)
{
    tei_check(t, xmlTextWriterStartElement(t->body.w, BAD_CAST name));
}

static void end(tei_writer *t) { tei_check(t, xmlTextWriterEndElement(t->body.w)); }

static void attr(tei_writer *t, const char *name, const char *value)
{
    tei_check(t, xmlTextWriterWriteAttribute(t->body.w, BAD_CAST name, BAD_CAST value));
}

/* xml:lang where the block's language differs from the document's. */
static void lang_attr(tei_writer *t, const dbr_block *b)
{
    if (b->lang && (!t->doc_lang || strcasecmp(b->lang, t->doc_lang) != 0))
        attr(t, "xml:lang", b->lang);
}

static void close_lists(tei_writer *t, int keep)
{
    while (t->lists > keep) {
        end(t); /* item */
        end(t); /* list */
        t->lists--;
    }
}

void tei_body_close_groups(tei_writer *t)
{
    close_lists(t, 0);
    if (t->table) {
        end(t);
        t->table = 0;
    }
}

void tei_body_close_all(tei_writer *t)
{
    tei_body_close_groups(t);
    while (t->ndivs > 0) {
        end(t);
        t->ndivs--;
    }
}

static void heading(tei_writer *t, const dbr_block *b)
{
    int level = b->level > 0 ? b->level : 1;
    tei_body_close_groups(t);
    while (t->ndivs > 0 && t->divs[t->ndivs - 1] >= level) {
        end(t);
        t->ndivs--;
    }
    if (t->ndivs == TEI_MAX_NEST) {
        end(t);
        t->ndivs--;
    }
    start(t, "div");
    attr(t, "type", "section");
    t->divs[t->ndivs++] = level;
    start(t, "head");
    lang_attr(t, b);
    tei_rich(t, t->body.w, &b->text);
    end(t);
}

static void list_item(tei_writer *t, const dbr_block *b)
{
    int level = b->level > 0 ? (b->level < TEI_MAX_NEST ? b->level : TEI_MAX_NEST) : 1;
    if (t->table) {
        end(t);
        t->table = 0;
    }
    close_lists(t, level);
    if (t->lists == level)
        end(t); /* the previous item at this level */
    /* Deeper lists open inside the open item; a skipped level gets an empty item to hold
     * the next list, so every open list always has exactly one open item. */
    while (t->lists < level) {
        start(t, "list");
        t->lists++;
        if (t->lists < level)
            start(t, "item");
    }
    start(t, "item");
    lang_attr(t, b);
    tei_rich(t, t->body.w, &b->text);
}

static void table_row(tei_writer *t, const dbr_block *b)
{
    close_lists(t, 0);
    if (!t->table) {
        start(t, "table");
        t->table = 1;
    }
    start(t, "row");
    lang_attr(t, b);
    for (size_t i = 0; i < b->ncells; i++) {
        start(t, "cell");
        tei_text(t, t->body.w, b->cells[i]);
        end(t);
    }
    if (!b->ncells) {
        start(t, "cell");
        tei_rich(t, t->body.w, &b->text);
        end(t);
    }
    end(t);
}

/* An element holding the block's text, after closing any list or table. */
static void simple(tei_writer *t, const dbr_block *b, const char *name, const char *a,
                   const char *v)
{
    tei_body_close_groups(t);
    start(t, name);
    if (a)
        attr(t, a, v);
    lang_attr(t, b);
    tei_rich(t, t->body.w, &b->text);
    end(t);
}

static void toc(tei_writer *t, const dbr_block *b)
{
    tei_body_close_groups(t);
    start(t, "list");
    attr(t, "type", "toc");
    lang_attr(t, b);
    dbr_buf plain = DBR_BUF_INIT;
    dbr_rich_plain(&b->text, &plain);
    const char *p = dbr_buf_cstr(&plain);
    do {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, n);
        start(t, "item");
        if (line)
            tei_text(t, t->body.w, line);
        end(t);
        free(line);
        p = nl ? nl + 1 : NULL;
    } while (p && *p);
    dbr_buf_free(&plain);
    end(t);
}

void tei_body_block(tei_writer *t, const dbr_block *b)
{
    char num[32];
    if (b->props.count)
        t->dropped_meta += b->props.count;
    switch (b->kind) {
    case DBR_BLOCK_HEADING: heading(t, b); break;
    case DBR_BLOCK_LIST_ITEM: list_item(t, b); break;
    case DBR_BLOCK_TABLE_ROW: table_row(t, b); break;
    case DBR_BLOCK_QUOTE: simple(t, b, "quote", NULL, NULL); break;
    case DBR_BLOCK_CODE: simple(t, b, "eg", NULL, NULL); break;
    case DBR_BLOCK_TITLE: simple(t, b, "p", "rend", "title"); break;
    case DBR_BLOCK_META: simple(t, b, "p", "rend", "meta"); break;
    case DBR_BLOCK_TOC: toc(t, b); break;
    case DBR_BLOCK_FIGURE:
        tei_body_close_groups(t);
        start(t, "figure");
        lang_attr(t, b);
        start(t, "head");
        tei_rich(t, t->body.w, &b->text);
        end(t);
        end(t);
        break;
    case DBR_BLOCK_PAGE_BREAK:
        /* Milestones may stand anywhere, even between list items and table rows. */
        start(t, "pb");
        if (b->page > 0) {
            snprintf(num, sizeof num, "%ld", b->page);
            attr(t, "n", num);
        }
        end(t);
        break;
    case DBR_BLOCK_BOILERPLATE:
        start(t, "fw");
        attr(t, "type", "boilerplate");
        lang_attr(t, b);
        tei_rich(t, t->body.w, &b->text);
        end(t);
        break;
    default: simple(t, b, "p", NULL, NULL); break;
    }
}
