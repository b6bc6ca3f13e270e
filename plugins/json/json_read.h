/* json_read.h - the `json` plugin's reader entry point (json_read.c). */
#ifndef DOCBRIDGE_JSON_READ_H
#define DOCBRIDGE_JSON_READ_H

#include "docbridge/plugin.h"

dbr_status json_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);

#endif
