/* archive_internal.h - archive inputs (archive.c), used by the pipeline (convert.c). */
#ifndef DOCBRIDGE_ARCHIVE_INTERNAL_H
#define DOCBRIDGE_ARCHIVE_INTERNAL_H

#include "docbridge/plugin.h"

typedef struct dbr_archive dbr_archive;

/* 1 when path is a regular, non-empty file that libarchive reads as a container or as a
 * compressed single file. Never for "-". */
int dbr_archive_detect(const char *path);
/* ratio: max-expansion (0 = default 1000). */
dbr_archive *dbr_archive_open(const char *path, long ratio, dbr_error *err);
void dbr_archive_close(dbr_archive *ar);
/* Next regular member: 1 (name in *member, valid until the next call), 0 at end, -1 on a
 * corrupt archive (job->err filled). Non-regular members are skipped with a warning. */
int dbr_archive_next(dbr_archive *ar, const char **member, dbr_job *job);
/* An input reading the current member. Its name is the archive's path. */
dbr_input *dbr_archive_member_input(dbr_archive *ar, const dbr_input_config *cfg,
                                    dbr_error *err);

#endif
