/* html_charset.c - finds the character encoding a page declares in its first bytes.
 *
 * A simplified form of the WHATWG "prescan a byte stream" algorithm: look at <meta charset=X>
 * and <meta http-equiv="Content-Type" content="...; charset=X"> in the first 64 KiB (outside
 * comments), and map the label the way browsers do (latin1 and us-ascii are windows-1252, gb2312
 * and gbk are decoded as GB18030, a superset). The input layer then transcodes with that
 * encoding, so libxml2 is always handed UTF-8 and told to ignore the declaration itself.
 */
#include "html.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct charset_alias {
    const char *label;
    const char *iconv_name;
} charset_alias;

/* Labels whose browser meaning differs from iconv's name for them. */
static const charset_alias HTML_ALIASES[] = {
    {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},  {"l1", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"},   {"ascii", "WINDOWS-1252"},   {"cp1252", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
    {"gb2312", "GB18030"},          {"gbk", "GB18030"},          {"x-gbk", "GB18030"},
    {"gb18030", "GB18030"},         {"cp936", "GB18030"},
    {"big5", "BIG5-HKSCS"},         {"big5-hkscs", "BIG5-HKSCS"},
    {"shift_jis", "CP932"},         {"sjis", "CP932"},           {"x-sjis", "CP932"},
    {"windows-31j", "CP932"},       {"euc-kr", "CP949"},         {"ks_c_5601-1987", "CP949"},
    /* A page that says UTF-16 in a meta tag was read as ASCII to find it: it is not UTF-16. */
    {"utf-16", "UTF-8"},            {"utf-16le", "UTF-8"},       {"utf-16be", "UTF-8"},
    {"utf8", "UTF-8"},              {"utf-8", "UTF-8"},          {"unicode-1-1-utf-8", "UTF-8"},
};

static int html_is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Maps a label to the name handed to iconv (upper-cased label when not in the table). */
static int html_map_label(const char *label, size_t n, char *out, size_t cap)
{
    char buf[48];
    if (n == 0 || n >= sizeof buf || cap == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = label[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == ':';
        if (!ok)
            return 0; /* not a label: ignore rather than hand garbage to iconv */
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof HTML_ALIASES / sizeof HTML_ALIASES[0]; i++)
        if (strcmp(buf, HTML_ALIASES[i].label) == 0) {
            snprintf(out, cap, "%s", HTML_ALIASES[i].iconv_name);
            return 1;
        }
    for (size_t i = 0; i < n; i++)
        buf[i] = (buf[i] >= 'a' && buf[i] <= 'z') ? (char)(buf[i] - 32) : buf[i];
    snprintf(out, cap, "%s", buf);
    return 1;
}

/* Finds "charset" followed by '=' in [p, end) and returns the label (quotes stripped). */
static int html_charset_param(const char *p, const char *end, const char **label, size_t *n)
{
    while (p + 7 <= end) {
        if (strncasecmp(p, "charset", 7) != 0) {
            p++;
            continue;
        }
        p += 7;
        while (p < end && html_is_space((unsigned char)*p))
            p++;
        if (p >= end || *p != '=')
            continue;
        p++;
        while (p < end && html_is_space((unsigned char)*p))
            p++;
        char quote = (p < end && (*p == '"' || *p == '\'')) ? *p++ : 0;
        const char *s = p;
        while (p < end && *p != quote && *p != ';' && *p != '>' && *p != '/' && *p != '"' &&
               *p != '\'' && !(quote == 0 && html_is_space((unsigned char)*p)))
            p++;
        *label = s;
        *n = (size_t)(p - s);
        return *n > 0;
    }
    return 0;
}

/* Looks at one <meta ...> tag (from after "<meta" to its '>'). */
static int html_meta_charset(const char *p, const char *end, char *out, size_t cap)
{
    const char *label;
    size_t n;
    /* Both forms carry the word "charset": the attribute itself or the content parameter. */
    if (!html_charset_param(p, end, &label, &n))
        return 0;
    return html_map_label(label, n, out, cap);
}

int html_sniff_encoding(const uint8_t *head, size_t len, char *out, size_t cap)
{
    const char *p = (const char *)head, *end = p + len;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            return 0;
        p = lt;
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *q = p + 4;
            while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
                q++;
            p = q + 3;
            continue;
        }
        if (end - p >= 6 && strncasecmp(p, "<meta", 5) == 0 &&
            (html_is_space((unsigned char)p[5]) || p[5] == '/')) {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (!gt)
                return 0;
            if (html_meta_charset(p + 5, gt, out, cap))
                return 1;
            p = gt + 1;
            continue;
        }
        /* Once the body starts, a later meta is not a declaration browsers honour. */
        if (end - p >= 5 && strncasecmp(p, "<body", 5) == 0)
            return 0;
        p++;
    }
    return 0;
}
