/* tmx_subxml.c - checks the recorded inner markup of a code with <sub> (span attr "tmx:xml")
 * before the writer copies it into the output.
 *
 * Why check: the attribute may come from anywhere (a JSON file edited by hand), and it is
 * written without re-escaping. It is accepted only when it is well-formed, holds nothing but
 * text and TMX inline elements, and its character data still equals the span's native data;
 * otherwise the writer falls back to the plain native data.
 */
#include "tmx.h"

#include <expat.h>
#include <string.h>

typedef struct subxml_check {
    XML_Parser p;
    dbr_buf flat;
    int depth;
    int bad;
} subxml_check;

static int subxml_allowed(const char *n)
{
    static const char *const names[] = {"sub", "bpt", "ept", "it", "ph", "hi", "ut", NULL};
    for (size_t i = 0; names[i]; i++)
        if (!strcmp(n, names[i]))
            return 1;
    return 0;
}

static void XMLCALL subxml_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    subxml_check *c = ud;
    (void)attrs;
    if (c->depth++ > 0 && !subxml_allowed(name)) {
        c->bad = 1;
        XML_StopParser(c->p, XML_FALSE);
    }
}

static void XMLCALL subxml_end(void *ud, const XML_Char *name)
{
    (void)name;
    ((subxml_check *)ud)->depth--;
}

static void XMLCALL subxml_text(void *ud, const XML_Char *s, int len)
{
    subxml_check *c = ud;
    if (dbr_buf_append(&c->flat, s, (size_t)len))
        c->bad = 1;
}

/* Anything but elements and text (comments, PIs, CDATA) is not code content. */
static void XMLCALL subxml_other(void *ud, const XML_Char *s, int len)
{
    (void)len;
    if (s[0] == '<') {
        subxml_check *c = ud;
        c->bad = 1;
        XML_StopParser(c->p, XML_FALSE);
    }
}

int tmx_subxml_matches(const char *xml, const char *flat)
{
    subxml_check c = {0};
    c.p = XML_ParserCreate("UTF-8");
    if (!c.p)
        return 0;
    XML_SetUserData(c.p, &c);
    XML_SetElementHandler(c.p, subxml_start, subxml_end);
    XML_SetCharacterDataHandler(c.p, subxml_text);
    XML_SetDefaultHandlerExpand(c.p, subxml_other);
    int ok = XML_Parse(c.p, "<c>", 3, 0) == XML_STATUS_OK &&
             XML_Parse(c.p, xml, (int)strlen(xml), 0) == XML_STATUS_OK &&
             XML_Parse(c.p, "</c>", 4, 1) == XML_STATUS_OK && !c.bad &&
             strcmp(dbr_buf_cstr(&c.flat), flat ? flat : "") == 0;
    XML_ParserFree(c.p);
    dbr_buf_free(&c.flat);
    return ok;
}
