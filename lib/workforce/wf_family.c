/* The wf.* indicator family: workforce indicators from worker-level CSWW records (docs/workforce.md).
 *
 * Census year N runs from S = 1 October N-1 to C = 30 September N. For each organisation ("entity":
 * a council, or the councils a trust, former council or region stands for in year N, from
 * carestat_dataset_org_expand()) the records of census N whose organisation belongs to the entity in
 * year N are grouped by worker, and every figure is a sum over workers:
 *
 *  - in post at C: a record of census N that is not a leaver record (no leaving date on or before C,
 *    and no leaving reason without a date) and started on or before C (or has no start date);
 *  - a spell: a worker's employed records chain when one starts no more than WF_GAP_DAYS after the
 *    previous one ended (a record without a leaving date lasts at least to its census date). A leaver
 *    is the end of a spell during the year; a starter is the start of a spell during the year. So a role
 *    change is neither, and leaving then rejoining is one leaver and one starter;
 *  - retention, length of service and conversions as documented in docs/workforce.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/indicator.h"
#include "carestat/org.h"
#include "carestat/stats.h"
#include "carestat/table.h"
#include "carestat/workforce.h"
#include "core/alloc.h"
#include "core/strpool.h"
#include "measures/family.h"
#include "workforce/wf_internal.h"

#define WF_GAP_DAYS 7        /* records of one worker at most this many days apart are one spell */
#define WF_CONVERT_DAYS 365  /* an agency engagement this recent before an employed start is a conversion */
#define WF_SRC_DFE "DfE CSWW methodology; LAIT data dictionary measure 287 (domain.md section 3)"
#define WF_SRC_OWN "carestat's own definition (docs/workforce.md)"

enum {
    WF_FTE, WF_HEADCOUNT, WF_STARTERS, WF_LEAVERS, WF_TURNOVER, WF_AGENCY, WF_VACANCY, WF_ABSENCE, WF_CASELOAD,
    WF_RETENTION, WF_SERVICE_MEDIAN, WF_SERVICE_UNDER2, WF_CONVERSIONS, WF_NDEFS
};

static const cs_indicator_def k_defs[WF_NDEFS] = {
    {"wf.fte", "Social workers in post (FTE)", CARESTAT_UNIT_FTE, CARESTAT_POLARITY_NONE,
     "children and family social workers employed by the council at 30 September",
     "Sum of the FTE of employed (non-agency) social workers in post at 30 September. Workers with missing FTE "
     "are left out.",
     WF_SRC_DFE, 1},
    {"wf.headcount", "Social workers in post (headcount)", CARESTAT_UNIT_COUNT, CARESTAT_POLARITY_NONE,
     "children and family social workers employed by the council at 30 September",
     "Number of distinct employed social workers in post at 30 September (a worker with several posts counts "
     "once).",
     WF_SRC_DFE, 1},
    {"wf.starters", "Starters (FTE)", CARESTAT_UNIT_FTE, CARESTAT_POLARITY_NONE,
     "employed social workers who started during the census year",
     "FTE of employed social workers whose spell with the council began during the year to 30 September (a role "
     "change within the council is not a start).",
     WF_SRC_DFE, 1},
    {"wf.leavers", "Leavers (FTE)", CARESTAT_UNIT_FTE, CARESTAT_POLARITY_LOWER_BETTER,
     "employed social workers who left during the census year",
     "FTE of employed social workers whose spell with the council ended during the year to 30 September (a role "
     "change within the council is not a leaver; a leaving reason without a date counts as a leaver).",
     WF_SRC_DFE, 1},
    {"wf.turnover", "Turnover rate (FTE)", CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER,
     "employed children and family social workers",
     "Leavers (FTE) during the year to 30 September / social workers in post (FTE) at 30 September x 100.",
     WF_SRC_DFE, 1},
    {"wf.agency", "Agency worker rate (FTE)", CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER,
     "agency and employed children and family social workers at 30 September",
     "Agency workers (FTE) / (agency workers + employed social workers in post) (FTE) at 30 September x 100. "
     "Agency FTE comes from the LA-level figures when loaded, otherwise from agency worker records in post.",
     WF_SRC_DFE, 1},
    {"wf.vacancy", "Vacancy rate (FTE)", CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER,
     "funded children and family social worker posts at 30 September",
     "FTE vacancies / (FTE vacancies + FTE employed social workers in post) at 30 September x 100. Vacancies come "
     "from the LA-level figures (carestat_dataset_load_workforce_la()); without them the value is not available.",
     WF_SRC_DFE, 1},
    {"wf.absence", "Sickness absence rate", CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER,
     "employed social workers in post at 30 September",
     "Working days lost to sickness during the year by employed social workers in post at 30 September / (their "
     "FTE x working days: 253, 254 when the year contains 29 February) x 100. Workers with missing days absent "
     "or FTE are left out of both parts.",
     WF_SRC_DFE, 1},
    {"wf.caseload", "Average caseload (cases per FTE)", CARESTAT_UNIT_RATIO, CARESTAT_POLARITY_LOWER_BETTER,
     "case-holding social workers (employed and agency) at 30 September",
     "Cases held at 30 September by social workers in post with one or more cases and FTE above 0 (including "
     "agency workers) / the FTE of those social workers.",
     WF_SRC_DFE, 1},
    {"wf.retention", "Retention (one year)", CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_HIGHER_BETTER,
     "employed social workers in post at 30 September of the previous year",
     "Of the distinct employed social workers in post at 30 September N-1 (census N-1), the share also in post "
     "with the same organisation at 30 September N (census N), x 100, with a Wilson score interval. Needs both "
     "census years; otherwise not available.",
     WF_SRC_OWN, 1},
    {"wf.service_median", "Median length of service (days)", CARESTAT_UNIT_DAYS, CARESTAT_POLARITY_HIGHER_BETTER,
     "employed social workers in post at 30 September with a known start date",
     "Median over employed social workers in post at 30 September of the days from the start of their current "
     "spell with the organisation (role changes chained) to 30 September. Numerator NaN, denominator = number of "
     "workers.",
     WF_SRC_OWN, 1},
    {"wf.service_under2", "Share with under 2 years' service", CARESTAT_UNIT_PERCENT, CARESTAT_POLARITY_LOWER_BETTER,
     "employed social workers in post at 30 September with a known start date",
     "Employed social workers in post at 30 September whose current spell began less than 2 years before "
     "30 September / those with a known start date x 100, with a Wilson score interval.",
     WF_SRC_OWN, 1},
    {"wf.conversions", "Agency-to-employed conversions", CARESTAT_UNIT_COUNT, CARESTAT_POLARITY_HIGHER_BETTER,
     "workers who started an employed spell during the census year",
     "Number of distinct workers who started an employed spell with the organisation during the year to "
     "30 September and had an agency record with the same organisation that started earlier and lasted until "
     "365 days or less before the employed start (same worker id).",
     WF_SRC_OWN, 1},
};

/* ---------------------------------------------------------------------------------------------- */

typedef struct wf_acc {
    int has_data;
    double fte, headcount, starters, leavers;
    double agency_fte_rec;      /* from agency worker records */
    double abs_days, abs_fte;   /* absence numerator / FTE part of the denominator */
    double cases, ch_fte;
    double ret_num, ret_den;
    double under2, svc_n;
    double conversions;
    double *svc;                /* service days of each worker (for the median) */
    size_t nsvc, svc_cap;
    int la_n;                   /* councils with LA-level figures */
    double vac, la_agency;
    int la_agency_n;
} wf_acc;

typedef struct wf_key {
    uint32_t worker;
    int32_t year, start;
    uint32_t idx;
} wf_key;

static int key_cmp(const void *a, const void *b)
{
    const wf_key *x = a, *y = b;
    if (x->worker != y->worker) return x->worker < y->worker ? -1 : 1;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static carestat_date census_date(int year)
{
    carestat_date s, e;
    if (carestat_period_year_to_september(&s, &e, year) != CARESTAT_OK) return CARESTAT_DATE_NONE;
    return e;
}

static carestat_date year_start(int year)
{
    carestat_date s, e;
    if (carestat_period_year_to_september(&s, &e, year) != CARESTAT_OK) return CARESTAT_DATE_NONE;
    return s;
}

/* A leaver record of its census year: leaving date on or before the census date, or a leaving reason
 * (or destination) without a date. */
static int is_leaver_rec(const wf_rec *r)
{
    if (r->end != CARESTAT_DATE_NONE) return r->end <= census_date(r->census_year);
    return r->reason_leave != 0 || r->leaver_destination != 0;
}

static int in_post(const wf_rec *r)
{
    if (is_leaver_rec(r)) return 0;
    return r->start == CARESTAT_DATE_NONE || r->start <= census_date(r->census_year);
}

/* Last day a record is known to cover: its leaving date; its census date when still in post; the
 * start of its census year for a leaver without a date. */
static carestat_date eff_end(const wf_rec *r)
{
    if (r->end != CARESTAT_DATE_NONE) return r->end;
    if (is_leaver_rec(r)) return year_start(r->census_year);
    return census_date(r->census_year);
}

typedef struct wblock {
    const wf_rec *const *rec; /* records of one worker in one entity, by (year, start) */
    size_t n;
} wblock;

/* Start of the spell that record r belongs to (employed records only); NONE if unknown. */
static carestat_date spell_start(const wblock *b, const wf_rec *r)
{
    carestat_date cur = r->start;
    if (cur == CARESTAT_DATE_NONE) return cur;
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < b->n; i++) {
            const wf_rec *q = b->rec[i];
            if (q == r || q->agency || q->start == CARESTAT_DATE_NONE || q->start >= cur) continue;
            if (eff_end(q) >= cur - WF_GAP_DAYS) {
                cur = q->start;
                changed = 1;
            }
        }
    }
    return cur;
}

/* Whether an employed record that ended (r->end known) is continued by another employed record. */
static int continued(const wblock *b, const wf_rec *r)
{
    for (size_t i = 0; i < b->n; i++) {
        const wf_rec *q = b->rec[i];
        if (q == r || q->agency) continue;
        if (q->start != CARESTAT_DATE_NONE && q->start > r->end + WF_GAP_DAYS) continue;
        if (eff_end(q) > r->end) return 1;
    }
    return 0;
}

static int push_svc(wf_acc *a, double v)
{
    if (CS_GROW(a->svc, a->svc_cap, a->nsvc + 1)) return CARESTAT_ENOMEM;
    a->svc[a->nsvc++] = v;
    return CARESTAT_OK;
}

/* Add one worker's contribution to year y (records of census y are b->rec[lo..hi)). prev_has: the
 * entity has data for y-1; [plo, phi) are this worker's records of census y-1. */
static int add_worker_year(wf_acc *a, const wblock *b, size_t lo, size_t hi, size_t plo, size_t phi, int prev_has,
                           int y)
{
    carestat_date C = census_date(y), S = year_start(y);
    int emp_in = 0, days_ok = 1, any_emp_in_fte = 0;
    double fte = 0, days = 0;
    carestat_date svc_start = CARESTAT_DATE_NONE;
    int svc_known = 1;
    int left = 0, started = 0, converted = 0;
    double left_fte = 0, start_fte = 0;
    for (size_t i = lo; i < hi; i++) {
        const wf_rec *r = b->rec[i];
        int ip = in_post(r);
        if (ip && r->cases >= 1 && !isnan(r->fte) && r->fte > 0) {
            a->cases += r->cases;
            a->ch_fte += r->fte;
        }
        if (r->agency) {
            if (ip && !isnan(r->fte)) a->agency_fte_rec += r->fte;
            continue;
        }
        if (ip) {
            emp_in = 1;
            if (!isnan(r->fte)) {
                fte += r->fte;
                any_emp_in_fte = 1;
            }
            if (isnan(r->days_absent) || isnan(r->fte)) days_ok = 0;
            else days += r->days_absent;
            carestat_date ss = spell_start(b, r);
            if (ss == CARESTAT_DATE_NONE) svc_known = 0;
            else if (svc_start == CARESTAT_DATE_NONE || ss < svc_start) svc_start = ss;
        }
        /* leavers: the end of a spell during the year */
        if (r->end != CARESTAT_DATE_NONE) {
            if (r->end >= S && r->end <= C && !continued(b, r)) {
                left = 1;
                if (!isnan(r->fte)) left_fte += r->fte;
            }
        } else if (is_leaver_rec(r)) {
            int other_in = 0;
            for (size_t k = lo; k < hi; k++)
                if (k != i && !b->rec[k]->agency && in_post(b->rec[k])) other_in = 1;
            if (!other_in) {
                left = 1;
                if (!isnan(r->fte)) left_fte += r->fte;
            }
        }
        /* starters: the start of a spell during the year */
        if (r->start != CARESTAT_DATE_NONE && r->start >= S && r->start <= C && spell_start(b, r) == r->start) {
            started = 1;
            if (!isnan(r->fte)) start_fte += r->fte;
            for (size_t k = 0; k < b->n; k++) {
                const wf_rec *q = b->rec[k];
                if (!q->agency) continue;
                if (q->start != CARESTAT_DATE_NONE && q->start >= r->start) continue;
                carestat_date qe = eff_end(q);
                if (qe >= r->start - WF_CONVERT_DAYS) converted = 1;
            }
        }
    }
    if (emp_in) {
        a->headcount += 1;
        a->fte += fte;
        if (days_ok && any_emp_in_fte) {
            a->abs_days += days;
            a->abs_fte += fte;
        }
        if (svc_known && svc_start != CARESTAT_DATE_NONE) {
            a->svc_n += 1;
            if (carestat_date_add_years(svc_start, 2) > C) a->under2 += 1;
            if (push_svc(a, (double)(C - svc_start))) return CARESTAT_ENOMEM;
        }
    }
    if (left) a->leavers += left_fte;
    if (started) a->starters += start_fte;
    if (converted) a->conversions += 1;
    if (prev_has) {
        int prev_in = 0;
        for (size_t i = plo; i < phi; i++)
            if (!b->rec[i]->agency && in_post(b->rec[i])) prev_in = 1;
        if (prev_in) {
            a->ret_den += 1;
            if (emp_in) a->ret_num += 1;
        }
    }
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------- */
/* organisations */

typedef struct wf_ctx {
    const carestat_dataset *ds;
    const wf_store *st;
    cs_strpool canon;        /* canonical codes of the organisations in the data */
    uint32_t *org_canon;     /* store pool id -> canon id (WF_NONE when not an org) */
    int ymin, ymax;          /* years with data */
    int yfrom, yto;          /* requested */
    double level;
} wf_ctx;

/* Canonical code of an organisation code: the registry's (via the dataset), else the code itself. */
static const char *canon_code(const carestat_dataset *ds, const char *code, const char **name)
{
    const carestat_org *o = NULL;
    if (carestat_dataset_org_find(&o, ds, code) == CARESTAT_OK && o) {
        if (name) *name = o->name;
        return o->code;
    }
    if (name) *name = "";
    return code;
}

static int map_org(wf_ctx *c, uint32_t pool_id)
{
    if (c->org_canon[pool_id] != WF_NONE) return CARESTAT_OK;
    const char *code = canon_code(c->ds, cs_strpool_get(&c->st->pool, pool_id), NULL);
    uint32_t id;
    if (cs_strpool_intern(&c->canon, code, strlen(code), &id)) return CARESTAT_ENOMEM;
    c->org_canon[pool_id] = id;
    return CARESTAT_OK;
}

/* Membership of canon ids in the entity, per year offset (year - ymin + 1; offset 0 = ymin - 1). */
typedef struct wf_entity {
    const char *code, *name;
    unsigned char *member; /* [(nyears + 1) * ncanon] */
    uint32_t *combined;    /* per year offset: expand flags or number of councils > 1 */
} wf_entity;

static int entity_build(wf_ctx *c, wf_entity *e, const char *req_code, int expand)
{
    size_t ncanon = cs_strpool_count(&c->canon);
    int ny = c->ymax - c->ymin + 2;
    e->member = cs_calloc((size_t)ny * (ncanon ? ncanon : 1), 1);
    e->combined = cs_calloc((size_t)ny, sizeof *e->combined);
    if (!e->member || !e->combined) return CARESTAT_ENOMEM;
    e->code = canon_code(c->ds, req_code, &e->name);
    for (int off = 0; off < ny; off++) {
        int y = c->ymin - 1 + off;
        uint32_t id;
        if (!expand) {
            if (cs_strpool_find(&c->canon, e->code, strlen(e->code), &id)) e->member[(size_t)off * ncanon + id] = 1;
            continue;
        }
        const carestat_org *buf[512];
        size_t cnt = 0;
        unsigned flags = 0;
        int rc = carestat_dataset_org_expand(buf, 512, &cnt, &flags, c->ds, req_code, census_date(y));
        if (rc != CARESTAT_OK) { /* not in the registry: the code as given */
            if (cs_strpool_find(&c->canon, e->code, strlen(e->code), &id)) e->member[(size_t)off * ncanon + id] = 1;
            continue;
        }
        for (size_t k = 0; k < cnt; k++)
            if (cs_strpool_find(&c->canon, buf[k]->code, strlen(buf[k]->code), &id))
                e->member[(size_t)off * ncanon + id] = 1;
        if (cnt > 1 || flags != 0) e->combined[off] = 1;
    }
    return CARESTAT_OK;
}

static void entity_free(wf_entity *e)
{
    cs_free(e->member);
    cs_free(e->combined);
}

/* ---------------------------------------------------------------------------------------------- */
/* output */

static int emit(carestat_table *out, const wf_entity *e, int y, int which, double num, double den, double value,
                double lo, double hi, uint32_t flags)
{
    carestat_observation o;
    memset(&o, 0, sizeof o);
    o.org_code = e->code;
    o.org_name = e->name;
    if (carestat_period_year_to_september(&o.period_start, &o.period_end, y) != CARESTAT_OK) return CARESTAT_ERANGE;
    o.indicator = k_defs[which].id;
    o.numerator = num;
    o.denominator = den;
    o.value = value;
    o.lower = lo;
    o.upper = hi;
    o.flags = flags;
    o.source = "computed";
    return carestat_table_append(out, &o);
}

static int emit_ratio(carestat_table *out, const wf_entity *e, int y, int which, double num, double den,
                      double mult, uint32_t flags)
{
    if (isnan(num) || isnan(den) || den <= 0)
        return emit(out, e, y, which, num, den, NAN, NAN, NAN, flags | CARESTAT_FLAG_NOT_AVAILABLE);
    return emit(out, e, y, which, num, den, mult * num / den, NAN, NAN, flags);
}

static int emit_prop(carestat_table *out, const wf_entity *e, int y, int which, double x, double n, double level,
                     uint32_t flags)
{
    if (!(n > 0)) return emit(out, e, y, which, x, n, NAN, NAN, NAN, flags | CARESTAT_FLAG_NOT_AVAILABLE);
    double v = 100.0 * x / n, lo = NAN, hi = NAN;
    if (carestat_proportion_ci(&v, &lo, &hi, x, n, 100.0, level) != CARESTAT_OK) {
        v = 100.0 * x / n;
        lo = hi = NAN;
        flags |= CARESTAT_FLAG_NO_INTERVAL;
    }
    return emit(out, e, y, which, x, n, v, lo, hi, flags);
}

static int emit_year(carestat_table *out, const wf_ctx *c, const wf_entity *e, int y, wf_acc *a, int prev_has,
                     const int *want)
{
    int rc = CARESTAT_OK;
    uint32_t fl = e->combined[y - c->ymin + 1] ? CARESTAT_FLAG_COMBINED : 0u;
    double agency = a->agency_fte_rec;
    if (a->la_agency_n > 0 && a->la_agency_n == a->la_n) agency = a->la_agency;
    for (int w = 0; w < WF_NDEFS && rc == CARESTAT_OK; w++) {
        if (!want[w]) continue;
        switch (w) {
        case WF_FTE: rc = emit(out, e, y, w, a->fte, NAN, a->fte, NAN, NAN, fl); break;
        case WF_HEADCOUNT: rc = emit(out, e, y, w, a->headcount, NAN, a->headcount, NAN, NAN, fl); break;
        case WF_STARTERS: rc = emit(out, e, y, w, a->starters, NAN, a->starters, NAN, NAN, fl); break;
        case WF_LEAVERS: rc = emit(out, e, y, w, a->leavers, NAN, a->leavers, NAN, NAN, fl); break;
        case WF_CONVERSIONS: rc = emit(out, e, y, w, a->conversions, NAN, a->conversions, NAN, NAN, fl); break;
        case WF_TURNOVER: rc = emit_ratio(out, e, y, w, a->leavers, a->fte, 100.0, fl); break;
        case WF_AGENCY: rc = emit_ratio(out, e, y, w, agency, agency + a->fte, 100.0, fl); break;
        case WF_VACANCY:
            if (a->la_n == 0)
                rc = emit(out, e, y, w, NAN, NAN, NAN, NAN, NAN, fl | CARESTAT_FLAG_NOT_AVAILABLE);
            else
                rc = emit_ratio(out, e, y, w, a->vac, a->vac + a->fte, 100.0, fl);
            break;
        case WF_ABSENCE:
            rc = emit_ratio(out, e, y, w, a->abs_days, a->abs_fte * (double)carestat_workforce_working_days(y), 100.0,
                            fl);
            break;
        case WF_CASELOAD: rc = emit_ratio(out, e, y, w, a->cases, a->ch_fte, 1.0, fl); break;
        case WF_RETENTION:
            if (!prev_has) /* no census N-1 for this organisation */
                rc = emit(out, e, y, w, NAN, NAN, NAN, NAN, NAN, fl | CARESTAT_FLAG_NOT_AVAILABLE);
            else
                rc = emit_prop(out, e, y, w, a->ret_num, a->ret_den, c->level, fl);
            break;
        case WF_SERVICE_UNDER2: rc = emit_prop(out, e, y, w, a->under2, a->svc_n, c->level, fl); break;
        case WF_SERVICE_MEDIAN:
            if (a->nsvc == 0) {
                rc = emit(out, e, y, w, NAN, 0, NAN, NAN, NAN, fl | CARESTAT_FLAG_NOT_AVAILABLE);
            } else {
                qsort(a->svc, a->nsvc, sizeof *a->svc, dbl_cmp);
                size_t m = a->nsvc / 2;
                double med = (a->nsvc % 2) ? a->svc[m] : (a->svc[m - 1] + a->svc[m]) / 2.0;
                rc = emit(out, e, y, w, NAN, (double)a->nsvc, med, NAN, NAN, fl);
            }
            break;
        default: break;
        }
    }
    return rc;
}

/* ---------------------------------------------------------------------------------------------- */

static int compute_entity(carestat_table *out, wf_ctx *c, wf_entity *e, const int *want)
{
    const wf_store *st = c->st;
    size_t ncanon = cs_strpool_count(&c->canon);
    int ny = c->ymax - c->ymin + 2;
    wf_key *keys = NULL;
    const wf_rec **recs = NULL;
    wf_acc *acc = cs_calloc((size_t)ny, sizeof *acc);
    int rc = acc ? CARESTAT_OK : CARESTAT_ENOMEM;
    size_t nk = 0;
    if (rc == CARESTAT_OK) {
        keys = cs_malloc((st->n ? st->n : 1) * sizeof *keys);
        recs = cs_malloc((st->n ? st->n : 1) * sizeof *recs);
        if (!keys || !recs) rc = CARESTAT_ENOMEM;
    }
    if (rc == CARESTAT_OK) {
        for (size_t i = 0; i < st->n; i++) {
            const wf_rec *r = &st->recs[i];
            int off = r->census_year - c->ymin + 1;
            uint32_t cid = c->org_canon[r->org];
            if (off < 0 || off >= ny || !e->member[(size_t)off * ncanon + cid]) continue;
            keys[nk].worker = r->worker;
            keys[nk].year = r->census_year;
            keys[nk].start = r->start;
            keys[nk].idx = (uint32_t)i;
            nk++;
            acc[off].has_data = 1;
        }
        for (size_t i = 0; i < st->nla; i++) {
            const wf_la_rec *l = &st->la[i];
            int off = l->census_year - c->ymin + 1;
            uint32_t cid = c->org_canon[l->org];
            if (off < 0 || off >= ny || !e->member[(size_t)off * ncanon + cid]) continue;
            /* a later load replaces an earlier row for the same organisation and year */
            int superseded = 0;
            for (size_t j = i + 1; j < st->nla; j++)
                if (st->la[j].census_year == l->census_year && c->org_canon[st->la[j].org] == cid) superseded = 1;
            if (superseded || isnan(l->vacancy_fte)) continue;
            acc[off].la_n++;
            acc[off].vac += l->vacancy_fte;
            if (!isnan(l->agency_fte)) {
                acc[off].la_agency += l->agency_fte;
                acc[off].la_agency_n++;
            }
        }
        qsort(keys, nk, sizeof *keys, key_cmp);
        for (size_t i = 0; i < nk; i++) recs[i] = &st->recs[keys[i].idx];
    }
    for (size_t i = 0; i < nk && rc == CARESTAT_OK;) {
        size_t j = i;
        while (j < nk && keys[j].worker == keys[i].worker) j++;
        wblock b = {recs + i, j - i};
        /* per year: records [lo, hi) of the block */
        for (int off = 1; off < ny && rc == CARESTAT_OK; off++) {
            int y = c->ymin - 1 + off;
            if (!acc[off].has_data) continue;
            size_t lo = 0, hi, plo = 0, phi;
            while (lo < b.n && b.rec[lo]->census_year < y) lo++;
            hi = lo;
            while (hi < b.n && b.rec[hi]->census_year == y) hi++;
            while (plo < b.n && b.rec[plo]->census_year < y - 1) plo++;
            phi = plo;
            while (phi < b.n && b.rec[phi]->census_year == y - 1) phi++;
            if (lo == hi && plo == phi) continue;
            rc = add_worker_year(&acc[off], &b, lo, hi, plo, phi, acc[off - 1].has_data, y);
        }
        i = j;
    }
    for (int off = 1; off < ny && rc == CARESTAT_OK; off++) {
        int y = c->ymin - 1 + off;
        if (!acc[off].has_data || y < c->yfrom || y > c->yto) continue;
        rc = emit_year(out, c, e, y, &acc[off], acc[off - 1].has_data, want);
    }
    if (acc)
        for (int off = 0; off < ny; off++) cs_free(acc[off].svc);
    cs_free(acc);
    cs_free(keys);
    cs_free(recs);
    return rc;
}

static int wf_compute(carestat_table *out, const carestat_dataset *ds, const carestat_request *req,
                      const char *const *ids, size_t nids)
{
    if (!out || !ds || !req || (!ids && nids)) return CARESTAT_EINVAL;
    int want[WF_NDEFS] = {0};
    for (size_t i = 0; i < nids; i++) {
        int found = 0;
        for (int w = 0; w < WF_NDEFS; w++)
            if (ids[i] && strcmp(ids[i], k_defs[w].id) == 0) want[w] = found = 1;
        if (!found) return CARESTAT_ENOTFOUND;
    }
    const wf_store *st = cs_wf_store_peek(ds);
    if (!st || st->n == 0) return CARESTAT_OK; /* no workforce data: no observations */

    wf_ctx c;
    memset(&c, 0, sizeof c);
    c.ds = ds;
    c.st = st;
    c.level = req->level > 0 ? req->level : 0.95;
    cs_strpool_init(&c.canon);
    int rc = CARESTAT_OK;
    size_t npool = cs_strpool_count(&st->pool);
    c.org_canon = cs_malloc((npool ? npool : 1) * sizeof *c.org_canon);
    if (!c.org_canon) rc = CARESTAT_ENOMEM;
    if (rc == CARESTAT_OK) {
        for (size_t i = 0; i < npool; i++) c.org_canon[i] = WF_NONE;
        c.ymin = INT32_MAX;
        c.ymax = INT32_MIN;
        for (size_t i = 0; i < st->n && rc == CARESTAT_OK; i++) {
            if (st->recs[i].census_year < c.ymin) c.ymin = st->recs[i].census_year;
            if (st->recs[i].census_year > c.ymax) c.ymax = st->recs[i].census_year;
            rc = map_org(&c, st->recs[i].org);
        }
        for (size_t i = 0; i < st->nla && rc == CARESTAT_OK; i++) rc = map_org(&c, st->la[i].org);
    }
    if (rc == CARESTAT_OK) {
        c.yfrom = req->year_from > 0 ? req->year_from : c.ymin;
        c.yto = req->year_to > 0 ? req->year_to : c.ymax;
    }
    if (rc == CARESTAT_OK && c.yfrom <= c.ymax && c.yto >= c.ymin) {
        if (req->orgs && req->n_orgs) {
            for (size_t i = 0; i < req->n_orgs && rc == CARESTAT_OK; i++) {
                if (!req->orgs[i]) {
                    rc = CARESTAT_EINVAL;
                    break;
                }
                wf_entity e;
                memset(&e, 0, sizeof e);
                rc = entity_build(&c, &e, req->orgs[i], 1);
                if (rc == CARESTAT_OK) rc = compute_entity(out, &c, &e, want);
                entity_free(&e);
            }
        } else {
            /* every organisation in the data, as itself */
            size_t ncanon = cs_strpool_count(&c.canon);
            for (size_t k = 0; k < ncanon && rc == CARESTAT_OK; k++) {
                int has_rec = 0;
                for (size_t i = 0; i < st->n && !has_rec; i++)
                    if (c.org_canon[st->recs[i].org] == (uint32_t)k) has_rec = 1;
                if (!has_rec) continue;
                wf_entity e;
                memset(&e, 0, sizeof e);
                rc = entity_build(&c, &e, cs_strpool_get(&c.canon, (uint32_t)k), 0);
                if (rc == CARESTAT_OK) rc = compute_entity(out, &c, &e, want);
                entity_free(&e);
            }
        }
    }
    cs_free(c.org_canon);
    cs_strpool_free(&c.canon);
    return rc;
}

const cs_family cs_family_workforce = {"workforce", k_defs, WF_NDEFS, wf_compute};
