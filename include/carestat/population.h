/**
 * @file carestat/population.h
 * @brief Population denominators (ONS mid-year estimates of children aged 0-17).
 *
 * DfE works out "rate per 10,000 children" for the year ending 31 March N with the ONS mid-year
 * estimate of the 0-17 population for mid-year N-1 (e.g. the 2025 England rate uses mid-2024,
 * 12,183,016). Source: DfE "Children looked after in England including adoptions" methodology and
 * the EES file @c cla_number_and_rate_per_10k_children.csv, whose @c population_estimate column
 * equals the previous mid-year of @c ons_mid-year_population_estimates_2012_to_2024.csv.
 */
#ifndef CARESTAT_POPULATION_H
#define CARESTAT_POPULATION_H

#include "carestat/common.h"
#include "carestat/dataset.h"

/** @defgroup population Population denominators
 *  @{ */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Load population estimates of children aged 0-17 from a CSV file into a dataset.
 *
 * Two layouts are recognised from the header:
 * - the DfE explore-education-statistics layout (@c ons_mid-year_population_estimates_2012_to_2024.csv:
 *   @c time_period, @c geographic_level, @c country_code, @c region_code, @c old_la_code,
 *   @c new_la_code, @c la_name, @c age_group, @c population_estimate), where @c time_period is the
 *   mid-year of the estimate. Local authority rows are stored under their GSS code (also found by
 *   their 3-digit code and name), regional rows under the region code and name, the national row
 *   under the country code and "England". Rows whose @c age_group is present and is not
 *   "Children aged 0 to 17 years" are skipped (counted as rejected, with a diagnostic
 *   POP_AGE_GROUP);
 * - a plain layout with the header @c org,year,population, where @c year is the mid-year.
 *
 * DfE symbols (@c x, @c z, @c c) and bad numbers are rejected rows with a diagnostic
 * (POP_NOT_AVAILABLE, POP_BAD_NUMBER, POP_BAD_YEAR, POP_NO_ORG). A later load of the same
 * organisation and mid-year replaces the earlier value. Adds a load summary with table
 * "population" (rows read = accepted + rejected).
 * @param ds the dataset (not shared with other threads while loading).
 * @param path the CSV file.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EIO (cannot open), #CARESTAT_EPARSE (neither
 *         layout, or a bad row in #CARESTAT_ROWS_STOP mode), #CARESTAT_ELIMIT, #CARESTAT_ENOMEM.
 *         The message is in carestat_dataset_errmsg().
 */
CARESTAT_API int carestat_dataset_load_population(carestat_dataset *ds, const char *path);

/**
 * @brief The 0-17 population estimate of an organisation for a mid-year.
 *
 * The organisation is matched against the codes and names the estimates were loaded under
 * (case-insensitive), then, through the organisation registry, against the organisation's
 * canonical (GSS) and 3-digit codes. A trust or a combined organisation is not summed here
 * (carestat_compute() sums its councils).
 * @param[out] out the estimate (number of children).
 * @param ds the dataset.
 * @param org organisation code (GSS or 3-digit) or name.
 * @param midyear the mid-year of the estimate (use carestat_population_midyear_for() for a reporting year).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL argument), #CARESTAT_ENOTFOUND (no estimate loaded).
 */
CARESTAT_API int carestat_dataset_population(double *out, const carestat_dataset *ds, const char *org,
                                             int midyear);

/**
 * @brief The mid-year whose estimate DfE uses as the denominator for the reporting year ending
 * 31 March @p reporting_year: @p reporting_year - 1.
 * @param reporting_year year in which the reporting year ends (e.g. 2025 for 2024-25).
 * @return the mid-year (e.g. 2024).
 */
CARESTAT_API int carestat_population_midyear_for(int reporting_year);

/**
 * @brief Number of population estimates stored in the dataset.
 * @param ds the dataset (NULL counts as empty).
 * @return the number of (organisation, mid-year) estimates.
 */
CARESTAT_API size_t carestat_dataset_population_count(const carestat_dataset *ds);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
