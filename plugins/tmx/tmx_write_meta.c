/* tmx_write_meta.c - the TMX writer's metadata elements: layout whitespace, "tmx:" properties
 * as attributes, notes (and their properties as x-docbridge-note props), props with their
 * qualifiers, and ude/map, all from the model's notes and properties (formats/tmx.md). */
#include "tmx.h"

#include <stdio.h>
#include <string.h>

/* Newline and indentation between structural elements; never inside seg, note or prop,
 * whose text is data. */
int tmx_indent(tmx_writer *wr, int level)
{
    static const char spaces[] = "\n              ";
    int n = 1 + 2 * level;
    if (n > (int)sizeof spaces - 1)
        n = (int)sizeof spaces - 1;
    return xmlTextWriterWriteRawLen(wr->w, BAD_CAST spaces, n);
}

static int tmx_in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (!strcmp(name, list[i]))
            return 1;
    return 0;
}

/* Every "tmx:ATTR" property as attribute ATTR, in order, except those in `skip`. */
int tmx_attr_props(tmx_writer *wr, const dbr_props *props, const char *const *skip)
{
    for (size_t i = 0; i < props->count; i++) {
        const char *key = props->items[i].key;
        if (!tmx_key_is_attr(key))
            continue;
        const char *name = key + strlen(TMX_KEY_PREFIX);
        if (tmx_in_list(name, skip) || xmlValidateName(BAD_CAST name, 0) != 0)
            continue;
        if (tmx_write_attr(wr, name, props->items[i].value) < 0)
            return -1;
    }
    return 0;
}

int tmx_text_element(tmx_writer *wr, int level, const char *elem, const char *type,
                            const char *text)
{
    if (tmx_indent(wr, level) < 0 || xmlTextWriterStartElement(wr->w, BAD_CAST elem) < 0 ||
        tmx_write_attr(wr, "type", type) < 0 ||
        (text && *text && tmx_write_text(wr, text, 0) < 0))
        return -1;
    return xmlTextWriterEndElement(wr->w);
}

/* Note properties TMX has no attribute for (PO's from=developer) as props naming the note. */
static int tmx_note_props(tmx_writer *wr, int level, const dbr_notes *notes)
{
    for (size_t i = 0; i < notes->count; i++) {
        const dbr_props *p = &notes->items[i].props;
        for (size_t k = 0; k < p->count; k++) {
            if (tmx_starts(p->items[k].key, TMX_KEY_PREFIX))
                continue;
            const char *type = dbr_pool_printf(wr->scratch, "%s%zu.%s", TMX_X_NOTE_PROP, i,
                                               p->items[k].key);
            if (!type || tmx_text_element(wr, level, "prop", type, p->items[k].value) < 0)
                return -1;
        }
    }
    return 0;
}

int tmx_notes(tmx_writer *wr, int level, const dbr_notes *notes)
{
    for (size_t i = 0; i < notes->count; i++) {
        const dbr_note *n = &notes->items[i];
        if (tmx_indent(wr, level) < 0 || xmlTextWriterStartElement(wr->w, BAD_CAST "note") < 0 ||
            tmx_write_attr(wr, "xml:lang", n->lang) < 0 || tmx_attr_props(wr, &n->props, NULL) < 0 ||
            (n->text && *n->text && tmx_write_text(wr, n->text, 0) < 0) ||
            xmlTextWriterEndElement(wr->w) < 0)
            return -1;
    }
    return tmx_note_props(wr, level, notes);
}

/* Every property that is a prop (not a tmx: attribute) as <prop type=KEY>, with the
 * "tmx:prop.ATTR" qualifiers that follow it as its attributes. */
int tmx_props(tmx_writer *wr, int level, const dbr_props *props)
{
    for (size_t i = 0; i < props->count; i++) {
        const char *type = tmx_key_prop_type(props->items[i].key);
        if (!type)
            continue;
        if (tmx_indent(wr, level) < 0 || xmlTextWriterStartElement(wr->w, BAD_CAST "prop") < 0 ||
            tmx_write_attr(wr, "type", type) < 0)
            return -1;
        const char *text = props->items[i].value;
        for (; i + 1 < props->count && tmx_starts(props->items[i + 1].key, TMX_KEY_PROP_QUAL);
             i++) {
            const char *name = props->items[i + 1].key + strlen(TMX_KEY_PROP_QUAL);
            if (xmlValidateName(BAD_CAST name, 0) == 0 &&
                tmx_write_attr(wr, name, props->items[i + 1].value) < 0)
                return -1;
        }
        if ((*text && tmx_write_text(wr, text, 0) < 0) ||
            xmlTextWriterEndElement(wr->w) < 0)
            return -1;
    }
    return 0;
}

/* The "tmx:ELEM.ATTR" qualifiers following index i, as attributes. Returns the last index. */
static size_t tmx_qualifiers(tmx_writer *wr, const dbr_props *props, size_t i, const char *elem,
                             int *bad)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%s%s.", TMX_KEY_PREFIX, elem);
    for (; i + 1 < props->count && tmx_starts(props->items[i + 1].key, prefix); i++) {
        const char *name = props->items[i + 1].key + strlen(prefix);
        if (xmlValidateName(BAD_CAST name, 0) == 0 &&
            tmx_write_attr(wr, name, props->items[i + 1].value) < 0)
            *bad = 1;
    }
    return i;
}

int tmx_udes(tmx_writer *wr, const dbr_props *props)
{
    int bad = 0, open = 0;
    for (size_t i = 0; i < props->count && !bad; i++) {
        const char *key = props->items[i].key;
        int is_ude = !strcmp(key, TMX_KEY_UDE);
        if (!is_ude && !(open && !strcmp(key, TMX_KEY_MAP)))
            continue;
        if (is_ude && open && (tmx_indent(wr, 2) < 0 || xmlTextWriterEndElement(wr->w) < 0))
            return -1;
        const char *elem = is_ude ? "ude" : "map";
        if (tmx_indent(wr, is_ude ? 2 : 3) < 0 ||
            xmlTextWriterStartElement(wr->w, BAD_CAST elem) < 0 ||
            tmx_write_attr(wr, is_ude ? "name" : "unicode", props->items[i].value) < 0)
            return -1;
        i = tmx_qualifiers(wr, props, i, elem, &bad);
        if (is_ude)
            open = 1;
        else if (xmlTextWriterEndElement(wr->w) < 0)
            return -1;
    }
    if (open && (tmx_indent(wr, 2) < 0 || xmlTextWriterEndElement(wr->w) < 0))
        return -1;
    return bad ? -1 : 0;
}

