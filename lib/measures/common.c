/* Helpers shared by the indicator families: store access, population, organisation resolution,
 * intervals. */
#include <math.h>
#include <string.h>

#include "carestat/indicator.h"
#include "carestat/org.h"
#include "carestat/stats.h"
#include "core/alloc.h"
#include "measures/measures_internal.h"
#include "population/population_internal.h"

const cs903_store *cs_measures_store(const carestat_dataset *ds)
{
    return cs903_get(ds);
}

int cs_measures_population(const carestat_dataset *ds, const char *code, int midyear, double *out)
{
    return cs_population_lookup(ds, code, midyear, out);
}

int cs_measures_resolve_org(const carestat_dataset *ds, const cs903_store *s, const char *query, int yfrom, int yto,
                            const char **code, const char **name, size_t *orgs, size_t *n, unsigned char *member,
                            int *combined)
{
    *n = 0;
    *combined = 0;
    const size_t ny = (size_t)(yto - yfrom + 1);
    long direct = cs903_org_index(s, query);
    const carestat_org *org = NULL;
    if (carestat_dataset_org_find(&org, ds, query) != CARESTAT_OK) org = NULL;
    if (direct < 0 && org) direct = cs903_org_index(s, org->code);
    if (direct >= 0 && (!org || org->kind == CARESTAT_ORG_COUNCIL)) {
        /* a council (or a user's code) with its own data */
        orgs[0] = (size_t)direct;
        *n = 1;
        memset(member, 1, ny);
        *code = org ? org->code : s->org_code[direct];
        *name = org ? org->name : s->org_name[direct];
        return CARESTAT_OK;
    }
    if (!org) return CARESTAT_ENOTFOUND;
    *code = org->code;
    *name = org->name;
    /* expand year by year */
    size_t cap = 64;
    const carestat_org **buf = cs_calloc(cap, sizeof *buf);
    if (!buf) return CARESTAT_ENOMEM;
    int rc = CARESTAT_OK;
    for (int Y = yfrom; Y <= yto && !rc; Y++) {
        size_t cnt = 0;
        unsigned fl = 0;
        int e = carestat_dataset_org_expand_year(buf, cap, &cnt, &fl, ds, org->code, Y);
        if (e == CARESTAT_EBUFFER) {
            const carestat_org **nb = cs_reallocarray(buf, cnt, sizeof *buf);
            if (!nb) {
                rc = CARESTAT_ENOMEM;
                break;
            }
            buf = nb;
            cap = cnt;
            e = carestat_dataset_org_expand_year(buf, cap, &cnt, &fl, ds, org->code, Y);
        }
        if (e != CARESTAT_OK) continue;
        if (fl || cnt != 1 || strcmp(buf[0]->code, org->code) != 0) *combined = 1;
        for (size_t k = 0; k < cnt; k++) {
            long idx = cs903_org_index(s, buf[k]->code);
            if (idx < 0) continue;
            size_t i = 0;
            while (i < *n && orgs[i] != (size_t)idx) i++;
            if (i == *n) orgs[(*n)++] = (size_t)idx;
        }
        /* membership is filled after the union is known: record this year's councils */
        for (size_t k = 0; k < cnt; k++) {
            long idx = cs903_org_index(s, buf[k]->code);
            if (idx < 0) continue;
            for (size_t i = 0; i < *n; i++)
                if (orgs[i] == (size_t)idx) member[i * ny + (size_t)(Y - yfrom)] = 1;
        }
    }
    cs_free(buf);
    if (rc) return rc;
    return *n ? CARESTAT_OK : CARESTAT_ENOTFOUND;
}

void cs_measures_interval(carestat_observation *o, int unit, double level)
{
    double lo = NAN, hi = NAN;
    int rc = CARESTAT_EINVAL;
    if (unit == CARESTAT_UNIT_PERCENT && o->denominator > 0)
        rc = carestat_proportion_ci(NULL, &lo, &hi, o->numerator, o->denominator, 100.0, level);
    else if (unit == CARESTAT_UNIT_RATE && o->denominator > 0)
        rc = carestat_rate_ci(NULL, &lo, &hi, NULL, o->numerator, o->denominator, 10000.0, level);
    else if (unit == CARESTAT_UNIT_COUNT && o->numerator >= 0)
        rc = carestat_poisson_ci(&lo, &hi, NULL, o->numerator, level);
    if (rc == CARESTAT_OK) {
        o->lower = lo;
        o->upper = hi;
    } else {
        o->lower = o->upper = NAN;
        o->flags |= CARESTAT_FLAG_NO_INTERVAL;
    }
}

void cs_measures_mean_interval(carestat_observation *o, double sumsq, double level)
{
    double n = o->denominator, q = NAN;
    o->lower = o->upper = NAN;
    if (!(n >= 2) || carestat_t_quantile(&q, 1.0 - (1.0 - level) / 2.0, n - 1) != CARESTAT_OK) {
        o->flags |= CARESTAT_FLAG_NO_INTERVAL;
        return;
    }
    double mean = o->numerator / n;
    double var = (sumsq - n * mean * mean) / (n - 1);
    if (var < 0) var = 0; /* rounding */
    double half = fabs(q) * sqrt(var / n);
    o->lower = mean - half;
    o->upper = mean + half;
}
