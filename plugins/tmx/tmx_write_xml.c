/* tmx_write_xml.c - text and attribute values into the xmlTextWriter.
 *
 * Text is escaped by hand (only &, <, > and CR) because libxml2's text writer also escapes
 * quotes, which makes files differ from what TMX tools write, and writing runs raw is faster.
 * What XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; U+FFFE and U+FFFF), which
 * another format may hold (XLIFF 2 <cp hex="0001"/>, a form feed in a PO string), becomes in a
 * segment a placeholder <ph type="x-docbridge-cp">0001</ph> that the reader turns back into the
 * character; elsewhere (notes, props, attributes) U+FFFD, counted and reported. DEL and the C1
 * controls (U+007F..U+009F) are allowed by XML but removed by every reader's input layer (they
 * are nearly always noise), so in a segment they take the same placeholder and elsewhere a
 * character reference (&#x85;), or they would be lost on the way back.
 */
#include "tmx.h"

#include <stdio.h>
#include <string.h>

/* Length of a character at p that cannot go out as it is (1, 2 or 3 bytes), or 0: one XML 1.0
 * forbids, or DEL or a C1 control (see above). */
static int tmx_forbidden_at(const unsigned char *p)
{
    if ((p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' && p[0] != '\r') || p[0] == 0x7F)
        return 1;
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
        return 3;
    return 0;
}

static unsigned tmx_forbidden_cp(const unsigned char *p, int len)
{
    if (len < 3)
        return p[len - 1]; /* C2 80..9F is U+0080..U+009F */
    return p[2] == 0xBE ? 0xFFFEu : 0xFFFFu;
}

static int tmx_write_cp(tmx_writer *wr, unsigned cp)
{
    char hex[8];
    snprintf(hex, sizeof hex, "%04X", cp);
    if (xmlTextWriterStartElement(wr->w, BAD_CAST "ph") < 0 ||
        xmlTextWriterWriteAttribute(wr->w, BAD_CAST "type", BAD_CAST TMX_CP_TYPE) < 0 ||
        xmlTextWriterWriteRaw(wr->w, BAD_CAST hex) < 0)
        return -1;
    return xmlTextWriterEndElement(wr->w) < 0 ? -1 : 0;
}

/* A byte that goes out as it is: not markup, not a control, not DEL, not the lead byte of a
 * possible C1 control or U+FFFE/U+FFFF (0xC2, 0xEF; most such characters are fine and are let
 * through below). */
static int tmx_text_plain(unsigned char c)
{
    return c > '>' ? (c != 0xEF && c != 0xC2 && c != 0x7F)
                   : (c >= 0x20 && c != '&' && c != '<' && c != '>');
}

int tmx_write_text(tmx_writer *wr, const char *s, int in_seg)
{
    const char *run = s;
    int charref = 0;
    for (const char *p = s;; p++) {
        while (tmx_text_plain((unsigned char)*p)) /* the common case, in a tight loop */
            p++;
        const char *rep;
        int skip = 1;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '\r': rep = "&#13;"; break; /* a raw CR would be read back as LF */
        case '\0': rep = ""; break;
        default:
            if (!(skip = tmx_forbidden_at((const unsigned char *)p)))
                continue;
            charref = !in_seg && dbr_xml_del_or_c1(p);
            rep = in_seg || charref ? "" : "\xEF\xBF\xBD";
            wr->replaced_chars += *rep != '\0';
        }
        if (p > run && xmlTextWriterWriteRawLen(wr->w, BAD_CAST run, (int)(p - run)) < 0)
            return -1;
        if (!*p)
            return 0;
        if (*rep && xmlTextWriterWriteRaw(wr->w, BAD_CAST rep) < 0)
            return -1;
        if (!*rep && (charref ? dbr_xml_write_charref(wr->w, p, (size_t)skip)
                              : tmx_write_cp(wr, tmx_forbidden_cp((const unsigned char *)p, skip))) < 0)
            return -1;
        charref = 0;
        p += skip - 1;
        run = p + 1;
    }
}

/* What XML 1.0 cannot carry at all (tmx_forbidden_at less DEL and the C1 controls, which an
 * attribute keeps as character references). */
static int tmx_illegal_at(const unsigned char *p)
{
    return dbr_xml_del_or_c1((const char *)p) ? 0 : tmx_forbidden_at(p);
}

/* The value with illegal characters replaced (a scratch copy only when needed). */
static const char *tmx_clean_value(tmx_writer *wr, const char *v)
{
    const unsigned char *p = (const unsigned char *)v;
    for (; *p; p++)
        if (tmx_illegal_at(p))
            break;
    if (!*p)
        return v;
    dbr_buf b = DBR_BUF_INIT;
    int bad = 0;
    for (p = (const unsigned char *)v; *p && !bad;) {
        int n = tmx_illegal_at(p);
        if (n) {
            bad = dbr_buf_puts(&b, "\xEF\xBF\xBD");
            wr->replaced_chars++;
            p += n;
        } else {
            bad = dbr_buf_putc(&b, (char)*p++);
        }
    }
    const char *c = b.data && !bad ? dbr_pool_strdup(wr->scratch, b.data) : NULL;
    dbr_buf_free(&b);
    return c;
}

int tmx_write_attr(tmx_writer *wr, const char *name, const char *value)
{
    if (!value)
        return 0;
    const char *v = tmx_clean_value(wr, value);
    if (!v)
        return -1;
    return dbr_xml_write_attribute(wr->w, name, v) < 0 ? -1 : 0;
}
