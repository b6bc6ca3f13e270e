/* cmd_align.c - `docbridge align SRC TGT`: reads two editions of a document into memory,
 * splits them into sentences (the "segment" transform, or one sentence a line with
 * --presplit), aligns them with an aligner plugin and writes the translation units through a
 * writer plugin into an atomic output; optionally the beads in vecalign's format and a report. */
#include "cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void align_help(void)
{
    printf("Usage: docbridge align [OPTIONS] SRC TGT\n"
           "\n"
           "Aligns two editions of a document sentence by sentence into translation units.\n"
           "SRC and TGT may be in any format docbridge reads. Sentences come from the 'segment'\n"
           "transform (SRX rules), or from the lines with --presplit.\n"
           "\n"
           "  -t, --to FMT          output format (tmx, xliff, tsv, jsonl...; default: by the\n"
           "                        output's extension, else tmx; 'none' = beads and report only)\n"
           "  -o, --output PATH     output file ('-' = standard output, the default)\n"
           "  -f, --from FMT        input format of both files (default: probed)\n"
           "  --src-lang TAG        source language (default: the document's, else detected)\n"
           "  --tgt-lang TAG        target language\n"
           "  --presplit            each input line is one sentence (hunalign/vecalign input)\n"
           "  --srx FILE            segmentation rules (SRX 2.0) instead of the default ones\n"
           "  --dict FILE           bilingual dictionary (hunalign's 'A @ B' lines, or A<TAB>B)\n"
           "  --aligner NAME        aligner plugin (default: lenalign)\n"
           "  --min-score X         leave out units scoring below X (0..1); counted in --report\n"
           "  --beads FILE          also write the beads, one a line: [0]:[0], [1]:[1, 2], []:[5]\n"
           "  --report              print a summary on standard error\n"
           "  --keep-unaligned      also write 1-0 and 0-1 beads as units (one side empty)\n"
           "  -O KEY=VALUE          pass an option to the plugins\n"
           "  --from-encoding ENC   input encoding, skipping detection\n"
           "  --plugin-dir DIR      load plugins from DIR first (repeatable)\n"
           "  -q, --quiet           no warnings on standard error\n");
}

typedef struct align_args {
    const char *inputs[2];
    size_t ninputs;
    const char *to, *output, *from, *src_lang, *tgt_lang, *beads, *aligner;
    double min_score;
    int has_min_score, presplit, report, keep_unaligned, help;
} align_args;

/* ---------- one side, held in memory ---------- */

typedef struct side {
    const char *path;
    const char *lang;
    dbr_pool *pool;
    dbr_doc *doc;
    const dbr_block **blocks;
    size_t n, cap;
    long para_base;  /* keeps paragraph ids distinct across the documents of one input */
    long para_max;
} side;

static int side_push(side *s, const dbr_block *b)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        const dbr_block **v = realloc(s->blocks, cap * sizeof *v);
        if (!v)
            return -1;
        s->blocks = v;
        s->cap = cap;
    }
    s->blocks[s->n++] = b;
    return 0;
}

static dbr_status collect_begin_document(void *self, const dbr_doc *doc)
{
    side *s = self;
    s->para_base = s->para_max + 1;
    if (!s->doc && !(s->doc = dbr_doc_clone(s->pool, doc)))
        return DBR_FAILED;
    return DBR_OK;
}

static int block_has_text(const dbr_block *b)
{
    for (size_t i = 0; i < b->text.count; i++) {
        const dbr_span *sp = &b->text.spans[i];
        if (sp->kind != DBR_SPAN_TEXT)
            continue;
        for (const char *p = sp->text; *p; p++)
            if (!isspace((unsigned char)*p))
                return 1;
    }
    return 0;
}

/* Keeps every block with text; renumbers "segment:para" so it is unique in the side. */
static dbr_status collect_block(void *self, const dbr_block *b)
{
    side *s = self;
    if (b->kind == DBR_BLOCK_PAGE_BREAK || !block_has_text(b))
        return DBR_OK;
    dbr_block *c = dbr_block_clone(s->pool, b);
    if (!c)
        return DBR_FAILED;
    const char *para = dbr_props_get(&c->props, "segment:para");
    long p = s->para_base + (para ? strtol(para, NULL, 10) : (long)s->n);
    if (p > s->para_max)
        s->para_max = p;
    for (size_t i = 0; i < c->props.count; i++)
        if (!strcmp(c->props.items[i].key, "segment:para"))
            c->props.items[i].value = dbr_pool_printf(s->pool, "%ld", p);
    if (!para && dbr_props_add(s->pool, &c->props, "segment:para",
                               dbr_pool_printf(s->pool, "%ld", p)))
        return DBR_FAILED;
    return side_push(s, c) ? DBR_FAILED : DBR_OK;
}

static const dbr_sink_ops COLLECT_OPS = {
    .begin_document = collect_begin_document,
    .block = collect_block,
};

/* --presplit: line i of the file is sentence i, blank lines included, all one paragraph. */
static dbr_status read_presplit(side *s, const dbr_options *opts, dbr_error *err)
{
    dbr_input_config cfg;
    if (dbr_input_config_from_options(opts, &cfg, err) != DBR_OK)
        return DBR_FAILED;
    dbr_input *in = dbr_input_open_file(s->path, &cfg, err);
    if (!in)
        return DBR_FAILED;
    dbr_doc d;
    dbr_doc_init(&d);
    d.prov.source_path = s->path;
    d.prov.format = "presplit";
    s->doc = dbr_doc_clone(s->pool, &d);
    const char *line;
    size_t len;
    dbr_status st = DBR_OK;
    while (st == DBR_OK && (st = dbr_input_getline(in, &line, &len, err)) == DBR_OK && line) {
        dbr_block *b = dbr_pool_alloc(s->pool, sizeof *b);
        if (!b || dbr_rich_add_text(s->pool, &b->text, line, len) ||
            dbr_props_add(s->pool, &b->props, "segment:para", "0") || side_push(s, b))
            st = dbr_error_set(err, DBR_FAILED, "out of memory");
        else
            b->line = dbr_input_lineno(in);
    }
    dbr_input_free(in);
    return st;
}

/* Options for one side's segmentation: the shared ones plus that side's language. */
static dbr_options *side_options(const dbr_options *base, const char *lang)
{
    dbr_options *o = dbr_options_new();
    for (size_t i = 0; o && i < dbr_options_count(base); i++) {
        const char *k, *v;
        dbr_options_at(base, i, &k, &v);
        dbr_options_set(o, k, v);
    }
    if (o && lang)
        dbr_options_set(o, "lang", lang);
    return o;
}

/* Reads one input through the segment transform into the side. */
static dbr_status read_segmented(const dbr_registry *reg, side *s, const align_args *a,
                                 const dbr_options *opts, cli_common *c, dbr_error *err)
{
    const dbr_plugin_entry *e = dbr_registry_find(reg, "segment");
    if (!e || !e->plugin->transform)
        return dbr_error_set(err, DBR_FAILED,
                             "no 'segment' transform plugin is loaded (use --presplit for "
                             "one sentence a line)");
    dbr_options *o = side_options(opts, s->lang);
    const dbr_transform_ops *t = e->plugin->transform;
    void *state = calloc(1, t->state_size ? t->state_size : 1);
    if (!o || !state) {
        dbr_options_free(o);
        free(state);
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    }
    dbr_sink collect = {&COLLECT_OPS, s};
    dbr_job job = {.err = err, .opts = o, .warn = cli_print_warning, .warn_ud = c,
                   .source_name = s->path, .converter = "docbridge"};
    dbr_status st = t->open(state, &job, &collect);
    if (st == DBR_OK || st == DBR_WARN) {
        dbr_sink seg = {t->sink, state};
        st = dbr_read_into(reg, s->path, a->from, o, cli_print_warning, c, &seg, err);
    }
    if (t->cleanup)
        t->cleanup(state);
    free(state);
    dbr_options_free(o);
    return st == DBR_WARN ? DBR_OK : st;
}

/* ---------- language from the script and a few function words ---------- */

static const struct {
    const char *lang;
    const char *words;
} STOPWORDS[] = {
    {"en", " the and of to is that was with for not "},
    {"de", " der die und das ist nicht mit sich auf ein eine den "},
    {"fr", " le la les et est des une que dans pour pas qui "},
    {"es", " el la los las que del por una con para es "},
    {"it", " il di che la per una con non sono gli "},
    {"nl", " de het een van en is niet dat met zijn "},
    {"pt", " o os que do da em um uma para com não "},
};

static const char *guess_latin(const side *s)
{
    long score[sizeof STOPWORDS / sizeof STOPWORDS[0]] = {0};
    for (size_t i = 0; i < s->n && i < 400; i++) {
        const char *t = dbr_rich_plain_dup(s->pool, &s->blocks[i]->text);
        char w[40];
        size_t k = 0;
        for (const char *p = t;; p++) {
            if (*p && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80) &&
                k + 3 < sizeof w) {
                w[1 + k++] = (char)tolower((unsigned char)*p);
                continue;
            }
            if (k) {
                w[0] = ' ';
                w[1 + k] = ' ';
                w[2 + k] = '\0';
                for (size_t l = 0; l < sizeof STOPWORDS / sizeof STOPWORDS[0]; l++)
                    score[l] += strstr(STOPWORDS[l].words, w) != NULL;
            }
            k = 0;
            if (!*p)
                break;
        }
    }
    size_t best = 0;
    for (size_t l = 1; l < sizeof STOPWORDS / sizeof STOPWORDS[0]; l++)
        if (score[l] > score[best])
            best = l;
    return STOPWORDS[best].lang;
}

static const char *detect_lang(const side *s)
{
    long han = 0, kana = 0, hangul = 0, cyr = 0, arabic = 0, latin = 0;
    for (size_t i = 0; i < s->n && i < 400; i++) {
        const unsigned char *p =
            (const unsigned char *)dbr_rich_plain_dup(s->pool, &s->blocks[i]->text);
        while (p && *p) {
            unsigned cp = *p;
            int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
            if (n == 2 && p[1])
                cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F);
            else if (n == 3 && p[1] && p[2])
                cp = ((cp & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (cp >= 0x4E00 && cp <= 0x9FFF)
                han++;
            else if (cp >= 0x3040 && cp <= 0x30FF)
                kana++;
            else if (cp >= 0xAC00 && cp <= 0xD7AF)
                hangul++;
            else if (cp >= 0x400 && cp <= 0x4FF)
                cyr++;
            else if (cp >= 0x600 && cp <= 0x6FF)
                arabic++;
            else if (cp < 0x250 && isalpha((int)(cp < 0x80 ? cp : 'a')))
                latin++;
            for (int k = 0; k < n && *p; k++)
                p++;
        }
    }
    if (kana * 10 > han && kana > 0)
        return "ja";
    if (han > latin / 4 && han > 0)
        return "zh";
    if (hangul > latin)
        return "ko";
    if (cyr > latin)
        return "ru";
    if (arabic > latin)
        return "ar";
    return guess_latin(s);
}

/* ---------- the stage between the aligner and the writer ---------- */

typedef struct align_out {
    dbr_sink *next;
    dbr_output *beads;
    dbr_error *err;
    const align_args *args;
    long by_type[16];
    char type_name[16][8];
    int ntypes;
    long units, written, dropped, unaligned;
    double score_sum;
    dbr_pool *pool;
} align_out;

static void count_type(align_out *o, const char *bead)
{
    const char *b = bead ? bead : "?";
    for (int k = 0; k < o->ntypes; k++)
        if (!strcmp(o->type_name[k], b)) {
            o->by_type[k]++;
            return;
        }
    if (o->ntypes < 16) {
        snprintf(o->type_name[o->ntypes], sizeof o->type_name[0], "%s", b);
        o->by_type[o->ntypes++] = 1;
    }
}

/* "3,4" -> "[3, 4]" */
static dbr_status write_ids(dbr_output *out, const char *ids, dbr_error *err)
{
    dbr_status st = dbr_output_puts(out, "[", err);
    for (const char *p = ids ? ids : ""; *p && st == DBR_OK; p++)
        st = *p == ',' ? dbr_output_puts(out, ", ", err) : dbr_output_write(out, p, 1, err);
    return st == DBR_OK ? dbr_output_puts(out, "]", err) : st;
}

static dbr_status out_unit(void *self, const dbr_unit *u)
{
    align_out *o = self;
    const char *s = dbr_props_get(&u->props, "align:src");
    const char *t = dbr_props_get(&u->props, "align:tgt");
    dbr_status st = DBR_OK;
    if (o->beads) {
        st = write_ids(o->beads, s, o->err);
        if (st == DBR_OK)
            st = dbr_output_puts(o->beads, ":", o->err);
        if (st == DBR_OK)
            st = write_ids(o->beads, t, o->err);
        if (st == DBR_OK)
            st = dbr_output_puts(o->beads, "\n", o->err);
        if (st != DBR_OK)
            return st;
    }
    o->units++;
    count_type(o, u->bead);
    int null_bead = !s || !t || !*s || !*t;
    if (u->has_score && !null_bead)
        o->score_sum += u->score;
    if (null_bead && !o->args->keep_unaligned) {
        o->unaligned++;
        return DBR_OK;
    }
    if (o->args->has_min_score && u->has_score && u->score < o->args->min_score) {
        o->dropped++;
        return DBR_OK;
    }
    /* The sentence indices served the beads file; the unit goes out without them. */
    dbr_unit copy = *u;
    dbr_pool_reset(o->pool);
    memset(&copy.props, 0, sizeof copy.props);
    for (size_t i = 0; i < u->props.count; i++)
        if (strncmp(u->props.items[i].key, "align:", 6) != 0 &&
            dbr_props_add(o->pool, &copy.props, u->props.items[i].key, u->props.items[i].value))
            return dbr_error_set(o->err, DBR_FAILED, "out of memory");
    o->written++;
    return dbr_sink_unit(o->next, &copy);
}

static const dbr_sink_ops ALIGN_OUT_OPS = {.unit = out_unit};

static void print_report(const align_out *o, const side *src, const side *tgt)
{
    fprintf(stderr, "align report\n");
    fprintf(stderr, "  source sentences: %zu (%s)\n", src->n, src->lang);
    fprintf(stderr, "  target sentences: %zu (%s)\n", tgt->n, tgt->lang);
    fprintf(stderr, "  beads: %ld\n", o->units);
    for (int k = 0; k < o->ntypes; k++)
        fprintf(stderr, "    %-4s %ld\n", o->type_name[k], o->by_type[k]);
    long aligned = o->units - o->unaligned;
    fprintf(stderr, "  mean score: %.3f\n", aligned > 0 ? o->score_sum / (double)aligned : 0.0);
    fprintf(stderr, "  unaligned (1-0, 0-1) not written: %ld\n", o->unaligned);
    fprintf(stderr, "  dropped by --min-score: %ld\n", o->dropped);
    fprintf(stderr, "  units written: %ld\n", o->written);
}

/* ---------- running the aligner ---------- */

static dbr_doc *output_doc(dbr_pool *pool, const side *src, const side *tgt)
{
    dbr_doc d;
    dbr_doc_init(&d);
    if (src->doc) {
        d.title = src->doc->title;
        d.prov = src->doc->prov;
    }
    d.prov.source_path = src->path;
    d.lang = src->lang;
    char seed[8192], id[40];
    int n = snprintf(seed, sizeof seed, "align\n%s\n%s\n%s\n%s", src->path, tgt->path,
                     src->doc && src->doc->prov.sha256 ? src->doc->prov.sha256 : "",
                     tgt->doc && tgt->doc->prov.sha256 ? tgt->doc->prov.sha256 : "");
    dbr_make_id("d", seed, n > 0 ? (size_t)n : 0, id);
    d.id = id;
    dbr_doc *c = dbr_doc_clone(pool, &d);
    if (c && (dbr_doc_add_lang(pool, c, src->lang) || dbr_doc_add_lang(pool, c, tgt->lang)))
        return NULL;
    return c;
}

static dbr_status run_aligner(const dbr_registry *reg, const align_args *a, side *src,
                              side *tgt, const dbr_options *opts, cli_common *c,
                              dbr_error *err)
{
    const dbr_plugin_entry *e = dbr_registry_find(reg, a->aligner);
    if (!e || e->plugin->size < sizeof(dbr_plugin) || !e->plugin->aligner)
        return dbr_error_set(err, DBR_FAILED, "no aligner named '%s' (see: docbridge formats)",
                             a->aligner);
    const char *to = a->to;
    if (!to && (!a->output || !strcmp(a->output, "-") || !dbr_registry_writer_for(reg, a->output)))
        to = "tmx";
    /* "-t none": only the beads and the report (scoring against gold sets needs no units). */
    static const dbr_sink_ops NO_OPS = {0};
    dbr_sink none = {&NO_OPS, NULL};
    dbr_write_session *ws = NULL;
    dbr_sink *wsink = &none;
    dbr_status st = to && strcmp(to, "none") == 0
                        ? DBR_OK
                        : dbr_write_session_open(reg, to, a->output, opts, cli_print_warning, c,
                                                 &ws, &wsink, err);
    if (st != DBR_OK)
        return st;
    align_out o = {.next = wsink, .err = err, .args = a, .pool = dbr_pool_new()};
    if (a->beads && !(o.beads = dbr_output_open(a->beads, err)))
        st = DBR_FAILED;
    const dbr_aligner_ops *ops = e->plugin->aligner;
    void *state = calloc(1, ops->state_size ? ops->state_size : 1);
    dbr_doc *doc = o.pool ? output_doc(src->pool, src, tgt) : NULL;
    if (st == DBR_OK && (!state || !doc))
        st = dbr_error_set(err, DBR_FAILED, "out of memory");
    if (st == DBR_OK)
        st = dbr_sink_begin_dataset(wsink);
    if (st == DBR_OK)
        st = dbr_sink_begin_document(wsink, doc);
    if (st == DBR_OK) {
        dbr_job job = {.err = err, .opts = opts, .warn = cli_print_warning, .warn_ud = c,
                       .converter = "docbridge"};
        dbr_align_side as = {src->doc, src->blocks, src->n, src->lang};
        dbr_align_side at = {tgt->doc, tgt->blocks, tgt->n, tgt->lang};
        dbr_sink osink = {&ALIGN_OUT_OPS, &o};
        st = ops->align(state, &job, &as, &at, &osink);
        if (st == DBR_WARN)
            st = DBR_OK;
    }
    if (ops->cleanup && state)
        ops->cleanup(state);
    free(state);
    if (st == DBR_OK)
        st = dbr_sink_end_document(wsink, doc);
    if (st == DBR_OK)
        st = dbr_sink_end_dataset(wsink);
    st = dbr_write_session_close(ws, st, err);
    if (o.beads && st == DBR_OK)
        st = dbr_output_commit(o.beads, err);
    else
        dbr_output_abort(o.beads);
    if (st == DBR_OK && a->report)
        print_report(&o, src, tgt);
    dbr_pool_free(o.pool);
    return st;
}

/* ---------- command line ---------- */

static int matches(const char *a, const char *flag)
{
    size_t fl = strlen(flag);
    return strncmp(a, flag, fl) == 0 && (a[fl] == '\0' || a[fl] == '=');
}

static const char *value_of(int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *eq = a[0] == '-' && a[1] == '-' ? strchr(a, '=') : NULL;
    if (eq)
        return eq + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

typedef struct value_flag {
    const char *shortf, *longf;
    size_t field;   /* offset of the const char * in align_args, or (size_t)-1 */
    const char *key; /* option key to set instead */
} value_flag;

static const value_flag VALUE_FLAGS[] = {
    {"-t", "--to", offsetof(align_args, to), NULL},
    {"-o", "--output", offsetof(align_args, output), NULL},
    {"-f", "--from", offsetof(align_args, from), NULL},
    {NULL, "--src-lang", offsetof(align_args, src_lang), NULL},
    {NULL, "--tgt-lang", offsetof(align_args, tgt_lang), NULL},
    {NULL, "--beads", offsetof(align_args, beads), NULL},
    {NULL, "--aligner", offsetof(align_args, aligner), NULL},
    {NULL, "--srx", (size_t)-1, "srx"},
    {NULL, "--dict", (size_t)-1, "dict"},
    {NULL, "--from-encoding", (size_t)-1, "from-encoding"},
    {NULL, "--normalize", (size_t)-1, "normalize"},
};

static int parse_value_flag(align_args *a, dbr_options *opts, int argc, char **argv, int *i,
                            int *handled)
{
    const char *arg = argv[*i];
    *handled = 0;
    for (size_t k = 0; k < sizeof VALUE_FLAGS / sizeof VALUE_FLAGS[0]; k++) {
        const value_flag *f = &VALUE_FLAGS[k];
        if (!((f->shortf && !strcmp(arg, f->shortf)) || matches(arg, f->longf)))
            continue;
        *handled = 1;
        const char *v = value_of(argc, argv, i);
        if (!v || !*v)
            return cli_usage_error("align", "%s needs a value", arg);
        if (f->key)
            dbr_options_set(opts, f->key, v);
        else
            *(const char **)((char *)a + f->field) = v;
        return 0;
    }
    return 0;
}

static int parse_flag(align_args *a, dbr_options *opts, const dbr_registry *reg, int argc,
                      char **argv, int *i)
{
    const char *arg = argv[*i];
    int handled;
    int rc = parse_value_flag(a, opts, argc, argv, i, &handled);
    if (handled || rc)
        return rc;
    if (!strcmp(arg, "--presplit"))
        a->presplit = 1;
    else if (!strcmp(arg, "--report"))
        a->report = 1;
    else if (!strcmp(arg, "--keep-unaligned"))
        a->keep_unaligned = 1;
    else if (matches(arg, "--min-score")) {
        const char *v = value_of(argc, argv, i);
        char *end;
        a->min_score = v ? strtod(v, &end) : 0;
        if (!v || end == v || *end)
            return cli_usage_error("align", "--min-score needs a number between 0 and 1");
        a->has_min_score = 1;
    } else if (!strcmp(arg, "-O")) {
        const char *v = *i + 1 < argc ? argv[++*i] : NULL;
        if (!v || dbr_options_parse(opts, v) != 0)
            return cli_usage_error("align", "-O needs KEY=VALUE");
    } else {
        int r = cli_plugin_option(reg, opts, argc, argv, i);
        if (r < 0)
            return cli_usage_error("align", "option %s needs a value", arg);
        if (r == 0)
            return cli_usage_error("align", "unknown option '%s'", arg);
    }
    return 0;
}

/* The parse state cli_parse_args hands back to the two functions below. */
typedef struct align_parse {
    align_args *a;
    dbr_options *opts;
    const dbr_registry *reg;
} align_parse;

static int align_positional(void *ud, const char *arg)
{
    align_args *a = ((align_parse *)ud)->a;
    if (a->ninputs == 2)
        return cli_usage_error("align", "more than two inputs: '%s'", arg);
    a->inputs[a->ninputs++] = arg;
    return 0;
}

static int align_flag(void *ud, int argc, char **argv, int *i)
{
    align_parse *p = ud;
    return parse_flag(p->a, p->opts, p->reg, argc, argv, i);
}

static dbr_status load_side(const dbr_registry *reg, side *s, const align_args *a,
                            const dbr_options *opts, cli_common *c, dbr_error *err)
{
    dbr_status st = a->presplit ? read_presplit(s, opts, err)
                                : read_segmented(reg, s, a, opts, c, err);
    if (st != DBR_OK)
        return st;
    if (!s->lang && s->doc && s->doc->lang && *s->doc->lang && strcmp(s->doc->lang, "und"))
        s->lang = s->doc->lang;
    if (!s->lang)
        s->lang = detect_lang(s);
    return DBR_OK;
}

/* The output is renamed into place from a temporary file: that would replace a device or a
 * symbolic link (/dev/stdout) with a plain file, so only regular files (or '-') are taken. */
static dbr_status check_regular(const char *path, dbr_error *err)
{
    struct stat sb;
    if (!path || !strcmp(path, "-") || lstat(path, &sb) != 0 || S_ISREG(sb.st_mode))
        return DBR_OK;
    return dbr_error_set(err, DBR_FAILED,
                         "'%s' is not a regular file (use '-' for standard output)", path);
}

static int do_align(const dbr_registry *reg, const align_args *a, const dbr_options *opts,
                    cli_common *c)
{
    side src = {.path = a->inputs[0], .lang = a->src_lang, .pool = dbr_pool_new()};
    side tgt = {.path = a->inputs[1], .lang = a->tgt_lang, .pool = dbr_pool_new()};
    dbr_error err;
    dbr_error_clear(&err);
    dbr_status st = (!src.pool || !tgt.pool) ? dbr_error_set(&err, DBR_FAILED, "out of memory")
                                             : DBR_OK;
    if (st == DBR_OK && a->output && strcmp(a->output, "-") &&
        (dbr_same_file(a->output, src.path) || dbr_same_file(a->output, tgt.path)))
        st = dbr_error_set(&err, DBR_FAILED, "output '%s' is one of the inputs", a->output);
    if (st == DBR_OK)
        st = check_regular(a->output, &err);
    if (st == DBR_OK)
        st = check_regular(a->beads, &err);
    if (st == DBR_OK)
        st = load_side(reg, &src, a, opts, c, &err);
    if (st == DBR_OK)
        st = load_side(reg, &tgt, a, opts, c, &err);
    if (st == DBR_OK)
        st = run_aligner(reg, a, &src, &tgt, opts, c, &err);
    if (st != DBR_OK)
        cli_print_error(&err);
    free(src.blocks);
    free(tgt.blocks);
    dbr_pool_free(src.pool);
    dbr_pool_free(tgt.pool);
    return st == DBR_OK ? EXIT_OK : EXIT_FAILED;
}

int cmd_align(int argc, char **argv)
{
    cli_common c = {0};
    cli_prescan_common(&c, argc, argv);
    dbr_registry *reg = cli_load_registry(&c);
    dbr_options *opts = dbr_options_new();
    align_args a = {.aligner = "lenalign"};
    c.nplugin_dirs = 0;
    align_parse p = {&a, opts, reg};
    const cli_arg_handlers h = {align_positional, align_flag, &p};
    int rc = (!reg || !opts) ? EXIT_FAILED : cli_parse_args(argc, argv, &c, &a.help, &h);
    if (a.output && !strcmp(a.output, "/dev/stdout"))
        a.output = "-";
    if (a.beads && !strcmp(a.beads, "/dev/stdout"))
        a.beads = "-";
    if (!rc && a.help)
        align_help();
    else if (!rc && a.ninputs != 2)
        rc = cli_usage_error("align", "need two inputs, SRC and TGT");
    else if (!rc)
        rc = do_align(reg, &a, opts, &c);
    dbr_options_free(opts);
    dbr_registry_free(reg);
    return rc;
}
