/* text_meta.c - metadata lines: dates ("Published Jun 21, 2022") and authors ("by A, B and C").
 *
 * Why whole lines only: a date inside a sentence is content, not the document's date; reports
 * and press releases put their date and by-line on a line of their own near the top. The line
 * stays in the output as a `meta` block (no word is lost); the values go to the document.
 * Dates are normalised to ISO 8601 (YYYY-MM-DD, or YYYY-MM when the day is absent) and checked
 * (no 31 June), so a number that merely looks like a date is not taken.
 */
#include "text_internal.h"

#include <string.h>

static int is_sp(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

static int iprefix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (n > len)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != lit[i])
            return 0;
    return 1;
}

static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};

/* Month from a word ("June", "Jun", "Jun.", "Sept"): 1..12, or 0. */
static int month_of(const char *w, size_t n)
{
    if (n && w[n - 1] == '.')
        n--;
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(MONTHS[m]);
        if (n > full)
            continue;
        size_t i = 0;
        while (i < n && lower(w[i]) == MONTHS[m][i])
            i++;
        if (i == n && (n == 3 || n == full || (m == 8 && n == 4)))
            return m + 1;
    }
    return 0;
}

static int is_weekday(const char *w, size_t n)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"};
    if (n && (w[n - 1] == ',' || w[n - 1] == '.'))
        n--;
    for (int d = 0; d < 7; d++) {
        size_t full = strlen(days[d]), i = 0;
        while (i < n && i < full && lower(w[i]) == days[d][i])
            i++;
        if (i == n && (n == 3 || n == full))
            return 1;
    }
    return 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

static int make_iso(int y, int m, int d, char iso[11])
{
    if (y < 1000 || y > 2999 || m < 1 || m > 12 || (d && (d < 1 || d > days_in(y, m))))
        return 0;
    /* y, m and d are range-checked above; written digit by digit so no format can truncate */
    const int parts[3] = {y, m, d};
    size_t k = 0;
    for (int i = 0; i < (d ? 3 : 2); i++) {
        if (i)
            iso[k++] = '-';
        if (i == 0) {
            iso[k++] = (char)('0' + y / 1000);
            iso[k++] = (char)('0' + y / 100 % 10);
        }
        iso[k++] = (char)('0' + parts[i] / 10 % 10);
        iso[k++] = (char)('0' + parts[i] % 10);
    }
    iso[k] = '\0';
    return 1;
}

/* Splits on spaces and commas into at most 8 words. */
static size_t split_words(const char *s, size_t len, const char *w[8], size_t n[8])
{
    size_t k = 0, i = 0;
    while (i < len && k < 8) {
        while (i < len && (is_sp(s[i]) || s[i] == ','))
            i++;
        size_t start = i;
        while (i < len && !is_sp(s[i]) && s[i] != ',')
            i++;
        if (i > start) {
            w[k] = s + start;
            n[k++] = i - start;
        }
    }
    while (i < len && (is_sp(s[i]) || s[i] == ','))
        i++;
    return i < len ? 9 : k; /* 9: too many words to be a date */
}

/* A number word: "21", "21st", "6th"; returns the value or -1. */
static int number_of(const char *w, size_t n, size_t maxdigits)
{
    size_t i = 0;
    int v = 0;
    while (i < n && is_digit(w[i]) && i < maxdigits)
        v = v * 10 + (w[i++] - '0');
    if (i == 0)
        return -1;
    if (i == n)
        return v;
    if (n - i == 2 && (iprefix(w + i, 2, "st") || iprefix(w + i, 2, "nd") ||
                       iprefix(w + i, 2, "rd") || iprefix(w + i, 2, "th")))
        return v;
    return -1;
}

static int parse_numeric(const char *s, size_t len, char iso[11])
{
    /* 2026-11-22, 2026/11/22, 2026.11.22 */
    if (len != 10 || !(s[4] == '-' || s[4] == '/' || s[4] == '.') || s[7] != s[4])
        return 0;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !is_digit(s[i]))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return make_iso(y, (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'), iso);
}

static int parse_cjk(const char *s, size_t len, char iso[11])
{
    /* 2017年12月6日 */
    int y = 0, m = 0, d = 0;
    size_t i = 0;
    while (i < len && is_digit(s[i]) && i < 4)
        y = y * 10 + (s[i++] - '0');
    if (i != 4 || len - i < 3 || memcmp(s + i, "\xe5\xb9\xb4", 3) != 0)
        return 0;
    i += 3;
    size_t st = i;
    while (i < len && is_digit(s[i]) && i - st < 2)
        m = m * 10 + (s[i++] - '0');
    if (i == st || len - i < 3 || memcmp(s + i, "\xe6\x9c\x88", 3) != 0)
        return 0;
    i += 3;
    st = i;
    while (i < len && is_digit(s[i]) && i - st < 2)
        d = d * 10 + (s[i++] - '0');
    if (i == st || len - i < 3 || memcmp(s + i, "\xe6\x97\xa5", 3) != 0 || i + 3 != len)
        return 0;
    return make_iso(y, m, d, iso);
}

int text_parse_date(const char *s, size_t len, char iso[11])
{
    while (len && (is_sp(s[len - 1]) || s[len - 1] == '.'))
        len--;
    if (parse_numeric(s, len, iso) || parse_cjk(s, len, iso))
        return 1;
    const char *w[8];
    size_t n[8];
    size_t k = split_words(s, len, w, n);
    if (k > 8)
        return 0;
    size_t i = 0;
    if (k && is_weekday(w[0], n[0]))
        i = 1;
    if (k - i == 3) {
        int m = month_of(w[i], n[i]);
        int d = number_of(w[i + 1], n[i + 1], 2);
        int y = number_of(w[i + 2], n[i + 2], 4);
        if (m && d > 0 && n[i + 2] == 4)
            return make_iso(y, m, d, iso); /* June 21, 2022 */
        d = number_of(w[i], n[i], 2);
        m = month_of(w[i + 1], n[i + 1]);
        if (m && d > 0 && n[i + 2] == 4)
            return make_iso(y, m, d, iso); /* 21 June 2022 */
        return 0;
    }
    if (k - i == 2 && i == 0) {
        int m = month_of(w[0], n[0]);
        int y = number_of(w[1], n[1], 4);
        if (m && n[1] == 4)
            return make_iso(y, m, 0, iso); /* June 2022 */
    }
    return 0;
}

int text_date_line(const char *s, size_t len, char iso[11])
{
    static const char *const prefixes[] = {
        "first published on", "first published", "published on", "published", "last updated",
        "updated on", "updated", "release date", "released on", "released", "issued on",
        "issued", "posted on", "posted", "dated", "date",
        "\xe5\x8f\x91\xe5\xb8\x83\xe6\x97\xa5\xe6\x9c\x9f", /* 发布日期 */
        "\xe5\x8f\x91\xe5\xb8\x83\xe6\x97\xb6\xe9\x97\xb4", /* 发布时间 */
        "\xe6\x97\xa5\xe6\x9c\x9f",                         /* 日期 */
        NULL};
    if (len > 80)
        return 0;
    size_t i = 0;
    for (const char *const *p = prefixes; *p; p++)
        if (iprefix(s, len, *p)) {
            size_t n = strlen(*p);
            if (n < len && !(is_sp(s[n]) || s[n] == ':' || (unsigned char)s[n] == 0xEF))
                continue;
            i = n;
            break;
        }
    while (i < len && (is_sp(s[i]) || s[i] == ':'))
        i++;
    if (len - i >= 3 && memcmp(s + i, "\xef\xbc\x9a", 3) == 0) /* full-width colon */
        i += 3;
    while (i < len && is_sp(s[i]))
        i++;
    return i < len && text_parse_date(s + i, len - i, iso);
}

/* ---------- author lines ---------- */

static int is_particle(const char *w, size_t n)
{
    static const char *const particles[] = {"van", "von", "de", "da", "del", "der", "di", "le",
                                            "la", "bin", "al", "du", "dos", "ter", "den", NULL};
    for (const char *const *p = particles; *p; p++)
        if (strlen(*p) == n && memcmp(w, *p, n) == 0)
            return 1;
    return 0;
}

/* One name: 1-5 words, each capitalised (or a particle, or an initial), no digits; or a CJK
 * name of 2-4 characters. */
static int is_name(const char *s, size_t len)
{
    while (len && is_sp(*s)) {
        s++;
        len--;
    }
    while (len && is_sp(s[len - 1]))
        len--;
    if (!len || len > 60)
        return 0;
    if ((unsigned char)s[0] >= 0x80 && text_is_cjk_line(s, len))
        return len >= 6 && len <= 12 && !memchr(s, ' ', len);
    size_t words = 0, i = 0;
    while (i < len) {
        size_t st = i;
        while (i < len && !is_sp(s[i]))
            i++;
        unsigned char c = (unsigned char)s[st];
        if (!(c >= 'A' && c <= 'Z') && !(c >= 0xC0 && c < 0xE0) && !is_particle(s + st, i - st))
            return 0;
        for (size_t j = st; j < i; j++)
            if (is_digit(s[j]))
                return 0;
        words++;
        while (i < len && is_sp(s[i]))
            i++;
    }
    return words >= 1 && words <= 5;
}

/* Separators between names: ", and ", ", ", " and ", " & ", "; ", "、", "，", "和". */
static size_t separator(const char *s, size_t len)
{
    static const char *const seps[] = {", and ", ", ", " and ", " & ", "; ", ";",
                                       "\xe3\x80\x81", "\xef\xbc\x8c", "\xe5\x92\x8c", NULL};
    for (const char *const *p = seps; *p; p++) {
        size_t n = strlen(*p);
        if (n <= len && memcmp(s, *p, n) == 0)
            return n;
    }
    return 0;
}

int text_author_line(const char *s, size_t len,
                     void (*add)(void *ud, const char *name, size_t n), void *ud)
{
    static const char *const prefixes[] = {"by ", "written by ", "authors: ", "author: ",
                                           "authors ", "\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a",
                                           "\xe4\xbd\x9c\xe8\x80\x85:", NULL};
    if (len > 300)
        return 0;
    size_t i = 0;
    for (const char *const *p = prefixes; *p && !i; p++)
        if (iprefix(s, len, *p))
            i = strlen(*p);
    if (!i)
        return 0;
    /* Validate every name first, then report them: a half-matched line is not an author line. */
    for (int pass = 0; pass < 2; pass++) {
        size_t j = i, start = i, names = 0;
        while (j <= len) {
            size_t sep = j < len ? separator(s + j, len - j) : 0;
            if (j == len || sep) {
                if (j > start) {
                    if (!is_name(s + start, j - start))
                        return 0;
                    if (pass == 1 && add) {
                        const char *a = s + start;
                        size_t an = j - start;
                        while (an && is_sp(*a)) {
                            a++;
                            an--;
                        }
                        while (an && is_sp(a[an - 1]))
                            an--;
                        add(ud, a, an);
                    }
                    names++;
                }
                if (j == len)
                    break;
                j += sep;
                start = j;
            } else {
                j++;
            }
        }
        if (!names || names > TX_MAX_AUTHORS)
            return 0;
    }
    return 1;
}
