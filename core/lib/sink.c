/* sink.c - null-safe event dispatch, so readers need not check which callbacks exist. */
#include "docbridge/sink.h"

static dbr_status fold(dbr_status s) { return s == DBR_WARN ? DBR_OK : s; }

static int has(const dbr_sink *s) { return s && s->ops; }

dbr_status dbr_sink_begin_dataset(dbr_sink *s)
{
    return has(s) && s->ops->begin_dataset ? fold(s->ops->begin_dataset(s->self)) : DBR_OK;
}

dbr_status dbr_sink_begin_document(dbr_sink *s, const dbr_doc *d)
{
    return has(s) && s->ops->begin_document ? fold(s->ops->begin_document(s->self, d)) : DBR_OK;
}

dbr_status dbr_sink_block(dbr_sink *s, const dbr_block *b)
{
    return has(s) && s->ops->block ? fold(s->ops->block(s->self, b)) : DBR_OK;
}

dbr_status dbr_sink_unit(dbr_sink *s, const dbr_unit *u)
{
    return has(s) && s->ops->unit ? fold(s->ops->unit(s->self, u)) : DBR_OK;
}

dbr_status dbr_sink_end_document(dbr_sink *s, const dbr_doc *d)
{
    return has(s) && s->ops->end_document ? fold(s->ops->end_document(s->self, d)) : DBR_OK;
}

dbr_status dbr_sink_end_dataset(dbr_sink *s)
{
    return has(s) && s->ops->end_dataset ? fold(s->ops->end_dataset(s->self)) : DBR_OK;
}
