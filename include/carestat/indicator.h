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


/**
 * @brief Counting-rule variants (bits of #carestat_request.rules). 0 selects the documented
 * defaults, which follow DfE's published methodology (reference: LAIT measures 372 and 393).
 */
typedef enum carestat_rule {
    /** Placement stability: only RNE S, P and B start a placement (the data-to-insight stability tool's
     *  rule). Default: S, P, B, T and U start a placement, except T/U into adoption (A3/A5) with the same carer. */
    CARESTAT_RULE_PLACEMENTS_SPB_ONLY = 1u << 0,
    /** Placement stability: count temporary placements (T0-T4) and the return from them. Default: not counted. */
    CARESTAT_RULE_PLACEMENTS_COUNT_TEMPORARY = 1u << 1,
    /** Placement stability: count placements shorter than 24 hours. Default: not counted (LAIT: "placements of
     *  24 hours or more"). */
    CARESTAT_RULE_PLACEMENTS_COUNT_SHORT = 1u << 2,
    /** Placement stability: a T/U move into adoption with the same carer (A3/A5) counts as a new placement.
     *  Default: it does not (LAIT measure 372). */
    CARESTAT_RULE_PLACEMENTS_COUNT_ADOPTION_SAME_CARER = 1u << 3,
    /** Long-term stability: only RNE L continues a placement (T and U start a new one). Default: L, T and U
     *  continue it ("same carer"). */
    CARESTAT_RULE_LONGTERM_SAME_PLACEMENT = 1u << 4,
    /** Adoption timeliness (perm.adoption_days): no foster-carer adjustment (A1 rather than A10). Default: the
     *  clock stops when the child moved in with the foster carers who adopted them. */
    CARESTAT_RULE_ADOPTION_NO_FOSTER_ADJUST = 1u << 5
} carestat_rule;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill a request with the defaults: every indicator, every organisation in the dataset, every
 * year with data, 95% intervals, no disclosure control, default counting rules.
 * @param[out] req the request.
 * @param version #CARESTAT_REQUEST_VERSION.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p req is NULL, #CARESTAT_EUNSUPPORTED for another version.
 */
CARESTAT_API int carestat_request_init(carestat_request *req, unsigned version);

/**
 * @brief Compute indicators from a loaded dataset.
 *
 * One observation per (organisation, reporting year, indicator): org_code is the canonical code of
 * the organisation (GSS code where known), period is 1 April (N-1) to 31 March N (or the census year to
 * 30 September for workforce indicators), source is "computed". Counts carry the count as value and
 * numerator with a NaN denominator and Poisson limits on the count (exact below 10, Byar from 10);
 * percentages are 0-100 with a Wilson score interval; rates are per 10,000 children aged 0-17 (the ONS
 * mid-year estimate for mid-year N-1, carestat_dataset_population()) with exact Poisson (fewer than 10
 * events) or Byar limits; averages of days carry the sum of days as numerator, the number of children
 * as denominator and a Student's t interval (flag "noci" with fewer than 2 children). Intervals are
 * computed with stats.h at #carestat_request.level. Years: those requested, each kept only for the
 * organisations whose loaded returns cover it (collection years; a longitudinal file without years
 * covers the reporting year of its latest date). An organisation
 * that is a trust (or a former council) stands for its councils combined (flag "combined"). Where an
 * indicator has no denominator (no children in the cohort, or no population estimate) the value is NaN
 * and flagged "x". With #CARESTAT_DISCLOSURE_DFE, see carestat_disclosure_threshold().
 *
 * Thread-safe: @p ds is only read.
 * @param[out] out the new table (caller owns it, carestat_table_free()); NULL on failure.
 * @param ds the dataset.
 * @param req what to compute; NULL for the defaults (carestat_request_init()).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL argument, bad level, year_from > year_to, bad rules bits,
 *         bad disclosure), #CARESTAT_EUNSUPPORTED (request version), #CARESTAT_ENOTFOUND (unknown indicator
 *         id or organisation), #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_compute(carestat_table **out, const carestat_dataset *ds,
                                                     const carestat_request *req);

/**
 * @brief The smallest count DfE publishes under #CARESTAT_DISCLOSURE_DFE: counts from 1 up to
 * threshold - 1 are suppressed ("c"), and so are percentages and rates whose numerator or denominator
 * is such a count (0 is shown). Threshold 6: DfE's children looked after statistics suppress numbers
 * of 1 to 5 ("c") at local authority level (EES data guidance for "Children looked after in England
 * including adoptions", symbols section; cla_2024_release_data-guidance.txt).
 * @return the threshold (6).
 */
CARESTAT_API int carestat_disclosure_threshold(void);

/**
 * @brief Number of indicators in the catalogue (children in care and workforce families).
 * @return the count.
 */
CARESTAT_API size_t carestat_indicator_count(void);

/**
 * @brief Find an indicator by id.
 * @param[out] index its 0-based position in the catalogue.
 * @param id the id, e.g. "cla.starts.rate" (exact, case-sensitive).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL), #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_indicator_find(size_t *index, const char *id);

/**
 * @brief Stable id of an indicator.
 * @param index 0-based position (< carestat_indicator_count()).
 * @return static text, or NULL if @p index is out of range.
 */
CARESTAT_API const char *carestat_indicator_id(size_t index);

/**
 * @brief Short title of an indicator.
 * @param index 0-based position.
 * @return static text, or NULL if @p index is out of range.
 */
CARESTAT_API const char *carestat_indicator_title(size_t index);

/**
 * @brief Unit of an indicator.
 * @param index 0-based position.
 * @return a #carestat_unit value, or -1 if @p index is out of range.
 */
CARESTAT_API int carestat_indicator_unit(size_t index);

/**
 * @brief Polarity of an indicator (which direction is better).
 * @param index 0-based position.
 * @return a #carestat_polarity value, or -1 if @p index is out of range.
 */
CARESTAT_API int carestat_indicator_polarity(size_t index);

/**
 * @brief The population an indicator covers, in one phrase.
 * @param index 0-based position.
 * @return static text, or NULL if @p index is out of range.
 */
CARESTAT_API const char *carestat_indicator_population(size_t index);

/**
 * @brief Definition of an indicator (numerator, denominator, counting rules).
 * @param index 0-based position.
 * @return static text, or NULL if @p index is out of range.
 */
CARESTAT_API const char *carestat_indicator_definition(size_t index);

/**
 * @brief Source of an indicator's definition (DfE methodology, LAIT measure, EES file).
 * @param index 0-based position.
 * @return static text, or NULL if @p index is out of range.
 */
CARESTAT_API const char *carestat_indicator_source(size_t index);

/**
 * @brief Period of an indicator: 0 = year ending 31 March, 1 = census year ending 30 September.
 * @param index 0-based position.
 * @return 0 or 1, or -1 if @p index is out of range.
 */
CARESTAT_API int carestat_indicator_period_kind(size_t index);

/**
 * @brief Text of a unit ("count", "percent", "rate per 10,000", "days", "ratio", "FTE"). The text of a
 * polarity is carestat_polarity_text() (stats.h).
 * @param unit a #carestat_unit value.
 * @return static text; "unknown" for other values.
 */
CARESTAT_API const char *carestat_unit_text(int unit);

/**
 * @brief Bit of a counting-rule variant by name (the #carestat_rule constant without the
 * @c CARESTAT_RULE_ prefix, case-insensitive, e.g. "placements_spb_only").
 * @param[out] bit the bit.
 * @param name the name.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL), #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_rule_from_name(unsigned *bit, const char *name);

/**
 * @brief Name of a counting-rule bit (e.g. "placements_spb_only").
 * @param bit one #carestat_rule bit.
 * @return static text, or NULL if @p bit is not exactly one known rule.
 */
CARESTAT_API const char *carestat_rule_name(unsigned bit);

/**
 * @brief The catalogue as Markdown (the text of docs/indicators.md): one section per indicator with
 * its id, title, unit, polarity, population, definition and source, and the counting-rule variants.
 * @param[out] out NUL-terminated text; free with carestat_free().
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_indicators_markdown(char **out);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
