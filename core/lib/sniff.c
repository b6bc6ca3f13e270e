/* sniff.c - the encoding a format declares in its first bytes: the XML declaration (in every
 * form of XML 1.0 Appendix F, including BOM-less UTF-16/32), HTML's <meta charset> and
 * http-equiv Content-Type (the WHATWG prescan, simplified), and the PO header's Content-Type.
 * Readers point their sniff_encoding hook at these; the names returned are canonical. */
#include "input_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define DECL_MAX 512

/* The head's first characters as ASCII, taking one byte of each w-byte unit (the low byte at
 * `low`). Stops at a unit that is not ASCII. Returns the length. */
static size_t narrow_ascii(const uint8_t *p, size_t n, size_t w, size_t low, char *out,
                           size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i + w <= n && k + 1 < cap; i += w) {
        for (size_t j = 0; j < w; j++)
            if (j != low && p[i + j] != 0)
                goto done;
        if (p[i + low] == 0 || p[i + low] >= 0x80)
            break;
        out[k++] = (char)p[i + low];
    }
done:
    out[k] = '\0';
    return k;
}

/* Case-insensitive (ASCII) strstr; the C library's strcasestr is a GNU extension. */
static const char *ci_find(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return hay;
    return NULL;
}

static int is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The encoding pseudo-attribute of "<?xml ... ?>" at the start of decl, into out. */
static int xml_decl_encoding(const char *decl, char *out, size_t cap)
{
    if (strncmp(decl, "<?xml", 5) != 0 || !is_xml_space(decl[5]))
        return 0;
    const char *end = strstr(decl, "?>");
    const char *p = decl + 5;
    while ((p = strstr(p, "encoding")) != NULL && (!end || p < end)) {
        const char *q = p + 8;
        if (!is_xml_space(p[-1])) {
            p = q;
            continue;
        }
        while (is_xml_space(*q))
            q++;
        if (*q++ != '=')
            return 0;
        while (is_xml_space(*q))
            q++;
        char quote = *q++;
        if (quote != '"' && quote != '\'')
            return 0;
        const char *close = strchr(q, quote);
        if (!close || (size_t)(close - q) >= INPUT_ENC_MAX)
            return 0;
        char raw[INPUT_ENC_MAX];
        memcpy(raw, q, (size_t)(close - q));
        raw[close - q] = '\0';
        input_canonical_encoding(raw, out, cap);
        return out[0] != '\0';
    }
    return 0;
}

static int is_wide_name(const char *enc, const char *family)
{
    return strncmp(enc, family, strlen(family)) == 0;
}

int dbr_sniff_xml_encoding(const uint8_t *head, size_t len, char *out, size_t cap)
{
    if (!head || !out || cap == 0)
        return 0;
    const input_bom *bom = input_find_bom(head, len);
    if (bom && !strcmp(bom->name, "UTF-8")) { /* a UTF-8 BOM, then an ASCII declaration */
        head += bom->len;
        len -= bom->len;
        bom = NULL;
    }
    /* XML 1.0 Appendix F: the first four bytes of "<?xm" tell the code unit shape. */
    static const struct {
        uint8_t sig[4];
        size_t w, low;
        const char *name;
    } SHAPES[] = {
        {{0x00, 0x00, 0x00, 0x3C}, 4, 3, "UTF-32BE"}, {{0x3C, 0x00, 0x00, 0x00}, 4, 0, "UTF-32LE"},
        {{0x00, 0x3C, 0x00, 0x3F}, 2, 1, "UTF-16BE"}, {{0x3C, 0x00, 0x3F, 0x00}, 2, 0, "UTF-16LE"},
        {{0x3C, 0x3F, 0x78, 0x6D}, 1, 0, NULL},
    };
    size_t skip = bom ? bom->len : 0;
    char decl[DECL_MAX], enc[INPUT_ENC_MAX];
    for (size_t i = 0; i < sizeof SHAPES / sizeof SHAPES[0]; i++) {
        if (len < skip + 4 || memcmp(head + skip, SHAPES[i].sig, 4) != 0)
            continue;
        narrow_ascii(head + skip, len - skip, SHAPES[i].w, SHAPES[i].low, decl, sizeof decl);
        int found = xml_decl_encoding(decl, enc, sizeof enc);
        if (SHAPES[i].name) {
            /* The bytes say UTF-16/32 and which end first; a declaration can only agree. */
            snprintf(out, cap, "%s", SHAPES[i].name);
            return 1;
        }
        /* An ASCII-compatible file cannot be UTF-16/32 whatever it says (XML 4.3.3). */
        if (!found || is_wide_name(enc, "UTF-16") || is_wide_name(enc, "UTF-32"))
            return 0;
        snprintf(out, cap, "%s", enc);
        return 1;
    }
    return 0;
}

/* ---------- HTML ---------- */

#define HTML_SCAN_MAX 8192 /* the WHATWG prescan looks at 1024 bytes; real pages run longer */

static int html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Reads one attribute at *pp (WHATWG "get an attribute", simplified): name lower-cased,
 * value unquoted. Returns 0 at the end of the tag. */
static int html_attr(const char **pp, const char *end, char *name, size_t ncap, char *val,
                     size_t vcap)
{
    const char *p = *pp;
    while (p < end && (html_space(*p) || *p == '/'))
        p++;
    if (p >= end || *p == '>')
        return 0;
    size_t k = 0;
    while (p < end && !html_space(*p) && *p != '=' && *p != '>' && *p != '/') {
        if (k + 1 < ncap)
            name[k++] = (char)tolower((unsigned char)*p);
        p++;
    }
    name[k] = '\0';
    k = 0;
    while (p < end && html_space(*p))
        p++;
    if (p < end && *p == '=') {
        p++;
        while (p < end && html_space(*p))
            p++;
        char quote = (p < end && (*p == '"' || *p == '\'')) ? *p++ : 0;
        while (p < end && (quote ? *p != quote : (!html_space(*p) && *p != '>'))) {
            if (k + 1 < vcap)
                val[k++] = *p;
            p++;
        }
        if (quote && p < end)
            p++;
    }
    val[k] = '\0';
    *pp = p;
    return 1;
}

/* "text/html; charset=gb2312" -> "gb2312" (WHATWG "extract a character encoding from a meta
 * element"). */
static int charset_from_content(const char *content, char *out, size_t cap)
{
    for (const char *p = content; (p = ci_find(p, "charset")) != NULL; p += 7) {
        const char *q = p + 7;
        while (html_space(*q))
            q++;
        if (*q != '=')
            continue;
        q++;
        while (html_space(*q))
            q++;
        char quote = (*q == '"' || *q == '\'') ? *q++ : 0;
        size_t k = 0;
        while (*q && (quote ? *q != quote : (!html_space(*q) && *q != ';')) && k + 1 < cap)
            out[k++] = *q++;
        out[k] = '\0';
        return k > 0;
    }
    return 0;
}

/* WHATWG maps some labels to another decoder: what the label's users actually mean. */
static void html_label_to_encoding(const char *label, char *out, size_t cap)
{
    input_canonical_encoding(label, out, cap);
    if (is_wide_name(out, "UTF-16") || is_wide_name(out, "UTF-32"))
        snprintf(out, cap, "UTF-8"); /* readable as ASCII, so not UTF-16 */
    else if (!strcmp(out, "ISO-8859-1") || !strcmp(out, "US-ASCII") ||
             !strcmp(out, "X-USER-DEFINED"))
        snprintf(out, cap, "WINDOWS-1252");
    else if (!strcmp(out, "GB2312"))
        snprintf(out, cap, "GBK");
}

/* The charset a <meta> tag at p (just after "<meta") names, if any. */
static int html_meta(const char **pp, const char *end, char *out, size_t cap)
{
    char name[32], val[256], charset[INPUT_ENC_MAX] = "", content[256] = "";
    int http_equiv_ct = 0;
    while (html_attr(pp, end, name, sizeof name, val, sizeof val)) {
        if (!strcmp(name, "charset") && !charset[0])
            snprintf(charset, sizeof charset, "%.*s", (int)sizeof charset - 1, val);
        else if (!strcmp(name, "http-equiv") && !strcasecmp(val, "content-type"))
            http_equiv_ct = 1;
        else if (!strcmp(name, "content") && !content[0])
            snprintf(content, sizeof content, "%s", val);
    }
    if (!charset[0] && http_equiv_ct)
        charset_from_content(content, charset, sizeof charset);
    if (!charset[0])
        return 0;
    html_label_to_encoding(charset, out, cap);
    return out[0] != '\0';
}

int dbr_sniff_html_charset(const uint8_t *head, size_t len, char *out, size_t cap)
{
    if (!head || !out || cap == 0)
        return 0;
    const char *p = (const char *)head;
    const char *end = p + (len < HTML_SCAN_MAX ? len : HTML_SCAN_MAX);
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            break;
        p = lt;
        size_t left = (size_t)(end - p);
        if (left >= 4 && !memcmp(p, "<!--", 4)) {
            const char *close = NULL;
            for (const char *q = p + 4; q + 3 <= end; q++)
                if (!memcmp(q, "-->", 3)) {
                    close = q;
                    break;
                }
            if (!close)
                break;
            p = close + 3;
        } else if (left >= 6 && !strncasecmp(p, "<meta", 5) &&
                   (html_space(p[5]) || p[5] == '/')) {
            p += 5;
            if (html_meta(&p, end, out, cap))
                return 1;
        } else {
            const char *gt = memchr(p + 1, '>', (size_t)(end - p - 1));
            if (!gt)
                break;
            p = gt + 1;
        }
    }
    return 0;
}

/* ---------- PO ---------- */

int dbr_sniff_po_charset(const uint8_t *head, size_t len, char *out, size_t cap)
{
    if (!head || !out || cap == 0)
        return 0;
    /* The header entry's "Content-Type: text/plain; charset=X\n" line. The head is searched
     * as ASCII: PO files are ASCII-compatible. */
    char buf[8192];
    size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = head[i] ? (char)head[i] : ' ';
    buf[n] = '\0';
    const char *ct = ci_find(buf, "Content-Type:");
    if (!ct)
        return 0;
    const char *eol = strstr(ct, "\\n");
    char line[256];
    size_t l = eol ? (size_t)(eol - ct) : strcspn(ct, "\"\n");
    if (l >= sizeof line)
        l = sizeof line - 1;
    memcpy(line, ct, l);
    line[l] = '\0';
    char label[INPUT_ENC_MAX];
    if (!charset_from_content(line, label, sizeof label))
        return 0;
    label[strcspn(label, "\"\\")] = '\0';
    if (!strcasecmp(label, "CHARSET")) /* the template's placeholder: nothing declared */
        return 0;
    input_canonical_encoding(label, out, cap);
    return out[0] != '\0';
}
