/* jsonschema.h - the subset of JSON Schema (2020-12) that formats/dataset.schema.json uses,
 * so `docbridge validate` needs no Python at run time.
 *
 * Supported keywords: $ref (local "#..." pointers), type, const, enum, properties, required,
 * additionalProperties, items, minItems, maxItems, minimum, maximum, oneOf, anyOf, allOf.
 * Annotations ($schema, $id, $defs, title, description, $comment) are skipped. A schema using
 * any other keyword is refused when loaded, so a rule is never silently ignored.
 * Not thread-safe per object; separate objects are independent. */
#ifndef DOCBRIDGE_CLI_JSONSCHEMA_H
#define DOCBRIDGE_CLI_JSONSCHEMA_H

#include <cjson/cJSON.h>
#include <stddef.h>

typedef struct js_error {
    char path[512];     /* JSON pointer into the instance ("/documents/0/content/3/kind") */
    char rule[256];     /* JSON pointer into the schema of the keyword that failed */
    char message[512];
} js_error;

/* Checks that every keyword in schema is supported; 0 ok, -1 with err->message naming the
 * keyword and err->rule where it is. */
int js_check_schema(const cJSON *schema, js_error *err);

/* Validates instance against the subschema at pointer (e.g. "#/$defs/item" or "#") of root.
 * base_path prefixes reported instance paths. 0 valid, -1 invalid (err filled). */
int js_validate(const cJSON *root, const char *pointer, const cJSON *instance,
                const char *base_path, js_error *err);

#endif
