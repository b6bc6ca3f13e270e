/* lenalign.h - shared types of the length+anchor aligner: sentence features, the banded
 * Gale-Church dynamic programme, and the structure pass (sections, paragraphs, sentences). */
#ifndef LENALIGN_H
#define LENALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "docbridge/plugin.h"

/* Bead types, in the order of the cost tables. */
enum { LA_B11, LA_B10, LA_B01, LA_B21, LA_B12, LA_B22, LA_B13, LA_B31, LA_NBEADS };
extern const int LA_BEAD_DI[LA_NBEADS];
extern const int LA_BEAD_DJ[LA_NBEADS];
extern const char *const LA_BEAD_NAME[LA_NBEADS];

/* One alignable item: a sentence, or a paragraph (the union of its sentences). */
typedef struct la_item {
    double len;           /* length in characters, whitespace left out */
    uint64_t *keys;       /* anchor keys, sorted, unique (names, numbers, urls, dictionary) */
    size_t nkeys;
    uint64_t *hard;       /* the keys whose absence on the other side is evidence (numbers, urls) */
    size_t nhard;
    int heading;          /* a heading or title: aligned only 1-1 or with nothing */
    const char *section;  /* section number a heading starts with ("5.3"), or NULL */
    long para;            /* paragraph id (sentences of one source block share it) */
    const char *text;     /* plain text */
} la_item;

/* Parameters of the length model and the anchor weights. */
typedef struct la_params {
    double ratio;         /* target length per source length, from the document pair */
    double var;           /* variance of the length difference per character */
    double prior[LA_NBEADS];
    double anchor_hit;    /* cost taken off per shared anchor */
    double anchor_miss;   /* cost added per hard anchor without a partner */
    double heading_mix;   /* cost of aligning a heading with a non-heading */
    long band;            /* initial half-width of the search band */
} la_params;

typedef struct la_bead {
    size_t s, t;          /* first source / target item (absolute index) */
    int ns, nt;           /* how many items on each side */
    int type;             /* LA_B11... */
    double score;         /* 0..1 */
} la_bead;

typedef struct la_beads {
    la_bead *v;
    size_t n, cap;
} la_beads;

int la_beads_push(la_beads *b, la_bead bead);
void la_beads_free(la_beads *b);

/* Aligns src[0..ns) with tgt[0..nt); appends beads (indices offset by s_off, t_off).
 * 0 ok, -1 out of memory. */
int la_dp_align(const la_params *p, const la_item *src, size_t ns, const la_item *tgt,
                size_t nt, size_t s_off, size_t t_off, la_beads *out);

/* Cost and score of one candidate bead, shared by the DP and the reporting. */
double la_bead_cost(const la_params *p, const la_item *src, int ns, const la_item *tgt, int nt,
                    int type, double *score);

/* ---- features ---- */
typedef struct la_dict la_dict;
typedef struct la_text la_text;

/* Feature extractor; cjk_src/cjk_tgt tell which script each side is in. NULL on OOM. */
la_text *la_text_new(const la_dict *dict);
void la_text_free(la_text *t);
/* Fills item features from text. cjk: the side is written in Chinese/Japanese; same_script:
 * both sides use the Latin script (cognate keys are then useful). 0 ok, -1 OOM. */
int la_text_features(la_text *t, dbr_pool *pool, const char *text, int cjk, int same_script,
                     int side, la_item *out);
/* 1 when text is mostly CJK (Han, kana). */
int la_text_is_cjk(const char *text);
/* Section number at the start of a heading ("5.3", "第5章" -> "5"), pool string or NULL. */
const char *la_section_number(dbr_pool *pool, const char *text);

/* ---- dictionary (hunalign "A @ B" lines, or "A<TAB>B") ---- */
la_dict *la_dict_load(const char *path, dbr_error *err);
void la_dict_free(la_dict *d);
/* Calls fn for the id of every entry with a phrase found in text. */
void la_dict_match(const la_dict *d, const char *text, int cjk,
                   void (*fn)(void *ud, uint64_t key), void *ud);

uint64_t la_hash(char ns, const char *s, size_t n);
int la_cmp_u64(const void *a, const void *b);

/* ---- one alignment run ---- */
typedef struct la_run {
    dbr_pool *pool;
    la_item *src, *tgt;
    size_t ns, nt;
    la_params params;      /* sentences */
    la_params para_params; /* paragraphs */
    int use_structure;     /* section anchors and paragraphs first */
    la_beads beads;        /* result, in order */
} la_run;

/* Aligns the whole documents: section anchors, paragraphs, sentences. 0 ok, -1 OOM. */
int la_align_structure(la_run *r);

#endif
