/* Workforce (CSWW) readers: worker-level CSV and LA-level figures CSV (see workforce.h, docs/workforce.md). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/org.h"
#include "carestat/workforce.h"
#include "core/alloc.h"
#include "core/dataset_internal.h"
#include "io/csv.h"
#include "measures/family.h"
#include "workforce/wf_internal.h"

/* ---------------------------------------------------------------------------------------------- */
/* store */

static void wf_store_free(void *p)
{
    wf_store *s = p;
    if (!s) return;
    cs_strpool_free(&s->pool);
    cs_free(s->recs);
    cs_free(s->la);
    cs_free(s);
}

wf_store *cs_wf_store_get(carestat_dataset *ds)
{
    wf_store *s = cs_ds_slot(ds, CS_SLOT_WORKFORCE);
    if (s) return s;
    s = cs_calloc(1, sizeof *s);
    if (!s) return NULL;
    cs_strpool_init(&s->pool);
    s->family = &cs_family_workforce;
    cs_ds_set_slot(ds, CS_SLOT_WORKFORCE, s, wf_store_free);
    return s;
}

const wf_store *cs_wf_store_peek(const carestat_dataset *ds)
{
    return ds ? (const wf_store *)cs_ds_slot(ds, CS_SLOT_WORKFORCE) : NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* small parsers */

static void trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && isspace((unsigned char)*p)) { p++; n--; }
    while (n && isspace((unsigned char)p[n - 1])) n--;
    *s = p;
    *len = n;
}

int cs_wf_parse_number(const char *s, size_t len, double *out)
{
    trim(&s, &len);
    if (len == 0) return 0;
    if (len > 40) return -1;
    char buf[48];
    size_t i = 0, digits = 0, dots = 0;
    if (s[0] == '-' || s[0] == '+') i = 1;
    for (size_t j = i; j < len; j++) {
        if (isdigit((unsigned char)s[j])) digits++;
        else if (s[j] == '.') dots++;
        else return -1;
    }
    if (digits == 0 || dots > 1) return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v)) return -1;
    *out = v;
    return 1;
}

int cs_wf_parse_int(const char *s, size_t len, long *out)
{
    double v;
    int rc = cs_wf_parse_number(s, len, &v);
    if (rc <= 0) return rc;
    if (v != floor(v) || fabs(v) > 1e9) return -1;
    *out = (long)v;
    return 1;
}

static int eq_ci(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (n != len) return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i])) return 0;
    return 1;
}

int cs_wf_parse_agency(const char *s, size_t len)
{
    trim(&s, &len);
    if (len == 0) return -2;
    static const char *const yes[] = {"1", "y", "yes", "true", "agency"};
    static const char *const no[] = {"0", "n", "no", "false", "employed"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (eq_ci(s, len, yes[i])) return 1;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (eq_ci(s, len, no[i])) return 0;
    return -1;
}

int cs_wf_parse_gender(const char *s, size_t len)
{
    trim(&s, &len);
    if (len == 0) return -2;
    if (eq_ci(s, len, "0")) return 0;
    if (eq_ci(s, len, "1") || eq_ci(s, len, "m") || eq_ci(s, len, "male")) return 1;
    if (eq_ci(s, len, "2") || eq_ci(s, len, "f") || eq_ci(s, len, "female")) return 2;
    if (eq_ci(s, len, "9")) return 9;
    return -1;
}

/* DfE ethnicity codes (CSWW schema `ethnicitytype`). */
static const char *const k_ethnicity[] = {"WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
                                          "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};

int cs_wf_ethnicity_valid(const char *s, size_t len)
{
    trim(&s, &len);
    for (size_t i = 0; i < sizeof k_ethnicity / sizeof *k_ethnicity; i++)
        if (eq_ci(s, len, k_ethnicity[i])) return 1;
    return 0;
}

double cs_wf_round(double x, int decimals)
{
    if (isnan(x) || decimals < 0 || decimals > 6) return NAN;
    double p = 1.0;
    for (int i = 0; i < decimals; i++) p *= 10.0;
    double a = fabs(x) * p;
    /* Nudge by a relative epsilon so that a decimal .5 stored as .4999999 still rounds up. */
    double r = floor(a + 0.5 + a * 1e-12);
    return copysign(r / p, x);
}

/* ---------------------------------------------------------------------------------------------- */
/* worker CSV */

static const cs_csv_col k_worker_cols[C_NCOLS] = {
    {"worker_id|worker|swe_no|sweno|swe_number|social_worker_id", 1},
    {"la_code|org_code|org|organisation|organisation_code|la|lea|new_la_code|old_la_code", 1},
    {"census_year|year|collection_year|time_period", 1},
    {"agency|agency_worker|agencyworker", 0},
    {"fte", 0},
    {"role|org_role|orgrole", 0},
    {"start_date|role_start_date|rolestartdate|start", 0},
    {"end_date|leaving_date|leave_date|role_end_date|roleenddate", 0},
    {"reason_leave|reasonleave|leave_reason|leaving_reason|reason_for_leaving", 0},
    {"start_origin|startorigin", 0},
    {"leaver_destination|leaverdestination", 0},
    {"days_absent|working_days_lost|workingdayslost|sickness_days", 0},
    {"cases|cases30|cases_held", 0},
    {"gender|gender_current|gendercurrent|sex", 0},
    {"ethnicity", 0},
    {"birth_date|person_birth_date|personbirthdate|dob|date_of_birth", 0},
    {"age_band|ageband|age_group", 0},
    {"qual_level|quallevel|qualification_level", 0},
    {"cfkss|cfkss_status|cfksssstatus", 0},
};

typedef cs_wf_row row_ctx;

static const char *fld(const row_ctx *c, int col, size_t *len)
{
    const char *s;
    if (c->r) {
        if (c->idx[col] < 0) {
            *len = 0;
            return "";
        }
        s = cs_csv_field(c->r, (size_t)c->idx[col], len);
    } else {
        if (!c->val[col]) {
            *len = 0;
            return "";
        }
        s = c->val[col];
        *len = c->len[col];
    }
    trim(&s, len);
    return s;
}

static uint32_t colno(const row_ctx *c, int col)
{
    if (!c->r) return 0;
    return c->idx[col] < 0 ? 0u : (uint32_t)c->idx[col] + 1u;
}

/* A diagnostic about the current row: through the CSV reader (line and column of the record) or,
 * for the XML reader, on the line of the element that holds the value. `col` is a column index or -1. */
static void rdiag(const row_ctx *c, carestat_severity sev, int col, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void rdiag(const row_ctx *c, carestat_severity sev, int col, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->r) {
        cs_csv_diag(c->r, sev, col < 0 ? 0u : colno(c, col), code, "%s", msg);
    } else {
        uint64_t line = (col >= 0 && c->vline && c->vline[col]) ? c->vline[col] : c->line;
        cs_diags_add(c->diags, sev, c->source, line, 0, code, "%s", msg);
    }
}

/* Coded integer in [lo, hi]; 0 when empty; 0 plus a WF_BAD_CODE error when bad. */
static int8_t read_code(const row_ctx *c, int col, long lo, long hi, const char *what)
{
    size_t len;
    const char *s = fld(c, col, &len);
    long v;
    int rc = cs_wf_parse_int(s, len, &v);
    if (rc == 0) return 0;
    if (rc < 0 || v < lo || v > hi) {
        rdiag(c, CARESTAT_SEV_ERROR, col, "WF_BAD_CODE", "%s '%.*s' is not a code %ld-%ld", what,
                    (int)len, s, lo, hi);
        return 0;
    }
    return (int8_t)v;
}

static carestat_date read_date(const row_ctx *c, int col, const char *what)
{
    size_t len;
    const char *s = fld(c, col, &len);
    if (len == 0) return CARESTAT_DATE_NONE;
    carestat_date d;
    if (carestat_date_parse(&d, s, len) != CARESTAT_OK) {
        rdiag(c, CARESTAT_SEV_ERROR, col, "WF_BAD_DATE", "%s '%.*s' is not a valid date", what,
                    (int)len, s);
        return CARESTAT_DATE_NONE;
    }
    return d;
}

/* Non-negative number; NaN when empty or bad (bad adds WF_BAD_NUMBER). */
static double read_nonneg(const row_ctx *c, int col, const char *what)
{
    size_t len;
    const char *s = fld(c, col, &len);
    double v;
    int rc = cs_wf_parse_number(s, len, &v);
    if (rc == 0) return NAN;
    if (rc < 0 || v < 0) {
        rdiag(c, CARESTAT_SEV_ERROR, col, "WF_BAD_NUMBER", "%s '%.*s' is not a number >= 0", what,
                    (int)len, s);
        return NAN;
    }
    return v;
}

static int intern_opt(cs_strpool *pool, const char *s, size_t len, uint32_t *id)
{
    if (len == 0) {
        *id = WF_NONE;
        return 0;
    }
    return cs_strpool_intern(pool, s, len, id);
}

/* Parse the current record into *rec. Returns 1 if the row is usable, 0 if it must be rejected
 * (missing key), negative on ENOMEM. */
int cs_wf_parse_worker(const cs_wf_row *c, wf_store *st, wf_rec *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->line = c->r ? cs_csv_line(c->r) : c->line;
    int usable = 1;
    size_t len;
    const char *s;

    s = fld(c, C_WORKER, &len);
    if (len == 0) {
        rdiag(c, CARESTAT_SEV_ERROR, C_WORKER, "WF_MISSING_VALUE", "worker id is empty");
        usable = 0;
    } else if (cs_strpool_intern(&st->pool, s, len, &rec->worker)) {
        return CARESTAT_ENOMEM;
    }
    s = fld(c, C_ORG, &len);
    if (len == 0) {
        rdiag(c, CARESTAT_SEV_ERROR, C_ORG, "WF_MISSING_VALUE", "organisation code is empty");
        usable = 0;
    } else if (cs_strpool_intern(&st->pool, s, len, &rec->org)) {
        return CARESTAT_ENOMEM;
    }
    s = fld(c, C_YEAR, &len);
    long y;
    int rc = cs_wf_parse_int(s, len, &y);
    if (rc <= 0 || y < 1990 || y > 2200) {
        rdiag(c, CARESTAT_SEV_ERROR, C_YEAR, rc == 0 ? "WF_MISSING_VALUE" : "WF_BAD_YEAR",
                    "census year '%.*s' is not a year 1990-2200", (int)len, s);
        usable = 0;
        y = 0;
    }
    rec->census_year = (int32_t)y;

    s = fld(c, C_AGENCY, &len);
    int ag = cs_wf_parse_agency(s, len);
    if (ag == -1) {
        rdiag(c, CARESTAT_SEV_ERROR, C_AGENCY, "WF_BAD_CODE",
                    "agency flag '%.*s' is not 0/1, Y/N, yes/no, true/false or agency/employed; taken as employed",
                    (int)len, s);
        ag = 0;
    } else if (ag == -2) {
        ag = 0;
    }
    rec->agency = (int8_t)ag;

    s = fld(c, C_FTE, &len);
    double fte;
    rc = cs_wf_parse_number(s, len, &fte);
    rec->fte = NAN;
    if (rc < 0) {
        rdiag(c, CARESTAT_SEV_ERROR, C_FTE, "WF_BAD_FTE", "FTE '%.*s' is not a number", (int)len, s);
    } else if (rc > 0 && (fte < 0 || fte > 1)) {
        rdiag(c, CARESTAT_SEV_ERROR, C_FTE, "WF_BAD_FTE",
                    "FTE %.*s is outside 0-1 (one post is at most 1 FTE); FTE taken as missing", (int)len, s);
    } else if (rc > 0) {
        rec->fte = fte;
    }

    rec->role = read_code(c, C_ROLE, 1, 6, "role");
    rec->start = read_date(c, C_START, "start date");
    rec->end = read_date(c, C_END, "leaving date");
    rec->reason_leave = read_code(c, C_REASON, 1, 10, "reason for leaving");
    rec->start_origin = read_code(c, C_ORIGIN, 1, 10, "start origin");
    rec->leaver_destination = read_code(c, C_DEST, 1, 9, "leaver destination");
    rec->days_absent = read_nonneg(c, C_DAYS, "days absent");
    if (!isnan(rec->days_absent) && rec->days_absent > 366) {
        rdiag(c, CARESTAT_SEV_ERROR, C_DAYS, "WF_BAD_NUMBER",
                    "days absent %g is more than the days in a year; taken as missing", rec->days_absent);
        rec->days_absent = NAN;
    }
    double cases = read_nonneg(c, C_CASES, "cases");
    rec->cases = -1;
    if (!isnan(cases)) {
        if (cases != floor(cases) || cases > 1e6) {
            s = fld(c, C_CASES, &len);
            rdiag(c, CARESTAT_SEV_ERROR, C_CASES, "WF_BAD_NUMBER",
                        "cases '%.*s' is not a whole number", (int)len, s);
        } else {
            rec->cases = (int32_t)cases;
        }
    }
    s = fld(c, C_GENDER, &len);
    int g = cs_wf_parse_gender(s, len);
    if (g == -1)
        rdiag(c, CARESTAT_SEV_ERROR, C_GENDER, "WF_BAD_CODE",
                    "gender '%.*s' is not 0, 1, 2 or 9 (or M/F)", (int)len, s);
    rec->gender = (int8_t)(g < 0 ? -1 : g);

    s = fld(c, C_ETH, &len);
    rec->ethnicity = WF_NONE;
    if (len) {
        if (!cs_wf_ethnicity_valid(s, len)) {
            rdiag(c, CARESTAT_SEV_ERROR, C_ETH, "WF_BAD_CODE",
                        "ethnicity '%.*s' is not a DfE ethnicity code", (int)len, s);
        } else {
            char up[5];
            for (size_t i = 0; i < 4; i++) up[i] = (char)toupper((unsigned char)s[i]);
            up[4] = '\0';
            if (cs_strpool_intern(&st->pool, up, 4, &rec->ethnicity)) return CARESTAT_ENOMEM;
        }
    }
    rec->birth = read_date(c, C_BIRTH, "birth date");
    s = fld(c, C_AGEBAND, &len);
    if (intern_opt(&st->pool, s, len, &rec->age_band)) return CARESTAT_ENOMEM;
    rec->qual_level = read_code(c, C_QUAL, 1, 3, "qualification level");
    rec->cfkss = read_code(c, C_CFKSS, 1, 4, "CFKSS status");

    /* cross-field checks */
    if (rec->start != CARESTAT_DATE_NONE && rec->end != CARESTAT_DATE_NONE && rec->end < rec->start)
        rdiag(c, CARESTAT_SEV_ERROR, C_END, "WF_END_BEFORE_START",
                    "leaving date is before the start date");
    if (usable && rec->end == CARESTAT_DATE_NONE && (rec->reason_leave != 0 || rec->leaver_destination != 0))
        rdiag(c, CARESTAT_SEV_WARNING, C_END, "WF_LEAVER_NO_DATE",
                    "a reason for leaving or destination is given without a leaving date: counted as a leaver "
                    "of census year %d with an unknown date",
                    (int)rec->census_year);
    if (usable) {
        carestat_date ys, ye;
        if (carestat_period_year_to_september(&ys, &ye, rec->census_year) == CARESTAT_OK) {
            if (rec->start != CARESTAT_DATE_NONE && rec->start > ye)
                rdiag(c, CARESTAT_SEV_WARNING, C_START, "WF_START_AFTER_CENSUS",
                            "start date is after the census date 30/09/%d: not in post at that census",
                            (int)rec->census_year);
            if (rec->end != CARESTAT_DATE_NONE && rec->end > ye)
                rdiag(c, CARESTAT_SEV_WARNING, C_END, "WF_END_AFTER_CENSUS",
                            "leaving date is after the census date 30/09/%d: counted in post at that census",
                            (int)rec->census_year);
            if (rec->end != CARESTAT_DATE_NONE && rec->end < ys)
                rdiag(c, CARESTAT_SEV_WARNING, C_END, "WF_END_BEFORE_YEAR",
                            "leaving date is before the census year began (01/10/%d): neither in post nor a leaver "
                            "of census year %d",
                            (int)rec->census_year - 1, (int)rec->census_year);
        }
    }
    return usable;
}

/* Shared driver: header mapping, per-row error accounting and the error mode. On failure the
 * store is rolled back by the caller. */
typedef struct load_counts {
    uint64_t read, accepted, rejected;
} load_counts;

/* Read and map the header row of either layout. On failure the dataset's message says why: the
 * tokenizer's own reason (a limit, a read error), an empty file, or the required columns. */
static int read_header(carestat_dataset *ds, cs_csv *r, const cs_csv_col *cols, size_t ncols, int *idx,
                       const char *required)
{
    size_t n0 = carestat_diag_list_count(ds->diag_list);
    int rc = cs_csv_next(r);
    if (rc < 0) {
        const char *m = cs_ds_newest_message(ds, n0);
        return cs_ds_fail(ds, rc, "%s:1: %s", cs_csv_name(r), m ? m : "cannot read the header");
    }
    if (rc == 0) {
        cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, "CSV_MISSING_COLUMN", "the file is empty (no header)");
        return cs_ds_fail(ds, CARESTAT_EPARSE, "%s: the file is empty (no header)", cs_csv_name(r));
    }
    if (cs_csv_map_header(r, cols, ncols, idx, 0, NULL) != CARESTAT_OK)
        return cs_ds_fail(ds, CARESTAT_EPARSE, "%s:1: missing required column(s): %s are required", cs_csv_name(r),
                          required);
    return CARESTAT_OK;
}

static int wf_load_worker_csv(carestat_dataset *ds, cs_csv *r, load_counts *cnt)
{
    wf_store *st = cs_wf_store_get(ds);
    if (!st) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    int idx[C_NCOLS];
    int rc = read_header(ds, r, k_worker_cols, C_NCOLS, idx, "worker_id, la_code and census_year");
    if (rc) return rc;
    row_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.idx = idx;
    carestat_error_mode mode = ds->opts.error_mode;
    while ((rc = cs_csv_next(r)) == 1) {
        cnt->read++;
        uint64_t errs0 = ds->diags.errors;
        wf_rec rec;
        int usable;
        if (cs_csv_record_is_empty(r)) {
            cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, "WF_EMPTY_ROW", "row has no values");
            usable = 0;
        } else {
            usable = cs_wf_parse_worker(&c, st, &rec);
            if (usable < 0) return cs_ds_fail(ds, usable, "out of memory");
        }
        int had_error = ds->diags.errors > errs0 || cs_csv_record_errors(r) > 0;
        if (had_error && mode == CARESTAT_ROWS_STOP)
            return cs_ds_fail(ds, CARESTAT_EPARSE, "%s:%llu: stopped at the first row with an error", cs_csv_name(r),
                              (unsigned long long)cs_csv_line(r));
        if (!usable || (had_error && mode == CARESTAT_ROWS_DROP)) {
            cnt->rejected++;
            continue;
        }
        if (CS_GROW(st->recs, st->cap, st->n + 1)) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
        st->recs[st->n++] = rec;
        cnt->accepted++;
    }
    if (rc < 0) return cs_ds_fail(ds, rc, "%s:%llu: read failed: %s", cs_csv_name(r), (unsigned long long)cs_csv_line(r),
                                  carestat_strerror(rc));
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------- */
/* LA-level CSV */

enum { L_ORG, L_YEAR, L_VAC, L_AGFTE, L_AGHC, L_AGCOV, L_NCOLS };

static const cs_csv_col k_la_cols[L_NCOLS] = {
    {"la_code|org_code|org|organisation|organisation_code|la|lea|new_la_code|old_la_code", 1},
    {"census_year|year|collection_year|time_period", 1},
    {"vacancy_fte|vacancies_fte|number_of_vacancies|numberofvacancies|vacancies", 1},
    {"agency_fte|no_agency_fte|noagencyfte", 0},
    {"agency_headcount|no_agency_headcount|noagencyheadcount", 0},
    {"agency_cover_fte", 0},
};

/* Canonical code of an organisation (registry or user-defined), else the code as given. */
static const char *org_canon(const carestat_dataset *ds, const char *code)
{
    const carestat_org *o = NULL;
    if (carestat_dataset_org_find(&o, ds, code) == CARESTAT_OK && o) return o->code;
    return code;
}

static int wf_load_la_csv(carestat_dataset *ds, cs_csv *r, load_counts *cnt)
{
    wf_store *st = cs_wf_store_get(ds);
    if (!st) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    int idx[L_NCOLS];
    int rc = read_header(ds, r, k_la_cols, L_NCOLS, idx, "la_code, census_year and vacancy_fte");
    if (rc) return rc;
    row_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.idx = idx;
    carestat_error_mode mode = ds->opts.error_mode;
    size_t first_new = st->nla;
    while ((rc = cs_csv_next(r)) == 1) {
        cnt->read++;
        uint64_t errs0 = ds->diags.errors;
        int usable = 1;
        wf_la_rec rec;
        memset(&rec, 0, sizeof rec);
        rec.line = cs_csv_line(r);
        size_t len;
        const char *s = fld(&c, L_ORG, &len);
        if (len == 0) {
            cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, L_ORG), "WF_MISSING_VALUE", "organisation code is empty");
            usable = 0;
        } else if (cs_strpool_intern(&st->pool, s, len, &rec.org)) {
            return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
        }
        s = fld(&c, L_YEAR, &len);
        long y;
        int prc = cs_wf_parse_int(s, len, &y);
        if (prc <= 0 || y < 1990 || y > 2200) {
            cs_csv_diag(r, CARESTAT_SEV_ERROR, colno(&c, L_YEAR), prc == 0 ? "WF_MISSING_VALUE" : "WF_BAD_YEAR",
                        "census year '%.*s' is not a year 1990-2200", (int)len, s);
            usable = 0;
            y = 0;
        }
        rec.census_year = (int32_t)y;
        rec.vacancy_fte = read_nonneg(&c, L_VAC, "vacancy FTE");
        rec.agency_fte = read_nonneg(&c, L_AGFTE, "agency FTE");
        rec.agency_headcount = read_nonneg(&c, L_AGHC, "agency headcount");
        rec.agency_cover_fte = read_nonneg(&c, L_AGCOV, "agency cover FTE");
        if (usable) {
            const char *canon = org_canon(ds, cs_strpool_get(&st->pool, rec.org));
            for (size_t i = first_new; i < st->nla; i++)
                if (st->la[i].census_year == rec.census_year &&
                    (st->la[i].org == rec.org ||
                     strcmp(org_canon(ds, cs_strpool_get(&st->pool, st->la[i].org)), canon) == 0)) {
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, "WF_DUPLICATE",
                                "a second row for this organisation and census year (first on line %llu) is ignored",
                                (unsigned long long)st->la[i].line);
                    usable = 0;
                    break;
                }
        }
        int had_error = ds->diags.errors > errs0 || cs_csv_record_errors(r) > 0;
        if (had_error && mode == CARESTAT_ROWS_STOP)
            return cs_ds_fail(ds, CARESTAT_EPARSE, "%s:%llu: stopped at the first row with an error", cs_csv_name(r),
                              (unsigned long long)cs_csv_line(r));
        if (!usable || (had_error && mode == CARESTAT_ROWS_DROP)) {
            cnt->rejected++;
            continue;
        }
        if (CS_GROW(st->la, st->la_cap, st->nla + 1)) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
        st->la[st->nla++] = rec;
        cnt->accepted++;
    }
    if (rc < 0) return cs_ds_fail(ds, rc, "%s:%llu: read failed: %s", cs_csv_name(r), (unsigned long long)cs_csv_line(r),
                                  carestat_strerror(rc));
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------- */
/* public entry points */

static int run_load(carestat_dataset *ds, const char *path, const char *name, const char *data, size_t len, int la)
{
    if (!ds || (!path && !data)) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    wf_store *st = cs_wf_store_get(ds);
    if (!st) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    size_t n0 = st->n, nla0 = st->nla;
    cs_csv_limits lim;
    cs_ds_csv_limits(ds, &lim);
    cs_csv *r = NULL;
    int rc;
    const char *src = path ? path : (name ? name : "<memory>");
    if (path)
        rc = cs_csv_open(&r, path, &lim, &ds->diags);
    else
        rc = cs_csv_open_memory(&r, src, data, len, &lim, &ds->diags);
    if (rc != CARESTAT_OK) return cs_ds_fail(ds, rc, "%s: cannot open: %s", src, carestat_strerror(rc));
    load_counts cnt = {0, 0, 0};
    rc = la ? wf_load_la_csv(ds, r, &cnt) : wf_load_worker_csv(ds, r, &cnt);
    cs_csv_close(r);
    if (rc == CARESTAT_OK) rc = cs_ds_add_summary(ds, src, la ? "workforce_la" : "workforce", cnt.read, cnt.accepted,
                                                  cnt.rejected);
    if (rc != CARESTAT_OK) {
        st->n = n0;
        st->nla = nla0;
        if (rc == CARESTAT_ENOMEM && !ds->errmsg[0]) cs_ds_fail(ds, rc, "out of memory");
    }
    return rc;
}

int carestat_dataset_load_workforce(carestat_dataset *ds, const char *path)
{
    if (!path) return CARESTAT_EINVAL;
    return run_load(ds, path, NULL, NULL, 0, 0);
}

int carestat_dataset_load_workforce_memory(carestat_dataset *ds, const char *name, const char *data, size_t len)
{
    if (!data) return CARESTAT_EINVAL;
    return run_load(ds, NULL, name, data, len, 0);
}

int carestat_dataset_load_workforce_la(carestat_dataset *ds, const char *path)
{
    if (!path) return CARESTAT_EINVAL;
    return run_load(ds, path, NULL, NULL, 0, 1);
}

int carestat_dataset_load_workforce_la_memory(carestat_dataset *ds, const char *name, const char *data, size_t len)
{
    if (!data) return CARESTAT_EINVAL;
    return run_load(ds, NULL, name, data, len, 1);
}

/* ---------------------------------------------------------------------------------------------- */
/* access */

size_t carestat_dataset_workforce_count(const carestat_dataset *ds)
{
    const wf_store *st = cs_wf_store_peek(ds);
    return st ? st->n : 0;
}

static const char *pool_str(const wf_store *st, uint32_t id)
{
    return id == WF_NONE ? "" : cs_strpool_get(&st->pool, id);
}

int carestat_dataset_workforce_get(carestat_worker *out, const carestat_dataset *ds, size_t index)
{
    if (!out || !ds) return CARESTAT_EINVAL;
    const wf_store *st = cs_wf_store_peek(ds);
    if (!st || index >= st->n) return CARESTAT_ERANGE;
    const wf_rec *r = &st->recs[index];
    out->worker_id = pool_str(st, r->worker);
    out->org_code = pool_str(st, r->org);
    out->census_year = r->census_year;
    out->agency = r->agency;
    out->fte = r->fte;
    out->role = r->role;
    out->start = r->start;
    out->end = r->end;
    out->reason_leave = r->reason_leave;
    out->start_origin = r->start_origin;
    out->leaver_destination = r->leaver_destination;
    out->days_absent = r->days_absent;
    out->cases = r->cases;
    out->gender = r->gender;
    out->ethnicity = pool_str(st, r->ethnicity);
    out->birth_date = r->birth;
    out->age_band = pool_str(st, r->age_band);
    out->qual_level = r->qual_level;
    out->cfkss = r->cfkss;
    out->line = r->line;
    return CARESTAT_OK;
}

size_t carestat_dataset_workforce_la_count(const carestat_dataset *ds)
{
    const wf_store *st = cs_wf_store_peek(ds);
    return st ? st->nla : 0;
}

int carestat_dataset_workforce_la_get(carestat_workforce_la *out, const carestat_dataset *ds, size_t index)
{
    if (!out || !ds) return CARESTAT_EINVAL;
    const wf_store *st = cs_wf_store_peek(ds);
    if (!st || index >= st->nla) return CARESTAT_ERANGE;
    const wf_la_rec *r = &st->la[index];
    out->org_code = pool_str(st, r->org);
    out->census_year = r->census_year;
    out->vacancy_fte = r->vacancy_fte;
    out->agency_fte = r->agency_fte;
    out->agency_headcount = r->agency_headcount;
    out->agency_cover_fte = r->agency_cover_fte;
    out->line = r->line;
    return CARESTAT_OK;
}
