/* html_meta.c - page metadata: <meta> and <link rel=canonical> into the document.
 *
 * Known names fill the model's fields (author, date, description, url, publisher, language);
 * every og:*, article:*, twitter:* and dc.* value is also kept as a document property under its
 * own name, so nothing the page declares is lost. Values are capped (HTML_META_MAX bytes,
 * HTML_PROPS_MAX properties) so a hostile page cannot grow memory without bound.
 */
#include "html.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const HTML_DATE_NAMES[] = {
    "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
    "article:published_time", "pubdate", "publish-date", "publication_date",
    "citation_publication_date", "citation_date", "og:published_time", "sailthru.date", NULL};
static const char *const HTML_AUTHOR_NAMES[] = {
    "author", "dc.creator", "dcterms.creator", "citation_author", "article:author",
    "byl", NULL};

static int html_in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcasecmp(name, list[i]) == 0)
            return 1;
    return 0;
}

/* A copy of s with surrounding whitespace removed and at most HTML_META_MAX bytes. */
static char *html_meta_dup(html_reader *r, const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n > HTML_META_MAX) {
        n = HTML_META_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* whole characters only */
            n--;
    }
    return dbr_pool_strndup(r->doc_pool, s, n);
}

static void html_add_prop(html_reader *r, const char *key, const char *value)
{
    if (r->nprops >= HTML_PROPS_MAX)
        return;
    char *k = dbr_pool_printf(r->doc_pool, "%.*s", 64, key);
    char *v = html_meta_dup(r, value);
    if (k && v && dbr_props_add(r->doc_pool, &r->doc.props, k, v) == 0)
        r->nprops++;
}

/* Authors: one meta may list several, separated by ';' (citation tools) or " and ". */
static void html_add_authors(html_reader *r, const char *value)
{
    char *v = html_meta_dup(r, value);
    for (char *p = v; p && *p;) {
        char *semi = strchr(p, ';');
        char *and = strstr(p, " and ");
        char *cut = semi && (!and || semi < and) ? semi : and;
        size_t skip = cut == semi ? 1 : 5;
        if (cut)
            *cut = '\0';
        char *a = html_meta_dup(r, p);
        if (a && *a && r->doc.nauthors < 64)
            dbr_doc_add_author(r->doc_pool, &r->doc, a);
        p = cut ? cut + skip : NULL;
    }
}

static void html_set_date(html_reader *r, const char *value, const char *name)
{
    char iso[64];
    if (html_normalise_date(value, iso, sizeof iso)) {
        if (!r->doc.date)
            r->doc.date = dbr_pool_strdup(r->doc_pool, iso);
    } else {
        dbr_job_warn(r->job, 0, 0, "meta %s: cannot read '%.60s' as a date; kept as a property",
                     name, value);
    }
}

static void html_meta_named(html_reader *r, const char *name, const char *content)
{
    if (html_in_list(name, HTML_AUTHOR_NAMES))
        html_add_authors(r, content);
    else if (html_in_list(name, HTML_DATE_NAMES))
        html_set_date(r, content, name);
    if ((strcasecmp(name, "description") == 0 || strcasecmp(name, "og:description") == 0) &&
        !r->doc.description)
        r->doc.description = html_meta_dup(r, content);
    else if (strcasecmp(name, "og:url") == 0 && !r->doc.url)
        r->doc.url = html_meta_dup(r, content);
    else if (strcasecmp(name, "og:site_name") == 0 && !r->doc.publisher)
        r->doc.publisher = html_meta_dup(r, content);
    else if (strcasecmp(name, "og:title") == 0 && !r->doc.title && r->title.len == 0)
        r->doc.title = html_meta_dup(r, content);
    /* Keep what the page said under its own name; fields above are derived views. */
    char key[80];
    snprintf(key, sizeof key, "html:meta:%.60s", name);
    for (char *k = key; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    html_add_prop(r, key, content);
}

void html_meta_element(html_reader *r, const char *const *atts)
{
    const char *content = html_attr(atts, "content");
    const char *name = html_attr(atts, "name");
    if (!name)
        name = html_attr(atts, "property"); /* Open Graph uses property= */
    if (!name)
        name = html_attr(atts, "itemprop");
    const char *equiv = html_attr(atts, "http-equiv");
    if (equiv && content && strcasecmp(equiv, "content-language") == 0 && !r->doc_lang[0])
        snprintf(r->doc_lang, sizeof r->doc_lang, "%.*s", (int)strcspn(content, " ,;"), content);
    if (equiv && content)
        html_meta_named(r, equiv, content);
    else if (name && content && *name)
        html_meta_named(r, name, content);
    else if (html_attr(atts, "charset"))
        html_add_prop(r, "html:charset", html_attr(atts, "charset"));
}

void html_meta_link(html_reader *r, const char *const *atts)
{
    const char *rel = html_attr(atts, "rel");
    const char *href = html_attr(atts, "href");
    if (rel && href && strcasecmp(rel, "canonical") == 0) {
        r->doc.url = html_meta_dup(r, href); /* canonical beats og:url */
        html_add_prop(r, "html:canonical", href);
    }
}

/* ---------------- dates ---------------- */

static const char *const HTML_MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

static int html_month_of(const char *word, size_t n)
{
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(word, HTML_MONTHS[m], 3) == 0)
            return m + 1;
    return 0;
}

static int html_valid_ymd(long y, long m, long d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

/* "2022-06-21", "2022/6/21", "2022.06.21", "2022年6月21日", with an optional ISO time after. */
static int html_date_ymd(const char *s, char *out, size_t cap)
{
    char *e;
    long y = strtol(s, &e, 10);
    if (e - s != 4)
        return 0;
    const char *sep = e;
    if (*sep != '-' && *sep != '/' && *sep != '.' && strncmp(sep, "\xE5\xB9\xB4", 3) != 0)
        return 0;
    const char *p = sep + (*sep == '\xE5' ? 3 : 1);
    long m = strtol(p, &e, 10);
    if (e == p || e - p > 2)
        return 0;
    p = e + (*e == '\xE6' ? 3 : 1); /* 月 or the same separator */
    long d = strtol(p, &e, 10);
    if (e == p || e - p > 2 || !html_valid_ymd(y, m, d))
        return 0;
    if (*e == 'T' && isdigit((unsigned char)e[1])) { /* keep an ISO time as given */
        size_t n = strspn(e, "T0123456789:.+-Z");
        snprintf(out, cap, "%04ld-%02ld-%02ld%.*s", y, m, d, (int)n, e);
    } else {
        snprintf(out, cap, "%04ld-%02ld-%02ld", y, m, d);
    }
    return 1;
}

/* Words and numbers: "Jun 21, 2022", "21 June 2022", "Tue, 21 Jun 2022 10:00:00 GMT",
 * "Published December 6, 2017". Takes the first month name with a day and a year near it. */
static int html_date_words(const char *s, char *out, size_t cap)
{
    long nums[4];
    int nnum = 0, month = 0;
    for (const char *p = s; *p && nnum < 4;) {
        if (isalpha((unsigned char)*p)) {
            const char *w = p;
            while (isalpha((unsigned char)*p))
                p++;
            int m = html_month_of(w, (size_t)(p - w));
            if (m && !month)
                month = m;
        } else if (isdigit((unsigned char)*p)) {
            char *e;
            long v = strtol(p, &e, 10);
            if (*e == ':') /* a time: stop before it */
                break;
            nums[nnum++] = v;
            p = e;
        } else {
            p++;
        }
    }
    if (!month || nnum < 2)
        return 0;
    long day = nums[0], year = nums[1];
    if (day > 31 && nums[1] <= 31) { /* "2022 June 21" */
        year = nums[0];
        day = nums[1];
    }
    if (!html_valid_ymd(year, month, day))
        return 0;
    snprintf(out, cap, "%04ld-%02d-%02ld", year, month, day);
    return 1;
}

int html_normalise_date(const char *in, char *out, size_t cap)
{
    while (*in && !isalnum((unsigned char)*in))
        in++;
    if (html_date_ymd(in, out, cap))
        return 1;
    /* "YYYYMMDD" as some CMSs write it */
    if (strlen(in) >= 8 && strspn(in, "0123456789") == 8) {
        long v = strtol(in, NULL, 10);
        if (html_valid_ymd(v / 10000, (v / 100) % 100, v % 100)) {
            snprintf(out, cap, "%04ld-%02ld-%02ld", v / 10000, (v / 100) % 100, v % 100);
            return 1;
        }
    }
    return html_date_words(in, out, cap);
}
