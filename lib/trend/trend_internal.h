/* Internal helpers shared by lib/trend. */
#ifndef CS_TREND_INTERNAL_H
#define CS_TREND_INTERNAL_H

#include "carestat/org.h"
#include "carestat/trend.h"

/* Organisation by code or name (dataset first when ds is given), or NULL. */
const carestat_org *cs_trend_org(const carestat_dataset *ds, const char *code);
/* Multiplier of value against numerator/denominator from the catalogue: 100 (percent), 10000 (rate),
 * 1 (days, ratio), 0 (counts, FTE: summed); NaN when the indicator is not in the catalogue.
 * *unit receives the carestat_unit or -1. */
double cs_trend_unit_multiplier(const char *indicator, int *unit);
/* The scale among 1, 100, 1000, 10000, 100000 that turns num/den into value; NaN if none fits. */
double cs_trend_infer_multiplier(double value, double num, double den);

#endif
