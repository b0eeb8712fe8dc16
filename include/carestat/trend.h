/**
 * @file carestat/trend.h
 * @brief Series analysis over observation tables: continuity across reorganisations, trend, benchmarks.
 *
 * Works on any observation table (table.h): values computed from a return, published values read
 * with published.h, or both side by side. Statistics come from stats.h; organisations, lineage,
 * regions and statistical neighbours from org.h.
 */
#ifndef CARESTAT_TREND_H
#define CARESTAT_TREND_H

#include "carestat/common.h"
#include "carestat/dataset.h"
#include "carestat/stats.h"
#include "carestat/table.h"

/** @defgroup trend Series, trends and benchmarks
 *  @{ */

/** Version of #carestat_trend_options this header describes. */
#define CARESTAT_TREND_OPTIONS_VERSION 1

/** Options of carestat_series_analyse(). Initialise with carestat_trend_options_init(). */
typedef struct carestat_trend_options {
    unsigned version;        /**< #CARESTAT_TREND_OPTIONS_VERSION. */
    double level;            /**< Confidence level of intervals and tests, in [0.9, 1) (default 0.95). */
    int polarity;            /**< #carestat_polarity, or -1 (default) for the indicator catalogue's. */
    int year;                /**< Year of the period end to assess; 0 (default) for the latest with a value. */
    int continued;           /**< 1 (default): the organisation's series continues through predecessors and
                                  successors (carestat_series_continued()); 0: its own rows only. */
    const char *england_code; /**< Code of England's rows (default "E92000001"). */
    const char *region_code; /**< Region to compare with; NULL (default) for the organisation's region. */
    const char *const *neighbours; /**< Statistical neighbours' codes; NULL (default) for the dataset's
                                        neighbours of the organisation (carestat_dataset_neighbours()). */
    size_t n_neighbours;     /**< Number of codes in #neighbours. */
} carestat_trend_options;

/** Version of #carestat_series_report this header describes. */
#define CARESTAT_SERIES_REPORT_VERSION 1

/**
 * @brief Trend and benchmark of one organisation's series at one period (carestat_series_analyse()).
 *
 * Codes of enumerations are the stats.h ones; -1 or #CARESTAT_RELATION_NOT_COMPARED where a part
 * could not be computed (see carestat_series_report_text() for text).
 */
typedef struct carestat_series_report {
    unsigned version;            /**< #CARESTAT_SERIES_REPORT_VERSION (set by the library). */
    char org_code[64];           /**< Organisation assessed. */
    char indicator[64];          /**< Indicator id. */
    int year;                    /**< Year of the period end assessed. */
    carestat_date period_end;    /**< Period end assessed. */
    int unit;                    /**< #carestat_unit used (catalogue, else inferred from the values). */
    int polarity;                /**< #carestat_polarity used. */
    double multiplier;           /**< Scale of value against numerator/denominator (100, 10000, 1). */
    double value;                /**< Value of the period (as in the table). */
    double numerator;            /**< Its numerator (NaN if none). */
    double denominator;          /**< Its denominator (NaN if none). */
    double lower;                /**< Lower limit at the level (from the table, else computed; NaN if none). */
    double upper;                /**< Upper limit. */
    uint32_t flags;              /**< Flags of the observation (e.g. combined). */
    size_t points;               /**< Points with a value in the series up to the period. */
    int has_previous;            /**< 1 if the previous year has a value. */
    double previous_value;       /**< Value of the previous year (NaN if none). */
    double change;               /**< value - previous_value. */
    int change_tested;           /**< 1 if the change was tested (counts, proportions and rates). */
    double change_p_value;       /**< Two-sided p-value of the change (NaN if not tested). */
    int change_relation;         /**< #carestat_relation of this year against the previous one. */
    int change_judgement;        /**< #carestat_judgement of the change through the polarity. */
    carestat_trend_result trend; /**< Recent trend over the last 5 points (carestat_recent_trend()). */
    int spc_done;                /**< 1 if the SPC chart was computed (2+ points). */
    carestat_spc_summary spc;    /**< XmR chart of the series up to the period (variation = last point). */
    int spc_rule;                /**< #carestat_spc_rule of the last point (-1 if not computed). */
    double england_value;        /**< England's value of the period (NaN if none). */
    int vs_england;              /**< #carestat_judgement against England. */
    char region_code[16];        /**< Region compared with ("" if none). */
    double region_value;         /**< The region's value (NaN if none). */
    int vs_region;               /**< #carestat_judgement against the region. */
    double neighbours_value;     /**< Mean of the statistical neighbours' values (NaN if none). */
    size_t neighbours_used;      /**< Neighbours with a value. */
    int vs_neighbours;           /**< #carestat_judgement against the neighbours' mean. */
    int quartile;                /**< Quartile band among councils, 1 = best (1 = highest without polarity);
                                      0 if not banded. */
    size_t quartile_of;          /**< Number of councils banded. */
} carestat_series_report;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill @p opts with the defaults (95%, catalogue polarity, latest year, continued series).
 * @param[out] opts the options.
 * @param version #CARESTAT_TREND_OPTIONS_VERSION.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EUNSUPPORTED.
 */
CARESTAT_API int carestat_trend_options_init(carestat_trend_options *opts, unsigned version);

/**
 * @brief The series of an organisation, continued across reorganisations.
 *
 * For each period end present in @p table for @p indicator: the organisation's own row when it
 * has a value (the last appended one, as carestat_table_series()); otherwise, when the
 * organisation stands for other councils on that date (carestat_dataset_org_expand(): a former
 * council's successors, a new council's predecessors where that is exact, a trust's councils),
 * a combined row made from theirs: a row already combined for exactly those councils
 * (e.g. @c E06000061+E06000062 in the workforce tables), else the sum of their numerators and
 * denominators (counts are summed, rates and percentages recomputed from the summed counts,
 * never averaged), flagged #CARESTAT_FLAG_COMBINED. If some member has no value that year, the
 * combined row has no value and keeps the members' flags. Councils that cover a wider or a narrower
 * area than the organisation are never used (Northamptonshire for North Northamptonshire; Bournemouth
 * and Poole for Bournemouth, Christchurch and Poole, as Christchurch came from Dorset): their numbers
 * cannot be apportioned. A renamed council (Buckinghamshire E10000002 -> E06000060) continues.
 * A combined code the registry does not know (@c E06000061+E06000062, as published.h writes combined
 * rows) stands for its members added up in the same way.
 * Rows keep org_code = @p org_code, the organisation's name, and the source of the rows used.
 * @param[out] out the series sorted by period end (caller owns it); NULL on failure.
 * @param table the observations.
 * @param ds dataset for user-defined organisations and lineage (NULL: built-in registry).
 * @param org_code the organisation (code or name known to the registry, or a code in @p table).
 * @param indicator the indicator id.
 * @return #CARESTAT_OK (possibly an empty table), #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_series_continued(carestat_table **out, const carestat_table *table,
                                                              const carestat_dataset *ds, const char *org_code,
                                                              const char *indicator);

/**
 * @brief Trend and benchmark of one organisation and indicator in one call.
 *
 * - change from the previous year with a two-sided test at the level: percentages as a two-proportion
 *   z-test, rates and counts as an exact conditional Poisson test (carestat_change_test());
 * - recent trend over the last 5 points (carestat_recent_trend(): Cochran-Armitage for percentages,
 *   weighted regression on the intervals for rates and counts);
 * - SPC XmR chart (carestat_spc_xmr()) of every point up to the period;
 * - comparison with England, the region and the statistical neighbours' mean at the level
 *   (carestat_compare(): the comparator against the organisation's interval: Wilson for
 *   percentages, exact Poisson/Byar for rates and counts, the table's own limits when present);
 * - quartile band among all councils with a value that period (carestat_quantile_bands()).
 * Counts and FTE are not benchmarked (comparisons "Not compared", no quartile).
 * Comparator rows come from the same @p table (published tables carry England, regional and council
 * rows; put computed and published rows together with carestat_table_append_table()).
 * @param[out] out the report.
 * @param table the observations.
 * @param ds dataset for organisations and neighbours (NULL: built-in registry, no neighbours
 *        unless given in @p opts).
 * @param org_code the organisation.
 * @param indicator the indicator id.
 * @param opts options, or NULL for the defaults.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE (level), #CARESTAT_EUNSUPPORTED (options version),
 *         #CARESTAT_ENOTFOUND (no value for the organisation and indicator, or not for @p opts year),
 *         #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_series_analyse(carestat_series_report *out, const carestat_table *table,
                                         const carestat_dataset *ds, const char *org_code, const char *indicator,
                                         const carestat_trend_options *opts);

/**
 * @brief The organisation's series and its comparators as observations, for plotting and tables.
 *
 * For every period of the organisation's series (continued as #carestat_trend_options.continued says):
 * its own row; England's and the region's rows of that period from @p table; and the statistical
 * neighbours' simple mean as a row with org_code @c "neighbours:<org code>", org_name
 * "Statistical neighbours (mean of N)", value = the mean, no numerator or denominator, source "mean".
 * Sorted by organisation, then period.
 * @param[out] out the new table (caller owns it); NULL on failure.
 * @param table the observations.
 * @param ds dataset for organisations and neighbours (may be NULL).
 * @param org_code the organisation.
 * @param indicator the indicator id.
 * @param opts options (england_code, region_code, neighbours, continued), or NULL for the defaults.
 * @return #CARESTAT_OK (possibly an empty table), #CARESTAT_EINVAL, #CARESTAT_EUNSUPPORTED, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_series_benchmarks(carestat_table **out, const carestat_table *table,
                                                               const carestat_dataset *ds, const char *org_code,
                                                               const char *indicator,
                                                               const carestat_trend_options *opts);

/**
 * @brief Text of one classified part of a report, for bindings and printing.
 * @param report the report.
 * @param part one of "change" (relation of the change), "change_judgement", "trend" (trend label),
 *        "trend_reason", "spc" (variation of the last point), "spc_rule", "spc_assurance",
 *        "vs_england", "vs_region", "vs_neighbours", "polarity".
 * @return static text ("" for an unknown part or NULL report); never NULL.
 */
CARESTAT_API const char *carestat_series_report_text(const carestat_series_report *report, const char *part);

/**
 * @brief Reports as CSV: header then one line per report, columns
 * @c org_code,indicator,period_end,value,numerator,denominator,lower,upper,flags,previous_value,change,
 * @c change_p_value,change_relation,trend,trend_reason,spc,spc_rule,england_value,vs_england,region_code,
 * @c region_value,vs_region,neighbours_value,neighbours_used,vs_neighbours,quartile,quartile_of
 * (texts as carestat_series_report_text(); missing numbers empty).
 * @param[out] out NUL-terminated text; free with carestat_free().
 * @param[out] len its length without the NUL (may be NULL).
 * @param reports the reports.
 * @param count number of reports.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_series_reports_to_csv(char **out, size_t *len,
                                                                   const carestat_series_report *reports,
                                                                   size_t count);

/**
 * @brief For the CLI's @c carestat @c trend: analyse every (organisation, indicator) pair and write CSV
 * (carestat_series_reports_to_csv() columns). Pairs without data are skipped.
 * @param[out] out NUL-terminated CSV; free with carestat_free().
 * @param[out] len its length without the NUL (may be NULL).
 * @param table the observations.
 * @param ds dataset (may be NULL).
 * @param orgs organisation codes.
 * @param n_orgs their number.
 * @param indicators indicator ids; NULL (with @p n_indicators 0) for every indicator in @p table.
 * @param n_indicators their number.
 * @param opts options or NULL.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE, #CARESTAT_EUNSUPPORTED, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_trend_csv(char **out, size_t *len, const carestat_table *table,
                                                       const carestat_dataset *ds, const char *const *orgs,
                                                       size_t n_orgs, const char *const *indicators,
                                                       size_t n_indicators, const carestat_trend_options *opts);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
