/* Population denominators: ONS mid-year estimates of children aged 0-17 (see population.h). */
#include "carestat/population.h"

#include "carestat/org.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dataset_internal.h"
#include "core/strpool.h"
#include "io/csv.h"
#include "population/population_internal.h"

/* One estimate; up to three keys (code, 3-digit code, name) interned in lower case. */
#define POP_NKEYS 3
typedef struct pop_rec {
    uint32_t key[POP_NKEYS]; /* UINT32_MAX = unused */
    int year;
    double value;
} pop_rec;

typedef struct pop_store {
    cs_strpool keys;
    pop_rec *recs;
    size_t n, cap;
} pop_store;

static void pop_store_free(void *p)
{
    pop_store *s = p;
    if (!s) return;
    cs_strpool_free(&s->keys);
    cs_free(s->recs);
    cs_free(s);
}

static pop_store *pop_store_get(carestat_dataset *ds)
{
    pop_store *s = cs_ds_slot(ds, CS_SLOT_POPULATION);
    if (s) return s;
    s = cs_calloc(1, sizeof *s);
    if (!s) return NULL;
    cs_strpool_init(&s->keys);
    cs_ds_set_slot(ds, CS_SLOT_POPULATION, s, pop_store_free);
    return s;
}

/* Lower-cased, space-trimmed copy of s[0..n) into buf (cap bytes); returns length or -1 if too long. */
static int norm_key(char *buf, size_t cap, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (n + 1 > cap) return -1;
    for (size_t i = 0; i < n; i++) buf[i] = (char)tolower((unsigned char)s[i]);
    buf[n] = '\0';
    return (int)n;
}

int cs_population_lookup(const carestat_dataset *ds, const char *key, int midyear, double *out)
{
    if (!ds || !key) return 0;
    const pop_store *s = cs_ds_slot(ds, CS_SLOT_POPULATION);
    if (!s) return 0;
    char buf[256];
    int n = norm_key(buf, sizeof buf, key, strlen(key));
    if (n <= 0) return 0;
    uint32_t id;
    if (!cs_strpool_find(&s->keys, buf, (size_t)n, &id)) return 0;
    for (size_t i = s->n; i-- > 0;) { /* latest load wins */
        const pop_rec *r = &s->recs[i];
        if (r->year != midyear) continue;
        for (int k = 0; k < POP_NKEYS; k++)
            if (r->key[k] == id) {
                *out = r->value;
                return 1;
            }
    }
    return 0;
}

/* Field text trimmed; returns pointer and sets *len. */
static const char *field(const cs_csv *r, int idx, size_t *len)
{
    if (idx < 0) {
        *len = 0;
        return "";
    }
    const char *f = cs_csv_field(r, (size_t)idx, len);
    while (*len && isspace((unsigned char)*f)) { f++; (*len)--; }
    while (*len && isspace((unsigned char)f[*len - 1])) (*len)--;
    return f;
}

static int parse_int(const char *f, size_t len, int *out)
{
    if (len == 0 || len > 9) return -1;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (f[i] < '0' || f[i] > '9') return -1;
        v = v * 10 + (f[i] - '0');
    }
    *out = v;
    return 0;
}

/* England's population aged 0-17 is about 12 million; anything above this is a typing error. */
#define POP_MAX 100000000.0

/* 0, or -1 not a number, -3 too large. Fractions are accepted (person-time denominators). */
static int parse_number(const char *f, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf) return -1;
    memcpy(buf, f, len);
    buf[len] = '\0';
    for (size_t i = 0; i < len; i++) /* plain decimal only: no hex, inf, nan, exponents */
        if (!((buf[i] >= '0' && buf[i] <= '9') || buf[i] == '.' || buf[i] == ',')) return -1;
    /* thousands separators are accepted ("12,183,016" in a quoted field) */
    size_t j = 0;
    for (size_t i = 0; i < len; i++)
        if (buf[i] != ',') buf[j++] = buf[i];
    buf[j] = '\0';
    if (j == 0) return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(buf, &end);
    if (errno || !end || *end != '\0' || !isfinite(v) || v < 0) return -1;
    if (v > POP_MAX) return -3;     /* larger than any English population */
    *out = v;
    return 0;
}

static int intern_key(pop_store *s, const char *f, size_t len, uint32_t *id)
{
    char buf[256];
    int n = norm_key(buf, sizeof buf, f, len);
    if (n <= 0) {
        *id = UINT32_MAX;
        return 0;
    }
    return cs_strpool_intern(&s->keys, buf, (size_t)n, id);
}

enum { C_TIME, C_LEVEL, C_COUNTRY_CODE, C_COUNTRY_NAME, C_REGION_CODE, C_REGION_NAME, C_OLD_LA, C_NEW_LA,
       C_LA_NAME, C_AGE, C_POPEST, C_NCOLS_EES };
static const cs_csv_col ees_cols[C_NCOLS_EES] = {
    {"time_period", 1},  {"geographic_level", 1}, {"country_code", 0}, {"country_name", 0},
    {"region_code", 0},  {"region_name", 0},      {"old_la_code", 0},  {"new_la_code", 0},
    {"la_name", 0},      {"age_group", 0},        {"population_estimate|population_count", 1},
};
enum { P_ORG, P_YEAR, P_POP, P_NCOLS };
static const cs_csv_col plain_cols[P_NCOLS] = {
    {"org|org_code|code", 1}, {"year|midyear|mid_year", 1}, {"population|population_estimate", 1}};

int carestat_population_midyear_for(int reporting_year) { return reporting_year - 1; }

size_t carestat_dataset_population_count(const carestat_dataset *ds)
{
    if (!ds) return 0;
    const pop_store *s = cs_ds_slot(ds, CS_SLOT_POPULATION);
    return s ? s->n : 0;
}

int carestat_dataset_load_population(carestat_dataset *ds, const char *path)
{
    if (!ds) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    if (!path) return cs_ds_fail(ds, CARESTAT_EINVAL, "population: NULL path");
    cs_csv *r = NULL;
    int rc = cs_ds_open_csv(ds, &r, path, CARESTAT_EPARSE);
    if (rc) return rc;
    int ees[C_NCOLS_EES], plain[P_NCOLS];
    size_t miss_ees = 0, miss_plain = 0;
    cs_csv_map_header(r, ees_cols, C_NCOLS_EES, ees, 1, &miss_ees);
    cs_csv_map_header(r, plain_cols, P_NCOLS, plain, 1, &miss_plain);
    int is_ees = miss_ees == 0;
    if (!is_ees && miss_plain != 0) {
        cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, "POP_LAYOUT",
                    "header is neither the DfE population layout (time_period, geographic_level, "
                    "population_estimate) nor org,year,population");
        cs_csv_close(r);
        return cs_ds_fail(ds, CARESTAT_EPARSE, "%s:1: not a population file (expected org,year,population "
                          "or the DfE EES layout)", path);
    }
    /* Map again with diagnostics for duplicate columns. */
    if (is_ees) cs_csv_map_header(r, ees_cols, C_NCOLS_EES, ees, 0, NULL);
    else cs_csv_map_header(r, plain_cols, P_NCOLS, plain, 0, NULL);

    pop_store *s = pop_store_get(ds);
    if (!s) {
        cs_csv_close(r);
        return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    }
    uint64_t nread = 0, nacc = 0, nrej = 0;
    int result = CARESTAT_OK;
    const int stop = ds->opts.error_mode == CARESTAT_ROWS_STOP;
    for (;;) {
        rc = cs_csv_next(r);
        if (rc == 0) break;
        if (rc < 0) {
            result = cs_ds_fail(ds, rc, "%s: read failed at line %llu", path, (unsigned long long)cs_csv_line(r));
            break;
        }
        nread++;
        pop_rec rec;
        memset(&rec, 0, sizeof rec);
        for (int k = 0; k < POP_NKEYS; k++) rec.key[k] = UINT32_MAX;
        const char *bad = NULL; /* code of the first problem */
        uint32_t badcol = 0;
        size_t len;
        const char *f;
        int col_year = is_ees ? ees[C_TIME] : plain[P_YEAR];
        int col_pop = is_ees ? ees[C_POPEST] : plain[P_POP];
        int mem = 0;
        f = field(r, col_year, &len);
        if (parse_int(f, len, &rec.year) || rec.year < 1900 || rec.year > 9999) {
            bad = "POP_BAD_YEAR";
            badcol = (uint32_t)col_year + 1;
            cs_csv_diag(r, CARESTAT_SEV_ERROR, badcol, bad, "bad year '%.*s'", (int)len, f);
        }
        if (!bad && is_ees && ees[C_AGE] >= 0) {
            f = field(r, ees[C_AGE], &len);
            if (len && !cs_csv_field_equals(f, len, "Children aged 0 to 17 years")) {
                bad = "POP_AGE_GROUP";
                badcol = (uint32_t)ees[C_AGE] + 1;
                cs_csv_diag(r, CARESTAT_SEV_WARNING, badcol, bad, "age group '%.*s' is not 0 to 17; row skipped",
                            (int)len, f);
            }
        }
        if (!bad) {
            f = field(r, col_pop, &len);
            if (len == 1 && strchr("xzcku", f[0])) {
                bad = "POP_NOT_AVAILABLE";
                badcol = (uint32_t)col_pop + 1;
                cs_csv_diag(r, CARESTAT_SEV_WARNING, badcol, bad, "population is '%c' (not available); row skipped",
                            f[0]);
            } else {
                int why = parse_number(f, len, &rec.value);
                if (why) {
                    bad = "POP_BAD_NUMBER";
                    badcol = (uint32_t)col_pop + 1;
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, badcol, bad, "bad population '%.*s' (%s)", (int)len, f,
                                why == -3 ? "larger than 100,000,000" : "expected a number of people, 0 or more");
                }
            }
        }
        if (!bad) {
            /* keys */
            if (is_ees) {
                const char *lvl = field(r, ees[C_LEVEL], &len);
                size_t lvl_len = len;
                int which[POP_NKEYS] = {-1, -1, -1};
                if (cs_csv_field_equals(lvl, lvl_len, "National")) {
                    which[0] = ees[C_COUNTRY_CODE];
                    which[1] = ees[C_COUNTRY_NAME];
                } else if (cs_csv_field_equals(lvl, lvl_len, "Regional")) {
                    which[0] = ees[C_REGION_CODE];
                    which[1] = ees[C_REGION_NAME];
                } else if (cs_csv_field_equals(lvl, lvl_len, "Local authority")) {
                    which[0] = ees[C_NEW_LA];
                    which[1] = ees[C_OLD_LA];
                    which[2] = ees[C_LA_NAME];
                }
                for (int k = 0; k < POP_NKEYS && !mem; k++)
                    if (which[k] >= 0) {
                        f = field(r, which[k], &len);
                        if (intern_key(s, f, len, &rec.key[k])) mem = 1;
                    }
            } else {
                f = field(r, plain[P_ORG], &len);
                if (intern_key(s, f, len, &rec.key[0])) mem = 1;
            }
            if (!mem && rec.key[0] == UINT32_MAX && rec.key[1] == UINT32_MAX && rec.key[2] == UINT32_MAX) {
                bad = "POP_NO_ORG";
                cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, bad, "no organisation code or name (or unknown geographic level)");
            }
        }
        if (mem) {
            result = cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
            nrej++;
            break;
        }
        if (bad) {
            nrej++;
            if (stop && strcmp(bad, "POP_AGE_GROUP") != 0 && strcmp(bad, "POP_NOT_AVAILABLE") != 0) {
                result = cs_ds_fail(ds, CARESTAT_EPARSE, "%s:%llu:%u: %s", path, (unsigned long long)cs_csv_line(r),
                                    badcol, bad);
                break;
            }
            continue;
        }
        if (CS_GROW(s->recs, s->cap, s->n + 1)) {
            nrej++;
            result = cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
            break;
        }
        s->recs[s->n++] = rec;
        nacc++;
    }
    cs_csv_close(r);
    int rc2 = cs_ds_add_summary(ds, path, "population", nread, nacc, nrej);
    if (!result && rc2) result = cs_ds_fail(ds, rc2, "out of memory");
    return result;
}

int carestat_dataset_population(double *out, const carestat_dataset *ds, const char *org, int midyear)
{
    if (!out || !ds || !org) return CARESTAT_EINVAL;
    if (cs_population_lookup(ds, org, midyear, out)) return CARESTAT_OK;
    /* through the registry: the canonical code, then the 3-digit code (which survives GSS recoding,
     * e.g. North Yorkshire E10000023 -> E06000065 in 2023 keeps 815) */
    const carestat_org *o = NULL;
    if (carestat_dataset_org_find(&o, ds, org) == CARESTAT_OK && o) {
        if (o->code && cs_population_lookup(ds, o->code, midyear, out)) return CARESTAT_OK;
        if (o->la_code && o->la_code[0] && cs_population_lookup(ds, o->la_code, midyear, out)) return CARESTAT_OK;
    }
    return CARESTAT_ENOTFOUND;
}
