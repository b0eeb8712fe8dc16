/* carestat_compute(): request validation and defaults, dispatch to the indicator families,
 * disclosure control on the output. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "carestat/indicator.h"
#include "carestat/org.h"
#include "core/alloc.h"
#include "measures/catalogue_internal.h"
#include "measures/measures_internal.h"

/* DfE suppresses local authority counts of 1 to 5 (see indicator.h). */
#define CS_DFE_DISCLOSURE_THRESHOLD 6

static int cs_streq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
    return *a == *b;
}

int carestat_disclosure_threshold(void) { return CS_DFE_DISCLOSURE_THRESHOLD; }

int carestat_request_init(carestat_request *req, unsigned version)
{
    if (!req) return CARESTAT_EINVAL;
    if (version != CARESTAT_REQUEST_VERSION) return CARESTAT_EUNSUPPORTED;
    memset(req, 0, sizeof *req);
    req->version = version;
    req->level = 0.95;
    req->disclosure = CARESTAT_DISCLOSURE_NONE;
    return CARESTAT_OK;
}

/* A small count that DfE would suppress: 1 .. threshold-1. */
static int is_small(double v) { return isfinite(v) && v >= 1 && v < CS_DFE_DISCLOSURE_THRESHOLD; }

/* Apply disclosure control to one observation in place. Counts: the count itself. Percentages,
 * rates and averages: the numerator (percentages, rates) or the number of children (averages,
 * the denominator) and, for percentages, the denominator. */
void cs_measures_disclose(carestat_observation *o, int unit)
{
    int sup = 0;
    switch (unit) {
    case CARESTAT_UNIT_COUNT: sup = is_small(o->value); break;
    case CARESTAT_UNIT_PERCENT: sup = is_small(o->numerator) || is_small(o->denominator); break;
    case CARESTAT_UNIT_RATE: sup = is_small(o->numerator); break;
    case CARESTAT_UNIT_DAYS: sup = is_small(o->denominator); break;
    default: sup = 0; break; /* workforce FTE figures: not suppressed by DfE */
    }
    if (!sup) return;
    o->value = o->lower = o->upper = NAN;
    o->numerator = NAN;
    if (is_small(o->denominator)) o->denominator = NAN;
    o->flags |= CARESTAT_FLAG_SUPPRESSED;
    o->flags &= ~(uint32_t)CARESTAT_FLAG_NO_INTERVAL;
}

/* Withhold one more observation (secondary suppression): nothing of it is shown. */
static void withhold(carestat_observation *o)
{
    o->value = o->lower = o->upper = NAN;
    o->numerator = o->denominator = NAN;
    o->flags |= CARESTAT_FLAG_SUPPRESSED;
    o->flags &= ~(uint32_t)CARESTAT_FLAG_NO_INTERVAL;
}

/* Size used to choose which member to withhold: its count (numerator), smallest first. */
static double cell_size(const carestat_observation *o)
{
    double v = isfinite(o->numerator) ? o->numerator : o->value;
    return isfinite(v) ? v : 0;
}

#define CS_MAX_MEMBERS 64

/* Secondary suppression. An aggregate row (flag combined: a trust, or a council's successors or
 * predecessors combined) and the rows of its member councils for the same indicator and period in
 * one output make an equation: the aggregate's count, numerator and denominator are the sums of the
 * members'. When exactly one cell of such a group is suppressed, it could be recovered by
 * subtraction, so the smallest other member is withheld too (or the aggregate, when every member
 * already is); this repeats until no group has exactly one suppressed cell. A group whose members
 * are not all in the output has two or more unknowns already and needs nothing. */
static int secondary_suppress(carestat_observation *obs, size_t n, const carestat_dataset *ds)
{
    size_t *grp = NULL, ngrp = 0, cap = 0; /* groups back to back: size, aggregate, members... */
    const carestat_org *members[CS_MAX_MEMBERS];
    size_t idx[CS_MAX_MEMBERS];
    for (size_t a = 0; a < n; a++) {
        if (!(obs[a].flags & CARESTAT_FLAG_COMBINED)) continue;
        size_t nm = 0;
        if (carestat_dataset_org_expand(members, CS_MAX_MEMBERS, &nm, NULL, ds, obs[a].org_code,
                                        obs[a].period_end) != CARESTAT_OK || nm < 2)
            continue;
        size_t found = 0;
        for (size_t m = 0; m < nm; m++) {
            for (size_t j = 0; j < n; j++) {
                if (j == a || obs[j].period_end != obs[a].period_end || strcmp(obs[j].indicator, obs[a].indicator) ||
                    !cs_streq_nocase(obs[j].org_code, members[m]->code))
                    continue;
                idx[found++] = j;
                break;
            }
        }
        if (found != nm) continue;
        if (CS_GROW(grp, cap, ngrp + nm + 2)) {
            cs_free(grp);
            return CARESTAT_ENOMEM;
        }
        grp[ngrp++] = nm + 1;
        grp[ngrp++] = a;
        for (size_t m = 0; m < nm; m++) grp[ngrp++] = idx[m];
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t g = 0; g < ngrp; g += grp[g] + 1) {
            size_t size = grp[g], *cell = &grp[g + 1], nsup = 0;
            for (size_t c = 0; c < size; c++) nsup += (obs[cell[c]].flags & CARESTAT_FLAG_SUPPRESSED) != 0;
            if (nsup != 1) continue;
            size_t pick = SIZE_MAX;
            for (size_t c = 1; c < size; c++) { /* members first: the smallest shown */
                const carestat_observation *o = &obs[cell[c]];
                if (o->flags & CARESTAT_FLAG_SUPPRESSED) continue;
                if (pick == SIZE_MAX || cell_size(o) < cell_size(&obs[pick])) pick = cell[c];
            }
            if (pick == SIZE_MAX) pick = cell[0];
            withhold(&obs[pick]);
            changed = 1;
        }
    }
    cs_free(grp);
    return CARESTAT_OK;
}

int carestat_compute(carestat_table **out, const carestat_dataset *ds, const carestat_request *req)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!ds) return CARESTAT_EINVAL;
    carestat_request r;
    if (req) {
        if (req->version != CARESTAT_REQUEST_VERSION) return CARESTAT_EUNSUPPORTED;
        r = *req;
    } else {
        carestat_request_init(&r, CARESTAT_REQUEST_VERSION);
    }
    if (r.level == 0) r.level = 0.95;
    if (!(r.level >= 0.9 && r.level < 1)) return CARESTAT_EINVAL;
    if (r.disclosure != CARESTAT_DISCLOSURE_NONE && r.disclosure != CARESTAT_DISCLOSURE_DFE) return CARESTAT_EINVAL;
    if (r.rules & ~cs_rules_all()) return CARESTAT_EINVAL;
    if (r.year_from < 0 || r.year_to < 0 || r.year_from > 9999 || r.year_to > 9999) return CARESTAT_EINVAL;
    if (r.year_from && r.year_to && r.year_from > r.year_to) return CARESTAT_EINVAL;
    if (r.n_indicators && !r.indicators) return CARESTAT_EINVAL;
    if (r.n_orgs && !r.orgs) return CARESTAT_EINVAL;
    if (!r.n_orgs) r.orgs = NULL;
    for (size_t i = 0; i < r.n_orgs; i++)
        if (!r.orgs[i] || !r.orgs[i][0]) return CARESTAT_EINVAL;

    const cs_family *fams[CS_MAX_FAMILIES];
    size_t nf = cs_catalogue_families(fams, CS_MAX_FAMILIES);
    if (nf > CS_MAX_FAMILIES) nf = CS_MAX_FAMILIES;
    size_t ncat = carestat_indicator_count();

    /* The requested ids (validated), grouped by family in request order. */
    const char **ids = cs_calloc(ncat ? ncat : 1, sizeof *ids);
    unsigned char *seen = cs_calloc(ncat ? ncat : 1, 1);
    if (!ids || !seen) {
        cs_free(ids);
        cs_free(seen);
        return CARESTAT_ENOMEM;
    }
    size_t nsel = 0;
    int rc = CARESTAT_OK;
    if (r.n_indicators) {
        for (size_t i = 0; i < r.n_indicators; i++) {
            size_t k;
            if (!r.indicators[i]) {
                rc = CARESTAT_EINVAL;
                break;
            }
            if (carestat_indicator_find(&k, r.indicators[i]) != CARESTAT_OK) {
                rc = CARESTAT_ENOTFOUND;
                break;
            }
            seen[k] = 1;
        }
    } else {
        memset(seen, 1, ncat);
    }

    carestat_table *raw = NULL, *res = NULL;
    if (!rc) rc = carestat_table_new(&raw);
    size_t base = 0;
    for (size_t f = 0; f < nf && !rc; f++) {
        nsel = 0;
        for (size_t k = 0; k < fams[f]->ndefs; k++)
            if (seen[base + k]) ids[nsel++] = fams[f]->defs[k].id;
        base += fams[f]->ndefs;
        if (nsel && fams[f]->compute) rc = fams[f]->compute(raw, ds, &r, ids, nsel);
    }
    cs_free(ids);
    cs_free(seen);
    /* an organisation neither the registry (nor the dataset's own organisations) knows, and for which
     * no family produced a row, is an error: most likely a typing mistake */
    for (size_t q = 0; q < r.n_orgs && !rc; q++) {
        const carestat_org *org = NULL;
        if (carestat_dataset_org_find(&org, ds, r.orgs[q]) == CARESTAT_OK) continue;
        int found = 0;
        size_t nr = carestat_table_count(raw);
        for (size_t i = 0; i < nr && !found; i++) {
            carestat_observation o;
            if (carestat_table_get(&o, raw, i) == CARESTAT_OK && cs_streq_nocase(o.org_code, r.orgs[q])) found = 1;
        }
        if (!found) rc = CARESTAT_ENOTFOUND;
    }
    size_t n = carestat_table_count(raw);
    carestat_observation *obs = NULL;
    if (!rc && n) {
        obs = cs_calloc(n, sizeof *obs);
        if (!obs) rc = CARESTAT_ENOMEM;
    }
    for (size_t i = 0; i < n && !rc; i++) {
        rc = carestat_table_get(&obs[i], raw, i);
        if (rc) break;
        if (r.disclosure == CARESTAT_DISCLOSURE_DFE) {
            size_t k;
            int unit = carestat_indicator_find(&k, obs[i].indicator) == CARESTAT_OK ? carestat_indicator_unit(k) : -1;
            cs_measures_disclose(&obs[i], unit);
        }
    }
    if (!rc && r.disclosure == CARESTAT_DISCLOSURE_DFE) rc = secondary_suppress(obs, n, ds);
    if (!rc) rc = carestat_table_new(&res);
    for (size_t i = 0; i < n && !rc; i++) rc = carestat_table_append(res, &obs[i]);
    cs_free(obs);
    carestat_table_free(raw);
    if (rc) {
        carestat_table_free(res);
        return rc;
    }
    *out = res;
    return CARESTAT_OK;
}
