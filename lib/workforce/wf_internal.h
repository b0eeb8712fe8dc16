/* Internal: the workforce slot of a dataset (CS_SLOT_WORKFORCE) and helpers shared by the loader,
 * the XML reader and the wf.* indicator family. */
#ifndef CS_WORKFORCE_INTERNAL_H
#define CS_WORKFORCE_INTERNAL_H

#include <stdint.h>

#include "carestat/workforce.h"
#include "core/dataset_internal.h"
#include "core/strpool.h"
#include "io/csv.h"

/* One worker record. Strings are strpool ids (UINT32_MAX = none). */
typedef struct wf_rec {
    uint32_t worker, org, ethnicity, age_band;
    int32_t census_year;
    int32_t start, end, birth; /* carestat_date */
    double fte, days_absent;   /* NaN = missing */
    int32_t cases;             /* -1 = missing */
    int8_t agency, role, reason_leave, start_origin, leaver_destination, gender, qual_level, cfkss;
    uint64_t line;
} wf_rec;

typedef struct wf_la_rec {
    uint32_t org;
    int32_t census_year;
    double vacancy_fte, agency_fte, agency_headcount, agency_cover_fte;
    uint64_t line;
} wf_la_rec;

typedef struct wf_store {
    cs_strpool pool;
    wf_rec *recs;
    size_t n, cap;
    wf_la_rec *la;
    size_t nla, la_cap;
    const void *family; /* &cs_family_workforce: links the family whenever the loader is linked */
} wf_store;

#define WF_NONE UINT32_MAX

/* The store of a dataset, created on first use (NULL on allocation failure). */
wf_store *cs_wf_store_get(carestat_dataset *ds);
/* The store, or NULL if nothing has been loaded. */
const wf_store *cs_wf_store_peek(const carestat_dataset *ds);

/* Validate a record's codes and values the same way for every reader. Adds diagnostics through
 * diag_fn-style callbacks is overkill here: the CSV and XML readers share these small parsers. */
int cs_wf_parse_number(const char *s, size_t len, double *out);   /* 1 ok, 0 empty, -1 bad */
int cs_wf_parse_int(const char *s, size_t len, long *out);        /* 1 ok, 0 empty, -1 bad */
int cs_wf_ethnicity_valid(const char *s, size_t len);
/* Agency flag: 1 agency, 0 employed, -1 unknown text, -2 empty. */
int cs_wf_parse_agency(const char *s, size_t len);
/* Gender: 0,1,2,9 (also M/F); -1 unknown text, -2 empty. */
int cs_wf_parse_gender(const char *s, size_t len);

/* Columns of a worker row (CSV header order in docs/workforce.md). */
enum {
    C_WORKER, C_ORG, C_YEAR, C_AGENCY, C_FTE, C_ROLE, C_START, C_END, C_REASON, C_ORIGIN, C_DEST, C_DAYS, C_CASES,
    C_GENDER, C_ETH, C_BIRTH, C_AGEBAND, C_QUAL, C_CFKSS, C_NCOLS
};

/* Where a worker row's values come from: a CSV record (r, idx) or, when r is NULL, arrays of values
 * by column (val[col] NULL = absent) with the line of each value (vline, 0 = use line). */
typedef struct cs_wf_row {
    struct cs_csv *r;
    const int *idx;
    const char *const *val;
    const size_t *len;
    const uint64_t *vline;
    cs_diags *diags;
    const char *source;
    uint64_t line;
} cs_wf_row;

/* Parse and validate one worker row into *rec (diagnostics added). Returns 1 if the row is usable,
 * 0 if it must be rejected (missing key), CARESTAT_ENOMEM. */
int cs_wf_parse_worker(const cs_wf_row *c, wf_store *st, wf_rec *rec);

/* DfE-style half-up rounding of the decimal value to `decimals` places (0-6). */
double cs_wf_round(double x, int decimals);

#endif
