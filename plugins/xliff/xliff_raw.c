/* xliff_raw.c - serialises an element the model does not name (a module or extension element,
 * a 1.2 header child, a group start tag) back into a self-contained XML string.
 *
 * Why self-contained: the string is kept in a property, may travel through JSON and comes back
 * inside another document (perhaps of the other XLIFF version), so every namespace the fragment
 * uses is declared on it. Names arrive from Expat as "URI|local".
 */
#include "xliff.h"

#include <stdio.h>
#include <string.h>

/* A byte no escape applies to, in text or in attributes (checked first, in a tight loop);
 * DEL and C2 (the lead of the C1 controls) are looked at. */
static int xliff_plain_byte(unsigned char c)
{
    return c > '>' ? c != 0x7F && c != 0xC2
                   : (c >= ' ' && c != '&' && c != '<' && c != '>' && c != '"');
}

/* DEL (1) or a C1 control (2) at s[i] of a string of len bytes, else 0. */
static size_t xliff_del_or_c1(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if (c == 0x7F)
        return 1;
    return c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
           (unsigned char)s[i + 1] <= 0x9F ? 2 : 0;
}

/* A character XML 1.0 cannot carry at s[i] (a C0 control but tab, LF and CR; U+FFFE, U+FFFF):
 * its length, else 0. */
static size_t xliff_illegal(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r';
    return c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
                   ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)
               ? 3 : 0;
}

int xliff_escape(dbr_buf *b, const char *s, size_t len, int attr, long *replaced)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        while (i < len && xliff_plain_byte((unsigned char)s[i]))
            i++;
        if (i == len)
            break;
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = attr ? "&quot;" : NULL; break;
        case '\n': rep = attr ? "&#10;" : NULL; break;
        case '\t': rep = attr ? "&#9;" : NULL; break;
        case '\r': rep = "&#13;"; break;
        default: break;
        }
        /* DEL and C1 controls as references: XML allows them, but raw the input layer of
         * whoever reads the file removes them (xml.h); what XML cannot carry at all as U+FFFD,
         * counted for the writer's warning, never raw (the file would not parse) */
        size_t l = rep ? 1 : xliff_del_or_c1(s, i, len);
        char ref[12];
        if (!rep && l) {
            snprintf(ref, sizeof ref, "&#x%02X;", (unsigned)(unsigned char)s[i + l - 1]);
            rep = ref;
        } else if (!rep && (l = xliff_illegal(s, i, len)) != 0) {
            rep = "\xEF\xBF\xBD";
            if (replaced)
                ++*replaced;
        }
        if (!rep)
            continue;
        if (dbr_buf_append(b, s + start, i - start) != 0 || dbr_buf_puts(b, rep) != 0)
            return -1;
        i += l - 1;
        start = i + 1;
    }
    return dbr_buf_append(b, s + start, len - start);
}

void xliff_raw_begin(xliff_raw *r, int omit_root_ns)
{
    dbr_buf_clear(&r->out);
    dbr_buf_clear(&r->nsbuf);
    r->depth = 0;
    r->just_started = 0;
    r->omit_root_ns = omit_root_ns;
}

void xliff_raw_free(xliff_raw *r)
{
    dbr_buf_free(&r->out);
    dbr_buf_free(&r->nsbuf);
}

/* Splits "URI|local" into uri (len) and local. */
static const char *split_name(const char *name, const char **uri, size_t *ulen)
{
    const char *bar = strchr(name, '|');
    *uri = bar ? name : "";
    *ulen = bar ? (size_t)(bar - name) : 0;
    return bar ? bar + 1 : name;
}

static int put_attr(dbr_buf *b, const char *qname_pfx, const char *local, const char *value)
{
    if (dbr_buf_putc(b, ' ') != 0 || (qname_pfx && dbr_buf_puts(b, qname_pfx) != 0) ||
        dbr_buf_puts(b, local) != 0 || dbr_buf_puts(b, "=\"") != 0 ||
        xliff_escape(b, value, strlen(value), 1, NULL) != 0 || dbr_buf_putc(b, '"') != 0)
        return -1;
    return 0;
}

static int put_attrs(dbr_buf *b, const char **attrs)
{
    int nsn = 0;
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *uri;
        size_t ulen;
        const char *local = split_name(attrs[i], &uri, &ulen);
        if (!ulen) {
            if (put_attr(b, NULL, local, attrs[i + 1]) != 0)
                return -1;
        } else if (ulen == strlen(DBR_XML_NS) && strncmp(uri, DBR_XML_NS, ulen) == 0) {
            if (put_attr(b, "xml:", local, attrs[i + 1]) != 0)
                return -1;
        } else {
            char pfx[16];
            nsn++;
            snprintf(pfx, sizeof pfx, "n%d:", nsn);
            if (dbr_buf_printf(b, " xmlns:n%d=\"", nsn) != 0 ||
                xliff_escape(b, uri, ulen, 1, NULL) != 0 || dbr_buf_putc(b, '"') != 0 ||
                put_attr(b, pfx, local, attrs[i + 1]) != 0)
                return -1;
        }
    }
    return 0;
}

int xliff_raw_start(xliff_raw *r, const char *name, const char **attrs)
{
    if (r->depth >= (int)(sizeof r->ns / sizeof r->ns[0]))
        return -1;
    const char *uri;
    size_t ulen;
    const char *local = split_name(name, &uri, &ulen);
    if (dbr_buf_putc(&r->out, '<') != 0 || dbr_buf_puts(&r->out, local) != 0)
        return -1;
    const char *parent = r->depth ? r->ns[r->depth - 1] : NULL;
    int same = parent && strlen(parent) == ulen && strncmp(parent, uri, ulen) == 0;
    int declare = r->depth ? !same : !r->omit_root_ns;
    if (declare && (dbr_buf_puts(&r->out, " xmlns=\"") != 0 ||
                    xliff_escape(&r->out, uri, ulen, 1, NULL) != 0 || dbr_buf_putc(&r->out, '"') != 0))
        return -1;
    if (put_attrs(&r->out, attrs) != 0 || dbr_buf_putc(&r->out, '>') != 0)
        return -1;
    /* Remember this element's namespace (strings are kept NUL-separated in nsbuf; pointers
     * are rebuilt because the buffer may move). */
    size_t off = r->nsbuf.len;
    if (dbr_buf_append(&r->nsbuf, uri, ulen) != 0 || dbr_buf_putc(&r->nsbuf, '\0') != 0)
        return -1;
    size_t o = 0;
    for (int d = 0; d < r->depth; d++) {
        r->ns[d] = r->nsbuf.data + o;
        o += strlen(r->ns[d]) + 1;
    }
    r->ns[r->depth] = r->nsbuf.data + off;
    r->depth++;
    r->just_started = 1;
    return 0;
}

int xliff_raw_end(xliff_raw *r, const char *name)
{
    if (r->depth <= 0)
        return 1;
    const char *uri;
    size_t ulen;
    const char *local = split_name(name, &uri, &ulen);
    int rc;
    if (r->just_started) {
        /* no content: turn "<a ...>" into "<a .../>" */
        r->out.len--;
        rc = dbr_buf_puts(&r->out, "/>");
    } else {
        rc = dbr_buf_puts(&r->out, "</") || dbr_buf_puts(&r->out, local) ||
             dbr_buf_putc(&r->out, '>');
    }
    r->just_started = 0;
    if (rc != 0)
        return -1;
    r->depth--;
    r->nsbuf.len = (size_t)(r->ns[r->depth] - r->nsbuf.data);
    return r->depth == 0;
}

int xliff_raw_text(xliff_raw *r, const char *s, size_t len)
{
    if (len)
        r->just_started = 0;
    return xliff_escape(&r->out, s, len, 0, NULL);
}
