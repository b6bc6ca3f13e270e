/* text_pages.c - the page window: running headers, running footers and page numbers.
 *
 * Why a window: a line is a running header only because it repeats at the same place on other
 * pages, and the first page's header can only be recognised once the second page is seen. So
 * the window holds the page being collected and the one before it; a page is sent on (to the
 * assembler) when its successor is complete, judged against both neighbours and a small set of
 * keys already confirmed. The "place" is the first two and the last two non-blank lines of a
 * page; the comparison key folds case and turns digits into '#', so "Annual Report | 3" matches
 * "Annual Report | 4". A bare page number ("12", "- 12 -", "Page 3 of 9", "xii") at a page
 * edge is marked once the text has more than one page.
 *
 * Bounded memory: a page longer than TX_PAGE_MAX_LINES lines or TX_PAGE_MAX_BYTES bytes is not
 * a page any more (a text without form feeds); it is judged at its head against the previous
 * page, then streamed on, keeping only its last lines for the footer test.
 */
#include "text_internal.h"

#include <string.h>

#define TX_SPILL_KEEP 8

static tx_page *cur_page(tx_pages *p) { return &p->page[p->cur]; }
static tx_page *pending_page(tx_pages *p) { return &p->page[!p->cur]; }

int text_pages_init(tx_pages *p, tx_assembler *out)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->page_no = 1;
    p->page[0].pool = dbr_pool_new();
    p->page[1].pool = dbr_pool_new();
    p->page[0].number = 1;
    return p->page[0].pool && p->page[1].pool ? 0 : -1;
}

void text_pages_free(tx_pages *p)
{
    for (int i = 0; i < 2; i++) {
        dbr_pool_free(p->page[i].pool);
        dbr_free(p->page[i].lines);
    }
    memset(p, 0, sizeof *p);
}

static void page_clear(tx_page *pg, long number)
{
    dbr_pool_reset(pg->pool);
    pg->n = 0;
    pg->bytes = 0;
    pg->number = number;
    pg->head_done = 0;
    memset(pg->keys, 0, sizeof pg->keys);
}

static int page_push(tx_page *pg, const tx_line *l)
{
    if (pg->n == pg->cap) {
        size_t cap = pg->cap ? pg->cap * 2 : 64;
        tx_line *nl = dbr_realloc(pg->lines, cap * sizeof *nl);
        if (!nl)
            return -1;
        pg->lines = nl;
        pg->cap = cap;
    }
    tx_line *dst = &pg->lines[pg->n];
    *dst = *l;
    dst->text = dbr_pool_strndup(pg->pool, l->text, l->len);
    if (!dst->text)
        return -1;
    dst->page = pg->number;
    pg->n++;
    pg->bytes += l->len + sizeof *l;
    return 0;
}

static int is_edge_candidate(const tx_line *l)
{
    return l->kind != TX_BLANK && l->kind != TX_PAGE_BREAK;
}

/* Edge line indices: head[0..1] from the top, tail[0..1] from the bottom; -1 when absent. */
static void edge_lines(const tx_page *pg, long head[2], long tail[2])
{
    head[0] = head[1] = tail[0] = tail[1] = -1;
    int k = 0;
    for (size_t i = 0; i < pg->n && k < 2; i++)
        if (is_edge_candidate(&pg->lines[i]))
            head[k++] = (long)i;
    k = 0;
    for (size_t i = pg->n; i > 0 && k < 2; i--)
        if (is_edge_candidate(&pg->lines[i - 1]))
            tail[k++] = (long)i - 1;
}

static void make_key(const tx_line *l, char key[96])
{
    size_t k = 0;
    key[0] = '\0';
    if (l->len > 100)
        return;
    int space = 0;
    for (size_t i = 0; i < l->len && k < 95; i++) {
        char c = l->text[i];
        if (c == ' ' || c == '\t') {
            space = k > 0;
            continue;
        }
        if (space && k < 94)
            key[k++] = ' ';
        space = 0;
        key[k++] = (c >= '0' && c <= '9') ? '#' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    key[k] = '\0';
}

static void page_keys(tx_page *pg)
{
    long head[2], tail[2];
    edge_lines(pg, head, tail);
    for (int i = 0; i < 2; i++) {
        if (!pg->head_done) {
            if (head[i] >= 0)
                make_key(&pg->lines[head[i]], pg->keys[0][i]);
            else
                pg->keys[0][i][0] = '\0';
        }
        if (tail[i] >= 0)
            make_key(&pg->lines[tail[i]], pg->keys[1][i]);
        else
            pg->keys[1][i][0] = '\0';
    }
}

static int key_in(const char *key, char keys[2][96])
{
    return keys && key[0] && (strcmp(key, keys[0]) == 0 || strcmp(key, keys[1]) == 0);
}

static int learned(tx_pages *p, const char *key)
{
    for (int i = 0; i < p->nlearned; i++)
        if (strcmp(p->learned[i], key) == 0)
            return 1;
    return 0;
}

static void learn(tx_pages *p, const char *key)
{
    if (learned(p, key))
        return;
    int slot = p->nlearned < 16 ? p->nlearned++ : 15; /* keep the first ones; replace last */
    memcpy(p->learned[slot], key, 96);
}

static void mark(tx_line *l, const char *type)
{
    l->kind = TX_BOILER;
    l->boiler = type;
}

/* Judges one edge region (0 head, 1 tail) of pg against its neighbours' keys. */
static int is_strong(const tx_line *l)
{
    return l->kind == TX_STRONG || l->kind == TX_BOLD || l->kind == TX_MD_HEADING;
}

/* Whether the next page has a head line with exactly this text. */
static int same_text_on(const tx_page *next, const tx_line *l)
{
    long head[2], tail[2];
    if (!next)
        return 0;
    edge_lines(next, head, tail);
    for (int i = 0; i < 2; i++)
        if (head[i] >= 0 && next->lines[head[i]].len == l->len &&
            memcmp(next->lines[head[i]].text, l->text, l->len) == 0)
            return 1;
    return 0;
}

static void judge_edge(tx_pages *p, tx_page *pg, int edge, const long idx[2],
                       char (*prev)[96], const tx_page *next_pg, int have_neighbour)
{
    char(*next)[96] = next_pg ? (char(*)[96])next_pg->keys[edge] : NULL;
    for (int i = 0; i < 2; i++) {
        if (idx[i] < 0)
            continue;
        tx_line *l = &pg->lines[idx[i]];
        if (l->kind == TX_BOILER && l->boiler && strncmp(l->boiler, "running", 7) == 0)
            continue;
        if (!have_neighbour)
            continue;
        /* The first line of the first page is the cover title even when the very same words
         * run as the header of later pages: the title matters more than the furniture. Not
         * when it changes from page to page (a page number in it), and not when a strong line
         * follows it (then that one is the title and this one the header). */
        if (pg->number == 1 && edge == 0 && i == 0 && is_strong(l) && same_text_on(next_pg, l) &&
            (size_t)idx[i] + 1 < pg->n && pg->lines[idx[i] + 1].kind == TX_BLANK &&
            !(idx[1] >= 0 && is_strong(&pg->lines[idx[1]])))
            continue;
        if (text_is_page_number(l->text, l->len)) {
            mark(l, "page-number");
            continue;
        }
        const char *key = pg->keys[edge][i];
        if (!key[0] || l->kind == TX_META)
            continue;
        if (key_in(key, prev) || key_in(key, next) || learned(p, key)) {
            mark(l, edge == 0 ? "running-header" : "running-footer");
            learn(p, key);
        }
    }
}

static void judge_page(tx_pages *p, tx_page *pg, tx_page *next)
{
    long head[2], tail[2];
    edge_lines(pg, head, tail);
    char (*prev_head)[96] = p->have_prev ? p->prev_keys[0] : NULL;
    char (*prev_tail)[96] = p->have_prev ? p->prev_keys[1] : NULL;
    int neighbour = p->have_prev || next != NULL;
    if (!pg->head_done)
        judge_edge(p, pg, 0, head, prev_head, next, neighbour);
    judge_edge(p, pg, 1, tail, prev_tail, next, neighbour);
}

static dbr_status send_lines(tx_pages *p, tx_page *pg, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        dbr_status st = text_assemble_line(p->out, &pg->lines[i]);
        if (st != DBR_OK)
            return st;
    }
    return DBR_OK;
}

static dbr_status send_page(tx_pages *p, tx_page *pg)
{
    dbr_status st = send_lines(p, pg, 0, pg->n);
    memcpy(p->prev_keys, pg->keys, sizeof p->prev_keys);
    p->have_prev = 1;
    page_clear(pg, pg->number);
    return st;
}

/* Sends the pending page, judged with the current one as its successor. */
static dbr_status flush_pending(tx_pages *p)
{
    if (!p->has_pending)
        return DBR_OK;
    tx_page *pend = pending_page(p);
    judge_page(p, pend, cur_page(p));
    p->has_pending = 0;
    return send_page(p, pend);
}

/* The page being collected got too long: judge its head now and stream all but its tail. */
static dbr_status spill(tx_pages *p)
{
    tx_page *pg = cur_page(p);
    page_keys(pg);
    dbr_status st = flush_pending(p);
    if (st != DBR_OK)
        return st;
    if (!pg->head_done) {
        long head[2], tail[2];
        edge_lines(pg, head, tail);
        judge_edge(p, pg, 0, head, p->have_prev ? p->prev_keys[0] : NULL, NULL, p->have_prev);
        pg->head_done = 1;
    }
    size_t keep = pg->n > TX_SPILL_KEEP ? TX_SPILL_KEEP : pg->n;
    st = send_lines(p, pg, 0, pg->n - keep);
    if (st != DBR_OK)
        return st;
    /* Re-home the kept lines so the pool can be reset. */
    tx_line kept[TX_SPILL_KEEP];
    char *texts[TX_SPILL_KEEP] = {0};
    for (size_t i = 0; i < keep; i++) {
        kept[i] = pg->lines[pg->n - keep + i];
        texts[i] = dbr_strndup(kept[i].text, kept[i].len);
        if (!texts[i])
            st = DBR_FAILED;
    }
    char keys[2][2][96];
    memcpy(keys, pg->keys, sizeof keys);
    page_clear(pg, pg->number);
    pg->head_done = 1;
    memcpy(pg->keys, keys, sizeof keys);
    for (size_t i = 0; i < keep; i++) {
        if (st == DBR_OK) {
            kept[i].text = texts[i];
            if (page_push(pg, &kept[i]))
                st = DBR_FAILED;
        }
        dbr_free(texts[i]);
    }
    return st == DBR_OK ? DBR_OK : dbr_error_set(p->out->emit->job->err, DBR_FAILED,
                                                 "out of memory");
}

dbr_status text_pages_line(tx_pages *p, const tx_line *l)
{
    tx_page *pg = cur_page(p);
    if (page_push(pg, l))
        return dbr_error_set(p->out->emit->job->err, DBR_FAILED, "out of memory");
    if (pg->n > TX_PAGE_MAX_LINES || pg->bytes > TX_PAGE_MAX_BYTES)
        return spill(p);
    return DBR_OK;
}

dbr_status text_pages_break(tx_pages *p, const tx_line *l)
{
    tx_page *pg = cur_page(p);
    page_keys(pg);
    dbr_status st = flush_pending(p);
    if (st != DBR_OK)
        return st;
    p->has_pending = 1;
    p->cur = !p->cur;
    page_clear(cur_page(p), ++p->page_no);
    return text_pages_line(p, l);
}

dbr_status text_pages_finish(tx_pages *p)
{
    tx_page *pg = cur_page(p);
    page_keys(pg);
    dbr_status st = flush_pending(p);
    if (st != DBR_OK)
        return st;
    judge_page(p, pg, NULL);
    return send_page(p, pg);
}
