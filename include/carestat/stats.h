/**
 * @file carestat/stats.h
 * @brief Statistics: intervals, comparisons, trend tests, SPC, bands, rounding, disclosure control.
 *
 * Pure functions (no dataset needed), following PHEindicatormethods, Fingertips and Making Data Count.
 */
#ifndef CARESTAT_STATS_H
#define CARESTAT_STATS_H

#include "carestat/common.h"

/** @defgroup stats Statistics
 *  @{ */

/** Which direction of an indicator is good. */
typedef enum carestat_polarity {
    CARESTAT_POLARITY_NONE = 0,          /**< Neither direction is better. */
    CARESTAT_POLARITY_HIGHER_BETTER = 1, /**< Higher values are better. */
    CARESTAT_POLARITY_LOWER_BETTER = 2   /**< Lower values are better. */
} carestat_polarity;

/** @} */
#endif
