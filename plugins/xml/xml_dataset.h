/* xml_dataset.h - names shared by the dataset XML reader and writer (formats/xml.md,
 * formats/dataset.rng). */
#ifndef DOCBRIDGE_XML_DATASET_H
#define DOCBRIDGE_XML_DATASET_H

#include "docbridge/xml.h"

/* The namespace carries the major.minor version; a file in another version's namespace is
 * refused by name ("unknown namespace version"), not misread. */
#define XMLDS_NS_PREFIX "urn:docbridge:dataset:"
#define XMLDS_VERSION "1.0"
#define XMLDS_NS XMLDS_NS_PREFIX XMLDS_VERSION

dbr_status xmlds_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);

dbr_status xmlds_writer_open(void *state, dbr_job *job, dbr_output *out);
dbr_status xmlds_writer_finish(void *state);
void xmlds_writer_cleanup(void *state);
extern const dbr_sink_ops xmlds_sink_ops;

/* Span kind names, indexed by dbr_span_kind (TEXT has none). */
extern const char *const xmlds_span_names[6];

/* Shortest decimal that reads back to v ("NaN", "INF", "-INF" for the rest). */
void xmlds_format_double(double v, char *buf, size_t cap);

#endif
