/* html_elements.c - what each HTML element means for the document structure.
 *
 * Elements are looked up by lower-case name (libxml2 lower-cases HTML names). Unknown elements
 * are inline, so text inside custom elements is never lost; only script, style and template
 * content is skipped, because it is not text a reader sees.
 */
#include "html.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct html_elem_info {
    const char *name;
    html_role role;
} html_elem_info;

static const html_elem_info HTML_ELEMS[] = {
    {"address", HTML_ROLE_PARAGRAPH}, {"article", HTML_ROLE_CONTAINER},
    {"aside", HTML_ROLE_CONTAINER},   {"blockquote", HTML_ROLE_QUOTE},
    {"body", HTML_ROLE_BODY},         {"br", HTML_ROLE_BREAK},
    {"caption", HTML_ROLE_CAPTION},   {"center", HTML_ROLE_CONTAINER},
    {"dd", HTML_ROLE_PARAGRAPH},      {"details", HTML_ROLE_CONTAINER},
    {"dialog", HTML_ROLE_CONTAINER},  {"dir", HTML_ROLE_LIST},
    {"div", HTML_ROLE_CONTAINER},     {"dl", HTML_ROLE_CONTAINER},
    {"dt", HTML_ROLE_PARAGRAPH},      {"fieldset", HTML_ROLE_CONTAINER},
    {"figcaption", HTML_ROLE_FIGCAPTION}, {"figure", HTML_ROLE_FIGURE},
    {"footer", HTML_ROLE_CONTAINER},  {"form", HTML_ROLE_CONTAINER},
    {"h1", HTML_ROLE_HEADING},        {"h2", HTML_ROLE_HEADING},
    {"h3", HTML_ROLE_HEADING},        {"h4", HTML_ROLE_HEADING},
    {"h5", HTML_ROLE_HEADING},        {"h6", HTML_ROLE_HEADING},
    {"head", HTML_ROLE_HEAD},         {"header", HTML_ROLE_CONTAINER},
    {"hgroup", HTML_ROLE_CONTAINER},  {"hr", HTML_ROLE_CONTAINER},
    {"html", HTML_ROLE_CONTAINER},    {"img", HTML_ROLE_IMAGE},
    {"legend", HTML_ROLE_PARAGRAPH},  {"li", HTML_ROLE_ITEM},
    {"listing", HTML_ROLE_PRE},       {"main", HTML_ROLE_CONTAINER},
    {"menu", HTML_ROLE_LIST},         {"nav", HTML_ROLE_CONTAINER},
    {"noframes", HTML_ROLE_SKIP},     {"ol", HTML_ROLE_LIST},
    {"p", HTML_ROLE_PARAGRAPH},       {"plaintext", HTML_ROLE_PRE},
    {"pre", HTML_ROLE_PRE},           {"script", HTML_ROLE_SKIP},
    {"section", HTML_ROLE_CONTAINER}, {"style", HTML_ROLE_SKIP},
    {"summary", HTML_ROLE_PARAGRAPH}, {"table", HTML_ROLE_TABLE},
    {"tbody", HTML_ROLE_CONTAINER},   {"td", HTML_ROLE_CELL},
    {"template", HTML_ROLE_SKIP},     {"tfoot", HTML_ROLE_CONTAINER},
    {"th", HTML_ROLE_CELL},           {"thead", HTML_ROLE_CONTAINER},
    {"title", HTML_ROLE_TITLE},       {"tr", HTML_ROLE_ROW},
    {"ul", HTML_ROLE_LIST},           {"xmp", HTML_ROLE_PRE},
};

html_role html_role_of(const char *name, int *level)
{
    *level = 0;
    size_t lo = 0, hi = sizeof HTML_ELEMS / sizeof HTML_ELEMS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcasecmp(name, HTML_ELEMS[mid].name);
        if (c == 0) {
            if (HTML_ELEMS[mid].role == HTML_ROLE_HEADING)
                *level = name[1] - '0';
            return HTML_ELEMS[mid].role;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return HTML_ROLE_INLINE;
}

const char *html_attr(const char *const *atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (strcasecmp(atts[i], name) == 0)
            return atts[i + 1] ? atts[i + 1] : "";
    return NULL;
}

static int html_contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; hay && *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

int html_is_breadcrumb(const char *const *atts)
{
    static const char *const keys[] = {"class", "id", "aria-label", NULL};
    /* "crumb" also catches class="crumbs" and id="crumbtrail" */
    for (size_t i = 0; keys[i]; i++)
        if (html_contains_ci(html_attr(atts, keys[i]), "crumb"))
            return 1;
    /* schema.org markup: itemtype=".../BreadcrumbList" */
    return html_contains_ci(html_attr(atts, "itemtype"), "breadcrumb");
}

/* The boilerplate kind an element starts, or NULL. header/footer are page banners only when
 * not inside article/main/section (HTML's own rule for the banner/contentinfo landmarks). */
const char *html_boiler_kind(const char *name, const char *const *atts, int in_sectioning)
{
    if (html_is_breadcrumb(atts))
        return "breadcrumb";
    const char *role = html_attr(atts, "role");
    if (role && strcasecmp(role, "navigation") == 0)
        return "navigation";
    if (role && strcasecmp(role, "banner") == 0)
        return "header";
    if (role && strcasecmp(role, "contentinfo") == 0)
        return "footer";
    if (role && strcasecmp(role, "complementary") == 0)
        return "aside";
    if (strcasecmp(name, "nav") == 0)
        return "navigation";
    if (strcasecmp(name, "aside") == 0)
        return "aside";
    if (strcasecmp(name, "noscript") == 0)
        return "noscript";
    if (!in_sectioning && strcasecmp(name, "header") == 0)
        return "header";
    if (!in_sectioning && strcasecmp(name, "footer") == 0)
        return "footer";
    return NULL;
}

static void html_roman(long n, int upper, char *out, size_t cap)
{
    static const struct { long v; const char *s; } R[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof R / sizeof R[0] && n > 0 && n < 4000; i++)
        while (n >= R[i].v && len + 3 < cap) {
            for (const char *s = R[i].s; *s; s++)
                out[len++] = upper ? (char)(*s - 32) : *s;
            n -= R[i].v;
        }
    out[len] = '\0';
}

/* The marker a browser shows for item n of a list: "•" for ul, "3.", "c.", "iv." for ol. */
void html_list_marker(const html_elem *list, long n, char *out, size_t cap)
{
    if (!list || !list->ordered) {
        snprintf(out, cap, "\xE2\x80\xA2"); /* U+2022 BULLET */
        return;
    }
    char num[20];
    switch (list->list_type) {
    case 'a':
    case 'A':
        if (n >= 1 && n <= 26)
            snprintf(num, sizeof num, "%c", (char)(list->list_type + n - 1));
        else
            snprintf(num, sizeof num, "%ld", n);
        break;
    case 'i':
    case 'I':
        html_roman(n, list->list_type == 'I', num, sizeof num);
        break;
    default:
        snprintf(num, sizeof num, "%ld", n);
    }
    snprintf(out, cap, "%s.", num);
}
