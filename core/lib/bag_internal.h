/* bag_internal.h - BagIt packaging (bag.c), used by the pipeline (convert.c). */
#ifndef DOCBRIDGE_BAG_INTERNAL_H
#define DOCBRIDGE_BAG_INTERNAL_H

#include "docbridge/convert.h"

#include <time.h>

/* A working folder beside the bag for the converted files (removed by dbr_bag_cleanup). */
char *dbr_bag_tmpdir(const char *bag_path, dbr_error *err);
/* Writes every file of tmpdir as the payload of a BagIt bag archived at bag_path (format from
 * its extension), atomically. mtime 0 = deterministic entries. */
dbr_status dbr_bag_package(const char *bag_path, const char *tmpdir, time_t mtime,
                           const char *converter, dbr_error *err);
void dbr_bag_cleanup(char *tmpdir);

#endif
