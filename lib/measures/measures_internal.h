/* Internal helpers shared by the indicator families (lib/measures). */
#ifndef CS_MEASURES_INTERNAL_H
#define CS_MEASURES_INTERNAL_H

#include <stddef.h>

#include "carestat/dataset.h"
#include "carestat/table.h"
#include "ssda903/store.h"

/* The dataset's SSDA903 store, or NULL if none was loaded. */
const cs903_store *cs_measures_store(const carestat_dataset *ds);

/* 0-17 population of an organisation (canonical code) for a mid-year: 1 and *out when known, else 0. */
int cs_measures_population(const carestat_dataset *ds, const char *code, int midyear, double *out);

/* Resolve a requested organisation against the store for the years [yfrom, yto]: a council in the
 * store stands for itself; otherwise the organisation registry expands it for each year
 * (carestat_dataset_org_expand_year: a trust's councils, a former council's successors, a new
 * council's predecessors, a region's councils) and the councils with data in the store are combined.
 * orgs (capacity s->norgs) receives the store orgs used in any year, *n their number, and
 * member[i * nyears + (Y - yfrom)] = 1 where orgs[i] counts in year Y (member is zeroed by the caller,
 * capacity s->norgs * nyears). *code and *name: the organisation's canonical code and name (borrowed).
 * *combined = 1 when the result stands for more than one council or for another organisation.
 * Returns CARESTAT_OK, CARESTAT_ENOTFOUND (unknown, or no data in the store), CARESTAT_ENOMEM. */
int cs_measures_resolve_org(const carestat_dataset *ds, const cs903_store *s, const char *query, int yfrom, int yto,
                            const char **code, const char **name, size_t *orgs, size_t *n, unsigned char *member,
                            int *combined);

/* Confidence interval of an observation's value from its numerator and denominator, by unit:
 * percent: Wilson score; rate per 10,000: exact Poisson below 10 events, Byar from 10; count: the same
 * Poisson limits on the count.
 * Sets lower/upper, or the flag "noci" when no interval applies. */
void cs_measures_interval(carestat_observation *o, int unit, double level);

/* Student's t interval of a mean (o->value = o->numerator / o->denominator, n = denominator) from the
 * sum of squares of the observations, as PHE phe_mean: value -/+ t(n-1) sd / sqrt(n); "noci" when n < 2. */
void cs_measures_mean_interval(carestat_observation *o, double sumsq, double level);

/* DfE disclosure control on one observation of the given unit (see carestat_disclosure_threshold()):
 * suppressed values become NaN with the flag "c". */
void cs_measures_disclose(carestat_observation *o, int unit);

#endif
