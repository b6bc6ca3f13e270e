/* json_model_write.c - model -> dataset JSON (formats/json.md). Absent values (NULL strings,
 * empty lists, zero page/line/level) are left out, so a record only says what is known. */
#include "json_model.h"

#include "docbridge/convert.h"

#include <stdio.h>
#include <string.h>

static const char *const span_kind_names[] = {"text", "open", "close", "placeholder",
                                              "mark_open", "mark_close"};

static void write_props(json_emit *je, const char *key, const dbr_props *props)
{
    if (!props->count)
        return;
    json_emit_key(je, key);
    json_emit_begin_array(je);
    for (size_t i = 0; i < props->count; i++) {
        json_emit_begin_flat_array(je);
        json_emit_string(je, props->items[i].key);
        json_emit_string(je, props->items[i].value);
        json_emit_end_array(je);
    }
    json_emit_end_array(je);
}

static void write_notes(json_emit *je, const dbr_notes *notes)
{
    if (!notes->count)
        return;
    json_emit_key_lit(je, "notes");
    json_emit_begin_array(je);
    for (size_t i = 0; i < notes->count; i++) {
        const dbr_note *n = &notes->items[i];
        json_emit_begin_object(je);
        json_emit_kv_string_lit(je, "text", n->text ? n->text : "");
        json_emit_kv_string_lit(je, "lang", n->lang);
        write_props(je, "props", &n->props);
        json_emit_end_object(je);
    }
    json_emit_end_array(je);
}

static void write_strings(json_emit *je, const char *key, const char *const *s, size_t n)
{
    if (!n)
        return;
    json_emit_key(je, key);
    json_emit_begin_array(je);
    for (size_t i = 0; i < n; i++)
        json_emit_string(je, s[i]);
    json_emit_end_array(je);
}

static void write_code(json_emit *je, const dbr_span *s)
{
    json_emit_begin_object(je);
    unsigned k = (unsigned)s->kind;
    json_emit_kv_string_lit(je, "kind", k < 6 ? span_kind_names[k] : "placeholder");
    json_emit_kv_string_lit(je, "id", s->id);
    json_emit_kv_string_lit(je, "data", s->text);
    json_emit_kv_string_lit(je, "type", s->type);
    json_emit_kv_string_lit(je, "origin", s->origin);
    if (s->flags & (DBR_SPAN_ISOLATED | DBR_SPAN_WELLFORMED)) {
        json_emit_key_lit(je, "flags");
        json_emit_begin_flat_array(je);
        if (s->flags & DBR_SPAN_ISOLATED)
            json_emit_string(je, "isolated");
        if (s->flags & DBR_SPAN_WELLFORMED)
            json_emit_string(je, "wellformed");
        json_emit_end_array(je);
    }
    write_props(je, "attrs", &s->attrs);
    json_emit_end_object(je);
}

/* "text" always (the plain text, codes left out); "spans" only when there are codes: text
 * runs as JSON strings, codes as objects, in order. */
static void write_rich_members(json_emit *je, const dbr_rich *r)
{
    json_emit_key_lit(je, "text");
    json_emit_separate(je);
    /* The text spans escaped one after another make one string: no plain copy is built. */
    json_emit_put(je, "\"", 1);
    int plain = 1;
    for (size_t i = 0; i < r->count; i++) {
        if (r->spans[i].kind != DBR_SPAN_TEXT)
            plain = 0;
        else if (r->spans[i].text && json_escape(je->b, r->spans[i].text) != 0)
            je->oom = 1;
    }
    json_emit_put(je, "\"", 1);
    if (plain)
        return;
    json_emit_key_lit(je, "spans");
    json_emit_begin_array(je);
    for (size_t i = 0; i < r->count; i++) {
        if (r->spans[i].kind == DBR_SPAN_TEXT)
            json_emit_string(je, r->spans[i].text);
        else
            write_code(je, &r->spans[i]);
    }
    json_emit_end_array(je);
}

void json_write_doc_meta(json_emit *je, const dbr_doc *d)
{
    json_emit_kv_string_lit(je, "id", d->id);
    json_emit_kv_string_lit(je, "title", d->title);
    json_emit_kv_string_lit(je, "lang", d->lang);
    write_strings(je, "langs", d->langs, d->nlangs);
    write_strings(je, "authors", d->authors, d->nauthors);
    json_emit_kv_string_lit(je, "date", d->date);
    json_emit_kv_string_lit(je, "publisher", d->publisher);
    json_emit_kv_string_lit(je, "url", d->url);
    json_emit_kv_string_lit(je, "description", d->description);
    write_notes(je, &d->notes);
    write_props(je, "props", &d->props);
}

void json_write_langs(json_emit *je, const dbr_doc *d)
{
    write_strings(je, "langs", d->langs, d->nlangs);
}

void json_write_more_langs(json_emit *je, const dbr_doc *d, size_t from)
{
    if (from < d->nlangs)
        write_strings(je, "more_langs", d->langs + from, d->nlangs - from);
}

void json_write_provenance(json_emit *je, const dbr_provenance *p)
{
    json_emit_key_lit(je, "provenance");
    json_emit_begin_object(je);
    json_emit_kv_string_lit(je, "source_path", p->source_path);
    json_emit_kv_string_lit(je, "member", p->member);
    json_emit_kv_string_lit(je, "format", p->format);
    json_emit_kv_string_lit(je, "encoding", p->encoding);
    json_emit_key_lit(je, "encoding_confidence");
    json_emit_double(je, p->encoding_confidence);
    json_emit_kv_long_lit(je, "byte_size", p->byte_size);
    json_emit_kv_string_lit(je, "sha256", p->sha256);
    json_emit_kv_long_lit(je, "invalid_bytes", p->invalid_bytes);
    json_emit_kv_long_lit(je, "removed_controls", p->removed_controls);
    json_emit_kv_string_lit(je, "converter", p->converter);
    json_emit_kv_string_lit(je, "created", p->created);
    json_emit_end_object(je);
}

void json_write_block(json_emit *je, const dbr_block *b, const char *doc_id)
{
    json_emit_begin_object(je);
    json_emit_kv_string_lit(je, "type", "block");
    json_emit_kv_string_lit(je, "doc", doc_id);
    json_emit_kv_string_lit(je, "id", b->id);
    json_emit_kv_string_lit(je, "kind", dbr_block_kind_name(b->kind));
    if (b->level)
        json_emit_kv_long_lit(je, "level", b->level);
    json_emit_kv_string_lit(je, "lang", b->lang);
    write_rich_members(je, &b->text);
    write_strings(je, "cells", b->cells, b->ncells);
    if (b->page)
        json_emit_kv_long_lit(je, "page", b->page);
    if (b->line)
        json_emit_kv_long_lit(je, "line", b->line);
    write_props(je, "props", &b->props);
    json_emit_end_object(je);
}

static void write_variant(json_emit *je, const dbr_variant *v)
{
    json_emit_begin_object(je);
    json_emit_kv_string_lit(je, "lang", v->lang);
    write_rich_members(je, &v->text);
    if (v->nplurals) {
        json_emit_key_lit(je, "plurals");
        json_emit_begin_array(je);
        for (size_t i = 0; i < v->nplurals; i++) {
            json_emit_begin_object(je);
            write_rich_members(je, &v->plurals[i]);
            json_emit_end_object(je);
        }
        json_emit_end_array(je);
    }
    json_emit_kv_string_lit(je, "state", v->state);
    write_notes(je, &v->notes);
    write_props(je, "props", &v->props);
    json_emit_end_object(je);
}

void json_write_unit(json_emit *je, const dbr_unit *u, const char *doc_id, const char *uid)
{
    json_emit_begin_object(je);
    json_emit_kv_string_lit(je, "type", "unit");
    json_emit_kv_string_lit(je, "doc", doc_id);
    json_emit_kv_string_lit(je, "uid", uid);
    json_emit_kv_string_lit(je, "id", u->id);
    json_emit_key_lit(je, "variants");
    json_emit_begin_array(je);
    for (size_t i = 0; i < u->nvariants; i++)
        write_variant(je, &u->variants[i]);
    json_emit_end_array(je);
    write_notes(je, &u->notes);
    write_props(je, "props", &u->props);
    if (u->has_score) {
        json_emit_key_lit(je, "score");
        json_emit_double(je, u->score);
    }
    json_emit_kv_string_lit(je, "bead", u->bead);
    json_emit_kv_string_lit(je, "origin", u->origin);
    json_emit_end_object(je);
}
