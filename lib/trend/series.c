/* Series continuity across reorganisations (carestat_series_continued). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/indicator.h"
#include "carestat/org.h"
#include "carestat/published.h"
#include "core/alloc.h"
#include "trend/trend_internal.h"

#define MAX_MEMBERS 64

const carestat_org *cs_trend_org(const carestat_dataset *ds, const char *code)
{
    const carestat_org *org = NULL;
    int rc = ds ? carestat_dataset_org_find(&org, ds, code) : carestat_org_find(&org, code);
    return rc == CARESTAT_OK ? org : NULL;
}

double cs_trend_unit_multiplier(const char *indicator, int *unit)
{
    size_t idx;
    if (carestat_indicator_find(&idx, indicator) == CARESTAT_OK) {
        int u = carestat_indicator_unit(idx);
        if (unit) *unit = u;
        switch (u) {
        case CARESTAT_UNIT_PERCENT: return 100;
        case CARESTAT_UNIT_RATE: return 10000;
        case CARESTAT_UNIT_DAYS:
        case CARESTAT_UNIT_RATIO: return 1;
        default: return 0; /* counts and FTE: summed */
        }
    }
    if (unit) *unit = -1;
    return NAN; /* unknown: infer from the values */
}

double cs_trend_infer_multiplier(double value, double num, double den)
{
    if (!(isfinite(value) && isfinite(num) && isfinite(den)) || num <= 0 || den <= 0 || value <= 0) return NAN;
    static const double SCALES[] = {1, 100, 1000, 10000, 100000};
    double best = NAN, bestd = INFINITY;
    for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++) {
        double d = fabs(log(value / (num / den * SCALES[i])));
        if (d < bestd) bestd = d, best = SCALES[i];
    }
    return bestd < 0.7 ? best : NAN; /* within a factor of 2 */
}

/* Last row of f with this org code and period end, or -1. */
static long last_row(const carestat_table *f, const char *code, carestat_date end)
{
    long found = -1;
    size_t n = carestat_table_count(f);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, f, i);
        if (o.period_end == end && strcmp(o.org_code, code) == 0) found = (long)i;
    }
    return found;
}

static int cmp_date(const void *a, const void *b)
{
    carestat_date x = *(const carestat_date *)a, y = *(const carestat_date *)b;
    return x < y ? -1 : x > y;
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* Combine the members' rows for one period into *o (strings point into f or static storage). */
static void combine(carestat_observation *o, const carestat_table *f, const char *const *codes, size_t n,
                    carestat_date end, double mult, char *srcbuf, size_t srccap)
{
    double num = 0, den = 0, val = 0;
    uint32_t flags = 0;
    int missing = 0, have_den = 0, no_den = 0;
    double inferred = NAN;
    srcbuf[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        long r = last_row(f, codes[k], end);
        if (r < 0) {
            missing = 1;
            continue;
        }
        carestat_observation m;
        carestat_table_get(&m, f, (size_t)r);
        if (k == 0) {
            o->period_start = m.period_start;
            o->indicator = m.indicator;
        }
        flags |= m.flags;
        if (isnan(m.value)) missing = 1;
        num += m.numerator;
        val += m.value;
        if (isnan(m.denominator))
            no_den = 1;
        else
            have_den = 1, den += m.denominator;
        if (isnan(inferred)) inferred = cs_trend_infer_multiplier(m.value, m.numerator, m.denominator);
        if (!strstr(srcbuf, m.source) || !*m.source) {
            size_t l = strlen(srcbuf);
            snprintf(srcbuf + l, srccap - l, "%s%s", l ? ";" : "", m.source);
        }
    }
    if (isnan(mult)) mult = have_den ? inferred : 0;
    o->period_end = end;
    o->lower = o->upper = NAN;
    o->source = srcbuf;
    if (mult == 0 || (!have_den && no_den)) {
        /* counts: summed */
        o->numerator = num;
        o->denominator = NAN;
        o->value = missing ? NAN : val;
    } else {
        o->numerator = num;
        o->denominator = have_den && !no_den ? den : NAN;
        o->value = (missing || isnan(o->denominator) || isnan(mult) || !(den > 0)) ? NAN : num / den * mult;
    }
    if (missing) {
        o->numerator = NAN;
        o->denominator = NAN;
        if (!(flags & ~(uint32_t)CARESTAT_FLAG_COMBINED)) flags |= CARESTAT_FLAG_NOT_AVAILABLE;
    }
    o->flags = flags | CARESTAT_FLAG_COMBINED;
}

int carestat_series_continued(carestat_table **out, const carestat_table *t, const carestat_dataset *ds,
                              const char *org_code, const char *indicator)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!t || !org_code || !indicator) return CARESTAT_EINVAL;
    const carestat_org *org = cs_trend_org(ds, org_code);
    const char *code = org ? org->code : org_code;
    const char *name = org ? org->name : "";
    carestat_table *f = NULL, *res = NULL;
    carestat_date *ends = NULL;
    int rc = carestat_table_filter(&f, t, NULL, indicator);
    if (rc) return rc;
    if ((rc = carestat_table_new(&res))) goto done;
    size_t n = carestat_table_count(f);
    ends = cs_calloc(n ? n : 1, sizeof *ends);
    if (!ends) {
        rc = CARESTAT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, f, i);
        ends[i] = o.period_end;
    }
    qsort(ends, n, sizeof *ends, cmp_date);
    double mult = cs_trend_unit_multiplier(indicator, NULL);
    /* a combined code of the published tables, when the registry does not know it */
    char cbuf[MAX_MEMBERS * 16];
    const char *combined[MAX_MEMBERS];
    int ncombined = 0;
    if (!org && strlen(code) < sizeof cbuf) {
        ncombined = carestat_published_combined_members(combined, MAX_MEMBERS, cbuf, sizeof cbuf, code);
        if (ncombined > MAX_MEMBERS) ncombined = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (i && ends[i] == ends[i - 1]) continue;
        carestat_date end = ends[i];
        long own = last_row(f, code, end);
        carestat_observation o;
        if (own >= 0) {
            carestat_table_get(&o, f, (size_t)own);
            if (!isnan(o.value)) {
                o.org_code = code;
                if (*name) o.org_name = name;
                if ((rc = carestat_table_append(res, &o))) goto done;
                continue;
            }
        }
        const carestat_org *members[MAX_MEMBERS];
        const char *codes[MAX_MEMBERS];
        size_t nm = 0;
        unsigned xflags = 0;
        int usable;
        if (!org && ncombined > 1) {
            /* a combined code ("E06000061+E06000062"): its members' rows added up */
            nm = (size_t)ncombined;
            for (size_t k = 0; k < nm; k++) codes[k] = combined[k];
            usable = 1;
        } else {
            int erc = carestat_dataset_org_expand(members, MAX_MEMBERS, &nm, &xflags, ds, code, end);
            if (erc == CARESTAT_ENOMEM) {
                rc = erc;
                goto done;
            }
            usable = erc == CARESTAT_OK && nm > 0 && !(xflags & (CARESTAT_EXPAND_WIDER | CARESTAT_EXPAND_NARROWER)) &&
                     !(nm == 1 && strcmp(members[0]->code, code) == 0);
            for (size_t k = 0; usable && k < nm; k++) codes[k] = members[k]->code;
        }
        if (!usable) {
            if (own >= 0) {
                o.org_code = code;
                if (*name) o.org_name = name;
                if ((rc = carestat_table_append(res, &o))) goto done;
            }
            continue;
        }
        qsort(codes, nm, sizeof codes[0], cmp_cstr);
        char joined[MAX_MEMBERS * 16];
        size_t w = 0;
        joined[0] = '\0';
        for (size_t k = 0; k < nm; k++) w += (size_t)snprintf(joined + w, w < sizeof joined ? sizeof joined - w : 0,
                                                             "%s%s", k ? "+" : "", codes[k]);
        long comb = w < sizeof joined ? last_row(f, joined, end) : -1;
        char srcbuf[256];
        if (comb >= 0) {
            carestat_table_get(&o, f, (size_t)comb);
            o.flags |= CARESTAT_FLAG_COMBINED;
        } else {
            memset(&o, 0, sizeof o);
            o.indicator = indicator;
            combine(&o, f, codes, nm, end, mult, srcbuf, sizeof srcbuf);
            o.indicator = indicator;
            if (nm && last_row(f, codes[0], end) < 0) {
                /* first member missing: take the period start from any row of that period */
                int y, m, d;
                carestat_date_to_ymd(end, &y, &m, &d);
                if (m == 9)
                    carestat_period_year_to_september(&o.period_start, &o.period_end, y);
                else
                    carestat_period_year_to_march(&o.period_start, &o.period_end, y);
                o.period_end = end;
            }
        }
        o.org_code = code;
        o.org_name = name;
        if ((rc = carestat_table_append(res, &o))) goto done;
    }
done:
    cs_free(ends);
    carestat_table_free(f);
    if (rc) {
        carestat_table_free(res);
        return rc;
    }
    *out = res;
    return CARESTAT_OK;
}
