/* segment.h - sentence segmentation: SRX 2.0 rules (parsed with Expat), matched with ICU
 * regular expressions, applied to the blocks of a document by the "segment" transform. */
#ifndef SEGMENT_H
#define SEGMENT_H

#include <stddef.h>

#include "docbridge/plugin.h"

typedef struct seg_rule {
    int brk;              /* 1: break here; 0: an exception (no break) */
    char *before, *after; /* ICU patterns, UTF-8; "" matches everywhere */
    long line;            /* where the rule is in the SRX file, for errors */
} seg_rule;

typedef struct seg_langrule {
    char *name;
    seg_rule *rules;
    size_t n, cap;
} seg_langrule;

typedef struct seg_map {
    char *pattern;        /* ICU pattern matched against the whole language tag */
    char *rulename;
} seg_map;

typedef struct seg_srx {
    int cascade;          /* header cascade="yes": every matching map contributes, in order */
    seg_langrule *langs;
    size_t nlangs, caplangs;
    seg_map *maps;
    size_t nmaps, capmaps;
} seg_srx;

/* Parses an SRX 2.0 file. On failure NULL, and err names the file, line and column. */
seg_srx *seg_srx_load(const char *path, dbr_error *err);
/* Same from memory (name used in errors). */
seg_srx *seg_srx_parse(const char *data, size_t len, const char *name, dbr_error *err);
void seg_srx_free(seg_srx *s);

/* The compiled rules for one language tag. */
typedef struct seg_lang seg_lang;

/* Compiles the rules that apply to lang ("" or NULL = the maps matching "und"). NULL + err on
 * a bad pattern (naming the rule's line). */
seg_lang *seg_lang_compile(const seg_srx *srx, const char *lang, const char *srx_name,
                           dbr_error *err);
void seg_lang_free(seg_lang *l);

/* Break offsets (bytes into text, strictly inside it, each followed and preceded by
 * non-space text) of text. *out is dbr_malloc'd. 0 ok, -1 out of memory. */
int seg_lang_breaks(seg_lang *l, const char *text, size_t len, size_t **out, size_t *n);

/* "zh", "ja" or "en" from the script and a few English words; NULL when unsure. */
const char *seg_guess_lang(const char *text);

#endif
