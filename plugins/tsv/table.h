/* table.h - the mapping between a table (header row + rows of cells) and translation units,
 * shared by the tsv and csv plugins; each plugin supplies only how a row is split and joined.
 * See formats/tsv.md. */
#ifndef DOCBRIDGE_TABLE_H
#define DOCBRIDGE_TABLE_H

#include "docbridge/placeholder.h"
#include "docbridge/plugin.h"

/* What a header column means. */
typedef enum tab_col_kind {
    TAB_COL_LANG,      /* a language tag: one variant */
    TAB_COL_SOURCE,    /* Translate Toolkit's "source" (language from --source-lang) */
    TAB_COL_TARGET,    /* "target" (--target-lang) */
    TAB_COL_ID,        /* "id" or "context" */
    TAB_COL_NOTE,      /* "note", "notes", "comment", "translator_comments" */
    TAB_COL_DEV_NOTE,  /* "developer_comments" */
    TAB_COL_LOCATION,  /* "location": PO references */
    TAB_COL_FUZZY,     /* "fuzzy": target state */
    TAB_COL_PROP       /* anything else, or "prop:NAME": a unit property */
} tab_col_kind;

typedef struct tab_col {
    tab_col_kind kind;
    const char *name;  /* as in the header */
    const char *key;   /* language tag or property key */
} tab_col;

/* Classifies header names (strings kept in pool). 0 ok, -1 OOM. */
int tab_classify(dbr_pool *pool, const char *const *names, size_t n, const char *src_lang,
                 const char *tgt_lang, tab_col *cols);
/* 1 when name has the shape of a language tag (ll, lll, ll-CC, ll_CC, zh-Hans-CN...). */
int tab_is_lang(const char *name);

/* One row source: the dialect's record splitter. Fills cells (pool strings) and *line (the
 * row's first line); *ncells = 0 and cells NULL at end of input. */
typedef dbr_status (*tab_next_fn)(void *ud, dbr_job *job, dbr_input *in, dbr_pool *pool,
                                  char ***cells, size_t *ncells, long *line);

typedef struct tab_dialect {
    const char *name;       /* "tsv" / "csv", for messages */
    tab_next_fn next;
    /* Appends one row to out (with its line end). */
    int (*put_row)(dbr_buf *out, const char *const *cells, size_t n);
} tab_dialect;

dbr_status tab_read(const tab_dialect *d, void *ud, dbr_job *job, dbr_input *in,
                    dbr_sink *sink);

/* Writer: one state and sink for both dialects; the plugin's open names the dialect. */
typedef struct tab_writer {
    const tab_dialect *d;
    dbr_job *job;
    dbr_output *out;
    dbr_pool *pool;       /* columns, for the whole output */
    dbr_pool *row_pool;   /* one row */
    dbr_buf buf;
    tab_col *cols;
    size_t ncols;
    unsigned ph_flags;
    int header_done;
    int pending;          /* columns wait for the first unit (the document named no languages) */
    const char *doc_lang; /* the pending document's language */
    int warned_plurals, warned_langs, warned_props;
    long replaced;        /* control characters in ids, notes, props written as U+FFFD */
    const char *src_lang, *tgt_lang;
} tab_writer;
dbr_status tab_writer_open(void *state, const tab_dialect *d, dbr_job *job, dbr_output *out);
extern const dbr_sink_ops tab_writer_sink;
dbr_status tab_writer_finish(void *state);
void tab_writer_cleanup(void *state);

extern const dbr_option_spec tab_options[];

/* Probe help: splits the first line of text on sep into at most 64 names; returns how many
 * look like language tags or source/target (0 when none). */
int tab_header_langs(const char *text, size_t len, char sep);

#endif
