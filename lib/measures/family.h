/* Internal: indicator families. The catalogue (lib/measures) is the concatenation of every family's
 * definitions; carestat_compute() hands each family the requested ids it owns.
 *
 *   cs_family_cla        lib/measures  (children in care, care leavers, permanence, SW changes)
 *   cs_family_workforce  lib/workforce (wf.*)
 */
#ifndef CS_MEASURES_FAMILY_H
#define CS_MEASURES_FAMILY_H

#include "carestat/indicator.h"

typedef struct cs_indicator_def {
    const char *id;          /* stable id, e.g. "cla.starts.rate" */
    const char *title;       /* short title for tables */
    carestat_unit unit;
    carestat_polarity polarity;
    const char *population;  /* who it covers, one phrase */
    const char *definition;  /* one or two sentences: numerator, denominator, rules */
    const char *source;      /* where the definition comes from (DfE methodology page, table id) */
    int period_kind;         /* 0 = year ending 31 March, 1 = census year to 30 September */
} cs_indicator_def;

typedef struct cs_family {
    const char *name;
    const cs_indicator_def *defs;
    size_t ndefs;
    /* Append observations for ids[0..nids) (all owned by this family) to out.
     * req has been validated and its defaults filled in. Must not modify ds (thread safety). */
    int (*compute)(carestat_table *out, const carestat_dataset *ds, const carestat_request *req,
                   const char *const *ids, size_t nids);
} cs_family;

extern const cs_family cs_family_cla;
extern const cs_family cs_family_workforce;

#endif
