/**
 * @file carestat/date.h
 * @brief Civil dates as days since 1970-01-01, parsing, formatting, ages and reporting periods.
 *
 * Dates are proleptic Gregorian days since 1970-01-01 held in an @c int32_t
 * (#carestat_date). #CARESTAT_DATE_NONE marks a missing date. Invalid dates such as
 * 31/02/2020 are errors: nothing is normalised silently.
 */
#ifndef CARESTAT_DATE_H
#define CARESTAT_DATE_H

#include "carestat/common.h"

/** @defgroup date Dates and reporting periods
 *  @{ */

/** A civil date: days since 1970-01-01 (1970-01-02 is 1). */
typedef int32_t carestat_date;

/** The value of a missing date. */
#define CARESTAT_DATE_NONE INT32_MIN

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The missing-date value #CARESTAT_DATE_NONE, for bindings.
 * @return #CARESTAT_DATE_NONE.
 */
CARESTAT_API carestat_date carestat_date_none(void);

/**
 * @brief Whether @p year is a Gregorian leap year.
 * @param year any year.
 * @return 1 for a leap year, 0 otherwise.
 */
CARESTAT_API int carestat_date_is_leap_year(int year);

/**
 * @brief Number of days in a month.
 * @param year year (for February).
 * @param month 1..12.
 * @return 28..31, or 0 if @p month is outside 1..12.
 */
CARESTAT_API int carestat_date_days_in_month(int year, int month);

/**
 * @brief Make a date from year, month and day, rejecting impossible dates.
 * @param[out] out the date; untouched on failure.
 * @param year 1..9999.
 * @param month 1..12.
 * @param day 1..days in that month.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p out is NULL, #CARESTAT_ERANGE for an impossible date.
 */
CARESTAT_API int carestat_date_from_ymd(carestat_date *out, int year, int month, int day);

/**
 * @brief Split a date into year, month and day.
 * @param date a date (not #CARESTAT_DATE_NONE).
 * @param[out] year year; may be NULL.
 * @param[out] month 1..12; may be NULL.
 * @param[out] day 1..31; may be NULL.
 * @return #CARESTAT_OK, or #CARESTAT_EINVAL for #CARESTAT_DATE_NONE.
 */
CARESTAT_API int carestat_date_to_ymd(carestat_date date, int *year, int *month, int *day);

/**
 * @brief Parse a date in one of the forms found in SSDA903 and DfE files.
 *
 * Accepted: @c dd/mm/yyyy (also @c d/m/yyyy), @c yyyy-mm-dd, and ISO date-times
 * @c yyyy-mm-ddThh:mm:ss (or with a space instead of @c T; the time is checked for shape and ignored).
 * Leading and trailing spaces are ignored. Anything else, and impossible dates such as 31/02/2020
 * or 00/01/2020, are errors.
 * @param[out] out the date; untouched on failure.
 * @param text the text (need not be NUL-terminated).
 * @param len its length in bytes.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p out or @p text is NULL, #CARESTAT_EPARSE if the text
 *         is not a date in an accepted form, #CARESTAT_ERANGE if it has the form but is impossible.
 */
CARESTAT_API int carestat_date_parse(carestat_date *out, const char *text, size_t len);

/**
 * @brief Write a date as ISO @c yyyy-mm-dd.
 * @param[out] buf output buffer; receives a NUL-terminated string ("" for #CARESTAT_DATE_NONE).
 * @param cap capacity of @p buf in bytes (11 is always enough).
 * @param date the date.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p buf is NULL, #CARESTAT_EBUFFER if @p cap is too small.
 */
CARESTAT_API int carestat_date_format(char *buf, size_t cap, carestat_date date);

/**
 * @brief Age in whole years on a date.
 *
 * A child born on 29 February has a birthday on 28 February in common years (as DfE ages
 * children: the age increases on the last day of February).
 * @param dob date of birth.
 * @param at the date at which the age is wanted.
 * @return the age (negative if @p at is before @p dob), or -1 if either date is missing.
 */
CARESTAT_API int carestat_age_years(carestat_date dob, carestat_date at);

/**
 * @brief Add whole years to a date (29 February goes to 28 February in a common year).
 * @param date a date.
 * @param years years to add (may be negative).
 * @return the new date, or #CARESTAT_DATE_NONE if @p date is missing or the result is outside 1..9999.
 */
CARESTAT_API carestat_date carestat_date_add_years(carestat_date date, int years);

/**
 * @brief The reporting year ending 31 March @p year: 1 April (year-1) to 31 March (year), inclusive.
 * @param[out] start first day; may be NULL.
 * @param[out] end last day; may be NULL.
 * @param year the year in which the period ends (e.g. 2025 for 2024-25).
 * @return #CARESTAT_OK, or #CARESTAT_ERANGE if @p year is outside 2..9999.
 */
CARESTAT_API int carestat_period_year_to_march(carestat_date *start, carestat_date *end, int year);

/**
 * @brief The workforce census year to 30 September @p year: 1 October (year-1) to 30 September (year).
 * @param[out] start first day; may be NULL.
 * @param[out] end last day; may be NULL.
 * @param year the year in which the period ends.
 * @return #CARESTAT_OK, or #CARESTAT_ERANGE if @p year is outside 2..9999.
 */
CARESTAT_API int carestat_period_year_to_september(carestat_date *start, carestat_date *end, int year);

/**
 * @brief The reporting year (ending 31 March) that contains a date.
 * @param date a date.
 * @return the year in which that reporting year ends (1 April 2024 and 31 March 2025 both give 2025),
 *         or 0 for a missing date.
 */
CARESTAT_API int carestat_reporting_year_of(carestat_date date);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
