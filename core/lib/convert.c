/* convert.c - the pipeline: open inputs, choose readers, chain transforms, drive the writer,
 * and commit or abort the output as one unit.
 *
 * The core wraps the writer in a provenance stage so no reader has to fill in what only the
 * core knows (source path, detected format and encoding, checksum, converter, stable id).
 */
#include "docbridge/convert.h"
#include "docbridge/alloc.h"
#include "textnorm.h"
#include "archive_internal.h"
#include "bag_internal.h"
#include "block_units.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef DOCBRIDGE_VERSION
#define DOCBRIDGE_VERSION "0.0.0"
#endif

const char *dbr_version(void) { return DOCBRIDGE_VERSION; }

/* ---------- provenance stage ---------- */

typedef struct prov_stage {
    dbr_sink *next;
    dbr_input *in;          /* the input being read (NULL for multi-input readers) */
    int binary;             /* the reader takes raw bytes: no text encoding to report */
    const char *format;
    const char *converter;
    const char *source;
    int keep_provenance;    /* DBR_READER_DATASET: documents bring their own provenance */
    const char *member;     /* archive member, or NULL */
    const char *created;    /* ISO 8601 time, only with --provenance-time */
    unsigned doc_index;
    dbr_pool *pool;         /* holds the completed doc between begin and end */
    dbr_doc *doc;
    dbr_doc *pending_end;   /* the last end_document, held until the reader is done */
} prov_stage;

static int has_provenance(const dbr_provenance *p)
{
    return p->source_path || p->format || p->converter || p->sha256;
}

static void fill_provenance(prov_stage *ps, dbr_doc *d)
{
    dbr_provenance *p = &d->prov;
    if (ps->keep_provenance && has_provenance(p))
        return;
    if (!p->source_path)
        p->source_path = ps->source;
    if (!p->member)
        p->member = ps->member;
    if (!p->format)
        p->format = ps->format;
    if (!p->converter)
        p->converter = ps->converter;
    if (!p->created)
        p->created = ps->created;
    if (!ps->in)
        return;
    const dbr_input_info *info = dbr_input_info_get(ps->in);
    if (!p->encoding && info->encoding && !ps->binary) {
        p->encoding = info->encoding;
        p->encoding_confidence = info->confidence;
    }
    if (info->at_eof) {
        p->byte_size = info->byte_size;
        p->sha256 = info->sha256[0] ? info->sha256 : NULL; /* "" when not wanted */
    }
    p->invalid_bytes = info->invalid_bytes;
    p->removed_controls = info->removed_controls;
}

/* A document without an id gets one from the input's first bytes and its ordinal, so the same
 * input gives the same id on any machine. */
static const char *stable_doc_id(prov_stage *ps)
{
    dbr_buf seed = DBR_BUF_INIT;
    size_t hl = 0;
    const uint8_t *head = ps->in ? dbr_input_head(ps->in, &hl) : NULL;
    if (head)
        dbr_buf_append(&seed, head, hl);
    else if (ps->source)
        dbr_buf_puts(&seed, ps->source);
    dbr_buf_printf(&seed, "#%u", ps->doc_index);
    char id[40];
    dbr_make_id("d", dbr_buf_cstr(&seed), seed.len, id);
    dbr_buf_free(&seed);
    return dbr_pool_strdup(ps->pool, id);
}

/* Sends the held end_document. Held because a reader may end its last document before the
 * input's end (TMX ends at </tmx>): when the reader returns, the core reads what is left and the
 * last document gets the input's complete size and checksum. */
static dbr_status prov_flush_end(prov_stage *ps)
{
    dbr_doc *d = ps->pending_end;
    if (!d)
        return DBR_OK;
    ps->pending_end = NULL;
    fill_provenance(ps, d);
    return dbr_sink_end_document(ps->next, d);
}

static dbr_status prov_begin_document(void *self, const dbr_doc *doc)
{
    prov_stage *ps = self;
    dbr_status st = prov_flush_end(ps);
    if (st != DBR_OK)
        return st;
    dbr_pool_reset(ps->pool);
    ps->doc = dbr_doc_clone(ps->pool, doc);
    if (!ps->doc)
        return DBR_FAILED;
    ps->doc_index++;
    if (!ps->doc->id)
        ps->doc->id = stable_doc_id(ps);
    fill_provenance(ps, ps->doc);
    return dbr_sink_begin_document(ps->next, ps->doc);
}

static dbr_status prov_block(void *self, const dbr_block *b)
{
    return dbr_sink_block(((prov_stage *)self)->next, b);
}

static dbr_status prov_unit(void *self, const dbr_unit *u)
{
    return dbr_sink_unit(((prov_stage *)self)->next, u);
}

static dbr_status prov_end_document(void *self, const dbr_doc *doc)
{
    prov_stage *ps = self;
    /* Keep the id settled at begin; take what the reader learned since. The checksum is only
     * known when the reader has read to the end (a JSONL input's last document gets it). */
    dbr_doc *d = dbr_doc_clone(ps->pool, doc);
    if (!d)
        return DBR_FAILED;
    d->id = ps->doc ? ps->doc->id : d->id;
    ps->pending_end = d;
    return DBR_OK;
}

static const dbr_sink_ops prov_ops = {
    .begin_document = prov_begin_document,
    .block = prov_block,
    .unit = prov_unit,
    .end_document = prov_end_document,
};

/* ---------- plugin instances ---------- */

typedef struct instance {
    const dbr_plugin *plugin;
    void *state;
    dbr_sink sink;
    int opened;
} instance;

static void *new_state(size_t size) { return dbr_calloc(1, size ? size : 1); }

/* ---------- one conversion to one output ---------- */

typedef struct run {
    const dbr_registry *reg;
    const dbr_convert_request *req;
    dbr_input_config cfg;
    dbr_error *err;
    dbr_job job;
    instance writer;
    instance *transforms;
    size_t ntransforms;
    dbr_sink *head;          /* first sink in the chain */
    dbr_output *out;
    dbr_textnorm *textnorm;  /* the fold stage, when folds are asked for */
    block_units adapter;     /* blocks -> units for unit-only writers */
    int has_adapter;
} run;

/* --normalize nfkc, --fold-width, --fold-quotes fold the text of events, first in the chain,
 * and not the input's bytes: a fold can then never produce syntax (textnorm.c). */
static dbr_status add_fold_stage(run *r)
{
    if (!dbr_textnorm_wanted(&r->cfg))
        return DBR_OK;
    dbr_status st = dbr_textnorm_new(&r->cfg, r->head, r->err, &r->textnorm);
    if (st != DBR_OK)
        return st;
    r->head = dbr_textnorm_sink(r->textnorm);
    r->cfg.nfkc = r->cfg.fold_width = r->cfg.fold_quotes = 0;
    return DBR_OK;
}

static void fill_probe(dbr_input *in, const char *member, const dbr_convert_request *req,
                       dbr_probe_input *pi)
{
    memset(pi, 0, sizeof *pi);
    pi->head = dbr_input_head(in, &pi->head_len);
    pi->text = dbr_input_head_text(in, &pi->text_len);
    pi->encoding = dbr_input_info_get(in)->encoding;
    const char *name = member ? member : dbr_input_name(in);
    const char *slash = strrchr(name, '/');
    pi->name = strcmp(name, "-") == 0 ? NULL : (slash ? slash + 1 : name);
    size_t ignored;
    pi->complete = dbr_input_head(in, &ignored) && pi->head_len < 65536;
    pi->all_names = req ? req->inputs : NULL;
    pi->ninputs = req ? req->ninputs : 0;
}

static dbr_status choose_reader(const dbr_registry *reg, const char *from, dbr_input *in,
                                const char *member, const dbr_convert_request *req,
                                const dbr_plugin **out, dbr_error *err)
{
    if (from) {
        const dbr_plugin_entry *e = dbr_registry_find(reg, from);
        if (!e || !e->plugin->reader)
            return dbr_error_set(err, DBR_FAILED, "no reader named '%s' (see: docbridge formats)",
                                 from);
        *out = e->plugin;
        return DBR_OK;
    }
    dbr_probe_input pi;
    fill_probe(in, member, req, &pi);
    if (pi.head_len == 0) {
        dbr_error_set(err, DBR_FAILED,
                      "empty input: nothing to convert (name a format with -f to "
                      "convert an empty file)");
        dbr_error_set_file(err, dbr_input_name(in), member);
        return DBR_FAILED;
    }
    const dbr_plugin_entry *best;
    int score;
    if (dbr_registry_probe(reg, &pi, &best, &score, err) != DBR_OK) {
        dbr_error_set_file(err, dbr_input_name(in), member);
        return DBR_FAILED;
    }
    *out = best->plugin;
    return DBR_OK;
}

static void apply_sniff(const dbr_plugin *p, dbr_input *in)
{
    if (!p->reader->sniff_encoding)
        return;
    size_t len;
    const uint8_t *head = dbr_input_head(in, &len);
    char enc[64];
    if (p->reader->sniff_encoding(head, len, enc, sizeof enc))
        dbr_input_set_declared_encoding(in, enc);
}

/* The input layer's one warning per input (bytes replaced with U+FFFD, an unknown declared
 * encoding), sent once the reader is done with it. */
static void warn_inputs(run *r, dbr_input **ins, size_t n, const char *member)
{
    for (size_t i = 0; i < n && r->job.warn; i++) {
        const char *w = dbr_input_warning(ins[i]);
        if (!w)
            continue;
        dbr_error e;
        dbr_error_clear(&e);
        dbr_error_set(&e, DBR_WARN, "%s", w);
        dbr_error_set_file(&e, dbr_input_name(ins[i]), member); /* archive member too */
        r->job.warn(r->job.warn_ud, &e);
    }
}

/* Output is deterministic byte for byte unless the user asks for the time. */
static void provenance_time(const dbr_options *opts, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!dbr_options_get_bool(opts, "provenance-time", 0))
        return;
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static dbr_status run_reader(run *r, const dbr_plugin *p, dbr_input **ins, size_t n,
                             const char *member)
{
    char created[32];
    provenance_time(r->job.opts, created, sizeof created);
    prov_stage ps = {.next = r->head, .in = n == 1 ? ins[0] : NULL, .format = p->name,
                     .binary = (p->reader->flags & DBR_READER_BINARY) != 0,
                     .converter = r->job.converter, .source = dbr_input_name(ins[0]),
                     .keep_provenance = (p->reader->flags & DBR_READER_DATASET) != 0,
                     .member = member, .created = created[0] ? created : NULL};
    ps.pool = dbr_pool_new();
    void *state = new_state(p->reader->state_size);
    if (!ps.pool || !state) {
        dbr_pool_free(ps.pool);
        dbr_free(state);
        return dbr_error_set(r->err, DBR_FAILED, "out of memory");
    }
    dbr_sink sink = {&prov_ops, &ps};
    r->job.source_name = dbr_input_name(ins[0]);
    dbr_status st;
    if (p->reader->flags & DBR_READER_MULTI)
        st = p->reader->read_multi(state, &r->job, ins, n, &sink);
    else
        st = p->reader->read(state, &r->job, ins[0], &sink);
    if ((st == DBR_OK || st == DBR_WARN) && ps.in && dbr_input_drain(ps.in, r->err) != DBR_OK)
        st = DBR_FAILED;
    if (st == DBR_OK || st == DBR_WARN)
        st = prov_flush_end(&ps);
    if (p->reader->cleanup)
        p->reader->cleanup(state);
    dbr_free(state);
    dbr_pool_free(ps.pool);
    if (!(p->reader->flags & DBR_READER_BINARY))
        warn_inputs(r, ins, n, member);
    if (st == DBR_WARN)
        st = DBR_OK;
    if (st != DBR_OK) {
        if (!r->err->message[0])
            dbr_error_set(r->err, st, "reader '%s' failed", p->name);
        dbr_error_set_file(r->err, dbr_input_name(ins[0]), member);
        if (member && !r->err->member[0])
            snprintf(r->err->member, sizeof r->err->member, "%s", member);
    }
    return st;
}

static void free_inputs(dbr_input **ins, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dbr_input_free(ins[i]);
    dbr_free(ins);
}

/* Reads plain inputs into the chain. A multi-input reader takes them all at once. */
static dbr_status read_plain(run *r, const char *const *paths, size_t n)
{
    dbr_input **ins = dbr_calloc(n ? n : 1, sizeof *ins);
    if (!ins)
        return dbr_error_set(r->err, DBR_FAILED, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (!(ins[i] = dbr_input_open_file(paths[i], &r->cfg, r->err))) {
            free_inputs(ins, n);
            return DBR_FAILED;
        }
    const dbr_plugin *p;
    dbr_status st = choose_reader(r->reg, r->req->from_format, ins[0], NULL, r->req, &p, r->err);
    if (st == DBR_OK && (p->reader->flags & DBR_READER_MULTI)) {
        for (size_t i = 0; i < n; i++)
            apply_sniff(p, ins[i]);
        st = run_reader(r, p, ins, n, NULL);
    } else if (st == DBR_OK) {
        for (size_t i = 0; i < n && st == DBR_OK; i++) {
            if (i > 0)
                st = choose_reader(r->reg, r->req->from_format, ins[i], NULL, r->req, &p, r->err);
            if (st == DBR_OK) {
                apply_sniff(p, ins[i]);
                st = run_reader(r, p, &ins[i], 1, NULL);
            }
        }
    }
    free_inputs(ins, n);
    return st;
}

/* One archive: every regular member is an input of its own. */
static dbr_status read_archive(run *r, const char *path)
{
    long ratio = dbr_options_get_long(r->job.opts, "max-expansion", 0);
    dbr_archive *ar = dbr_archive_open(path, ratio, r->err);
    if (!ar)
        return DBR_FAILED;
    const char *member;
    int more = 0, members = 0;
    dbr_status st = DBR_OK;
    /* source_name is re-set each time: run_reader points it at the member's input. */
    while (st == DBR_OK && (r->job.source_name = path) &&
           (more = dbr_archive_next(ar, &member, &r->job)) == 1) {
        members++;
        dbr_input *in = dbr_archive_member_input(ar, &r->cfg, r->err);
        const dbr_plugin *p = NULL;
        st = in ? choose_reader(r->reg, r->req->from_format, in, member, r->req, &p, r->err)
                : DBR_FAILED;
        if (st == DBR_OK) {
            apply_sniff(p, in);
            st = run_reader(r, p, &in, 1, member);
        }
        if (st != DBR_OK && !r->err->member[0])
            dbr_error_set_file(r->err, path, member);
        dbr_input_free(in);
        r->job.source_name = NULL;
    }
    if (st == DBR_OK && more < 0)
        st = DBR_FAILED;
    if (st == DBR_OK && members == 0)
        st = dbr_error_set(r->err, DBR_FAILED, "archive '%s' has no regular file to convert", path);
    dbr_archive_close(ar);
    return st;
}

static dbr_status read_inputs(run *r, const char *const *paths, size_t n)
{
    int any_archive = 0;
    for (size_t i = 0; i < n; i++)
        any_archive |= dbr_archive_detect(paths[i]);
    if (!any_archive)
        return read_plain(r, paths, n);
    dbr_status st = DBR_OK;
    for (size_t i = 0; i < n && st == DBR_OK; i++)
        st = dbr_archive_detect(paths[i]) ? read_archive(r, paths[i]) : read_plain(r, &paths[i], 1);
    return st;
}

/* Plugins built for ABI minor 0 have no writer flags: they may show the digest. */
static int writer_shows_digest(const dbr_plugin *p)
{
    return p->abi_minor < 1 || (p->writer->flags & DBR_WRITER_SOURCE_DIGEST);
}

static dbr_status open_writer(run *r, const char *to, const char *out_path)
{
    const dbr_plugin_entry *e = to ? dbr_registry_find(r->reg, to)
                                   : dbr_registry_writer_for(r->reg, out_path);
    if (to && (!e || !e->plugin->writer))
        return dbr_error_set(r->err, DBR_FAILED, "no writer named '%s' (see: docbridge formats)",
                             to);
    if (!e)
        return dbr_error_set(r->err, DBR_FAILED,
                             "cannot tell the output format from '%s': name it with -t",
                             out_path ? out_path : "standard output");
    const dbr_plugin *p = e->plugin;
    r->writer.plugin = p;
    r->cfg.skip_digest = !writer_shows_digest(p);
    r->writer.state = new_state(p->writer->state_size);
    if (!r->writer.state)
        return dbr_error_set(r->err, DBR_FAILED, "out of memory");
    r->out = dbr_output_open(out_path ? out_path : "-", r->err);
    if (!r->out)
        return DBR_FAILED;
    r->job.source_name = NULL;
    dbr_status st = p->writer->open ? p->writer->open(r->writer.state, &r->job, r->out) : DBR_OK;
    r->writer.opened = 1;
    if (st != DBR_OK && st != DBR_WARN)
        return st;
    r->writer.sink = (dbr_sink){p->writer->sink, r->writer.state};
    r->head = &r->writer.sink;
    if (block_units_needed(p->writer->sink)) {
        if (block_units_init(&r->adapter, r->head, r->err) != 0)
            return dbr_error_set(r->err, DBR_FAILED, "out of memory");
        r->has_adapter = 1;
        r->head = &r->adapter.sink;
    }
    return DBR_OK;
}

static dbr_status open_transforms(run *r)
{
    const dbr_convert_request *q = r->req;
    if (!q->ntransforms)
        return DBR_OK;
    r->transforms = dbr_calloc(q->ntransforms, sizeof *r->transforms);
    if (!r->transforms)
        return dbr_error_set(r->err, DBR_FAILED, "out of memory");
    /* The last named transform sits next to the writer; the first sees the reader's events. */
    for (size_t k = q->ntransforms; k-- > 0;) {
        const dbr_plugin_entry *e = dbr_registry_find(r->reg, q->transforms[k]);
        if (!e || !e->plugin->transform)
            return dbr_error_set(r->err, DBR_FAILED, "no transform named '%s'",
                                 q->transforms[k]);
        instance *t = &r->transforms[r->ntransforms++];
        t->plugin = e->plugin;
        t->state = new_state(e->plugin->transform->state_size);
        if (!t->state)
            return dbr_error_set(r->err, DBR_FAILED, "out of memory");
        t->opened = 1;
        dbr_status st = e->plugin->transform->open(t->state, &r->job, r->head);
        if (st != DBR_OK && st != DBR_WARN)
            return st;
        t->sink = (dbr_sink){e->plugin->transform->sink, t->state};
        r->head = &t->sink;
    }
    return DBR_OK;
}

static void close_run(run *r)
{
    for (size_t i = 0; i < r->ntransforms; i++) {
        instance *t = &r->transforms[i];
        if (t->opened && t->plugin->transform->cleanup)
            t->plugin->transform->cleanup(t->state);
        dbr_free(t->state);
    }
    dbr_free(r->transforms);
    if (r->has_adapter)
        block_units_free(&r->adapter);
    if (r->writer.opened && r->writer.plugin->writer->cleanup)
        r->writer.plugin->writer->cleanup(r->writer.state);
    dbr_free(r->writer.state);
    dbr_textnorm_free(r->textnorm);
}

static dbr_status check_not_input(const dbr_convert_request *q, const char *out, dbr_error *err)
{
    for (size_t i = 0; out && i < q->ninputs; i++)
        if (dbr_same_file(out, q->inputs[i]) ||
            (strcmp(out, "-") != 0 && strcmp(out, q->inputs[i]) == 0)) {
            dbr_error_set(err, DBR_FAILED, "output is the same file as input '%s'",
                          q->inputs[i]);
            dbr_error_set_file(err, out, NULL);
            return DBR_FAILED;
        }
    return DBR_OK;
}

static dbr_status convert_one(const dbr_registry *reg, const dbr_convert_request *q,
                              const char *const *inputs, size_t n, const char *out_path,
                              const char *to, dbr_error *err)
{
    run r = {.reg = reg, .req = q, .err = err};
    r.job = (dbr_job){.err = err, .opts = q->opts, .warn = q->warn, .warn_ud = q->warn_ud};
    char converter[64];
    snprintf(converter, sizeof converter, "docbridge %s", dbr_version());
    r.job.converter = converter;
    dbr_status st = dbr_input_config_from_options(q->opts, &r.cfg, err);
    if (st == DBR_OK)
        st = check_not_input(q, out_path, err);
    if (st == DBR_OK)
        st = open_writer(&r, to, out_path);
    if (st == DBR_OK)
        st = open_transforms(&r);
    if (st == DBR_OK)
        st = add_fold_stage(&r);
    if (st == DBR_OK)
        st = dbr_sink_begin_dataset(r.head);
    if (st == DBR_OK)
        st = read_inputs(&r, inputs, n);
    if (st == DBR_OK)
        st = dbr_sink_end_dataset(r.head);
    r.job.source_name = NULL;
    if (st == DBR_OK && r.writer.plugin->writer->finish)
        st = r.writer.plugin->writer->finish(r.writer.state);
    if (st == DBR_WARN)
        st = DBR_OK;
    close_run(&r);
    if (st == DBR_OK && r.out)
        st = dbr_output_commit(r.out, err);
    else
        dbr_output_abort(r.out);
    if (st != DBR_OK && !err->message[0])
        dbr_error_set(err, st, "conversion failed");
    return st;
}

/* out_dir/<input basename with its extension replaced by the writer's first extension>; a name
 * already produced in this run gets "-2", "-3"... so two inputs never overwrite each other. */
static int out_dir_path(const dbr_registry *reg, const char *dir, const char *input,
                        const char *to, dbr_buf *taken, char *buf, size_t cap)
{
    const dbr_plugin_entry *e = to ? dbr_registry_find(reg, to) : NULL;
    const char *ext = (e && e->plugin->extensions && e->plugin->extensions[0])
                          ? e->plugin->extensions[0] : (to ? to : "out");
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    const char *dot = strrchr(base, '.');
    int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    for (int k = 1; k < 10000; k++) {
        char suffix[16] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, "-%d", k);
        int w = snprintf(buf, cap, "%s/%.*s%s.%s", dir, stem, base, suffix, ext);
        if (w <= 0 || (size_t)w >= cap)
            return -1;
        /* taken holds "\n"-separated paths produced so far. */
        size_t len = strlen(buf);
        int clash = 0;
        for (const char *t = dbr_buf_cstr(taken); *t && !clash;) {
            const char *nl = strchr(t, '\n');
            clash = (size_t)(nl - t) == len && memcmp(t, buf, len) == 0;
            t = nl + 1;
        }
        if (!clash)
            return dbr_buf_printf(taken, "%s\n", buf);
    }
    return -1;
}

/* One input of a one-output-per-input run. */
static dbr_status convert_to_path(const dbr_registry *reg, const dbr_convert_request *q,
                                  size_t i, const char *dir, dbr_buf *taken, dbr_error *err)
{
    char path[4096];
    if (strcmp(q->inputs[i], "-") == 0 ||
        out_dir_path(reg, dir, q->inputs[i], q->to_format, taken, path, sizeof path) != 0)
        return dbr_error_set(err, DBR_FAILED, "cannot name an output for '%s'", q->inputs[i]);
    return convert_one(reg, q, &q->inputs[i], 1, path, q->to_format, err);
}

static dbr_status convert_each(const dbr_registry *reg, const dbr_convert_request *q,
                               const char *dir, dbr_error *err)
{
    if (!q->to_format)
        return dbr_error_set(err, DBR_FAILED, "with one output per input, name the format with -t");
    dbr_buf taken = DBR_BUF_INIT;
    size_t failed = 0;
    dbr_status st = DBR_OK;
    for (size_t i = 0; i < q->ninputs; i++) {
        dbr_error_clear(err);
        st = convert_to_path(reg, q, i, dir, &taken, err);
        if (st == DBR_OK)
            continue;
        if (!q->report_failure || st == DBR_FATAL)
            break;
        if (!err->file[0])
            dbr_error_set_file(err, q->inputs[i], NULL);
        q->report_failure(q->report_ud, err);
        failed++;
    }
    dbr_buf_free(&taken);
    if (failed) {
        dbr_error_clear(err);
        st = dbr_error_set(err, DBR_FAILED, "%zu of %zu inputs failed (each reported above)%s",
                           failed, q->ninputs, q->bag ? "; the bag was not written" : "");
    }
    return st;
}

static dbr_status convert_bag(const dbr_registry *reg, const dbr_convert_request *q,
                              dbr_error *err)
{
    for (size_t i = 0; i < q->ninputs; i++)
        if (dbr_same_file(q->bag, q->inputs[i]))
            return dbr_error_set(err, DBR_FAILED, "the bag is the same file as input '%s'",
                                 q->inputs[i]);
    char *tmpdir = dbr_bag_tmpdir(q->bag, err);
    if (!tmpdir)
        return DBR_FAILED;
    dbr_status st = convert_each(reg, q, tmpdir, err);
    if (st == DBR_OK) {
        char converter[64];
        snprintf(converter, sizeof converter, "docbridge %s", dbr_version());
        time_t mtime = dbr_options_get_bool(q->opts, "provenance-time", 0) ? time(NULL) : 0;
        st = dbr_bag_package(q->bag, tmpdir, mtime, converter, err);
    }
    dbr_bag_cleanup(tmpdir);
    return st;
}

/* -d DIR: a missing DIR is made (its parent must exist), as "-d out/" in the README reads;
 * a DIR made here and left empty by a failure is removed again. */
static dbr_status convert_to_dir(const dbr_registry *reg, const dbr_convert_request *q,
                                 dbr_error *err)
{
    int made = 0;
    if (mkdir(q->out_dir, 0777) == 0)
        made = 1;
    else if (errno != EEXIST)
        return dbr_error_set(err, DBR_FAILED, "cannot create output directory '%s': %s",
                             q->out_dir, strerror(errno));
    dbr_status st = convert_each(reg, q, q->out_dir, err);
    if (st != DBR_OK && made)
        rmdir(q->out_dir); /* fails, as it should, when earlier outputs are in it */
    return st;
}

dbr_status dbr_convert(const dbr_registry *reg, const dbr_convert_request *q, dbr_error *err)
{
    dbr_error_clear(err);
    if (q->ninputs == 0)
        return dbr_error_set(err, DBR_FAILED, "no input given");
    if (q->bag)
        return convert_bag(reg, q, err);
    if (q->out_dir)
        return convert_to_dir(reg, q, err);
    return convert_one(reg, q, q->inputs, q->ninputs, q->output, q->to_format, err);
}

dbr_status dbr_read_into(const dbr_registry *reg, const char *path, const char *from_format,
                         const dbr_options *opts, dbr_warn_fn warn, void *warn_ud,
                         dbr_sink *sink, dbr_error *err)
{
    const char *inputs[1] = {path};
    dbr_convert_request q = {.inputs = inputs, .ninputs = 1, .from_format = from_format,
                             .opts = opts, .warn = warn, .warn_ud = warn_ud};
    run r = {.reg = reg, .req = &q, .err = err, .head = sink};
    char converter[64];
    snprintf(converter, sizeof converter, "docbridge %s", dbr_version());
    r.job = (dbr_job){.err = err, .opts = opts, .warn = warn, .warn_ud = warn_ud,
                      .converter = converter};
    /* As dbr_convert: start clean, or a caller's uninitialised err keeps a garbage file name
     * (dbr_error_set_file only fills an empty one). */
    dbr_error_clear(err);
    dbr_status st = dbr_input_config_from_options(opts, &r.cfg, err);
    if (st == DBR_OK)
        st = add_fold_stage(&r);
    if (st == DBR_OK)
        st = read_inputs(&r, inputs, 1);
    dbr_textnorm_free(r.textnorm);
    return st;
}

dbr_status dbr_read_input(const dbr_registry *reg, dbr_input *in, const char *name_hint,
                          const char *from_format, const dbr_options *opts, dbr_warn_fn warn,
                          void *warn_ud, dbr_sink *sink, dbr_error *err)
{
    const char *inputs[1] = {dbr_input_name(in)};
    dbr_convert_request q = {.inputs = inputs, .ninputs = 1, .from_format = from_format,
                             .opts = opts, .warn = warn, .warn_ud = warn_ud};
    run r = {.reg = reg, .req = &q, .err = err, .head = sink};
    char converter[64];
    snprintf(converter, sizeof converter, "docbridge %s", dbr_version());
    r.job = (dbr_job){.err = err, .opts = opts, .warn = warn, .warn_ud = warn_ud,
                      .converter = converter};
    dbr_error_clear(err);
    const dbr_plugin *p;
    dbr_status st = choose_reader(reg, from_format, in, name_hint, &q, &p, err);
    if (st == DBR_OK) {
        apply_sniff(p, in);
        st = run_reader(&r, p, &in, 1, NULL);
    }
    return st;
}

/* ---------- a writer session: the writer half of convert_one ---------- */

struct dbr_write_session {
    dbr_convert_request req;
    run r;
    char converter[64];
};

dbr_status dbr_write_session_open(const dbr_registry *reg, const char *to_format,
                                  const char *output, const dbr_options *opts, dbr_warn_fn warn,
                                  void *warn_ud, dbr_write_session **ws, dbr_sink **sink,
                                  dbr_error *err)
{
    dbr_error_clear(err);
    *ws = NULL;
    *sink = NULL;
    dbr_write_session *s = dbr_calloc(1, sizeof *s);
    if (!s)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    s->req = (dbr_convert_request){.to_format = to_format, .output = output, .opts = opts,
                                   .warn = warn, .warn_ud = warn_ud};
    s->r = (run){.reg = reg, .req = &s->req, .err = err};
    snprintf(s->converter, sizeof s->converter, "docbridge %s", dbr_version());
    s->r.job = (dbr_job){.err = err, .opts = opts, .warn = warn, .warn_ud = warn_ud,
                         .converter = s->converter};
    dbr_status st = open_writer(&s->r, to_format, output);
    if (st != DBR_OK) {
        dbr_write_session_close(s, st, err);
        return st;
    }
    *ws = s;
    *sink = s->r.head;
    return DBR_OK;
}

dbr_status dbr_write_session_close(dbr_write_session *s, dbr_status st, dbr_error *err)
{
    if (!s)
        return st;
    s->r.err = err;
    s->r.job.err = err;
    if (st == DBR_OK && s->r.writer.plugin && s->r.writer.plugin->writer->finish)
        st = s->r.writer.plugin->writer->finish(s->r.writer.state);
    if (st == DBR_WARN)
        st = DBR_OK;
    close_run(&s->r);
    if (st == DBR_OK && s->r.out)
        st = dbr_output_commit(s->r.out, err);
    else
        dbr_output_abort(s->r.out);
    dbr_free(s);
    return st;
}
