/* Internal: population denominators stored in CS_SLOT_POPULATION (lib/population). */
#ifndef CS_POPULATION_INTERNAL_H
#define CS_POPULATION_INTERNAL_H

#include "carestat/dataset.h"

/* Estimate for one key (a code or name as loaded, matched case-insensitively) and mid-year,
 * without the registry fallback. Returns 1 and sets *out when found, else 0. Thread-safe. */
int cs_population_lookup(const carestat_dataset *ds, const char *key, int midyear, double *out);

#endif
