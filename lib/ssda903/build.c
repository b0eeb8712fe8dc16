/* Building the columnar store from the raw rows: organisations and children in order, the multi-year
 * merge of episodes (the latest return wins), structural validation of every child's history, and
 * the per-child index ranges. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "ssda903/internal.h"

/* ---- a stable merge sort of string ids by their text (needs the pool as context) ---- */
static void sort_sids(uint32_t *a, uint32_t *tmp, size_t n, const cs_strpool *p)
{
    if (n < 2) return;
    size_t h = n / 2;
    sort_sids(a, tmp, h, p);
    sort_sids(a + h, tmp, n - h, p);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        if (strcmp(cs_strpool_get(p, a[j]), cs_strpool_get(p, a[i])) < 0) tmp[k++] = a[j++];
        else tmp[k++] = a[i++];
    }
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

/* sort key of a raw row */
typedef struct key {
    uint32_t child;
    int32_t k1, k2;
    uint32_t src, line;
    uint32_t raw;
} key;

static int key_cmp(const void *pa, const void *pb)
{
    const key *a = pa, *b = pb;
    if (a->child != b->child) return a->child < b->child ? -1 : 1;
    if (a->k1 != b->k1) return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2) return a->k2 < b->k2 ? -1 : 1;
    if (a->src != b->src) return a->src < b->src ? -1 : 1;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    return 0;
}

static int u64_cmp(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

void cs903_store_clear_arrays(cs903_store *s)
{
    void *arrays[] = {
        s->org_code, s->org_name, s->org_user_defined, s->org_child_first, s->org_child_count, s->org_year_first,
        s->org_year_last, s->org_data_end, s->org_merged_duplicates, s->org_merged_superseded, s->child_org, s->child_id, s->child_in_header, s->child_sex,
        s->child_dob, s->child_ethnic, s->child_upn, s->child_mother, s->child_mc_dob, s->child_header_year,
        s->child_ep_first, s->child_ep_count, s->child_oc3_first, s->child_oc3_count, s->child_uasc_first,
        s->child_uasc_count, s->child_ad1_first, s->child_ad1_count, s->child_pfa_first, s->child_pfa_count,
        s->child_sw_first, s->child_sw_count, s->ep_child, s->ep_decom, s->ep_dec, s->ep_rne, s->ep_ls,
        s->ep_cin, s->ep_place, s->ep_provider, s->ep_rec, s->ep_rpc, s->ep_home_post, s->ep_pl_post,
        s->ep_urn, s->ep_year, s->ep_flags, s->ep_src, s->ep_line, s->oc3_child, s->oc3_year, s->oc3_dob,
        s->oc3_in_touch, s->oc3_activ, s->oc3_accom, s->uasc_child, s->uasc_year, s->uasc_sex, s->uasc_dob,
        s->uasc_duc, s->ad1_child, s->ad1_year, s->ad1_dob, s->ad1_date_int, s->ad1_date_match,
        s->ad1_foster_care, s->ad1_nb_adoptr, s->ad1_sex_adoptr, s->ad1_ls_adoptr, s->pfa_child, s->pfa_year,
        s->pfa_dob, s->pfa_date_placed, s->pfa_date_placed_ceased, s->pfa_reason_ceased, s->sw_child,
        s->sw_year, s->sw_id, s->sw_decom, s->sw_dec, s->sw_reason};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) cs_free(arrays[i]);
    /* org_code / org_name point into the slot's org list: only the arrays are freed above */
    cs_strpool strs = s->strs;
    size_t nsources = s->nsources;
    char **src_name = s->src_name;
    memset(s, 0, sizeof *s);
    s->strs = strs;
    s->nsources = nsources;
    s->src_name = src_name;
}

/* ------------------------------------------------------------------------------------------------ */

typedef struct bctx {
    cs903_load *L;
    cs903_slot *S;
    cs903_store *st;
    int report;
    size_t first_src;
    uint32_t *org_map;   /* raw org id -> store org index (UINT32_MAX if no live rows) */
    uint32_t *rank;      /* string id -> rank of its text among child ids */
    uint64_t *ckeys;     /* sorted unique (org << 32 | rank), one per child */
    size_t nck;
    uint64_t *hkeys;     /* header presence: (child << 16 | year), sorted */
    size_t nhk;
    uint64_t *hyears;    /* (org << 16 | year) with header rows, sorted */
    size_t nhy;
    const uint8_t *dirty; /* raw org id -> 1 if rebuilt; NULL = every organisation */
    uint64_t *hyears_cur; /* (org << 16 | year) with header rows from this load, sorted */
    size_t nhyc;
} bctx;

static int cur(const bctx *B, uint32_t src) { return B->report && src >= B->first_src; }

/* A raw row taking part in this build: alive, and of an organisation being rebuilt. */
#define SKIP(r) ((r).dead || (B.dirty && !B.dirty[(r).org]))

static uint32_t child_of(const bctx *B, uint32_t org, uint32_t sid)
{
    uint64_t k = ((uint64_t)B->org_map[org] << 32) | B->rank[sid];
    size_t lo = 0, hi = B->nck;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (B->ckeys[mid] < k) lo = mid + 1;
        else hi = mid;
    }
    return (uint32_t)lo; /* always found: every live row's key was inserted */
}

static int has_u64(const uint64_t *a, size_t n, uint64_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a[mid] < k) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && a[lo] == k;
}

#define NEWARR(p, n)                                                   \
    do {                                                               \
        (p) = cs_calloc((n) ? (n) : 1, sizeof *(p));                   \
        if (!(p)) goto nomem;                                          \
    } while (0)

static const char *src_name(const bctx *B, uint32_t src) { return B->S->src[src].name; }

/* ---- headers ---- */
static int hdr_same(const raw_hdr *a, const raw_hdr *b)
{
    return a->sex == b->sex && a->dob == b->dob && a->ethnic == b->ethnic && a->upn == b->upn &&
           a->mother == b->mother && a->mc_dob == b->mc_dob;
}

static int ep_same(const raw_ep *a, const raw_ep *b)
{
    return a->decom == b->decom && a->dec == b->dec && a->rne == b->rne && a->ls == b->ls && a->cin == b->cin &&
           a->place == b->place && a->prov == b->prov && a->rec == b->rec && a->rpc == b->rpc &&
           a->home == b->home && a->pl == b->pl && a->urn == b->urn;
}

/* Names of the fields that differ between two versions of an episode ("" if none). */
static void ep_diff(const raw_ep *a, const raw_ep *b, char *buf, size_t cap)
{
    buf[0] = '\0';
    size_t n = 0;
#define D(cond, name)                                                                   \
    if (cond) {                                                                         \
        size_t l = strlen(name);                                                        \
        if (n + l + 3 < cap) {                                                          \
            if (n) memcpy(buf + n, ", ", 2), n += 2;                                    \
            memcpy(buf + n, name, l + 1);                                               \
            n += l;                                                                     \
        }                                                                               \
    }
    D(a->dec != b->dec, "DEC")
    D(a->rne != b->rne, "RNE")
    D(a->ls != b->ls, "LS")
    D(a->cin != b->cin, "CIN")
    D(a->place != b->place, "PLACE")
    D(a->prov != b->prov, "PLACE_PROVIDER")
    D(a->rec != b->rec, "REC")
    D(a->rpc != b->rpc, "REASON_PLACE_CHANGE")
    D(a->home != b->home, "HOME_POST")
    D(a->pl != b->pl, "PL_POST")
    D(a->urn != b->urn, "URN")
#undef D
}

/* An earlier open episode closed by a later return (DEC filled in, REC and reason filled in or the
 * same, nothing else changed) is an update, not a conflict. */
static int ep_is_closing_update(const raw_ep *old, const raw_ep *nw)
{
    return old->dec == CARESTAT_DATE_NONE && (old->rec == CS903_NONE || old->rec == nw->rec) && old->rne == nw->rne &&
           old->ls == nw->ls &&
           old->cin == nw->cin && old->place == nw->place && old->prov == nw->prov && old->home == nw->home &&
           old->pl == nw->pl && old->urn == nw->urn;
}

#define MARK(rowp)                                                                        \
    do {                                                                                  \
        if (B->report && (rowp)->src >= B->first_src) {                                   \
            int mrc_ = cs903_mark_bad(B->L, &(rowp)->bad, &(rowp)->dead, (rowp)->src);    \
            if (mrc_) return mrc_;                                                        \
        }                                                                                 \
    } while (0)

/* An error between two episodes, `at` being the one at fault. A row of this load is marked as the
 * mode says. A row of an earlier load cannot be dropped any more (its load is summarised): in KEEP mode
 * it is only flagged, in DROP/STOP mode the other row (of this load) is marked instead. */
#define MARK2(at, other)                                                                  \
    do {                                                                                  \
        if (cur(B, (at)->src)) MARK(at);                                                  \
        else if (B->L->mode == CARESTAT_ROWS_KEEP) {                                      \
            int frc_ = cs903_flag_old(B->L, &(at)->bad);                                  \
            if (frc_) return frc_;                                                        \
        }                                                                                 \
        else MARK(other);                                                                 \
    } while (0)

/* Merge and check one child's episodes. idx[0..n) are raw indices sorted by (year, decom, src, line).
 * out receives the merged history (raw indices, by decom); returns its length through *nout. */
static int merge_child_episodes(bctx *B, uint32_t child, const uint32_t *idx, size_t n, uint32_t *out,
                                size_t *nout, uint32_t *tmp)
{
    cs903_slot *S = B->S;
    size_t no = 0;
    char buf[160], d1[16], d2[16], yb[16], yb2[16];
    size_t i = 0;
    while (i < n) {
        int year = S->ep[idx[i]].year;
        size_t j = i;
        while (j < n && S->ep[idx[j]].year == year) j++;
        /* rows of this return, deduplicated by start date (the later line wins) */
        size_t nr = 0;
        for (size_t k = i; k < j; k++) {
            raw_ep *e = &S->ep[idx[k]];
            if (nr && S->ep[tmp[nr - 1]].decom == e->decom) {
                raw_ep *p = &S->ep[tmp[nr - 1]];
                if (cur(B, e->src) || cur(B, p->src)) {
                    (void)carestat_date_format(d1, sizeof d1, e->decom);
                    if (ep_same(p, e))
                        cs903_diag(B->L, CARESTAT_SEV_ERROR, e->src, e->line, 0, "903_DUPLICATE_ROW",
                                   "duplicate of the episode at %s:%u (child %s, DECOM %s)", src_name(B, p->src),
                                   (unsigned)p->line, cs903_str(B->st, e->child), d1);
                    else
                        cs903_diag(B->L, CARESTAT_SEV_ERROR, e->src, e->line, S->src[e->src].col[C_DATE1],
                                   "903_EP_SAME_START",
                                   "child %s has two different episodes starting %s in one return (also %s:%u): "
                                   "this later row is used",
                                   cs903_str(B->st, e->child), d1, src_name(B, p->src), (unsigned)p->line);
                    MARK(e);
                }
                tmp[nr - 1] = idx[k];
            } else {
                tmp[nr++] = idx[k];
            }
        }
        /* apply: earlier episodes from this return's first start on are replaced */
        carestat_date first = S->ep[tmp[0]].decom;
        size_t keep = 0;
        while (keep < no && S->ep[out[keep]].decom < first) keep++;
        size_t r = 0;
        for (size_t k = keep; k < no; k++) {
            raw_ep *o = &S->ep[out[k]];
            while (r < nr && S->ep[tmp[r]].decom < o->decom) r++;
            if (r < nr && S->ep[tmp[r]].decom == o->decom) {
                raw_ep *nw = &S->ep[tmp[r]];
                B->st->merged_duplicates++;
                B->st->org_merged_duplicates[B->st->child_org[child]]++;
                nw->seq |= 0x80000000u; /* replaced marker for the output flags */
                if (!ep_same(o, nw) && !ep_is_closing_update(o, nw) && (cur(B, o->src) || cur(B, nw->src))) {
                    ep_diff(o, nw, buf, sizeof buf);
                    (void)carestat_date_format(d1, sizeof d1, nw->decom);
                    cs903_diag(B->L, CARESTAT_SEV_WARNING, nw->src, nw->line, 0, "903_MERGE_CONFLICT",
                               "child %s, episode starting %s: the %s return differs from the %s return (%s:%u) in "
                               "%s; the later version is used",
                               cs903_str(B->st, nw->child), d1, cs903_year_label(nw->year, yb),
                               cs903_year_label(o->year, yb2), src_name(B, o->src), (unsigned)o->line, buf);
                }
            } else {
                B->st->merged_superseded++;
                B->st->org_merged_superseded[B->st->child_org[child]]++;
                if (cur(B, o->src) || cur(B, S->ep[tmp[0]].src)) {
                    (void)carestat_date_format(d1, sizeof d1, o->decom);
                    (void)carestat_date_format(d2, sizeof d2, first);
                    cs903_diag(B->L, CARESTAT_SEV_WARNING, o->src, o->line, 0, "903_MERGE_SUPERSEDED",
                               "child %s, episode starting %s (%s return) is not in the %s return (%s), whose history "
                               "for this child starts %s: dropped",
                               cs903_str(B->st, o->child), d1, cs903_year_label(o->year, yb),
                               cs903_year_label(year, yb2), src_name(B, S->ep[tmp[0]].src), d2);
                }
            }
        }
        memcpy(out + keep, tmp, nr * sizeof *out);
        no = keep + nr;
        i = j;
    }
    /* structural checks on the merged history */
    for (size_t k = 1; k < no; k++) {
        raw_ep *p = &S->ep[out[k - 1]], *c = &S->ep[out[k]];
        if (!(cur(B, p->src) || cur(B, c->src))) continue;
        const char *cid = cs903_str(B->st, c->child);
        /* d1 (this episode's start) is formatted only when a diagnostic needs it: this loop sees
         * every pair of consecutive episodes, and formatting was 3% of loading (bench/RESULTS.md) */
        if (p->dec == CARESTAT_DATE_NONE) {
            (void)carestat_date_format(d1, sizeof d1, c->decom);
            (void)carestat_date_format(d2, sizeof d2, p->decom);
            cs903_diag(B->L, CARESTAT_SEV_ERROR, p->src, p->line, S->src[p->src].col[C_DATE2], "903_EP_OPEN_NOT_LAST",
                       "child %s: episode starting %s has no end date (DEC) but a later episode starts %s (%s:%u)",
                       cid, d2, d1, src_name(B, c->src), (unsigned)c->line);
            MARK2(p, c);
        } else if (p->dec > c->decom) {
            (void)carestat_date_format(d1, sizeof d1, c->decom);
            (void)carestat_date_format(d2, sizeof d2, p->dec);
            cs903_diag(B->L, CARESTAT_SEV_ERROR, c->src, c->line, S->src[c->src].col[C_DATE1], "903_EP_OVERLAP",
                       "child %s: episode starting %s begins before the previous episode (%s:%u) ends on %s", cid, d1,
                       src_name(B, p->src), (unsigned)p->line, d2);
            MARK2(c, p);
        } else if (c->rne == CS903_RNE_S && p->dec == c->decom && p->rec == CS903_REC_X1) {
            (void)carestat_date_format(d1, sizeof d1, c->decom);
            cs903_diag(B->L, CARESTAT_SEV_ERROR, c->src, c->line, S->src[c->src].fcol[CS903_FIELD_RNE],
                       "903_EP_S_NOT_PERIOD_START",
                       "child %s: RNE is S (started to be looked after) on %s, but the previous episode (%s:%u) "
                       "ended that day with X1, so this episode continues a period of care",
                       cid, d1, src_name(B, p->src), (unsigned)p->line);
            MARK2(c, p);
        } else if (c->rne >= CS903_RNE_L && !(p->dec == c->decom && p->rec == CS903_REC_X1) &&
                   cur(B, c->src)) {
            (void)carestat_date_format(d1, sizeof d1, c->decom);
            cs903_diag(B->L, CARESTAT_SEV_WARNING, c->src, c->line, S->src[c->src].fcol[CS903_FIELD_RNE],
                       "903_EP_CONTINUATION_GAP",
                       "child %s: RNE '%s' on %s continues a period of care, but the previous episode (%s:%u) did "
                       "not end that day with X1",
                       cid, cs903_code_text(CS903_FIELD_RNE, c->rne), d1, src_name(B, p->src), (unsigned)p->line);
        }
    }
    *nout = no;
    return CARESTAT_OK;
}

/* Build the store of the organisations marked in dirty (all when NULL) into st, whose string pool is
 * the slot's (borrowed). */
static int build_part(cs903_load *L, int report, const uint8_t *dirty, cs903_store *st)
{
    cs903_slot *S = L->slot;
    bctx B;
    memset(&B, 0, sizeof B);
    B.L = L;
    B.S = S;
    B.st = st;
    B.report = report;
    B.first_src = L->first_src;
    B.dirty = dirty;
    key *keys = NULL;
    uint32_t *sids = NULL, *tmp = NULL, *out = NULL, *tmp2 = NULL;
    uint32_t *org_order = NULL;
    int *org_maxy = NULL, *org_maxy_cur = NULL;
    int rc = CARESTAT_OK;

    /* 1. organisations with live rows, in code order */
    NEWARR(B.org_map, S->norg);
    NEWARR(org_order, S->norg);
    {
        uint8_t *live = cs_calloc(S->norg ? S->norg : 1, 1);
        if (!live) goto nomem;
#define LIVE(arr)                                                           \
    for (size_t i = 0; i < S->n_##arr; i++)                                 \
        if (!SKIP(S->arr[i])) live[S->arr[i].org] = 1;
        LIVE(hdr) LIVE(ep) LIVE(oc3) LIVE(uasc) LIVE(ad1) LIVE(pfa) LIVE(sw)
#undef LIVE
        size_t no = 0;
        for (size_t o = 0; o < S->norg; o++) {
            B.org_map[o] = UINT32_MAX;
            if (!live[o]) continue;
            size_t k = no++;
            while (k > 0 && strcmp(S->org_code[org_order[k - 1]], S->org_code[o]) > 0) {
                org_order[k] = org_order[k - 1];
                k--;
            }
            org_order[k] = (uint32_t)o;
        }
        cs_free(live);
        st->norgs = no;
        NEWARR(st->org_code, no);
        NEWARR(st->org_name, no);
        NEWARR(st->org_user_defined, no);
        NEWARR(st->org_merged_duplicates, no);
        NEWARR(st->org_merged_superseded, no);
        for (size_t k = 0; k < no; k++) {
            B.org_map[org_order[k]] = (uint32_t)k;
            st->org_code[k] = S->org_code[org_order[k]];
            st->org_name[k] = S->org_name[org_order[k]];
            st->org_user_defined[k] = S->org_user[org_order[k]];
        }
    }

    /* 2. child ids ranked by text */
    size_t npool = cs_strpool_count(&st->strs);
    NEWARR(B.rank, npool);
    {
        uint8_t *used = cs_calloc(npool ? npool : 1, 1);
        if (!used) goto nomem;
        size_t nu = 0;
#define USED(arr)                                                                            \
    for (size_t i = 0; i < S->n_##arr; i++)                                                  \
        if (!SKIP(S->arr[i]) && !used[S->arr[i].child]) used[S->arr[i].child] = 1, nu++;
        USED(hdr) USED(ep) USED(oc3) USED(uasc) USED(ad1) USED(pfa) USED(sw)
#undef USED
        sids = cs_calloc(nu ? nu : 1, sizeof *sids);
        tmp = cs_calloc(nu ? nu : 1, sizeof *tmp);
        if (!sids || !tmp) {
            cs_free(used);
            goto nomem;
        }
        size_t k = 0;
        for (size_t i = 0; i < npool; i++)
            if (used[i]) sids[k++] = (uint32_t)i;
        cs_free(used);
        sort_sids(sids, tmp, nu, &st->strs);
        for (size_t i = 0; i < nu; i++) B.rank[sids[i]] = (uint32_t)i;
        cs_free(sids);
        cs_free(tmp);
        sids = tmp = NULL;
    }

    /* 3. children: unique (org, rank) */
    {
        size_t nall = 0;
#define CNT(arr)                                               \
    for (size_t i = 0; i < S->n_##arr; i++) nall += !SKIP(S->arr[i]);
        CNT(hdr) CNT(ep) CNT(oc3) CNT(uasc) CNT(ad1) CNT(pfa) CNT(sw)
#undef CNT
        NEWARR(B.ckeys, nall);
        size_t k = 0;
#define ADD(arr)                                                                                     \
    for (size_t i = 0; i < S->n_##arr; i++)                                                          \
        if (!SKIP(S->arr[i]))                                                                        \
            B.ckeys[k++] = ((uint64_t)B.org_map[S->arr[i].org] << 32) | B.rank[S->arr[i].child];
        ADD(hdr) ADD(ep) ADD(oc3) ADD(uasc) ADD(ad1) ADD(pfa) ADD(sw)
#undef ADD
        qsort(B.ckeys, k, sizeof *B.ckeys, u64_cmp);
        size_t u = 0;
        for (size_t i = 0; i < k; i++)
            if (!u || B.ckeys[u - 1] != B.ckeys[i]) B.ckeys[u++] = B.ckeys[i];
        B.nck = u;
    }
    size_t nch = B.nck;
    st->nchildren = nch;
    NEWARR(st->child_org, nch);
    NEWARR(st->child_id, nch);
    NEWARR(st->child_in_header, nch);
    NEWARR(st->child_sex, nch);
    NEWARR(st->child_dob, nch);
    NEWARR(st->child_ethnic, nch);
    NEWARR(st->child_upn, nch);
    NEWARR(st->child_mother, nch);
    NEWARR(st->child_mc_dob, nch);
    NEWARR(st->child_header_year, nch);
    NEWARR(st->child_ep_first, nch);
    NEWARR(st->child_ep_count, nch);
    NEWARR(st->child_oc3_first, nch);
    NEWARR(st->child_oc3_count, nch);
    NEWARR(st->child_uasc_first, nch);
    NEWARR(st->child_uasc_count, nch);
    NEWARR(st->child_ad1_first, nch);
    NEWARR(st->child_ad1_count, nch);
    NEWARR(st->child_pfa_first, nch);
    NEWARR(st->child_pfa_count, nch);
    NEWARR(st->child_sw_first, nch);
    NEWARR(st->child_sw_count, nch);
    for (size_t c = 0; c < nch; c++) {
        st->child_org[c] = (uint32_t)(B.ckeys[c] >> 32);
        st->child_dob[c] = CARESTAT_DATE_NONE;
        st->child_mc_dob[c] = CARESTAT_DATE_NONE;
        st->child_mother[c] = -1;
    }
    /* the largest table sizes, for scratch arrays */
    size_t maxn = S->n_ep;
    if (S->n_hdr > maxn) maxn = S->n_hdr;
    if (S->n_oc3 > maxn) maxn = S->n_oc3;
    if (S->n_uasc > maxn) maxn = S->n_uasc;
    if (S->n_ad1 > maxn) maxn = S->n_ad1;
    if (S->n_pfa > maxn) maxn = S->n_pfa;
    if (S->n_sw > maxn) maxn = S->n_sw;
    NEWARR(keys, maxn);
    NEWARR(out, maxn);
    NEWARR(tmp2, maxn);
    size_t nk;

    /* 4. headers */
    nk = 0;
    for (size_t i = 0; i < S->n_hdr; i++) {
        raw_hdr *h = &S->hdr[i];
        if (SKIP(*h)) continue;
        keys[nk++] = (key){child_of(&B, h->org, h->child), h->year, 0, h->src, h->line, (uint32_t)i};
    }
    qsort(keys, nk, sizeof *keys, key_cmp);
    NEWARR(B.hkeys, nk);
    NEWARR(B.hyears, nk);
    NEWARR(B.hyears_cur, nk);
    for (size_t i = 0; i < nk; i++) {
        raw_hdr *h = &S->hdr[keys[i].raw];
        uint32_t c = keys[i].child;
        st->child_id[c] = h->child;
        B.hkeys[B.nhk++] = ((uint64_t)c << 16) | (uint16_t)h->year;
        B.hyears[B.nhy++] = ((uint64_t)st->child_org[c] << 16) | (uint16_t)h->year;
        if (cur(&B, h->src)) B.hyears_cur[B.nhyc++] = ((uint64_t)st->child_org[c] << 16) | (uint16_t)h->year;
        if (i > 0 && keys[i - 1].child == c) {
            raw_hdr *p = &S->hdr[keys[i - 1].raw];
            if (p->year == h->year && (cur(&B, h->src) || cur(&B, p->src))) {
                if (hdr_same(p, h))
                    cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, 0, "903_DUPLICATE_ROW",
                               "duplicate of the header row at %s:%u (child %s)", src_name(&B, p->src),
                               (unsigned)p->line, cs903_str(st, h->child));
                else
                    cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, S->src[h->src].col[C_CHILD],
                               "903_DUPLICATE_CHILD",
                               "child %s has a second, different header row in one return (also %s:%u): this later "
                               "row is used",
                               cs903_str(st, h->child), src_name(&B, p->src), (unsigned)p->line);
                if (B.report && h->src >= B.first_src) {
                    rc = cs903_mark_bad(L, &h->bad, &h->dead, h->src);
                    if (rc) goto done;
                }
            } else if (p->year != h->year && (p->dob != h->dob || p->sex != h->sex) &&
                       (cur(&B, h->src) || cur(&B, p->src))) {
                cs903_diag(L, CARESTAT_SEV_WARNING, h->src, h->line, 0, "903_HDR_CONFLICT",
                           "child %s: %s differs from the earlier return (%s:%u); the later value is used",
                           cs903_str(st, h->child), p->dob != h->dob ? "DOB" : "SEX", src_name(&B, p->src),
                           (unsigned)p->line);
            }
        }
        st->child_in_header[c] = 1;
        st->child_sex[c] = h->sex;
        st->child_dob[c] = h->dob;
        st->child_ethnic[c] = h->ethnic;
        st->child_upn[c] = h->upn;
        st->child_mother[c] = h->mother;
        st->child_mc_dob[c] = h->mc_dob;
        st->child_header_year[c] = h->year;
    }
    qsort(B.hkeys, B.nhk, sizeof *B.hkeys, u64_cmp);
    qsort(B.hyears, B.nhy, sizeof *B.hyears, u64_cmp);
    qsort(B.hyears_cur, B.nhyc, sizeof *B.hyears_cur, u64_cmp);

    /* 5. episodes */
    nk = 0;
    for (size_t i = 0; i < S->n_ep; i++) {
        raw_ep *e = &S->ep[i];
        e->seq &= 0x7fffffffu;
        if (SKIP(*e)) continue;
        keys[nk++] = (key){child_of(&B, e->org, e->child), e->year, e->decom, e->src, e->line, (uint32_t)i};
    }
    qsort(keys, nk, sizeof *keys, key_cmp);
    {
        /* child not in header (per return: only where that return has a header table) */
        size_t i = 0;
        while (i < nk) {
            uint32_t c = keys[i].child;
            int year = keys[i].k1;
            size_t j = i;
            while (j < nk && keys[j].child == c && keys[j].k1 == year) j++;
            raw_ep *e0 = &S->ep[keys[i].raw];
            uint64_t oy = ((uint64_t)st->child_org[c] << 16) | (uint16_t)year;
            int any_cur = 0;
            for (size_t k = i; k < j; k++) any_cur |= cur(&B, S->ep[keys[k].raw].src);
            /* checked when the episodes or that return's header table come from this load */
            if ((any_cur || has_u64(B.hyears_cur, B.nhyc, oy)) && has_u64(B.hyears, B.nhy, oy) &&
                !has_u64(B.hkeys, B.nhk, ((uint64_t)c << 16) | (uint16_t)year)) {
                char yb[16];
                cs903_diag(L, CARESTAT_SEV_ERROR, e0->src, e0->line, S->src[e0->src].col[C_CHILD],
                           "903_EP_CHILD_NOT_IN_HEADER", "child %s has episodes but no header row in the %s return",
                           cs903_str(st, e0->child), cs903_year_label(year, yb));
                for (size_t k = i; k < j; k++) {
                    raw_ep *e = &S->ep[keys[k].raw];
                    if (e->src >= B.first_src) {
                        rc = cs903_mark_bad(L, &e->bad, &e->dead, e->src);
                        if (rc) goto done;
                    } else if (L->mode == CARESTAT_ROWS_KEEP) {
                        /* an earlier load's row: flagged, not dropped */
                        if ((rc = cs903_flag_old(L, &e->bad))) goto done;
                    }
                }
            }
            i = j;
        }
        if (report) {
            /* organisations with episodes from this load but no header at all */
            uint32_t *first_src_of = cs_calloc(st->norgs ? st->norgs : 1, sizeof *first_src_of);
            uint8_t *has_hdr = cs_calloc(st->norgs ? st->norgs : 1, 1);
            if (!first_src_of || !has_hdr) {
                cs_free(first_src_of);
                cs_free(has_hdr);
                goto nomem;
            }
            for (size_t k = 0; k < nk; k++) {
                raw_ep *e = &S->ep[keys[k].raw];
                uint32_t o = st->child_org[keys[k].child];
                if (e->src >= B.first_src && !first_src_of[o]) first_src_of[o] = e->src + 1;
            }
            for (size_t k = 0; k < B.nhy; k++) has_hdr[B.hyears[k] >> 16] = 1;
            for (size_t o = 0; o < st->norgs; o++)
                if (first_src_of[o] && !has_hdr[o])
                    cs903_diag(L, CARESTAT_SEV_NOTE, first_src_of[o] - 1, 0, 0, "903_NO_HEADER",
                               "organisation '%s' has episodes but no header table: sex, date of birth and ethnicity "
                               "of its children are unknown",
                               st->org_code[o]);
            cs_free(first_src_of);
            cs_free(has_hdr);
        }
    }
    NEWARR(st->ep_child, nk);
    NEWARR(st->ep_decom, nk);
    NEWARR(st->ep_dec, nk);
    NEWARR(st->ep_rne, nk);
    NEWARR(st->ep_ls, nk);
    NEWARR(st->ep_cin, nk);
    NEWARR(st->ep_place, nk);
    NEWARR(st->ep_provider, nk);
    NEWARR(st->ep_rec, nk);
    NEWARR(st->ep_rpc, nk);
    NEWARR(st->ep_home_post, nk);
    NEWARR(st->ep_pl_post, nk);
    NEWARR(st->ep_urn, nk);
    NEWARR(st->ep_year, nk);
    NEWARR(st->ep_flags, nk);
    NEWARR(st->ep_src, nk);
    NEWARR(st->ep_line, nk);
    /* latest collection year of each organisation's episodes (all loads / this load) */
    org_maxy = cs_calloc(st->norgs ? st->norgs : 1, sizeof *org_maxy);
    org_maxy_cur = cs_calloc(st->norgs ? st->norgs : 1, sizeof *org_maxy_cur);
    if (!org_maxy || !org_maxy_cur) goto nomem;
    for (size_t k = 0; k < nk; k++) {
        raw_ep *e = &S->ep[keys[k].raw];
        uint32_t o = st->child_org[keys[k].child];
        if (e->year > org_maxy[o]) org_maxy[o] = e->year;
        if (e->src >= B.first_src && e->year > org_maxy_cur[o]) org_maxy_cur[o] = e->year;
    }
    {
        uint32_t *idx = tmp2; /* reuse: raw indices of one child */
        uint32_t *scratch = cs_calloc(nk ? nk : 1, sizeof *scratch);
        if (!scratch) goto nomem;
        size_t ne = 0, i = 0;
        while (i < nk) {
            uint32_t c = keys[i].child;
            size_t j = i, n = 0;
            while (j < nk && keys[j].child == c) idx[n++] = keys[j++].raw;
            size_t no = 0;
            rc = merge_child_episodes(&B, c, idx, n, out, &no, scratch);
            if (rc) {
                cs_free(scratch);
                goto done;
            }
            /* the last episode is open but a later return of the organisation does not have the child */
            int stale = 0;
            if (no) {
                raw_ep *last = &S->ep[out[no - 1]];
                uint32_t o = st->child_org[c];
                if (last->dec == CARESTAT_DATE_NONE && last->year > 0 && last->year < org_maxy[o]) {
                    stale = 1;
                    if (report && (last->src >= B.first_src || org_maxy_cur[o] > last->year)) {
                        char d1[16], yb[16], yb2[16];
                        (void)carestat_date_format(d1, sizeof d1, last->decom);
                        cs903_diag(L, CARESTAT_SEV_WARNING, last->src, last->line, S->src[last->src].col[C_DATE2],
                                   "903_EP_OPEN_NOT_CONTINUED",
                                   "child %s: episode starting %s is open at the end of the %s return, but the child "
                                   "is not in the episodes of the later %s return: end date unknown",
                                   cs903_str(st, last->child), d1, cs903_year_label(last->year, yb),
                                   cs903_year_label(org_maxy[o], yb2));
                    }
                }
            }
            st->child_ep_first[c] = (uint32_t)ne;
            st->child_ep_count[c] = (uint32_t)no;
            st->child_id[c] = S->ep[idx[0]].child;
            for (size_t k = 0; k < no; k++, ne++) {
                raw_ep *e = &S->ep[out[k]];
                st->ep_child[ne] = c;
                st->ep_decom[ne] = e->decom;
                st->ep_dec[ne] = e->dec;
                st->ep_rne[ne] = e->rne;
                st->ep_ls[ne] = e->ls;
                st->ep_cin[ne] = e->cin;
                st->ep_place[ne] = e->place;
                st->ep_provider[ne] = e->prov;
                st->ep_rec[ne] = e->rec;
                st->ep_rpc[ne] = e->rpc;
                st->ep_home_post[ne] = e->home;
                st->ep_pl_post[ne] = e->pl;
                st->ep_urn[ne] = e->urn;
                st->ep_year[ne] = e->year;
                st->ep_flags[ne] = (uint8_t)((e->bad ? CS903_EPF_HAD_ERROR : 0) |
                                             ((e->seq & 0x80000000u) ? CS903_EPF_REPLACED : 0) |
                                             ((stale && k == no - 1) ? CS903_EPF_OPEN_NOT_CONTINUED : 0));
                st->ep_src[ne] = e->src;
                st->ep_line[ne] = e->line;
            }
            i = j;
        }
        cs_free(scratch);
        st->nepisodes = ne;
    }

    /* 6. one-row-per-child-per-year tables: OC3, UASC, AD1 (the later row of a duplicate wins) */
#define PER_YEAR(arr, T, N, CHILD_FIRST, CHILD_COUNT, SAME, COPY)                                         \
    nk = 0;                                                                                             \
    for (size_t i = 0; i < S->n_##arr; i++) {                                                           \
        if (SKIP(S->arr[i])) continue;                                                                  \
        keys[nk++] = (key){child_of(&B, S->arr[i].org, S->arr[i].child), S->arr[i].year, 0, S->arr[i].src, \
                           S->arr[i].line, (uint32_t)i};                                                \
    }                                                                                                   \
    qsort(keys, nk, sizeof *keys, key_cmp);                                                             \
    {                                                                                                   \
        size_t w = 0;                                                                                   \
        for (size_t i = 0; i < nk; i++) {                                                               \
            if (w && keys[i].child == keys[i - 1].child && keys[i].k1 == keys[i - 1].k1) {              \
                T *p = &S->arr[keys[i - 1].raw], *h = &S->arr[keys[i].raw];          \
                if (cur(&B, h->src) || cur(&B, p->src)) {                                               \
                    if (SAME(p, h))                                                                     \
                        cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, 0, "903_DUPLICATE_ROW",     \
                                   "duplicate of the %s row at %s:%u (child %s)",                      \
                                   cs903_table_names[S->src[h->src].table], src_name(&B, p->src),       \
                                   (unsigned)p->line, cs903_str(st, h->child));                         \
                    else                                                                                \
                        cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, S->src[h->src].col[C_CHILD], \
                                   "903_DUPLICATE_CHILD",                                               \
                                   "child %s has a second, different %s row in one return (also %s:%u): " \
                                   "this later row is used",                                            \
                                   cs903_str(st, h->child), cs903_table_names[S->src[h->src].table],    \
                                   src_name(&B, p->src), (unsigned)p->line);                            \
                    if (B.report && h->src >= B.first_src) {                                            \
                        rc = cs903_mark_bad(L, &h->bad, &h->dead, h->src);                              \
                        if (rc) goto done;                                                              \
                    }                                                                                   \
                }                                                                                       \
                out[w - 1] = keys[i].raw;                                                               \
                tmp2[w - 1] = keys[i].child;                                                            \
            } else {                                                                                    \
                out[w] = keys[i].raw;                                                                   \
                tmp2[w++] = keys[i].child;                                                              \
            }                                                                                           \
        }                                                                                               \
        st->N = w;                                                                                      \
        COPY                                                                                            \
        for (size_t i = 0; i < w; i++) {                                                                \
            uint32_t c_ = tmp2[i];                                                                      \
            if (st->CHILD_COUNT[c_] == 0) st->CHILD_FIRST[c_] = (uint32_t)i;                           \
            st->CHILD_COUNT[c_]++;                                                                      \
            if (st->child_id[c_] == 0) st->child_id[c_] = S->arr[out[i]].child;                        \
        }                                                                                               \
    }

#define OC3_SAME(a, b) ((a)->dob == (b)->dob && (a)->in_touch == (b)->in_touch && (a)->activ == (b)->activ && \
                        (a)->accom == (b)->accom)
#define UASC_SAME(a, b) ((a)->sex == (b)->sex && (a)->dob == (b)->dob && (a)->duc == (b)->duc)
#define AD1_SAME(a, b) ((a)->dob == (b)->dob && (a)->date_int == (b)->date_int && \
                        (a)->date_match == (b)->date_match && (a)->foster_care == (b)->foster_care && \
                        (a)->nb_adoptr == (b)->nb_adoptr && (a)->sex_adoptr == (b)->sex_adoptr && \
                        (a)->ls_adoptr == (b)->ls_adoptr)

    PER_YEAR(oc3, raw_oc3, noc3, child_oc3_first, child_oc3_count, OC3_SAME, {
        NEWARR(st->oc3_child, w);
        NEWARR(st->oc3_year, w);
        NEWARR(st->oc3_dob, w);
        NEWARR(st->oc3_in_touch, w);
        NEWARR(st->oc3_activ, w);
        NEWARR(st->oc3_accom, w);
        for (size_t i = 0; i < w; i++) {
            raw_oc3 *x = &S->oc3[out[i]];
            st->oc3_child[i] = tmp2[i];
            st->oc3_year[i] = x->year;
            st->oc3_dob[i] = x->dob;
            st->oc3_in_touch[i] = x->in_touch;
            st->oc3_activ[i] = x->activ;
            st->oc3_accom[i] = x->accom;
        }
    })
    PER_YEAR(uasc, raw_uasc, nuasc, child_uasc_first, child_uasc_count, UASC_SAME, {
        NEWARR(st->uasc_child, w);
        NEWARR(st->uasc_year, w);
        NEWARR(st->uasc_sex, w);
        NEWARR(st->uasc_dob, w);
        NEWARR(st->uasc_duc, w);
        for (size_t i = 0; i < w; i++) {
            raw_uasc *x = &S->uasc[out[i]];
            st->uasc_child[i] = tmp2[i];
            st->uasc_year[i] = x->year;
            st->uasc_sex[i] = x->sex;
            st->uasc_dob[i] = x->dob;
            st->uasc_duc[i] = x->duc;
        }
    })
    PER_YEAR(ad1, raw_ad1, nad1, child_ad1_first, child_ad1_count, AD1_SAME, {
        NEWARR(st->ad1_child, w);
        NEWARR(st->ad1_year, w);
        NEWARR(st->ad1_dob, w);
        NEWARR(st->ad1_date_int, w);
        NEWARR(st->ad1_date_match, w);
        NEWARR(st->ad1_foster_care, w);
        NEWARR(st->ad1_nb_adoptr, w);
        NEWARR(st->ad1_sex_adoptr, w);
        NEWARR(st->ad1_ls_adoptr, w);
        for (size_t i = 0; i < w; i++) {
            raw_ad1 *x = &S->ad1[out[i]];
            st->ad1_child[i] = tmp2[i];
            st->ad1_year[i] = x->year;
            st->ad1_dob[i] = x->dob;
            st->ad1_date_int[i] = x->date_int;
            st->ad1_date_match[i] = x->date_match;
            st->ad1_foster_care[i] = x->foster_care;
            st->ad1_nb_adoptr[i] = x->nb_adoptr;
            st->ad1_sex_adoptr[i] = x->sex_adoptr;
            st->ad1_ls_adoptr[i] = x->ls_adoptr;
        }
    })

    /* 7. placed for adoption: key (child, DATE_PLACED); a later return's row replaces an earlier one */
    nk = 0;
    for (size_t i = 0; i < S->n_pfa; i++) {
        raw_pfa *x = &S->pfa[i];
        if (SKIP(*x)) continue;
        keys[nk++] = (key){child_of(&B, x->org, x->child), x->placed, x->year, x->src, x->line, (uint32_t)i};
    }
    qsort(keys, nk, sizeof *keys, key_cmp);
    {
        size_t w = 0;
        for (size_t i = 0; i < nk; i++) {
            if (w && keys[i].child == keys[i - 1].child && keys[i].k1 == keys[i - 1].k1) {
                raw_pfa *p = &S->pfa[keys[i - 1].raw], *h = &S->pfa[keys[i].raw];
                if (p->year == h->year && (cur(&B, h->src) || cur(&B, p->src))) {
                    int same = p->dob == h->dob && p->placed_ceased == h->placed_ceased && p->reason == h->reason;
                    cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, same ? 0 : S->src[h->src].col[C_DATE1],
                               same ? "903_DUPLICATE_ROW" : "903_DUPLICATE_CHILD",
                               same ? "duplicate of the placed_for_adoption row at %s:%u (child %s)"
                                    : "second, different placed_for_adoption row with the same DATE_PLACED in one "
                                      "return (also %s:%u, child %s): this later row is used",
                               src_name(&B, p->src), (unsigned)p->line, cs903_str(st, h->child));
                    if (B.report && h->src >= B.first_src) {
                        rc = cs903_mark_bad(L, &h->bad, &h->dead, h->src);
                        if (rc) goto done;
                    }
                }
                out[w - 1] = keys[i].raw;
                tmp2[w - 1] = keys[i].child;
            } else {
                out[w] = keys[i].raw;
                tmp2[w++] = keys[i].child;
            }
        }
        st->npfa = w;
        NEWARR(st->pfa_child, w);
        NEWARR(st->pfa_year, w);
        NEWARR(st->pfa_dob, w);
        NEWARR(st->pfa_date_placed, w);
        NEWARR(st->pfa_date_placed_ceased, w);
        NEWARR(st->pfa_reason_ceased, w);
        for (size_t i = 0; i < w; i++) {
            raw_pfa *x = &S->pfa[out[i]];
            uint32_t c = tmp2[i];
            st->pfa_child[i] = c;
            st->pfa_year[i] = x->year;
            st->pfa_dob[i] = x->dob;
            st->pfa_date_placed[i] = x->placed;
            st->pfa_date_placed_ceased[i] = x->placed_ceased;
            st->pfa_reason_ceased[i] = x->reason;
            if (st->child_pfa_count[c] == 0) st->child_pfa_first[c] = (uint32_t)i;
            st->child_pfa_count[c]++;
            if (st->child_id[c] == 0) st->child_id[c] = x->child;
        }
    }

    /* 8. social worker episodes: key (child, SW_DECOM); later return wins; overlaps reported */
    nk = 0;
    for (size_t i = 0; i < S->n_sw; i++) {
        raw_sw *x = &S->sw[i];
        if (SKIP(*x)) continue;
        keys[nk++] = (key){child_of(&B, x->org, x->child), x->decom, x->year, x->src, x->line, (uint32_t)i};
    }
    qsort(keys, nk, sizeof *keys, key_cmp);
    {
        size_t w = 0;
        char d1[16];
        for (size_t i = 0; i < nk; i++) {
            raw_sw *h = &S->sw[keys[i].raw];
            if (w && keys[i].child == keys[i - 1].child && keys[i].k1 == keys[i - 1].k1) {
                raw_sw *p = &S->sw[out[w - 1]];
                if (p->year == h->year && (cur(&B, h->src) || cur(&B, p->src))) {
                    int same = p->dec == h->dec && p->sw_id == h->sw_id && p->reason == h->reason;
                    cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, same ? 0 : S->src[h->src].col[C_DATE1],
                               same ? "903_DUPLICATE_ROW" : "903_SW_SAME_START",
                               same ? "duplicate of the social worker episode at %s:%u (child %s)"
                                    : "second, different social worker episode with the same SW_DECOM in one return "
                                      "(also %s:%u, child %s): this later row is used",
                               src_name(&B, p->src), (unsigned)p->line, cs903_str(st, h->child));
                    if (B.report && h->src >= B.first_src) {
                        rc = cs903_mark_bad(L, &h->bad, &h->dead, h->src);
                        if (rc) goto done;
                    }
                }
                out[w - 1] = keys[i].raw;
                continue;
            }
            if (w && keys[i].child == tmp2[w - 1]) {
                raw_sw *p = &S->sw[out[w - 1]];
                if ((p->dec == CARESTAT_DATE_NONE || p->dec > h->decom) && (cur(&B, h->src) || cur(&B, p->src))) {
                    (void)carestat_date_format(d1, sizeof d1, h->decom);
                    cs903_diag(L, CARESTAT_SEV_ERROR, h->src, h->line, S->src[h->src].col[C_DATE1], "903_SW_OVERLAP",
                               "child %s: social worker episode starting %s begins before the previous one (%s:%u) "
                               "ends",
                               cs903_str(st, h->child), d1, src_name(&B, p->src), (unsigned)p->line);
                    if (B.report && h->src >= B.first_src) {
                        rc = cs903_mark_bad(L, &h->bad, &h->dead, h->src);
                        if (rc) goto done;
                    }
                }
            }
            out[w] = keys[i].raw;
            tmp2[w++] = keys[i].child;
        }
        st->nsw = w;
        NEWARR(st->sw_child, w);
        NEWARR(st->sw_year, w);
        NEWARR(st->sw_id, w);
        NEWARR(st->sw_decom, w);
        NEWARR(st->sw_dec, w);
        NEWARR(st->sw_reason, w);
        for (size_t i = 0; i < w; i++) {
            raw_sw *x = &S->sw[out[i]];
            uint32_t c = tmp2[i];
            st->sw_child[i] = c;
            st->sw_year[i] = x->year;
            st->sw_id[i] = x->sw_id;
            st->sw_decom[i] = x->decom;
            st->sw_dec[i] = x->dec;
            st->sw_reason[i] = x->reason;
            if (st->child_sw_count[c] == 0) st->child_sw_first[c] = (uint32_t)i;
            st->child_sw_count[c]++;
            if (st->child_id[c] == 0) st->child_id[c] = x->child;
        }
    }

    /* 9. children without a header: date of birth and sex from the other tables */
    for (size_t c = 0; c < nch; c++) {
        if (st->child_in_header[c]) continue;
        for (uint32_t k = 0; k < st->child_uasc_count[c]; k++) {
            uint32_t u = st->child_uasc_first[c] + k;
            if (st->uasc_sex[u] >= 2) st->child_sex[c] = st->uasc_sex[u];
            if (st->uasc_dob[u] != CARESTAT_DATE_NONE) st->child_dob[c] = st->uasc_dob[u];
        }
        if (st->child_dob[c] == CARESTAT_DATE_NONE)
            for (uint32_t k = 0; k < st->child_oc3_count[c]; k++)
                if (st->oc3_dob[st->child_oc3_first[c] + k] != CARESTAT_DATE_NONE)
                    st->child_dob[c] = st->oc3_dob[st->child_oc3_first[c] + k];
        if (st->child_dob[c] == CARESTAT_DATE_NONE)
            for (uint32_t k = 0; k < st->child_ad1_count[c]; k++)
                if (st->ad1_dob[st->child_ad1_first[c] + k] != CARESTAT_DATE_NONE)
                    st->child_dob[c] = st->ad1_dob[st->child_ad1_first[c] + k];
        if (st->child_dob[c] == CARESTAT_DATE_NONE)
            for (uint32_t k = 0; k < st->child_pfa_count[c]; k++)
                if (st->pfa_dob[st->child_pfa_first[c] + k] != CARESTAT_DATE_NONE)
                    st->child_dob[c] = st->pfa_dob[st->child_pfa_first[c] + k];
    }

    /* 10. organisation ranges, years and data end */
    NEWARR(st->org_child_first, st->norgs);
    NEWARR(st->org_child_count, st->norgs);
    NEWARR(st->org_year_first, st->norgs);
    NEWARR(st->org_year_last, st->norgs);
    NEWARR(st->org_data_end, st->norgs);
    for (size_t o = 0; o < st->norgs; o++) st->org_data_end[o] = CARESTAT_DATE_NONE;
    for (size_t c = nch; c-- > 0;) {
        uint32_t o = st->child_org[c];
        st->org_child_first[o] = (uint32_t)c;
        st->org_child_count[o]++;
    }
#define YEARS(arr)                                                                     \
    for (size_t i = 0; i < S->n_##arr; i++) {                                          \
        if (SKIP(S->arr[i]) || S->arr[i].year <= 0) continue;                          \
        uint32_t o = B.org_map[S->arr[i].org];                                         \
        int y = S->arr[i].year;                                                        \
        if (!st->org_year_first[o] || y < st->org_year_first[o]) st->org_year_first[o] = y; \
        if (y > st->org_year_last[o]) st->org_year_last[o] = y;                        \
    }
    YEARS(hdr) YEARS(ep) YEARS(oc3) YEARS(uasc) YEARS(ad1) YEARS(pfa) YEARS(sw)
#undef YEARS
    for (size_t e = 0; e < st->nepisodes; e++) {
        uint32_t o = st->child_org[st->ep_child[e]];
        carestat_date d = st->ep_dec[e] != CARESTAT_DATE_NONE ? st->ep_dec[e] : st->ep_decom[e];
        if (st->org_data_end[o] == CARESTAT_DATE_NONE || d > st->org_data_end[o]) st->org_data_end[o] = d;
    }
    goto done;

nomem:
    rc = CARESTAT_ENOMEM;
done:
    cs_free(B.org_map);
    cs_free(B.rank);
    cs_free(B.ckeys);
    cs_free(B.hkeys);
    cs_free(B.hyears);
    cs_free(B.hyears_cur);
    cs_free(keys);
    cs_free(out);
    cs_free(tmp2);
    cs_free(sids);
    cs_free(tmp);
    cs_free(org_order);
    cs_free(org_maxy);
    cs_free(org_maxy_cur);
    if (rc) cs903_store_clear_arrays(st);
    return rc;
}

/* ---- splicing: the rebuilt organisations into the previous store ---- */

/* Rows of table T owned by children [c0, c0 + n) of a store. */
#define ROWS(st, T, c0, n, out)                                                        \
    do {                                                                               \
        (out) = 0;                                                                     \
        for (size_t c_ = (c0); c_ < (c0) + (n); c_++) (out) += (st)->child_##T##_count[c_]; \
    } while (0)

#define CP(arr, dpos, src, spos, n) \
    if (n) memcpy(nw->arr + (dpos), (src)->arr + (spos), (n) * sizeof *nw->arr)

static int splice(const cs903_store *old, const uint8_t *old_dirty, const cs903_store *part, cs903_store *nw)
{
    size_t no = old->norgs + part->norgs, nc = old->nchildren + part->nchildren;
    size_t ne = old->nepisodes + part->nepisodes, n3 = old->noc3 + part->noc3, nu = old->nuasc + part->nuasc;
    size_t na = old->nad1 + part->nad1, np = old->npfa + part->npfa, ns = old->nsw + part->nsw;
    NEWARR(nw->org_code, no);
    NEWARR(nw->org_name, no);
    NEWARR(nw->org_user_defined, no);
    NEWARR(nw->org_child_first, no);
    NEWARR(nw->org_child_count, no);
    NEWARR(nw->org_year_first, no);
    NEWARR(nw->org_year_last, no);
    NEWARR(nw->org_data_end, no);
    NEWARR(nw->org_merged_duplicates, no);
    NEWARR(nw->org_merged_superseded, no);
    NEWARR(nw->child_org, nc);
    NEWARR(nw->child_id, nc);
    NEWARR(nw->child_in_header, nc);
    NEWARR(nw->child_sex, nc);
    NEWARR(nw->child_dob, nc);
    NEWARR(nw->child_ethnic, nc);
    NEWARR(nw->child_upn, nc);
    NEWARR(nw->child_mother, nc);
    NEWARR(nw->child_mc_dob, nc);
    NEWARR(nw->child_header_year, nc);
    NEWARR(nw->child_ep_first, nc);
    NEWARR(nw->child_ep_count, nc);
    NEWARR(nw->child_oc3_first, nc);
    NEWARR(nw->child_oc3_count, nc);
    NEWARR(nw->child_uasc_first, nc);
    NEWARR(nw->child_uasc_count, nc);
    NEWARR(nw->child_ad1_first, nc);
    NEWARR(nw->child_ad1_count, nc);
    NEWARR(nw->child_pfa_first, nc);
    NEWARR(nw->child_pfa_count, nc);
    NEWARR(nw->child_sw_first, nc);
    NEWARR(nw->child_sw_count, nc);
    NEWARR(nw->ep_child, ne);
    NEWARR(nw->ep_decom, ne);
    NEWARR(nw->ep_dec, ne);
    NEWARR(nw->ep_rne, ne);
    NEWARR(nw->ep_ls, ne);
    NEWARR(nw->ep_cin, ne);
    NEWARR(nw->ep_place, ne);
    NEWARR(nw->ep_provider, ne);
    NEWARR(nw->ep_rec, ne);
    NEWARR(nw->ep_rpc, ne);
    NEWARR(nw->ep_home_post, ne);
    NEWARR(nw->ep_pl_post, ne);
    NEWARR(nw->ep_urn, ne);
    NEWARR(nw->ep_year, ne);
    NEWARR(nw->ep_flags, ne);
    NEWARR(nw->ep_src, ne);
    NEWARR(nw->ep_line, ne);
    NEWARR(nw->oc3_child, n3);
    NEWARR(nw->oc3_year, n3);
    NEWARR(nw->oc3_dob, n3);
    NEWARR(nw->oc3_in_touch, n3);
    NEWARR(nw->oc3_activ, n3);
    NEWARR(nw->oc3_accom, n3);
    NEWARR(nw->uasc_child, nu);
    NEWARR(nw->uasc_year, nu);
    NEWARR(nw->uasc_sex, nu);
    NEWARR(nw->uasc_dob, nu);
    NEWARR(nw->uasc_duc, nu);
    NEWARR(nw->ad1_child, na);
    NEWARR(nw->ad1_year, na);
    NEWARR(nw->ad1_dob, na);
    NEWARR(nw->ad1_date_int, na);
    NEWARR(nw->ad1_date_match, na);
    NEWARR(nw->ad1_foster_care, na);
    NEWARR(nw->ad1_nb_adoptr, na);
    NEWARR(nw->ad1_sex_adoptr, na);
    NEWARR(nw->ad1_ls_adoptr, na);
    NEWARR(nw->pfa_child, np);
    NEWARR(nw->pfa_year, np);
    NEWARR(nw->pfa_dob, np);
    NEWARR(nw->pfa_date_placed, np);
    NEWARR(nw->pfa_date_placed_ceased, np);
    NEWARR(nw->pfa_reason_ceased, np);
    NEWARR(nw->sw_child, ns);
    NEWARR(nw->sw_year, ns);
    NEWARR(nw->sw_id, ns);
    NEWARR(nw->sw_decom, ns);
    NEWARR(nw->sw_dec, ns);
    NEWARR(nw->sw_reason, ns);

    /* running positions in each source store (children and table rows are in org order) */
    size_t pos[2][7] = {{0}};
    const cs903_store *src[2] = {old, part};
    size_t i = 0, j = 0;
    size_t O = 0, C = 0, E = 0, P3 = 0, PU = 0, PA = 0, PP = 0, PS = 0;
    while (i < old->norgs || j < part->norgs) {
        if (i < old->norgs && old_dirty[i]) {
            /* rebuilt: skip its rows in the previous store */
            size_t c0 = old->org_child_first[i], cn = old->org_child_count[i], r;
            pos[0][0] += cn;
            ROWS(old, ep, c0, cn, r);
            pos[0][1] += r;
            ROWS(old, oc3, c0, cn, r);
            pos[0][2] += r;
            ROWS(old, uasc, c0, cn, r);
            pos[0][3] += r;
            ROWS(old, ad1, c0, cn, r);
            pos[0][4] += r;
            ROWS(old, pfa, c0, cn, r);
            pos[0][5] += r;
            ROWS(old, sw, c0, cn, r);
            pos[0][6] += r;
            i++;
            continue;
        }
        int w; /* 0 = old, 1 = part */
        if (i >= old->norgs) w = 1;
        else if (j >= part->norgs) w = 0;
        else w = strcmp(part->org_code[j], old->org_code[i]) < 0;
        const cs903_store *s = src[w];
        size_t o = w ? j++ : i++;
        size_t c0 = s->org_child_first[o], cn = s->org_child_count[o];
        nw->org_code[O] = s->org_code[o];
        nw->org_name[O] = s->org_name[o];
        nw->org_user_defined[O] = s->org_user_defined[o];
        nw->org_child_first[O] = (uint32_t)C;
        nw->org_child_count[O] = (uint32_t)cn;
        nw->org_year_first[O] = s->org_year_first[o];
        nw->org_year_last[O] = s->org_year_last[o];
        nw->org_data_end[O] = s->org_data_end[o];
        nw->org_merged_duplicates[O] = s->org_merged_duplicates[o];
        nw->org_merged_superseded[O] = s->org_merged_superseded[o];
        nw->merged_duplicates += s->org_merged_duplicates[o];
        nw->merged_superseded += s->org_merged_superseded[o];
        /* children */
        CP(child_id, C, s, c0, cn);
        CP(child_in_header, C, s, c0, cn);
        CP(child_sex, C, s, c0, cn);
        CP(child_dob, C, s, c0, cn);
        CP(child_ethnic, C, s, c0, cn);
        CP(child_upn, C, s, c0, cn);
        CP(child_mother, C, s, c0, cn);
        CP(child_mc_dob, C, s, c0, cn);
        CP(child_header_year, C, s, c0, cn);
        CP(child_ep_count, C, s, c0, cn);
        CP(child_oc3_count, C, s, c0, cn);
        CP(child_uasc_count, C, s, c0, cn);
        CP(child_ad1_count, C, s, c0, cn);
        CP(child_pfa_count, C, s, c0, cn);
        CP(child_sw_count, C, s, c0, cn);
        size_t *ps = pos[w];
        /* every first index moves by (new table position - old table position) */
#define SHIFT_FIRST(T, k, NEWPOS)                                                                     \
    for (size_t c_ = 0; c_ < cn; c_++)                                                                \
        nw->child_##T##_first[C + c_] =                                                               \
            s->child_##T##_count[c0 + c_] ? (uint32_t)(s->child_##T##_first[c0 + c_] - ps[k] + (NEWPOS)) : 0;
        SHIFT_FIRST(ep, 1, E)
        SHIFT_FIRST(oc3, 2, P3)
        SHIFT_FIRST(uasc, 3, PU)
        SHIFT_FIRST(ad1, 4, PA)
        SHIFT_FIRST(pfa, 5, PP)
        SHIFT_FIRST(sw, 6, PS)
#undef SHIFT_FIRST
        for (size_t c_ = 0; c_ < cn; c_++) nw->child_org[C + c_] = (uint32_t)O;
        size_t r;
        /* episodes */
        ROWS(s, ep, c0, cn, r);
        CP(ep_decom, E, s, ps[1], r);
        CP(ep_dec, E, s, ps[1], r);
        CP(ep_rne, E, s, ps[1], r);
        CP(ep_ls, E, s, ps[1], r);
        CP(ep_cin, E, s, ps[1], r);
        CP(ep_place, E, s, ps[1], r);
        CP(ep_provider, E, s, ps[1], r);
        CP(ep_rec, E, s, ps[1], r);
        CP(ep_rpc, E, s, ps[1], r);
        CP(ep_home_post, E, s, ps[1], r);
        CP(ep_pl_post, E, s, ps[1], r);
        CP(ep_urn, E, s, ps[1], r);
        CP(ep_year, E, s, ps[1], r);
        CP(ep_flags, E, s, ps[1], r);
        CP(ep_src, E, s, ps[1], r);
        CP(ep_line, E, s, ps[1], r);
        for (size_t k = 0; k < r; k++) nw->ep_child[E + k] = (uint32_t)(s->ep_child[ps[1] + k] - c0 + C);
        E += r;
        ps[1] += r;
        /* OC3 */
        ROWS(s, oc3, c0, cn, r);
        CP(oc3_year, P3, s, ps[2], r);
        CP(oc3_dob, P3, s, ps[2], r);
        CP(oc3_in_touch, P3, s, ps[2], r);
        CP(oc3_activ, P3, s, ps[2], r);
        CP(oc3_accom, P3, s, ps[2], r);
        for (size_t k = 0; k < r; k++) nw->oc3_child[P3 + k] = (uint32_t)(s->oc3_child[ps[2] + k] - c0 + C);
        P3 += r;
        ps[2] += r;
        /* UASC */
        ROWS(s, uasc, c0, cn, r);
        CP(uasc_year, PU, s, ps[3], r);
        CP(uasc_sex, PU, s, ps[3], r);
        CP(uasc_dob, PU, s, ps[3], r);
        CP(uasc_duc, PU, s, ps[3], r);
        for (size_t k = 0; k < r; k++) nw->uasc_child[PU + k] = (uint32_t)(s->uasc_child[ps[3] + k] - c0 + C);
        PU += r;
        ps[3] += r;
        /* AD1 */
        ROWS(s, ad1, c0, cn, r);
        CP(ad1_year, PA, s, ps[4], r);
        CP(ad1_dob, PA, s, ps[4], r);
        CP(ad1_date_int, PA, s, ps[4], r);
        CP(ad1_date_match, PA, s, ps[4], r);
        CP(ad1_foster_care, PA, s, ps[4], r);
        CP(ad1_nb_adoptr, PA, s, ps[4], r);
        CP(ad1_sex_adoptr, PA, s, ps[4], r);
        CP(ad1_ls_adoptr, PA, s, ps[4], r);
        for (size_t k = 0; k < r; k++) nw->ad1_child[PA + k] = (uint32_t)(s->ad1_child[ps[4] + k] - c0 + C);
        PA += r;
        ps[4] += r;
        /* placed for adoption */
        ROWS(s, pfa, c0, cn, r);
        CP(pfa_year, PP, s, ps[5], r);
        CP(pfa_dob, PP, s, ps[5], r);
        CP(pfa_date_placed, PP, s, ps[5], r);
        CP(pfa_date_placed_ceased, PP, s, ps[5], r);
        CP(pfa_reason_ceased, PP, s, ps[5], r);
        for (size_t k = 0; k < r; k++) nw->pfa_child[PP + k] = (uint32_t)(s->pfa_child[ps[5] + k] - c0 + C);
        PP += r;
        ps[5] += r;
        /* social worker episodes */
        ROWS(s, sw, c0, cn, r);
        CP(sw_year, PS, s, ps[6], r);
        CP(sw_id, PS, s, ps[6], r);
        CP(sw_decom, PS, s, ps[6], r);
        CP(sw_dec, PS, s, ps[6], r);
        CP(sw_reason, PS, s, ps[6], r);
        for (size_t k = 0; k < r; k++) nw->sw_child[PS + k] = (uint32_t)(s->sw_child[ps[6] + k] - c0 + C);
        PS += r;
        ps[6] += r;
        ps[0] += cn;
        C += cn;
        O++;
    }
    nw->norgs = O;
    nw->nchildren = C;
    nw->nepisodes = E;
    nw->noc3 = P3;
    nw->nuasc = PU;
    nw->nad1 = PA;
    nw->npfa = PP;
    nw->nsw = PS;
    return CARESTAT_OK;
nomem:
    cs903_store_clear_arrays(nw);
    return CARESTAT_ENOMEM;
}

/* Move the arrays of from into to (whose pool and sources stay). */
static void take_arrays(cs903_store *to, cs903_store *from)
{
    cs_strpool strs = to->strs;
    size_t nsources = to->nsources;
    char **src_name = to->src_name;
    cs903_store_clear_arrays(to);
    *to = *from;
    to->strs = strs;
    to->nsources = nsources;
    to->src_name = src_name;
    memset(from, 0, sizeof *from);
}

int cs903_build(cs903_load *L, int report)
{
    cs903_slot *S = L->slot;
    uint8_t *dirty = NULL, *old_dirty = NULL;
    int full = L->full || S->store.norgs == 0;
    if (!full) {
        dirty = cs_calloc(S->norg ? S->norg : 1, 1);
        old_dirty = cs_calloc(S->store.norgs ? S->store.norgs : 1, 1);
        if (!dirty || !old_dirty) {
            cs_free(dirty);
            cs_free(old_dirty);
            return CARESTAT_ENOMEM;
        }
#define DIRTY(arr)                                                                   \
    for (size_t i_ = 0; i_ < S->n_##arr; i_++)                                       \
        if (S->arr[i_].src >= L->first_src) dirty[S->arr[i_].org] = 1;
        DIRTY(hdr) DIRTY(ep) DIRTY(oc3) DIRTY(uasc) DIRTY(ad1) DIRTY(pfa) DIRTY(sw)
#undef DIRTY
        for (size_t o = 0; o < S->store.norgs; o++)
            for (size_t k = 0; k < S->norg; k++)
                if (S->org_code[k] == S->store.org_code[o]) old_dirty[o] = dirty[k];
    }
    cs903_store part;
    memset(&part, 0, sizeof part);
    part.strs = S->store.strs; /* borrowed: read only while building */
    int rc = build_part(L, report, dirty, &part);
    if (rc == CARESTAT_OK) {
        if (full) {
            take_arrays(&S->store, &part);
        } else {
            cs903_store nw;
            memset(&nw, 0, sizeof nw);
            rc = splice(&S->store, old_dirty, &part, &nw);
            if (rc == CARESTAT_OK) take_arrays(&S->store, &nw);
        }
        if (rc == CARESTAT_OK) L->store_changed = 1;
    }
    cs903_store_clear_arrays(&part); /* keeps the borrowed pool */
    cs_free(dirty);
    cs_free(old_dirty);
    return rc;
}
