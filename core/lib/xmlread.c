/* xmlread.c - a hardened, streaming Expat parser fed from the input layer (see xml.h).
 *
 * The parser keeps a stack of open element names and the lines they opened on, so that a
 * mismatched or truncated document gets "expected </tuv> (opened at line 12)" instead of a
 * bare "mismatched tag": what was expected is the most useful part of the message.
 */
#include "docbridge/xml.h"
#include "docbridge/alloc.h"

#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* What Expat is given at a time. 256 KiB rather than 64: fewer buffer moves inside Expat and
 * fewer read calls; measured about 4% less CPU for TMX -> JSONL, no gain beyond. */
#define XML_CHUNK 262144

typedef struct open_elem {
    size_t name_off; /* into names */
    long line;
} open_elem;

/* Room kept free at the end of the names buffer, so a usual name is copied without a length
 * pass or a call; a longer one takes the slow path. */
#define NAMES_SLACK 64

struct dbr_xml {
    XML_Parser p;
    dbr_job *job;
    dbr_xml_handlers h;
    void *ud;
    int failed;   /* a handler or a safety rule stopped the parse with an error */
    int stopped;  /* the reader asked to stop early, without error */
    open_elem *stack;
    size_t depth, cap;
    char *names; /* NUL-separated names of open elements */
    size_t names_len, names_cap;
};

static void *mm_malloc(size_t n) { return dbr_malloc(n); }
static void *mm_realloc(void *p, size_t n) { return dbr_realloc(p, n); }
static void mm_free(void *p) { dbr_free(p); }
static const XML_Memory_Handling_Suite MEMSUITE = {mm_malloc, mm_realloc, mm_free};

long dbr_xml_line(const dbr_xml *x) { return (long)XML_GetCurrentLineNumber(x->p); }
long dbr_xml_column(const dbr_xml *x) { return (long)XML_GetCurrentColumnNumber(x->p) + 1; }
int dbr_xml_depth(const dbr_xml *x) { return (int)x->depth; }

__attribute__((format(printf, 2, 0))) static dbr_status failv(dbr_xml *x, const char *fmt,
                                                           va_list ap)
{
    if (x->failed) /* keep the first error */
        return DBR_FAILED;
    x->failed = 1;
    dbr_error_setv(x->job->err, DBR_FAILED, fmt, ap);
    dbr_error_set_file(x->job->err, x->job->source_name, NULL);
    dbr_error_locate(x->job->err, dbr_xml_line(x), dbr_xml_column(x), -1);
    XML_StopParser(x->p, XML_FALSE);
    return DBR_FAILED;
}

dbr_status dbr_xml_fail(dbr_xml *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    failv(x, fmt, ap);
    va_end(ap);
    return DBR_FAILED;
}

void dbr_xml_warn(dbr_xml *x, const char *fmt, ...)
{
    if (!x->job->warn)
        return;
    dbr_error w;
    dbr_error_clear(&w);
    va_list ap;
    va_start(ap, fmt);
    dbr_error_setv(&w, DBR_WARN, fmt, ap);
    va_end(ap);
    dbr_error_set_file(&w, x->job->source_name, NULL);
    dbr_error_locate(&w, dbr_xml_line(x), dbr_xml_column(x), -1);
    x->job->warn(x->job->warn_ud, &w);
}

void dbr_xml_stop(dbr_xml *x)
{
    x->stopped = 1;
    XML_StopParser(x->p, XML_FALSE);
}

static __attribute__((noinline)) int push_name_slow(dbr_xml *x, const char *name)
{
    size_t n = strlen(name) + 1;
    if (n > SIZE_MAX / 2 - NAMES_SLACK - x->names_len)
        return -1;
    size_t ncap = x->names_cap ? x->names_cap : 256;
    while (ncap - x->names_len < n + NAMES_SLACK)
        ncap *= 2;
    if (ncap != x->names_cap) {
        char *d = dbr_realloc(x->names, ncap);
        if (!d)
            return -1;
        x->names = d;
        x->names_cap = ncap;
    }
    memcpy(x->names + x->names_len, name, n);
    x->names_len += n;
    return 0;
}

/* Runs for every element: the name is copied byte by byte while it fits the free slack. */
static inline int push_name(dbr_xml *x, const char *name)
{
    if (x->names_cap - x->names_len >= NAMES_SLACK) {
        char *d = x->names + x->names_len;
        for (size_t i = 0; i < NAMES_SLACK; i++) {
            if (!(d[i] = name[i])) {
                x->names_len += i + 1;
                return 0;
            }
        }
    }
    return push_name_slow(x, name);
}

static int push_elem(dbr_xml *x, const char *name)
{
    if (x->depth == x->cap) {
        size_t ncap = x->cap ? x->cap * 2 : 32;
        open_elem *n = dbr_realloc(x->stack, ncap * sizeof *n);
        if (!n)
            return -1;
        x->stack = n;
        x->cap = ncap;
    }
    open_elem *e = &x->stack[x->depth];
    e->name_off = x->names_len;
    /* Not a cost of its own: Expat brings its position up to date after every buffer anyway,
     * and asking here only moves that scan earlier. */
    e->line = (long)XML_GetCurrentLineNumber(x->p);
    if (push_name(x, name) != 0)
        return -1;
    x->depth++;
    return 0;
}

static void pop_elem(dbr_xml *x)
{
    if (!x->depth)
        return;
    x->depth--;
    x->names_len = x->stack[x->depth].name_off;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    dbr_xml *x = ud;
    if (x->depth >= DBR_XML_MAX_DEPTH) {
        dbr_xml_fail(x, "elements nested deeper than %d levels: refused", DBR_XML_MAX_DEPTH);
        return;
    }
    if (push_elem(x, name) != 0) {
        dbr_xml_fail(x, "out of memory");
        return;
    }
    if (x->h.start)
        x->h.start(x->ud, name, attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    dbr_xml *x = ud;
    if (x->h.end)
        x->h.end(x->ud, name);
    pop_elem(x);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    dbr_xml *x = ud;
    if (x->h.text)
        x->h.text(x->ud, s, len);
}

static void XMLCALL on_comment(void *ud, const XML_Char *s)
{
    dbr_xml *x = ud;
    if (x->h.comment)
        x->h.comment(x->ud, s);
}

static void XMLCALL on_pi(void *ud, const XML_Char *target, const XML_Char *data)
{
    dbr_xml *x = ud;
    if (x->h.pi)
        x->h.pi(x->ud, target, data);
}

/* Entity declarations are where billion-laughs and external-entity attacks live; a TMX, XLIFF
 * or dataset file has no business declaring any, so the whole document is refused. */
static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len, const XML_Char *base,
                                   const XML_Char *system_id, const XML_Char *public_id,
                                   const XML_Char *notation)
{
    (void)is_param; (void)value; (void)value_len; (void)base; (void)public_id; (void)notation;
    dbr_xml_fail(ud, "DOCTYPE declares %s entity '%s': entity declarations are refused "
                     "(protection against entity expansion and external entities)",
                 system_id ? "an external" : "an", name);
}

/* A reference to an entity that was never declared (possible when a DOCTYPE names an external
 * subset, which is never read): Expat would drop it silently, losing text. Refused instead. */
static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
    dbr_xml_fail(ud, "reference to undeclared %sentity '%s' (external DTDs are never read)",
                 is_param ? "parameter " : "", name);
}

static int XMLCALL on_external_entity(XML_Parser p, const XML_Char *context,
                                      const XML_Char *base, const XML_Char *system_id,
                                      const XML_Char *public_id)
{
    (void)p; (void)context; (void)base; (void)system_id; (void)public_id;
    return XML_STATUS_ERROR; /* never fetched */
}

dbr_xml *dbr_xml_new(dbr_job *job, const dbr_xml_handlers *h, void *ud, int namespaces)
{
    dbr_xml *x = dbr_calloc(1, sizeof *x);
    if (!x) {
        dbr_error_set(job->err, DBR_FAILED, "out of memory");
        return NULL;
    }
    x->job = job;
    if (h)
        x->h = *h;
    x->ud = ud;
    /* "UTF-8" overrides the document's declaration: the input layer has already transcoded. */
    x->p = XML_ParserCreate_MM("UTF-8", &MEMSUITE, namespaces ? "|" : NULL);
    if (!x->p) {
        dbr_free(x);
        dbr_error_set(job->err, DBR_FAILED, "out of memory");
        return NULL;
    }
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_start, on_end);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetCommentHandler(x->p, on_comment);
    XML_SetProcessingInstructionHandler(x->p, on_pi);
    XML_SetEntityDeclHandler(x->p, on_entity_decl);
    XML_SetExternalEntityRefHandler(x->p, on_external_entity);
    XML_SetSkippedEntityHandler(x->p, on_skipped_entity);
    XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
    return x;
}

void dbr_xml_free(dbr_xml *x)
{
    if (!x)
        return;
    XML_ParserFree(x->p);
    dbr_free(x->stack);
    dbr_free(x->names);
    dbr_free(x);
}

static const char *top_name(const dbr_xml *x)
{
    return x->depth ? x->names + x->stack[x->depth - 1].name_off : NULL;
}

/* Expat's message plus what was expected, from the open-element stack. */
static dbr_status malformed(dbr_xml *x, int at_end)
{
    enum XML_Error code = XML_GetErrorCode(x->p);
    const char *what = XML_ErrorString(code);
    const char *open = top_name(x);
    long opened = x->depth ? x->stack[x->depth - 1].line : 0;
    dbr_error *err = x->job->err;
    if (open && (code == XML_ERROR_TAG_MISMATCH || (at_end && code == XML_ERROR_NO_ELEMENTS) ||
                 code == XML_ERROR_UNCLOSED_TOKEN))
        dbr_error_set(err, DBR_FAILED, "malformed XML: %s%s: expected </%s> (opened at line %ld)",
                      at_end ? "unexpected end of input, " : "", what, dbr_xml_local(open),
                      opened);
    else
        dbr_error_set(err, DBR_FAILED, "malformed XML: %s", what);
    dbr_error_set_file(err, x->job->source_name, NULL);
    dbr_error_locate(err, dbr_xml_line(x), dbr_xml_column(x), -1);
    return DBR_FAILED;
}

dbr_status dbr_xml_parse(dbr_xml *x, dbr_input *in)
{
    for (;;) {
        void *buf = XML_GetBuffer(x->p, XML_CHUNK);
        if (!buf)
            return dbr_error_set(x->job->err, DBR_FAILED, "out of memory");
        size_t got = 0;
        if (dbr_input_read(in, buf, XML_CHUNK, &got, x->job->err) != DBR_OK)
            return DBR_FAILED;
        if (XML_ParseBuffer(x->p, (int)got, got == 0) == XML_STATUS_ERROR) {
            if (x->stopped && !x->failed)
                return DBR_OK;
            return x->failed ? DBR_FAILED : malformed(x, got == 0);
        }
        if (x->failed)
            return DBR_FAILED;
        if (got == 0)
            return DBR_OK;
    }
}

const char *dbr_xml_attr(const char **attrs, const char *name)
{
    /* the first byte first: most attributes differ there, and it saves a library call */
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (attrs[i][0] == name[0] && strcmp(attrs[i], name) == 0)
            return attrs[i + 1];
    return NULL;
}

const char **dbr_xml_copy_attrs(dbr_pool *pool, const char **attrs)
{
    size_t n = 0;
    while (attrs && attrs[n])
        n += 2;
    const char **c = dbr_pool_alloc(pool, (n + 1) * sizeof *c);
    if (!c)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!(c[i] = dbr_pool_strdup(pool, attrs[i])))
            return NULL;
    c[n] = NULL;
    return c;
}

const char *dbr_xml_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    if (bar)
        return bar + 1;
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

int dbr_xml_in_ns(const char *name, const char *uri)
{
    const char *bar = strchr(name, '|');
    if (!uri)
        return bar == NULL;
    return bar && (size_t)(bar - name) == strlen(uri) && strncmp(name, uri, strlen(uri)) == 0;
}

/* One sniffer for the whole project: the input layer's (sniff.c), which also knows BOM-less
 * UTF-32 and canonicalises names. Kept under this name for the XML plugins' hooks. */
int dbr_xml_sniff_encoding(const uint8_t *head, size_t len, char *out, size_t cap)
{
    return dbr_sniff_xml_encoding(head, len, out, cap);
}
