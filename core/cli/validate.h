/* validate.h - what `docbridge validate` (cmd_validate.c) shares with its checkers:
 * validate_json.c (JSON/JSONL against dataset.schema.json) and validate_xml.c (dataset XML
 * against dataset.rng, TMX against its DTD, XLIFF against its XSD). */
#ifndef DOCBRIDGE_CLI_VALIDATE_H
#define DOCBRIDGE_CLI_VALIDATE_H

#include <cjson/cJSON.h>

#include "cli.h"

/* Findings of one file. Each finding is printed as "FILE:LINE:COL: rule: message". */
typedef struct vreport {
    const char *file;
    long errors;      /* findings */
    int broken;       /* could not be checked at all (unreadable, no schema): exit 1 */
} vreport;

#define VALIDATE_MAX_SHOWN 100000

void vreport_error(vreport *r, long line, long col, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void vreport_broken(vreport *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* schema: parsed dataset.schema.json (already checked with js_check_schema). */
void validate_json_dataset(const char *path, const cJSON *schema, vreport *r);
void validate_jsonl(const char *path, const cJSON *schema, vreport *r);

/* Which XML vocabulary a file is, from its root element. */
typedef enum vxml_kind { VXML_DATASET, VXML_TMX, VXML_XLIFF12, VXML_XLIFF20, VXML_OTHER } vxml_kind;
vxml_kind validate_xml_kind(const char *path);
/* dirs: schema directories searched in order (NULL-terminated). */
void validate_xml(const char *path, vxml_kind kind, const char *const *dirs, vreport *r);

/* First "DIR/name" that exists for DIR in dirs and name in names; NULL when none. */
const char *validate_find(const char *const *dirs, const char *const *names, char *buf,
                          size_t cap);

#endif
