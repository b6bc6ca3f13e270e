/* json_write.h - the `json` plugin's writer (json_write.c). State is one pointer. */
#ifndef DOCBRIDGE_JSON_WRITE_H
#define DOCBRIDGE_JSON_WRITE_H

#include "docbridge/plugin.h"

dbr_status json_writer_open(void *state, dbr_job *job, dbr_output *out);
void json_writer_cleanup(void *state);
extern const dbr_sink_ops json_sink_ops;

#endif
