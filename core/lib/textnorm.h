/* textnorm.h - the core's fold stage (textnorm.c): --normalize nfkc, --fold-width and
 * --fold-quotes applied to the text of events after parsing, so a fold can never produce
 * syntax. Internal to libdocbridge; convert.c puts it between the reader and the rest. */
#ifndef DOCBRIDGE_TEXTNORM_H
#define DOCBRIDGE_TEXTNORM_H

#include "docbridge/io.h"
#include "docbridge/sink.h"

#pragma GCC visibility push(hidden)

typedef struct dbr_textnorm dbr_textnorm;

/* 1 when cfg asks for any fold (then the stage is needed and the input's own, byte-level
 * folds are switched off). */
int dbr_textnorm_wanted(const dbr_input_config *cfg);
/* A stage that folds and forwards to next. err is where failures are reported later too. */
dbr_status dbr_textnorm_new(const dbr_input_config *cfg, dbr_sink *next, dbr_error *err,
                            dbr_textnorm **out);
dbr_sink *dbr_textnorm_sink(dbr_textnorm *t);
void dbr_textnorm_free(dbr_textnorm *t); /* NULL is a no-op */

#pragma GCC visibility pop

#endif
