/* text_lists.c - list nesting from indentation and marker shape.
 *
 * Why both: pdftotext keeps indentation, so a deeper indent means a deeper level; but vision
 * extractors often flatten indentation and keep only the marker, where a "◦" under "•" (or a
 * "-" under "1.") still shows a sub-list. So: deeper indent = one level deeper; the same indent
 * with a marker shape not seen on the stack = one level deeper too; a shape already on the stack
 * (at this indent or more) returns to that level.
 */
#include "text_internal.h"

#include <string.h>

enum {
    SHAPE_NONE = 0, SHAPE_DOT, SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_DASH, SHAPE_STAR, SHAPE_PLUS,
    SHAPE_ARROW, SHAPE_NUMBER, SHAPE_LETTER, SHAPE_ROMAN, SHAPE_PAREN_NUMBER
};

static int starts(const char *m, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    return len >= n && memcmp(m, lit, n) == 0;
}

int text_marker_shape(const char *m, size_t len)
{
    if (!len)
        return SHAPE_NONE;
    if (starts(m, len, "\xe2\x80\xa2") || starts(m, len, "\xe2\x97\x8f") ||
        starts(m, len, "\xc2\xb7") || starts(m, len, "\xef\x82\xb7"))
        return SHAPE_DOT;
    if (starts(m, len, "\xe2\x97\xa6") || starts(m, len, "\xe2\x97\x8b"))
        return SHAPE_CIRCLE;
    if (starts(m, len, "\xe2\x96\xaa") || starts(m, len, "\xe2\x96\xa0") ||
        starts(m, len, "\xe2\x96\xa1"))
        return SHAPE_SQUARE;
    if (m[0] == '-' || starts(m, len, "\xe2\x80\x93") || starts(m, len, "\xe2\x80\x94"))
        return SHAPE_DASH;
    if (m[0] == '*')
        return SHAPE_STAR;
    if (m[0] == '+')
        return SHAPE_PLUS;
    if (m[0] >= '0' && m[0] <= '9')
        return SHAPE_NUMBER;
    if (m[0] == '(') {
        if (len > 1 && m[1] >= '0' && m[1] <= '9')
            return SHAPE_PAREN_NUMBER;
        /* (i), (ii), (iv), (x): roman; a single "(i)" after "(h)" is rare enough to ignore */
        size_t i = 1;
        while (i < len && strchr("ivx", m[i]))
            i++;
        return (i > 1 && i < len && m[i] == ')') ? SHAPE_ROMAN : SHAPE_LETTER;
    }
    if ((m[0] >= 'a' && m[0] <= 'z') || (m[0] >= 'A' && m[0] <= 'Z'))
        return SHAPE_LETTER;
    return SHAPE_ARROW;
}

int text_shape_is_numeric(int shape) { return shape == SHAPE_NUMBER; }

void text_lists_reset(tx_lists *ls) { ls->depth = 0; }

static int push(tx_lists *ls, int indent, int shape)
{
    if (ls->depth < TX_LIST_DEPTH) {
        ls->indent[ls->depth] = indent;
        ls->shape[ls->depth] = shape;
        ls->depth++;
    }
    return ls->depth;
}

int text_lists_level(tx_lists *ls, int indent, int shape)
{
    while (ls->depth > 0 && ls->indent[ls->depth - 1] > indent)
        ls->depth--;
    if (ls->depth == 0)
        return push(ls, indent, shape);
    int top = ls->depth - 1;
    if (ls->indent[top] < indent)
        return push(ls, indent, shape);
    if (ls->shape[top] == shape)
        return ls->depth;
    /* Same indent, another shape: back to an enclosing level that used it, else deeper. */
    for (int i = top - 1; i >= 0; i--)
        if (ls->shape[i] == shape && ls->indent[i] == indent) {
            ls->depth = i + 1;
            return ls->depth;
        }
    return push(ls, indent, shape);
}
