/* Reading one SSDA903 CSV file into raw rows: table recognition by header row, typed fields, row-level
 * checks. Streaming through lib/io/csv.h; nothing is allocated per field (strings are interned once
 * per distinct value). */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath */
#endif
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/org.h"
#include "core/alloc.h"
#include "ssda903/internal.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

const char *const cs903_table_names[T_NTABLES] = {
    "header", "episodes", "uasc", "oc3", "ad1", "placed_for_adoption", "sw_episodes",
    "reviews", "oc2", "missing", "previous_permanence", "dolo"};

#define LA_COL {"LA|LA_CODE|LA_NAME", 0}
#define YEAR_COL {"YEAR|COLLECTION_YEAR", 0}

enum { H_CHILD, H_SEX, H_DOB, H_ETHNIC, H_UPN, H_MOTHER, H_MC_DOB, H_LA, H_YEAR, H_N };
static const cs_csv_col HDR_COLS[H_N] = {{"CHILD", 1}, {"SEX", 1}, {"DOB", 1}, {"ETHNIC", 0}, {"UPN", 0},
                                         {"MOTHER", 0}, {"MC_DOB", 0}, LA_COL, YEAR_COL};
enum { E_CHILD, E_DECOM, E_RNE, E_LS, E_CIN, E_PLACE, E_PROV, E_DEC, E_REC, E_RPC, E_HOME, E_PL, E_URN,
       E_LA, E_YEAR, E_N };
static const cs_csv_col EP_COLS[E_N] = {
    {"CHILD", 1}, {"DECOM", 1}, {"RNE", 1}, {"LS", 1}, {"CIN", 0}, {"PLACE", 1}, {"PLACE_PROVIDER", 0},
    {"DEC", 1}, {"REC", 1}, {"REASON_PLACE_CHANGE", 0}, {"HOME_POST", 0}, {"PL_POST", 0}, {"URN", 0},
    LA_COL, YEAR_COL};
enum { U_CHILD, U_SEX, U_DOB, U_DUC, U_LA, U_YEAR, U_N };
static const cs_csv_col UASC_COLS[U_N] = {{"CHILD", 1}, {"SEX", 0}, {"DOB", 0}, {"DUC", 1}, LA_COL, YEAR_COL};
enum { O_CHILD, O_DOB, O_TOUCH, O_ACTIV, O_ACCOM, O_LA, O_YEAR, O_N };
static const cs_csv_col OC3_COLS[O_N] = {{"CHILD", 1}, {"DOB", 0}, {"IN_TOUCH", 1}, {"ACTIV", 1},
                                         {"ACCOM", 1}, LA_COL, YEAR_COL};
enum { A_CHILD, A_DOB, A_INT, A_MATCH, A_FOSTER, A_NB, A_SEXA, A_LSA, A_LA, A_YEAR, A_N };
static const cs_csv_col AD1_COLS[A_N] = {{"CHILD", 1}, {"DOB", 0}, {"DATE_INT", 1}, {"DATE_MATCH", 1},
                                         {"FOSTER_CARE", 0}, {"NB_ADOPTR", 0}, {"SEX_ADOPTR", 0},
                                         {"LS_ADOPTR", 0}, LA_COL, YEAR_COL};
enum { F_CHILD, F_DOB, F_PLACED, F_CEASED, F_REASON, F_LA, F_YEAR, F_N };
static const cs_csv_col PFA_COLS[F_N] = {{"CHILD", 1}, {"DOB", 0}, {"DATE_PLACED", 1},
                                         {"DATE_PLACED_CEASED", 0}, {"REASON_PLACED_CEASED", 0}, LA_COL,
                                         YEAR_COL};
enum { S_CHILD, S_DOB, S_ID, S_DECOM, S_DEC, S_REASON, S_LA, S_YEAR, S_N };
static const cs_csv_col SW_COLS[S_N] = {{"CHILD", 1}, {"DOB", 0}, {"SW_ID", 1}, {"SW_DECOM", 1},
                                        {"SW_DEC", 0}, {"SW_REASON", 0}, LA_COL, YEAR_COL};
static const cs_csv_col REV_COLS[] = {{"CHILD", 1}, {"REVIEW", 1}, {"REVIEW_CODE", 0}};
static const cs_csv_col OC2_COLS[] = {{"CHILD", 1}, {"SDQ_SCORE", 1}, {"CONVICTED", 0}, {"HEALTH_CHECK", 0}};
static const cs_csv_col MISS_COLS[] = {{"CHILD", 1}, {"MISSING", 1}, {"MIS_START", 1}, {"MIS_END", 0}};
static const cs_csv_col PERM_COLS[] = {{"CHILD", 1}, {"PREV_PERM", 1}, {"LA_PERM", 0}, {"DATE_PERM", 0}};
static const cs_csv_col DOLO_COLS[] = {{"CHILD", 1}, {"DOLO_START", 1}, {"DOLO_END", 0}};

static const struct {
    const cs_csv_col *cols;
    size_t n;
} TABLES[T_NTABLES] = {
    [T_HEADER] = {HDR_COLS, H_N},     [T_EPISODES] = {EP_COLS, E_N}, [T_UASC] = {UASC_COLS, U_N},
    [T_OC3] = {OC3_COLS, O_N},        [T_AD1] = {AD1_COLS, A_N},     [T_PFA] = {PFA_COLS, F_N},
    [T_SW] = {SW_COLS, S_N},          [T_REVIEWS] = {REV_COLS, 3},   [T_OC2] = {OC2_COLS, 4},
    [T_MISSING] = {MISS_COLS, 4},     [T_PREVPERM] = {PERM_COLS, 4}, [T_DOLO] = {DOLO_COLS, 3},
};
#define MAXCOLS 16

/* ------------------------------------------------------------------------------------------------ */

void cs903_diag(cs903_load *L, carestat_severity sev, uint32_t src, uint64_t line, uint32_t col, const char *code,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)cs_diags_vadd(&L->ds->diags, sev, L->slot->src[src].name, line, col, code, fmt, ap);
    va_end(ap);
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) (*n)--;
}

static int ieq(const char *a, size_t n, const char *b)
{
    size_t i = 0;
    for (; i < n && b[i]; i++) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = (char)(x - 32);
        if (y >= 'a' && y <= 'z') y = (char)(y - 32);
        if (x != y) return 0;
    }
    return i == n && b[i] == '\0';
}

int cs903_org_intern(cs903_load *L, const char *text, size_t n, uint32_t *id)
{
    cs903_slot *S = L->slot;
    char buf[256];
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    for (size_t i = 0; i < S->nalias; i++)
        if (strcmp(S->alias_text[i], buf) == 0) {
            *id = S->alias_org[i];
            return CARESTAT_OK;
        }
    const carestat_org *o = NULL;
    const char *code = buf, *name = buf;
    int user = 1;
    if (carestat_dataset_org_find(&o, L->ds, buf) == CARESTAT_OK && o && o->code && o->code[0]) {
        code = o->code;
        name = o->name ? o->name : "";
        user = o->user_defined;
    }
    uint32_t found = UINT32_MAX;
    for (size_t i = 0; i < S->norg; i++)
        if (ieq(S->org_code[i], strlen(S->org_code[i]), code)) found = (uint32_t)i;
    if (found == UINT32_MAX) {
        if (CS_GROW(S->org_code, S->cap_org, S->norg + 1)) return CARESTAT_ENOMEM;
        /* org_name and org_user follow org_code's capacity */
        char **nm = cs_reallocarray(S->org_name, S->cap_org, sizeof *nm);
        if (!nm) return CARESTAT_ENOMEM;
        S->org_name = nm;
        int *us = cs_reallocarray(S->org_user, S->cap_org, sizeof *us);
        if (!us) return CARESTAT_ENOMEM;
        S->org_user = us;
        char *c = cs_strdup(code), *m = cs_strdup(name);
        if (!c || !m) {
            cs_free(c);
            cs_free(m);
            return CARESTAT_ENOMEM;
        }
        S->org_code[S->norg] = c;
        S->org_name[S->norg] = m;
        S->org_user[S->norg] = user;
        found = (uint32_t)S->norg++;
        if (!o) {
            (void)cs_diags_add(&L->ds->diags, CARESTAT_SEV_NOTE, L->slot->nsrc ? S->src[S->nsrc - 1].name : "", 0,
                               0, "903_ORG_USER_DEFINED",
                               "organisation '%s' is not in the registry: accepted as a user-defined organisation",
                               buf);
            carestat_org add;
            memset(&add, 0, sizeof add);
            add.code = buf;
            add.la_code = "";
            add.name = buf;
            add.kind = CARESTAT_ORG_COUNCIL;
            add.region_code = "";
            add.start = CARESTAT_DATE_NONE;
            add.end = CARESTAT_DATE_NONE;
            add.user_defined = 1;
            if (carestat_dataset_org_add(L->ds, &add) == CARESTAT_ENOMEM) return CARESTAT_ENOMEM;
        }
    }
    if (CS_GROW(S->alias_text, S->cap_alias, S->nalias + 1)) return CARESTAT_ENOMEM;
    uint32_t *ao = cs_reallocarray(S->alias_org, S->cap_alias, sizeof *ao);
    if (!ao) return CARESTAT_ENOMEM;
    S->alias_org = ao;
    char *t = cs_strdup(buf);
    if (!t) return CARESTAT_ENOMEM;
    S->alias_text[S->nalias] = t;
    S->alias_org[S->nalias++] = found;
    *id = found;
    return CARESTAT_OK;
}

static int isdig(char ch) { return ch >= '0' && ch <= '9'; }
static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) v = v * 10 + (s[k] - '0');
    return v;
}

int cs903_year_from_text(const char *s, size_t n)
{
    int best = 0;
    size_t i = 0;
    while (i < n) {
        if (!isdig(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && isdig(s[j])) j++;
        size_t len = j - i;
        int y = (len == 4 || len == 6) ? num(s + i, 4) : 0;
        if (y >= 1990 && y <= 2100) {
            if (len == 6) {
                if (num(s + i + 4, 2) == (y + 1) % 100) best = y + 1;
            } else {
                best = y;
                if (j + 2 < n && (s[j] == '-' || s[j] == '_' || s[j] == '/') && isdig(s[j + 1]) && isdig(s[j + 2]) &&
                    (j + 3 == n || !isdig(s[j + 3])) && num(s + j + 1, 2) == (y + 1) % 100) {
                    best = y + 1;
                    j += 3;
                }
            }
        }
        i = j;
    }
    return best;
}

/* ------------------------------------------------------------------------------------------------ */

typedef struct rowctx {
    cs903_load *L;
    cs_csv *r;
    const int *idx;
    int bad;
} rowctx;

static const char *fld(rowctx *c, int k, size_t *n)
{
    *n = 0;
    if (c->idx[k] < 0) return "";
    const char *f = cs_csv_field(c->r, (size_t)c->idx[k], n);
    trim(&f, n);
    return f;
}

static uint32_t colno(const rowctx *c, int k) { return c->idx[k] < 0 ? 0u : (uint32_t)(c->idx[k] + 1); }

static carestat_date get_date(rowctx *c, int k, const char *name, int required)
{
    size_t n;
    const char *f = fld(c, k, &n);
    if (n == 0) {
        if (required && c->idx[k] >= 0) {
            cs_csv_diag(c->r, CARESTAT_SEV_ERROR, colno(c, k), "903_DATE_MISSING", "%s is blank", name);
            c->bad = 1;
        }
        return CARESTAT_DATE_NONE;
    }
    carestat_date d;
    if (carestat_date_parse(&d, f, n) != CARESTAT_OK) {
        cs_csv_diag(c->r, CARESTAT_SEV_ERROR, colno(c, k), "903_DATE_INVALID",
                    "%s '%.*s' is not a valid date (dd/mm/yyyy or yyyy-mm-dd)", name, (int)(n > 40 ? 40 : n), f);
        c->bad = 1;
        return CARESTAT_DATE_NONE;
    }
    return d;
}

static cs903_code get_code(rowctx *c, int k, cs903_field field, int required)
{
    size_t n;
    const char *f = fld(c, k, &n);
    cs903_code id = cs903_code_lookup(field, f, n);
    if (id == CS903_UNKNOWN) {
        cs_csv_diag(c->r, CARESTAT_SEV_ERROR, colno(c, k), "903_CODE_UNKNOWN",
                    "%s '%.*s' is not a valid code: kept as unknown", cs903_field_name(field),
                    (int)(n > 40 ? 40 : n), f);
        c->bad = 1;
    } else if (id == CS903_NONE && required && c->idx[k] >= 0) {
        cs_csv_diag(c->r, CARESTAT_SEV_ERROR, colno(c, k), "903_VALUE_MISSING", "%s is blank",
                    cs903_field_name(field));
        c->bad = 1;
    }
    return id;
}

/* A small whole number (0..max), "1.0" accepted; -1 for blank; -1 and a diagnostic when invalid. */
static int8_t get_small(rowctx *c, int k, const char *name, int max)
{
    size_t n;
    const char *f = fld(c, k, &n);
    if (n == 0) return -1;
    size_t m = n;
    if (m >= 3 && f[m - 2] == '.' && f[m - 1] == '0') m -= 2;
    if (m == 1 && f[0] >= '0' && f[0] - '0' <= max) return (int8_t)(f[0] - '0');
    cs_csv_diag(c->r, CARESTAT_SEV_ERROR, colno(c, k), "903_VALUE_INVALID", "%s '%.*s' is not one of 0..%d", name,
                (int)(n > 40 ? 40 : n), f, max);
    c->bad = 1;
    return -1;
}

static int get_str(rowctx *c, int k, uint32_t *id)
{
    size_t n;
    const char *f = fld(c, k, &n);
    if (n == 0) {
        *id = 0;
        return CARESTAT_OK;
    }
    return cs_strpool_intern(&c->L->slot->store.strs, f, n, id);
}

#define PUSH(S, name, out)                                                     \
    do {                                                                       \
        if (CS_GROW((S)->name, (S)->cap_##name, (S)->n_##name + 1)) return CARESTAT_ENOMEM; \
        (out) = &(S)->name[(S)->n_##name++];                                   \
        memset((out), 0, sizeof *(out));                                       \
    } while (0)

/* Identify the table of the current (header) record; -1 if none. */
static int identify(cs_csv *r, int *idx)
{
    int best = -1;
    size_t best_score = 0;
    int tmp[MAXCOLS];
    for (int t = 0; t < T_NTABLES; t++) {
        size_t missing = 0;
        if (cs_csv_map_header(r, TABLES[t].cols, TABLES[t].n, tmp, 1, &missing) != CARESTAT_OK || missing) continue;
        size_t score = 0;
        for (size_t k = 0; k < TABLES[t].n; k++) score += tmp[k] >= 0;
        if (score > best_score) {
            best_score = score;
            best = t;
            memcpy(idx, tmp, TABLES[t].n * sizeof *idx);
        }
    }
    return best;
}

/* The table a header row almost matches (CHILD and at least one other required column present, some
 * required column missing), the names of the missing columns in buf; -1 if none. */
static int closest(cs_csv *r, char *buf, size_t cap)
{
    int best = -1;
    double best_frac = 0;
    int tmp[MAXCOLS];
    for (int t = 0; t < T_NTABLES; t++) {
        (void)cs_csv_map_header(r, TABLES[t].cols, TABLES[t].n, tmp, 1, NULL);
        size_t req = 0, found = 0;
        for (size_t k = 0; k < TABLES[t].n; k++)
            if (TABLES[t].cols[k].required) req++, found += tmp[k] >= 0;
        if (tmp[0] < 0 || found < 2 || found == req) continue;
        double frac = (double)found / (double)req;
        if (frac > best_frac) {
            best_frac = frac;
            best = t;
            size_t used = 0;
            buf[0] = '\0';
            for (size_t k = 0; k < TABLES[t].n; k++) {
                if (!TABLES[t].cols[k].required || tmp[k] >= 0) continue;
                const char *nm = TABLES[t].cols[k].names;
                size_t l = strcspn(nm, "|");
                if (used + l + 3 >= cap) break;
                if (used) buf[used++] = ',', buf[used++] = ' ';
                memcpy(buf + used, nm, l);
                used += l;
                buf[used] = '\0';
            }
        }
    }
    return best;
}

static const char *base_name(const char *p, size_t *n)
{
    const char *b = p;
    for (const char *q = p; *q; q++)
        if (*q == '/' || *q == '\\') b = q + 1;
    *n = strlen(b);
    return b;
}

/* The folder part of a path: [*dir, *dir + *n) (n = 0 when the path has no folder). */
static void dir_of(const char *p, const char **dir, size_t *n)
{
    const char *b = p;
    for (const char *q = p; *q; q++)
        if (*q == '/' || *q == '\\') b = q;
    *dir = p;
    *n = (size_t)(b - p);
}

static int add_source(cs903_load *L, const char *path, uint32_t *out)
{
    cs903_slot *S = L->slot;
    if (CS_GROW(S->src, S->cap_src, S->nsrc + 1)) return CARESTAT_ENOMEM;
    char **names = cs_reallocarray(S->store.src_name, S->cap_src, sizeof *names);
    if (!names) return CARESTAT_ENOMEM;
    S->store.src_name = names;
    cs903_source *s = &S->src[S->nsrc];
    memset(s, 0, sizeof *s);
    s->name = cs_strdup(path);
    if (!s->name) return CARESTAT_ENOMEM;
    s->gen = L->gen;
    s->max_decom = CARESTAT_DATE_NONE;
    s->min_dec = CARESTAT_DATE_NONE;
    s->max_dec = CARESTAT_DATE_NONE;
    s->table = T_NTABLES;
    names[S->nsrc] = s->name;
    *out = (uint32_t)S->nsrc++;
    S->store.nsources = S->nsrc;
    return CARESTAT_OK;
}

static int read_rows(cs903_load *L, cs_csv *r, uint32_t si, cs903_table t, const int *idx);

int cs903_read_file(cs903_load *L, const char *path)
{
    cs903_slot *S = L->slot;
    uint32_t si;
    int rc = add_source(L, path, &si);
    if (rc) return rc;
    cs903_source *src = &S->src[si];

    /* year and folder from the name */
    size_t bn, dn;
    const char *b = base_name(path, &bn), *d;
    dir_of(path, &d, &dn);
    src->name_year = cs903_year_from_text(b, bn);
    const char *fb = NULL;
    size_t fbn = 0;
    char real[PATH_MAX];
    {
        /* the folder's own name; ".", ".." and a bare file name are resolved to the real folder */
        size_t k = dn;
        while (k > 0 && d[k - 1] != '/' && d[k - 1] != '\\') k--;
        fb = d + k;
        fbn = dn - k;
        int dots = (fbn == 1 && fb[0] == '.') || (fbn == 2 && fb[0] == '.' && fb[1] == '.');
        if ((dn == 0 || dots) && dn < sizeof real) {
            char dir[PATH_MAX];
            memcpy(dir, dn ? d : ".", dn ? dn : 1);
            dir[dn ? dn : 1] = '\0';
            if (realpath(dir, real)) {
                size_t rn;
                fb = base_name(real, &rn);
                fbn = rn;
            } else if (dn == 0) {
                fb = NULL;
                fbn = 0;
            }
        }
        if (fbn && !src->name_year) src->name_year = cs903_year_from_text(fb, fbn);
    }

    cs_csv_limits lim;
    cs_ds_csv_limits(L->ds, &lim);
    cs_csv *r = NULL;
    rc = cs_csv_open(&r, path, &lim, &L->ds->diags);
    if (rc) return cs_ds_fail(L->ds, rc == CARESTAT_ENOMEM ? rc : CARESTAT_EIO, "%s: cannot open", path);
    rc = cs_csv_next(r);
    if (rc <= 0) {
        cs_csv_close(r);
        if (rc < 0) return cs_ds_fail(L->ds, rc, "%s: read error", path);
        cs903_diag(L, CARESTAT_SEV_WARNING, si, 0, 0, "903_TABLE_UNKNOWN", "empty file: no header row");
        return CARESTAT_OK;
    }
    int idx[MAXCOLS];
    int t = identify(r, idx);
    if (t < 0) {
        char miss[200];
        int near = closest(r, miss, sizeof miss);
        if (near >= 0) {
            cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, "903_TABLE_INCOMPLETE",
                        "header row looks like the %s table but lacks required column(s) %s: file skipped",
                        cs903_table_names[near], miss);
            cs_csv_close(r);
            if (L->mode == CARESTAT_ROWS_STOP) {
                L->stopped = 1;
                return CARESTAT_EPARSE;
            }
            return CARESTAT_OK;
        }
        size_t n0, n1;
        const char *f0 = cs_csv_field(r, 0, &n0), *f1 = cs_csv_field(r, 1, &n1);
        cs_csv_diag(r, CARESTAT_SEV_WARNING, 0, "903_TABLE_UNKNOWN",
                    "header row (%.*s,%.*s,...) does not match any SSDA903 table: file skipped",
                    (int)(n0 > 30 ? 30 : n0), f0, (int)(n1 > 30 ? 30 : n1), f1);
        cs_csv_close(r);
        return CARESTAT_OK;
    }
    src->table = (cs903_table)t;
    if (t >= T_NUSED) {
        cs_csv_diag(r, CARESTAT_SEV_NOTE, 0, "903_TABLE_NOT_USED",
                    "%s table recognised but not used by carestat: file skipped", cs903_table_names[t]);
        cs_csv_close(r);
        return CARESTAT_OK;
    }
    /* map again, reporting duplicate columns */
    (void)cs_csv_map_header(r, TABLES[t].cols, TABLES[t].n, idx, 0, NULL);
    size_t nc = TABLES[t].n;
    src->col[C_CHILD] = idx[0] < 0 ? 0u : (uint32_t)idx[0] + 1;
    src->col[C_LA] = idx[nc - 2] < 0 ? 0u : (uint32_t)idx[nc - 2] + 1;
    src->col[C_YEAR] = idx[nc - 1] < 0 ? 0u : (uint32_t)idx[nc - 1] + 1;
    src->year_per_row = idx[nc - 1] >= 0 && L->opt_year == 0;

    /* organisation of the file */
    if (L->opt_org) {
        rc = cs903_org_intern(L, L->opt_org, strlen(L->opt_org), &src->org);
    } else if (fbn) {
        rc = cs903_org_intern(L, fb, fbn, &src->org);
    } else {
        if (idx[nc - 2] < 0)
            cs903_diag(L, CARESTAT_SEV_WARNING, si, 0, 0, "903_ORG_UNKNOWN",
                       "no organisation given, no LA column and no folder name: rows filed under 'unknown'");
        rc = cs903_org_intern(L, "unknown", 7, &src->org);
    }
    if (rc == CARESTAT_OK) rc = read_rows(L, r, si, (cs903_table)t, idx);
    cs_csv_close(r);
    return rc;
}

static int read_rows(cs903_load *L, cs_csv *r, uint32_t si, cs903_table t, const int *idx)
{
    cs903_slot *S = L->slot;
    size_t nc = TABLES[t].n;
    int la_k = (int)nc - 2, year_k = (int)nc - 1;
    rowctx c = {L, r, idx, 0};
    /* remember the columns of the coded fields and dates for later diagnostics */
    cs903_source *src = &S->src[si];
    switch (t) {
    case T_HEADER:
        src->fcol[CS903_FIELD_SEX] = colno(&c, H_SEX);
        src->fcol[CS903_FIELD_ETHNIC] = colno(&c, H_ETHNIC);
        src->col[C_DATE1] = colno(&c, H_DOB);
        break;
    case T_EPISODES:
        src->col[C_DATE1] = colno(&c, E_DECOM);
        src->col[C_DATE2] = colno(&c, E_DEC);
        src->fcol[CS903_FIELD_RNE] = colno(&c, E_RNE);
        src->fcol[CS903_FIELD_LS] = colno(&c, E_LS);
        src->fcol[CS903_FIELD_CIN] = colno(&c, E_CIN);
        src->fcol[CS903_FIELD_PLACE] = colno(&c, E_PLACE);
        src->fcol[CS903_FIELD_PLACE_PROVIDER] = colno(&c, E_PROV);
        src->fcol[CS903_FIELD_REC] = colno(&c, E_REC);
        src->fcol[CS903_FIELD_REASON_PLACE_CHANGE] = colno(&c, E_RPC);
        break;
    case T_UASC: src->fcol[CS903_FIELD_SEX] = colno(&c, U_SEX); break;
    case T_OC3:
        src->fcol[CS903_FIELD_IN_TOUCH] = colno(&c, O_TOUCH);
        src->fcol[CS903_FIELD_ACTIV] = colno(&c, O_ACTIV);
        src->fcol[CS903_FIELD_ACCOM] = colno(&c, O_ACCOM);
        break;
    case T_AD1:
        src->fcol[CS903_FIELD_SEX_ADOPTR] = colno(&c, A_SEXA);
        src->fcol[CS903_FIELD_LS_ADOPTR] = colno(&c, A_LSA);
        break;
    case T_PFA:
        src->fcol[CS903_FIELD_REASON_PLACED_CEASED] = colno(&c, F_REASON);
        src->col[C_DATE1] = colno(&c, F_PLACED);
        break;
    case T_SW:
        src->fcol[CS903_FIELD_SW_REASON] = colno(&c, S_REASON);
        src->col[C_DATE1] = colno(&c, S_DECOM);
        src->col[C_DATE2] = colno(&c, S_DEC);
        break;
    default: break;
    }
    uint32_t last_org = src->org;
    const char *last_la = NULL;
    size_t last_la_n = 0;
    char la_buf[256];
    int rc;
    uint32_t seq = 0;
    while ((rc = cs_csv_next(r)) == 1) {
        src = &S->src[si];
        if (cs_csv_record_is_empty(r)) {
            cs_csv_diag(r, CARESTAT_SEV_NOTE, 0, "903_EMPTY_ROW", "row without values skipped");
            continue;
        }
        src->read++;
        c.bad = cs_csv_record_errors(r) > 0;
        size_t cn;
        const char *child = fld(&c, 0, &cn);
        if (cn == 0) {
            cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, 0), "903_CHILD_MISSING", "CHILD is blank: row rejected");
            src->rejected++;
            if (L->mode == CARESTAT_ROWS_STOP) {
                L->stopped = 1;
                return CARESTAT_EPARSE;
            }
            continue;
        }
        uint32_t child_id;
        if ((rc = cs_strpool_intern(&S->store.strs, child, cn, &child_id))) return rc;
        uint32_t org = src->org;
        if (!L->opt_org && idx[la_k] >= 0) {
            size_t ln;
            const char *la = fld(&c, la_k, &ln);
            if (ln) {
                if (last_la && ln == last_la_n && memcmp(la, last_la, ln) == 0) {
                    org = last_org;
                } else {
                    if ((rc = cs903_org_intern(L, la, ln, &org))) return rc;
                    size_t keep = ln < sizeof la_buf ? ln : sizeof la_buf - 1;
                    memcpy(la_buf, la, keep);
                    last_la = la_buf;
                    last_la_n = keep == ln ? ln : 0;
                    last_org = org;
                }
            }
        }
        int year = 0;
        if (src->year_per_row) {
            size_t yn;
            const char *y = fld(&c, year_k, &yn);
            if (yn) {
                year = cs903_year_from_text(y, yn);
                int plain = 1;
                if (yn > 2 && y[yn - 2] == '.' && y[yn - 1] == '0') yn -= 2; /* 2024.0 from a spreadsheet */
                for (size_t k = 0; k < yn; k++)
                    if ((y[k] < '0' || y[k] > '9') && y[k] != '-' && y[k] != '/' && y[k] != '_') plain = 0;
                if (!year || !plain) {
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, year_k), "903_VALUE_INVALID",
                                "YEAR '%.*s' is not a collection year (YYYY or YYYY-YY)", (int)(yn > 20 ? 20 : yn), y);
                    c.bad = 1;
                    year = 0;
                }
            }
        }
        uint32_t line = (uint32_t)cs_csv_line(r);
        int accept = 1;
        switch (t) {
        case T_HEADER: {
            raw_hdr h;
            memset(&h, 0, sizeof h);
            size_t sn;
            const char *sx = fld(&c, H_SEX, &sn);
            h.sex = get_code(&c, H_SEX, CS903_FIELD_SEX, 1);
            h.sex_numeric = (uint8_t)(sn && sx[0] >= '0' && sx[0] <= '9');
            h.dob = get_date(&c, H_DOB, "DOB", 1);
            h.ethnic = get_code(&c, H_ETHNIC, CS903_FIELD_ETHNIC, 0);
            if ((rc = get_str(&c, H_UPN, &h.upn))) return rc;
            h.mother = get_small(&c, H_MOTHER, "MOTHER", 1);
            h.mc_dob = get_date(&c, H_MC_DOB, "MC_DOB", 0);
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            raw_hdr *o;
            PUSH(S, hdr, o);
            *o = h;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            break;
        }
        case T_EPISODES: {
            raw_ep e;
            memset(&e, 0, sizeof e);
            e.decom = get_date(&c, E_DECOM, "DECOM", 1);
            e.dec = get_date(&c, E_DEC, "DEC", 0);
            int dec_bad = c.idx[E_DEC] >= 0 && e.dec == CARESTAT_DATE_NONE && c.bad;
            e.rne = get_code(&c, E_RNE, CS903_FIELD_RNE, 1);
            e.ls = get_code(&c, E_LS, CS903_FIELD_LS, 1);
            e.cin = get_code(&c, E_CIN, CS903_FIELD_CIN, 1);
            e.place = get_code(&c, E_PLACE, CS903_FIELD_PLACE, 1);
            e.prov = get_code(&c, E_PROV, CS903_FIELD_PLACE_PROVIDER, 0);
            e.rec = get_code(&c, E_REC, CS903_FIELD_REC, 0);
            e.rpc = get_code(&c, E_RPC, CS903_FIELD_REASON_PLACE_CHANGE, 0);
            if ((rc = get_str(&c, E_HOME, &e.home)) || (rc = get_str(&c, E_PL, &e.pl)) ||
                (rc = get_str(&c, E_URN, &e.urn)))
                return rc;
            if (e.decom == CARESTAT_DATE_NONE) {
                /* cannot be placed in a history: rejected in every mode (the date diagnostic says why) */
                if (!c.bad) {
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, E_DECOM), "903_DATE_MISSING", "DECOM is blank");
                    c.bad = 1;
                }
                accept = 0;
                break;
            }
            if (e.dec != CARESTAT_DATE_NONE && e.dec < e.decom) {
                char a[16], bb[16];
                (void)carestat_date_format(a, sizeof a, e.decom);
                (void)carestat_date_format(bb, sizeof bb, e.dec);
                cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, E_DEC), "903_EP_END_BEFORE_START",
                            "episode ends (DEC %s) before it starts (DECOM %s)", bb, a);
                c.bad = 1;
            }
            /* X1 on an open episode (written by some tools, e.g. the DfE validator's fake return): open */
            if (e.rec == CS903_REC_X1 && e.dec == CARESTAT_DATE_NONE && !dec_bad) e.rec = CS903_NONE;
            if (e.rec != CS903_NONE && e.dec == CARESTAT_DATE_NONE && !dec_bad && c.idx[E_DEC] >= 0) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, E_DEC), "903_EP_DEC_MISSING",
                            "REC '%s' (ceased to be looked after) is given but DEC is blank: the episode needs an "
                            "end date", cs903_code_text(CS903_FIELD_REC, e.rec));
                c.bad = 1;
            }
            if (e.dec != CARESTAT_DATE_NONE && e.rec == CS903_NONE && c.idx[E_REC] >= 0) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, E_REC), "903_EP_REC_MISSING",
                            "DEC is given but REC is blank: a ceased episode needs a reason (X1 if a new episode "
                            "follows)");
                c.bad = 1;
            }
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            if (src->max_decom == CARESTAT_DATE_NONE || e.decom > src->max_decom) src->max_decom = e.decom;
            if (e.dec != CARESTAT_DATE_NONE && (src->min_dec == CARESTAT_DATE_NONE || e.dec < src->min_dec))
                src->min_dec = e.dec;
            if (e.dec != CARESTAT_DATE_NONE && (src->max_dec == CARESTAT_DATE_NONE || e.dec > src->max_dec))
                src->max_dec = e.dec;
            raw_ep *o;
            PUSH(S, ep, o);
            *o = e;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            o->seq = seq++;
            break;
        }
        case T_UASC: {
            raw_uasc u;
            memset(&u, 0, sizeof u);
            size_t sn;
            const char *sx = fld(&c, U_SEX, &sn);
            u.sex = get_code(&c, U_SEX, CS903_FIELD_SEX, 0);
            u.sex_numeric = (uint8_t)(sn && sx[0] >= '0' && sx[0] <= '9');
            u.dob = get_date(&c, U_DOB, "DOB", 0);
            u.duc = get_date(&c, U_DUC, "DUC", 0);
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            raw_uasc *o;
            PUSH(S, uasc, o);
            *o = u;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            break;
        }
        case T_OC3: {
            raw_oc3 x;
            memset(&x, 0, sizeof x);
            x.dob = get_date(&c, O_DOB, "DOB", 0);
            x.in_touch = get_code(&c, O_TOUCH, CS903_FIELD_IN_TOUCH, 1);
            x.activ = get_code(&c, O_ACTIV, CS903_FIELD_ACTIV, 1);
            x.accom = get_code(&c, O_ACCOM, CS903_FIELD_ACCOM, 1);
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            raw_oc3 *o;
            PUSH(S, oc3, o);
            *o = x;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            break;
        }
        case T_AD1: {
            raw_ad1 x;
            memset(&x, 0, sizeof x);
            x.dob = get_date(&c, A_DOB, "DOB", 0);
            x.date_int = get_date(&c, A_INT, "DATE_INT", 1);
            x.date_match = get_date(&c, A_MATCH, "DATE_MATCH", 1);
            x.foster_care = get_small(&c, A_FOSTER, "FOSTER_CARE", 1);
            x.nb_adoptr = get_small(&c, A_NB, "NB_ADOPTR", 2);
            if (x.nb_adoptr == 0) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, A_NB), "903_VALUE_INVALID", "NB_ADOPTR '0' is not 1 or 2");
                c.bad = 1;
                x.nb_adoptr = -1;
            }
            x.sex_adoptr = get_code(&c, A_SEXA, CS903_FIELD_SEX_ADOPTR, 0);
            x.ls_adoptr = get_code(&c, A_LSA, CS903_FIELD_LS_ADOPTR, 0);
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            raw_ad1 *o;
            PUSH(S, ad1, o);
            *o = x;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            break;
        }
        case T_PFA: {
            raw_pfa x;
            memset(&x, 0, sizeof x);
            x.dob = get_date(&c, F_DOB, "DOB", 0);
            x.placed = get_date(&c, F_PLACED, "DATE_PLACED", 1);
            x.placed_ceased = get_date(&c, F_CEASED, "DATE_PLACED_CEASED", 0);
            x.reason = get_code(&c, F_REASON, CS903_FIELD_REASON_PLACED_CEASED, 0);
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            raw_pfa *o;
            PUSH(S, pfa, o);
            *o = x;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            break;
        }
        case T_SW: {
            raw_sw x;
            memset(&x, 0, sizeof x);
            x.decom = get_date(&c, S_DECOM, "SW_DECOM", 1);
            x.dec = get_date(&c, S_DEC, "SW_DEC", 0);
            if ((rc = get_str(&c, S_ID, &x.sw_id))) return rc;
            if (x.sw_id == 0) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, S_ID), "903_VALUE_MISSING", "SW_ID is blank");
                c.bad = 1;
            }
            x.reason = get_code(&c, S_REASON, CS903_FIELD_SW_REASON, 0);
            if (x.decom == CARESTAT_DATE_NONE) {
                accept = 0;
                break;
            }
            if (x.dec != CARESTAT_DATE_NONE && x.dec < x.decom) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, S_DEC), "903_EP_END_BEFORE_START",
                            "social worker episode ends (SW_DEC) before it starts (SW_DECOM)");
                c.bad = 1;
            }
            if (c.bad && L->mode != CARESTAT_ROWS_KEEP) break;
            raw_sw *o;
            PUSH(S, sw, o);
            *o = x;
            o->org = org, o->child = child_id, o->src = si, o->line = line, o->year = (int16_t)year;
            o->bad = (uint8_t)c.bad;
            break;
        }
        default: break;
        }
        if (c.bad && L->mode == CARESTAT_ROWS_STOP) {
            L->stopped = 1;
            (void)cs_ds_fail(L->ds, CARESTAT_EPARSE, "%s:%u: error in row (load stopped)", S->src[si].name,
                             (unsigned)line);
            return CARESTAT_EPARSE;
        }
        if (!accept || (c.bad && L->mode == CARESTAT_ROWS_DROP)) S->src[si].rejected++;
    }
    return rc < 0 ? cs_ds_fail(L->ds, rc, "%s: %s", S->src[si].name, carestat_strerror(rc)) : CARESTAT_OK;
}
