/**
 * @file carestat/indicator.h
 * @brief The indicator catalogue and carestat_compute().
 */
#ifndef CARESTAT_INDICATOR_H
#define CARESTAT_INDICATOR_H

#include "carestat/common.h"
#include "carestat/dataset.h"
#include "carestat/stats.h"
#include "carestat/table.h"

/** @defgroup indicator Indicators
 *  @{ */

/** Unit of an indicator's value. */
typedef enum carestat_unit {
    CARESTAT_UNIT_COUNT = 0,   /**< A count (value = numerator, no denominator). */
    CARESTAT_UNIT_PERCENT = 1, /**< A percentage, 0-100. */
    CARESTAT_UNIT_RATE = 2,    /**< A rate per 10,000 (children aged under 18 unless stated). */
    CARESTAT_UNIT_DAYS = 3,    /**< An average number of days. */
    CARESTAT_UNIT_RATIO = 4,   /**< A ratio, e.g. cases per FTE. */
    CARESTAT_UNIT_FTE = 5      /**< Full-time equivalent staff. */
} carestat_unit;

/** Disclosure control applied to computed output. */
typedef enum carestat_disclosure {
    CARESTAT_DISCLOSURE_NONE = 0, /**< None: a council's own use (default). */
    CARESTAT_DISCLOSURE_DFE = 1   /**< DfE's publication rules: small counts and values derived from them become "c". */
} carestat_disclosure;

/** Version of #carestat_request this header describes. */
#define CARESTAT_REQUEST_VERSION 1

/** What to compute. Initialise with carestat_request_init(). */
typedef struct carestat_request {
    unsigned version;                 /**< #CARESTAT_REQUEST_VERSION. */
    const char *const *indicators;    /**< Indicator ids; NULL (or n_indicators 0) for all. */
    size_t n_indicators;              /**< Number of ids. */
    const char *const *orgs;          /**< Organisation codes or names; a trust means its councils combined; NULL for every organisation in the dataset. */
    size_t n_orgs;                    /**< Number of organisations. */
    int year_from;                    /**< First reporting year (year ending 31 March, or census year); 0 for the earliest with data. */
    int year_to;                      /**< Last reporting year, inclusive; 0 for the latest with data. */
    double level;                     /**< Confidence level of the intervals, in [0.9, 1); default 0.95. */
    carestat_disclosure disclosure;   /**< Disclosure control; default none. */
    unsigned rules;                   /**< Counting-rule variants (CARESTAT_RULE_* bits); 0 for the documented defaults. */
} carestat_request;

/** @} */
#endif
