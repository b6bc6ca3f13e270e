/* md_escape.c - CommonMark escaping and inline codes in a readable form.
 *
 * Why escape only what CommonMark would misread: the output is meant to be read by people as
 * much as rendered. Inline, the characters that start emphasis, links, code or HTML are
 * backslash-escaped; at the start of a line, the characters that would start a heading, quote,
 * list, thematic break or table ("#", ">", "-", "+", "*", "=", "|", "1." "1)") are escaped too.
 * Inline codes keep their native markup inside a code span (`<b>`), or, without one, a short
 * bracketed form ({1} ... {/1}, {2/}) that shows pairing at a glance.
 */
#include "md_internal.h"

#include <string.h>

/* Only what would really open a block: "# " (not "#tag"), "- " / "+ " / "* ", "> ", "1. " and
 * "1) " (not "2.1"), a line of only "-" or "=" (a rule or a setext underline), "~~~", "|". */
static int md_line_start_escape(dbr_buf *b, const char *s, size_t len, size_t *used)
{
    *used = 0;
    if (!len)
        return 0;
    char c = s[0];
    size_t i = 0;
    int esc = 0;
    if (c == '#') {
        while (i < len && s[i] == '#')
            i++;
        esc = i <= 6 && (i == len || s[i] == ' ');
    } else if (c == '-' || c == '+' || c == '*') {
        esc = len == 1 || s[1] == ' ';
        if (!esc && c != '+') {
            while (i < len && (s[i] == c || s[i] == ' '))
                i++;
            esc = i == len; /* "---", "* * *" */
        }
    } else if (c == '=') {
        while (i < len && s[i] == '=')
            i++;
        esc = i == len;
    } else if (c == '>' || c == '|') {
        esc = 1;
    } else if (c == '~') {
        esc = len >= 3 && s[1] == '~' && s[2] == '~';
    }
    if (esc) {
        *used = 1;
        return dbr_buf_putc(b, '\\') || dbr_buf_putc(b, c);
    }
    /* "1." or "1)" then a space or the end would open an ordered list */
    i = 0;
    while (i < len && i < 9 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i && i < len && (s[i] == '.' || s[i] == ')') && (i + 1 == len || s[i + 1] == ' ')) {
        *used = i + 1;
        return dbr_buf_append(b, s, i) || dbr_buf_putc(b, '\\') || dbr_buf_putc(b, s[i]);
    }
    return 0;
}

int md_escape(dbr_buf *b, const char *s, size_t len, int line_start)
{
    size_t i = 0;
    int at_start = line_start;
    while (i < len) {
        if (at_start) {
            while (i < len && (s[i] == ' ' || s[i] == '\t'))
                i++; /* leading spaces would make an indented code block */
            size_t used;
            if (md_line_start_escape(b, s + i, len - i, &used))
                return -1;
            i += used;
            at_start = 0;
            continue;
        }
        /* the common case: a run of characters that need nothing, appended at once */
        size_t run = i;
        while (run < len && !strchr("\\`*_[]<>&\n", s[run]))
            run++;
        if (run > i) {
            if (dbr_buf_append(b, s + i, run - i))
                return -1;
            i = run;
            continue;
        }
        char c = s[i++];
        int r = 0;
        switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
            r = dbr_buf_putc(b, '\\') || dbr_buf_putc(b, c);
            break;
        case '&': /* only where it could start an entity reference ("&amp;", "&#38;") */
            r = ((i < len && (s[i] == '#' || (s[i] >= 'a' && s[i] <= 'z') ||
                              (s[i] >= 'A' && s[i] <= 'Z'))) && dbr_buf_putc(b, '\\')) ||
                dbr_buf_putc(b, c);
            break;
        case '\n':
            r = dbr_buf_putc(b, '\n');
            at_start = 1;
            break;
        default:
            r = dbr_buf_putc(b, c);
        }
        if (r)
            return -1;
    }
    return 0;
}

int md_code_span(dbr_buf *b, const char *s)
{
    size_t run = 0, longest = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    int r = 0;
    for (size_t i = 0; i <= longest && !r; i++)
        r = dbr_buf_putc(b, '`');
    /* A space pad keeps a leading or trailing backtick from joining the fence. */
    int pad = s[0] == '`' || (s[0] && s[strlen(s) - 1] == '`') || s[0] == ' ';
    if (!r && pad)
        r = dbr_buf_putc(b, ' ');
    for (const char *p = s; *p && !r; p++)
        r = dbr_buf_putc(b, *p == '\n' ? ' ' : *p);
    if (!r && pad)
        r = dbr_buf_putc(b, ' ');
    for (size_t i = 0; i <= longest && !r; i++)
        r = dbr_buf_putc(b, '`');
    return r ? -1 : 0;
}

/* Appends one code's readable form to tmp (marks are annotations, not text: nothing). */
static int md_code_text(dbr_buf *tmp, const dbr_span *sp)
{
    if (sp->kind == DBR_SPAN_MARK_OPEN || sp->kind == DBR_SPAN_MARK_CLOSE)
        return 0;
    if (sp->text && *sp->text)
        return dbr_buf_puts(tmp, sp->text) ? -1 : 0;
    const char *id = sp->id ? sp->id : "";
    int r = sp->kind == DBR_SPAN_OPEN    ? dbr_buf_printf(tmp, "{%s}", id)
            : sp->kind == DBR_SPAN_CLOSE ? dbr_buf_printf(tmp, "{/%s}", id)
                                         : dbr_buf_printf(tmp, "{%s/}", id);
    return r ? -1 : 0;
}

/* Codes from span *i on, up to the next text, as one code span; *i ends on the last code.
 * Why one: two spans written side by side (`{/3}``{/2}`) read as one span holding "``". */
static int md_codes(dbr_buf *b, dbr_buf *tmp, const dbr_rich *r, size_t *i)
{
    dbr_buf_clear(tmp);
    for (; *i < r->count && r->spans[*i].kind != DBR_SPAN_TEXT; (*i)++)
        if (md_code_text(tmp, &r->spans[*i]))
            return -1;
    (*i)--;
    return tmp->len ? md_code_span(b, dbr_buf_cstr(tmp)) : 0;
}

int md_rich(dbr_buf *b, dbr_buf *tmp, const dbr_rich *r, const char *nl, int line_start)
{
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *sp = &r->spans[i];
        if (sp->kind != DBR_SPAN_TEXT) {
            if (md_codes(b, tmp, r, &i))
                return -1;
            line_start = 0;
            continue;
        }
        const char *s = sp->text ? sp->text : "";
        while (*s) {
            const char *end = strchr(s, '\n');
            size_t n = end ? (size_t)(end - s) : strlen(s);
            if (md_escape(b, s, n, line_start))
                return -1;
            line_start = 0;
            if (!end)
                break;
            if (dbr_buf_puts(b, nl))
                return -1;
            line_start = strchr(nl, '\n') != NULL;
            s = end + 1;
        }
    }
    return 0;
}

int md_comment_text(dbr_buf *b, const char *s)
{
    for (; *s; s++) {
        /* "--" may not appear inside an HTML comment: "-\u200b-" would hide a character,
         * so write "- -" instead, which a reader sees as what it was. */
        if (s[0] == '-' && s[1] == '-') {
            if (dbr_buf_puts(b, "- "))
                return -1;
            continue;
        }
        if (dbr_buf_putc(b, *s))
            return -1;
    }
    return 0;
}
