/* blockdump.h - one line per recorded block, for tests that assert a reader's exact block
 * sequence (html, pdf). Header-only so each test executable takes just what it uses.
 *
 * Line format: "kind/level[ marker=M][ bp=B][ lang=L]: text", where text has "\n" shown as
 * "\\n" and table cells joined by " | ".
 */
#ifndef DOCBRIDGE_TEST_BLOCKDUMP_H
#define DOCBRIDGE_TEST_BLOCKDUMP_H

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The dump line of block b, malloc'd. */
static inline char *blockdump_line(const dbr_block *b)
{
    dbr_buf out = DBR_BUF_INIT, text = DBR_BUF_INIT;
    dbr_buf_printf(&out, "%s/%d", dbr_block_kind_name(b->kind), b->level);
    const char *marker = dbr_props_get(&b->props, "marker");
    const char *bp = dbr_props_get(&b->props, "boilerplate");
    if (marker)
        dbr_buf_printf(&out, " marker=%s", marker);
    if (bp)
        dbr_buf_printf(&out, " bp=%s", bp);
    if (b->lang)
        dbr_buf_printf(&out, " lang=%s", b->lang);
    dbr_buf_puts(&out, ": ");
    if (b->ncells) {
        for (size_t i = 0; i < b->ncells; i++)
            dbr_buf_printf(&out, "%s%s", i ? " | " : "", b->cells[i]);
    } else {
        dbr_rich_plain(&b->text, &text);
        for (const char *p = dbr_buf_cstr(&text); *p; p++)
            if (*p == '\n')
                dbr_buf_puts(&out, "\\n");
            else
                dbr_buf_putc(&out, *p);
    }
    char *s = strdup(dbr_buf_cstr(&out));
    dbr_buf_free(&out);
    dbr_buf_free(&text);
    return s;
}

/* Prints every block (for writing expectations) when DUMP_BLOCKS is set. */
static inline void blockdump_print(const rec_sink *r)
{
    if (!getenv("DUMP_BLOCKS"))
        return;
    for (size_t i = 0; i < r->nblocks; i++) {
        char *l = blockdump_line(r->blocks[i]);
        fprintf(stderr, "    \"%s\",\n", l);
        free(l);
    }
}

/* Asserts the recorded blocks are exactly `expected` (n lines), naming the first difference. */
static inline void blockdump_expect(const rec_sink *r, const char *const *expected, size_t n)
{
    blockdump_print(r);
    size_t common = r->nblocks < n ? r->nblocks : n;
    for (size_t i = 0; i < common; i++) {
        char *l = blockdump_line(r->blocks[i]);
        if (strcmp(l, expected[i]) != 0)
            fail_msg("block %zu:\n  got      %s\n  expected %s", i, l, expected[i]);
        free(l);
    }
    if (r->nblocks != n)
        fail_msg("%zu blocks, expected %zu", r->nblocks, n);
}

/* Every whitespace-separated token of `words` must occur in some block's text, cells or list
 * marker (a list item keeps its bullet in prop "marker", not in its text). */
static inline void blockdump_no_word_lost(const rec_sink *r, const char *words)
{
    dbr_buf all = DBR_BUF_INIT;
    for (size_t i = 0; i < r->nblocks; i++) {
        dbr_rich_plain(&r->blocks[i]->text, &all);
        dbr_buf_putc(&all, '\n');
        const char *marker = dbr_props_get(&r->blocks[i]->props, "marker");
        if (marker)
            dbr_buf_printf(&all, "%s\n", marker);
        for (size_t c = 0; c < r->blocks[i]->ncells; c++)
            dbr_buf_printf(&all, "%s\n", r->blocks[i]->cells[c]);
    }
    char *copy = strdup(words);
    for (char *save = NULL, *w = strtok_r(copy, " \t\n", &save); w;
         w = strtok_r(NULL, " \t\n", &save))
        if (!strstr(dbr_buf_cstr(&all), w))
            fail_msg("word lost: '%s'", w);
    free(copy);
    dbr_buf_free(&all);
}

#endif
