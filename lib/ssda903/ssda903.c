/* Public SSDA903 API: loading (folders, files, rollback), counts, code checks, the merged-history
 * writer, and the store accessors of store.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "carestat/ssda903.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "ssda903/internal.h"

/* ---- slot ---- */

static void slot_free(void *p)
{
    cs903_slot *S = p;
    if (!S) return;
    cs903_store_clear_arrays(&S->store);
    cs_strpool_free(&S->store.strs);
    for (size_t i = 0; i < S->nsrc; i++) cs_free(S->src[i].name);
    cs_free(S->src);
    cs_free(S->store.src_name);
    for (size_t i = 0; i < S->norg; i++) {
        cs_free(S->org_code[i]);
        cs_free(S->org_name[i]);
    }
    cs_free(S->org_code);
    cs_free(S->org_name);
    cs_free(S->org_user);
    for (size_t i = 0; i < S->nalias; i++) cs_free(S->alias_text[i]);
    cs_free(S->alias_text);
    cs_free(S->alias_org);
    cs_free(S->hdr);
    cs_free(S->ep);
    cs_free(S->oc3);
    cs_free(S->uasc);
    cs_free(S->ad1);
    cs_free(S->pfa);
    cs_free(S->sw);
    cs_free(S);
}

static cs903_slot *slot_get(carestat_dataset *ds)
{
    cs903_slot *S = cs_ds_slot(ds, CS_SLOT_903);
    if (S) return S;
    S = cs_calloc(1, sizeof *S);
    if (!S) return NULL;
    cs_strpool_init(&S->store.strs);
    uint32_t id;
    if (cs_strpool_intern(&S->store.strs, "", 0, &id) != CARESTAT_OK) {
        slot_free(S);
        return NULL;
    }
    cs_ds_set_slot(ds, CS_SLOT_903, S, slot_free);
    return S;
}

const cs903_store *cs903_get(const carestat_dataset *ds)
{
    if (!ds) return NULL;
    const cs903_slot *S = cs_ds_slot(ds, CS_SLOT_903);
    if (!S || S->store.nchildren == 0) return NULL;
    return &S->store;
}

long cs903_org_index(const cs903_store *s, const char *code)
{
    if (!s || !code) return -1;
    for (size_t o = 0; o < s->norgs; o++) {
        const char *a = s->org_code[o], *b = code;
        while (*a && *b) {
            char x = *a, y = *b;
            if (x >= 'a' && x <= 'z') x = (char)(x - 32);
            if (y >= 'a' && y <= 'z') y = (char)(y - 32);
            if (x != y) break;
            a++, b++;
        }
        if (!*a && !*b) return (long)o;
    }
    return -1;
}

long cs903_child_index(const cs903_store *s, size_t org, const char *child)
{
    if (!s || !child || org >= s->norgs) return -1;
    size_t lo = s->org_child_first[org], hi = lo + s->org_child_count[org];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(cs903_str(s, s->child_id[mid]), child);
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

/* ---- options ---- */

int carestat_903_options_init(carestat_903_options *opts, unsigned version)
{
    if (!opts) return CARESTAT_EINVAL;
    if (version != CARESTAT_903_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    memset(opts, 0, sizeof *opts);
    opts->version = version;
    return CARESTAT_OK;
}

/* ---- loading ---- */

typedef struct pathlist {
    char **p;
    size_t n, cap;
} pathlist;

static int pl_add(pathlist *l, const char *s)
{
    if (CS_GROW(l->p, l->cap, l->n + 1)) return CARESTAT_ENOMEM;
    l->p[l->n] = cs_strdup(s);
    if (!l->p[l->n]) return CARESTAT_ENOMEM;
    l->n++;
    return CARESTAT_OK;
}

static void pl_free(pathlist *l)
{
    for (size_t i = 0; i < l->n; i++) cs_free(l->p[i]);
    cs_free(l->p);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int ends_csv(const char *n)
{
    size_t l = strlen(n);
    if (l < 4) return 0;
    const char *e = n + l - 4;
    return e[0] == '.' && (e[1] == 'c' || e[1] == 'C') && (e[2] == 's' || e[2] == 'S') && (e[3] == 'v' || e[3] == 'V');
}

/* Expand a folder into its .csv files (name order); notes for the other files. */
static int expand(carestat_dataset *ds, const char *path, pathlist *out)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        (void)cs_diags_add(&ds->diags, CARESTAT_SEV_FATAL, path, 0, 0, "CSV_OPEN", "cannot open: no such file or folder");
        return cs_ds_fail(ds, CARESTAT_EIO, "%s: no such file or folder", path);
    }
    if (!S_ISDIR(st.st_mode)) return pl_add(out, path);
    DIR *d = opendir(path);
    if (!d) {
        (void)cs_diags_add(&ds->diags, CARESTAT_SEV_FATAL, path, 0, 0, "CSV_OPEN", "cannot read folder");
        return cs_ds_fail(ds, CARESTAT_EIO, "%s: cannot read folder", path);
    }
    size_t first = out->n;
    cs_buf b;
    cs_buf_init(&b);
    int rc = CARESTAT_OK;
    struct dirent *e;
    size_t plen = strlen(path);
    while (rc == CARESTAT_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        cs_buf_reset(&b);
        cs_buf_append(&b, path, plen);
        if (plen && path[plen - 1] != '/') cs_buf_putc(&b, '/');
        cs_buf_puts(&b, e->d_name);
        if (b.err) {
            rc = b.err;
            break;
        }
        struct stat fs;
        if (stat(b.data, &fs) != 0) continue;
        if (S_ISDIR(fs.st_mode)) {
            (void)cs_diags_add(&ds->diags, CARESTAT_SEV_NOTE, b.data, 0, 0, "903_FILE_SKIPPED",
                               "folder inside a return folder: not read (give it as a path of its own)");
            continue;
        }
        if (!ends_csv(e->d_name)) {
            (void)cs_diags_add(&ds->diags, CARESTAT_SEV_NOTE, b.data, 0, 0, "903_FILE_SKIPPED",
                               "not a .csv file: skipped");
            continue;
        }
        rc = pl_add(out, b.data);
    }
    closedir(d);
    cs_buf_free(&b);
    if (rc == CARESTAT_OK && out->n > first) qsort(out->p + first, out->n - first, sizeof *out->p, cmp_str);
    return rc;
}

typedef struct mark {
    size_t hdr, ep, oc3, uasc, ad1, pfa, sw, nsrc;
} mark;

static void rollback(cs903_slot *S, const mark *m)
{
    S->n_hdr = m->hdr;
    S->n_ep = m->ep;
    S->n_oc3 = m->oc3;
    S->n_uasc = m->uasc;
    S->n_ad1 = m->ad1;
    S->n_pfa = m->pfa;
    S->n_sw = m->sw;
    for (size_t i = m->nsrc; i < S->nsrc; i++) cs_free(S->src[i].name);
    S->nsrc = m->nsrc;
    S->store.nsources = m->nsrc;
}

static uint64_t total_rejected(const cs903_slot *S, size_t first)
{
    uint64_t n = 0;
    for (size_t i = first; i < S->nsrc; i++) n += S->src[i].rejected;
    return n;
}

int carestat_dataset_load_903(carestat_dataset *ds, const char *const *paths, size_t npaths,
                              const carestat_903_options *opts)
{
    if (!ds) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    if (!paths || npaths == 0) return cs_ds_fail(ds, CARESTAT_EINVAL, "no paths given");
    for (size_t i = 0; i < npaths; i++)
        if (!paths[i]) return cs_ds_fail(ds, CARESTAT_EINVAL, "path %zu is NULL", i);
    if (opts && opts->version != CARESTAT_903_OPTIONS_VERSION)
        return cs_ds_fail(ds, CARESTAT_EUNSUPPORTED, "unknown carestat_903_options version %u", opts->version);
    int year = opts ? opts->collection_year : 0;
    if (year != 0 && (year < 1990 || year > 2100))
        return cs_ds_fail(ds, CARESTAT_EINVAL, "collection year %d is outside 1990..2100", year);
    const char *org = opts && opts->org_code && opts->org_code[0] ? opts->org_code : NULL;

    cs903_slot *S = slot_get(ds);
    if (!S) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    cs903_load L;
    memset(&L, 0, sizeof L);
    L.ds = ds;
    L.slot = S;
    L.mode = ds->opts.error_mode;
    L.opt_year = year;
    L.opt_org = org;
    L.gen = ++S->gen;
    L.first_src = S->nsrc;
    mark m = {S->n_hdr, S->n_ep, S->n_oc3, S->n_uasc, S->n_ad1, S->n_pfa, S->n_sw, S->nsrc};

    pathlist files = {0};
    int rc = CARESTAT_OK;
    for (size_t i = 0; i < npaths && rc == CARESTAT_OK; i++) rc = expand(ds, paths[i], &files);
    if (rc == CARESTAT_OK && files.n == 0) {
        /* an empty folder: say so rather than load nothing in silence */
        pl_free(&files);
        return cs_ds_fail(ds, CARESTAT_ENOTFOUND, "%s%s: no .csv files to read", paths[0], npaths > 1 ? " (and the other paths)" : "");
    }
    for (size_t i = 0; i < files.n && rc == CARESTAT_OK; i++) rc = cs903_read_file(&L, files.p[i]);
    pl_free(&files);
    if (rc == CARESTAT_OK) rc = cs903_resolve_years(&L, L.first_src);
    if (rc == CARESTAT_OK) rc = cs903_validate_codes(&L, L.first_src);
    if (rc == CARESTAT_OK) {
        uint64_t before = total_rejected(S, L.first_src);
        rc = cs903_build(&L, 1);
        /* DROP: rows found bad while building are removed: build again without them */
        if (rc == CARESTAT_OK && total_rejected(S, L.first_src) != before) rc = cs903_build(&L, 0);
    }
    size_t nsum0 = ds->nsummaries;
    for (size_t i = L.first_src; i < S->nsrc && rc == CARESTAT_OK; i++) {
        const cs903_source *s = &S->src[i];
        if (s->table >= T_NUSED) continue;
        rc = cs_ds_add_summary(ds, s->name, cs903_table_names[s->table], s->read, s->read - s->rejected,
                               s->rejected);
    }
    if (rc != CARESTAT_OK) {
        /* nothing from this call stays: not its summaries either */
        for (size_t i = nsum0; i < ds->nsummaries; i++) cs_free(ds->summaries[i].source);
        ds->nsummaries = nsum0;
        if (rc == CARESTAT_EPARSE && L.stopped && !carestat_dataset_errmsg(ds)[0]) {
            const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
            size_t n = carestat_diag_list_count(dl);
            const carestat_diag *d = NULL;
            for (size_t i = n; i-- > 0;) {
                d = carestat_diag_list_get(dl, i);
                if (d->severity >= CARESTAT_SEV_ERROR) break;
            }
            if (d) (void)cs_ds_fail(ds, rc, "load stopped at the first error: %s:%llu: %s: %s", d->source,
                                    (unsigned long long)d->line, d->code, d->message);
            else (void)cs_ds_fail(ds, rc, "load stopped at the first error");
        } else if (!carestat_dataset_errmsg(ds)[0]) {
            (void)cs_ds_fail(ds, rc, "SSDA903 load failed: %s", carestat_strerror(rc));
        }
        rollback(S, &m);
        for (size_t i = 0; i < L.nundo; i++) *L.undo[i] = 0;
        if (L.store_changed) {
            /* the first build of a DROP load succeeded: rebuild what was there before */
            L.first_src = S->nsrc;
            L.full = 1;
            int rc2 = cs903_build(&L, 0);
            if (rc2) {
                cs903_store_clear_arrays(&S->store);
                cs_free(L.undo);
                return cs_ds_fail(ds, rc2, "out of memory while restoring the dataset");
            }
        }
        cs_free(L.undo);
        return rc;
    }
    cs_free(L.undo);
    return CARESTAT_OK;
}

/* ---- counts ---- */

static uint64_t count_range(const cs903_store *s, size_t c0, size_t c1, carestat_903_count_kind kind)
{
    uint64_t n = 0;
    for (size_t c = c0; c < c1; c++) {
        switch (kind) {
        case CARESTAT_903_CHILDREN: n++; break;
        case CARESTAT_903_EPISODES: n += s->child_ep_count[c]; break;
        case CARESTAT_903_HEADERS: n += s->child_in_header[c]; break;
        case CARESTAT_903_OC3: n += s->child_oc3_count[c]; break;
        case CARESTAT_903_UASC: n += s->child_uasc_count[c]; break;
        case CARESTAT_903_AD1: n += s->child_ad1_count[c]; break;
        case CARESTAT_903_PLACED_ADOPTION: n += s->child_pfa_count[c]; break;
        case CARESTAT_903_SW_EPISODES: n += s->child_sw_count[c]; break;
        default: break;
        }
    }
    return n;
}

uint64_t carestat_dataset_903_count(const carestat_dataset *ds, carestat_903_count_kind kind)
{
    const cs903_store *s = cs903_get(ds);
    if (!s) return 0;
    switch (kind) {
    case CARESTAT_903_ORGS: return s->norgs;
    case CARESTAT_903_MERGED_DUPLICATES: return s->merged_duplicates;
    case CARESTAT_903_SUPERSEDED: return s->merged_superseded;
    case CARESTAT_903_CHILDREN:
    case CARESTAT_903_EPISODES:
    case CARESTAT_903_HEADERS:
    case CARESTAT_903_OC3:
    case CARESTAT_903_UASC:
    case CARESTAT_903_AD1:
    case CARESTAT_903_PLACED_ADOPTION:
    case CARESTAT_903_SW_EPISODES: return count_range(s, 0, s->nchildren, kind);
    default: return 0;
    }
}

int carestat_dataset_903_org(const char **code, const carestat_dataset *ds, size_t index)
{
    if (!code || !ds) return CARESTAT_EINVAL;
    *code = NULL;
    const cs903_store *s = cs903_get(ds);
    if (!s || index >= s->norgs) return CARESTAT_ERANGE;
    *code = s->org_code[index];
    return CARESTAT_OK;
}

int carestat_dataset_903_org_count(uint64_t *count, const carestat_dataset *ds, size_t index,
                                   carestat_903_count_kind kind)
{
    if (!count || !ds) return CARESTAT_EINVAL;
    *count = 0;
    if ((unsigned)kind > CARESTAT_903_SUPERSEDED || kind == CARESTAT_903_MERGED_DUPLICATES ||
        kind == CARESTAT_903_SUPERSEDED)
        return CARESTAT_EINVAL;
    const cs903_store *s = cs903_get(ds);
    if (!s || index >= s->norgs) return CARESTAT_ERANGE;
    if (kind == CARESTAT_903_ORGS) {
        *count = 1;
        return CARESTAT_OK;
    }
    size_t c0 = s->org_child_first[index];
    *count = count_range(s, c0, c0 + s->org_child_count[index], kind);
    return CARESTAT_OK;
}

int carestat_dataset_903_org_years(int *first, int *last, const carestat_dataset *ds, size_t index)
{
    if (first) *first = 0;
    if (last) *last = 0;
    if (!ds) return CARESTAT_EINVAL;
    const cs903_store *s = cs903_get(ds);
    if (!s || index >= s->norgs) return CARESTAT_ERANGE;
    if (first) *first = s->org_year_first[index];
    if (last) *last = s->org_year_last[index];
    return CARESTAT_OK;
}

int carestat_903_code_valid(const char *field, const char *code, int year)
{
    if (!field || !code) return CARESTAT_EINVAL;
    int f = cs903_field_from_name(field);
    if (f < 0) return CARESTAT_EINVAL;
    cs903_code id = cs903_code_id((cs903_field)f, code);
    return cs903_code_valid((cs903_field)f, id, year, CARESTAT_DATE_NONE);
}

/* ---- writer ---- */

static void put_date(cs_buf *b, carestat_date d)
{
    int y, m, dd;
    if (d == CARESTAT_DATE_NONE || carestat_date_to_ymd(d, &y, &m, &dd) != CARESTAT_OK) return;
    cs_buf_printf(b, "%02d/%02d/%04d", dd, m, y);
}

int carestat_dataset_903_write_episodes(const carestat_dataset *ds, const char *path)
{
    if (!ds || !path) return CARESTAT_EINVAL;
    const cs903_store *s = cs903_get(ds);
    if (!s) return CARESTAT_ENOTFOUND;
    FILE *f = fopen(path, "wb");
    if (!f) return CARESTAT_EIO;
    cs_buf b;
    cs_buf_init(&b);
    int rc = CARESTAT_OK;
    cs_buf_puts(&b, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,"
                    "LA,YEAR\n");
    for (size_t e = 0; e < s->nepisodes && rc == CARESTAT_OK; e++) {
        uint32_t c = s->ep_child[e];
        cs_buf_csv_field(&b, cs903_str(s, s->child_id[c]));
        cs_buf_putc(&b, ',');
        put_date(&b, s->ep_decom[e]);
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_RNE, s->ep_rne[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_LS, s->ep_ls[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_CIN, s->ep_cin[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_PLACE, s->ep_place[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_PLACE_PROVIDER, s->ep_provider[e]));
        cs_buf_putc(&b, ',');
        put_date(&b, s->ep_dec[e]);
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_REC, s->ep_rec[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_code_text(CS903_FIELD_REASON_PLACE_CHANGE, s->ep_rpc[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_str(s, s->ep_home_post[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_str(s, s->ep_pl_post[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, cs903_str(s, s->ep_urn[e]));
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, s->org_code[s->child_org[c]]);
        cs_buf_putc(&b, ',');
        if (s->ep_year[e] > 0) cs_buf_printf(&b, "%d", s->ep_year[e]);
        cs_buf_putc(&b, '\n');
        if (b.err) rc = b.err;
        else if (b.len > 65536) {
            if (fwrite(b.data, 1, b.len, f) != b.len) rc = CARESTAT_EIO;
            cs_buf_reset(&b);
        }
    }
    if (rc == CARESTAT_OK && b.len && fwrite(b.data, 1, b.len, f) != b.len) rc = CARESTAT_EIO;
    cs_buf_free(&b);
    if (fclose(f) != 0 && rc == CARESTAT_OK) rc = CARESTAT_EIO;
    return rc;
}
