/**
 * @file carestat/workforce.h
 * @brief Children's social work workforce (CSWW census): worker-level records, LA-level figures and
 * the formulae DfE uses for its published rates.
 *
 * The census counts children and family social workers at 30 September each year (worker-level since
 * 2017). A census year @c N runs from 1 October N-1 to 30 September N. The worker-level CSV layout read
 * by carestat_dataset_load_workforce() and the definition of every @c wf.* indicator are documented in
 * @c docs/workforce.md, with an example file in @c examples/workforce_records.csv. The indicators
 * themselves are computed by carestat_compute() (indicator.h).
 *
 * Definitions follow DfE's methodology (LAIT data dictionary measure 287; EES "Children's social work
 * workforce" methodology): turnover = leavers / in post, agency rate = agency / (agency + employed),
 * vacancy rate = vacancies / (vacancies + employed in post), absence rate = days lost / (FTE in post x
 * working days in the year), caseload = cases / case-holding FTE.
 */
#ifndef CARESTAT_WORKFORCE_H
#define CARESTAT_WORKFORCE_H

#include "carestat/common.h"
#include "carestat/dataset.h"
#include "carestat/date.h"

/** @defgroup workforce Workforce (CSWW)
 *  @{ */

/** One worker-level census record (one row of the worker CSV). Strings are borrowed from the dataset. */
typedef struct carestat_worker {
    const char *worker_id;       /**< Worker identifier (Social Work England number or the council's own id). */
    const char *org_code;        /**< Organisation code exactly as given in the file (3-digit LA code, GSS code...). */
    int census_year;             /**< Census year N (the return at 30 September N). */
    int agency;                  /**< 1 for an agency worker, 0 for a social worker employed by the council. */
    double fte;                  /**< Full-time equivalent in [0, 1]; NaN if missing or rejected. */
    int role;                    /**< OrgRole 1-6 (1 senior manager ... 5 case holder, 6 qualified without cases); 0 unknown. */
    carestat_date start;         /**< Start date in the role; #CARESTAT_DATE_NONE if missing. */
    carestat_date end;           /**< Leaving (role end) date; #CARESTAT_DATE_NONE if still in post or missing. */
    int reason_leave;            /**< ReasonLeave 1-10; 0 if none. */
    int start_origin;            /**< StartOrigin 1-10; 0 if none. */
    int leaver_destination;      /**< LeaverDestination 1-9; 0 if none. */
    double days_absent;          /**< Working days lost to sickness absence in the census year; NaN if missing. */
    int cases;                   /**< Cases held at 30 September; -1 if missing. */
    int gender;                  /**< GenderCurrent 0 not known, 1 male, 2 female, 9 not specified; -1 if missing. */
    const char *ethnicity;       /**< DfE 4-letter ethnicity code (e.g. "WBRI"); "" if missing. */
    carestat_date birth_date;    /**< Date of birth; #CARESTAT_DATE_NONE if missing. */
    const char *age_band;        /**< Age band as given in the file (e.g. "30-39"); "" if missing. */
    int qual_level;              /**< QualLevel 1 undergraduate, 2 postgraduate, 3 other; 0 if missing. */
    int cfkss;                   /**< CFKSSstatus 1-4; 0 if missing. */
    uint64_t line;               /**< Line of the source file the record came from (0 if not from a file). */
} carestat_worker;

/** One LA-level census figure set (LALevelVacancies): one row per organisation per census year. */
typedef struct carestat_workforce_la {
    const char *org_code;    /**< Organisation code as given in the file. */
    int census_year;         /**< Census year N. */
    double vacancy_fte;      /**< FTE vacancies at 30 September; NaN if missing. */
    double agency_fte;       /**< FTE agency workers at 30 September; NaN if missing. */
    double agency_headcount; /**< Agency workers (headcount) at 30 September; NaN if missing. */
    double agency_cover_fte; /**< FTE agency workers covering vacancies; NaN if missing. */
    uint64_t line;           /**< Line of the source file. */
} carestat_workforce_la;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Read a worker-level CSV file (one row per worker per census year) into the dataset.
 *
 * Columns (case-insensitive, aliases in docs/workforce.md): @c worker_id, @c la_code, @c census_year
 * (required), @c agency, @c fte, @c role, @c start_date, @c end_date, @c reason_leave, @c start_origin,
 * @c leaver_destination, @c days_absent, @c cases, @c gender, @c ethnicity, @c birth_date, @c age_band,
 * @c qual_level, @c cfkss (optional). Dates are dd/mm/yyyy or ISO.
 *
 * Every problem becomes a diagnostic with file, line and column (codes @c WF_*, see docs/workforce.md):
 * an FTE above 1 or below 0 (@c WF_BAD_FTE), a bad date (@c WF_BAD_DATE), an unknown code
 * (@c WF_BAD_CODE), a bad number (@c WF_BAD_NUMBER), a leaving date before the start
 * (@c WF_END_BEFORE_START), a leaving reason without a leaving date (@c WF_LEAVER_NO_DATE, warning).
 * With #CARESTAT_ROWS_KEEP (default) the bad value becomes unknown and the row is kept; with
 * #CARESTAT_ROWS_DROP the row is rejected; with #CARESTAT_ROWS_STOP the load stops with
 * #CARESTAT_EPARSE. Rows without a worker id, organisation or valid census year are always rejected.
 * A load summary with table name "workforce" records rows read = accepted + rejected.
 * @param ds the dataset (mutated; not thread-safe while loading).
 * @param path the CSV file.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL argument), #CARESTAT_EIO (cannot read),
 *         #CARESTAT_EPARSE (missing required column, or an error with #CARESTAT_ROWS_STOP),
 *         #CARESTAT_ELIMIT, #CARESTAT_ENOMEM. On failure the dataset keeps the rows of earlier loads
 *         only, and carestat_dataset_errmsg() says why.
 */
CARESTAT_API int carestat_dataset_load_workforce(carestat_dataset *ds, const char *path);

/**
 * @brief Read worker-level CSV text from memory (same layout and rules as carestat_dataset_load_workforce()).
 * @param ds the dataset.
 * @param name name used in diagnostics and the load summary (NULL for "<memory>").
 * @param data the CSV text (copied as needed; need not be NUL-terminated).
 * @param len its length in bytes.
 * @return as carestat_dataset_load_workforce().
 */
CARESTAT_API int carestat_dataset_load_workforce_memory(carestat_dataset *ds, const char *name, const char *data,
                                                        size_t len);

/**
 * @brief Read LA-level census figures (vacancies and agency workers, one row per organisation per
 * census year) from a CSV file.
 *
 * Columns: @c la_code, @c census_year, @c vacancy_fte (required), @c agency_fte, @c agency_headcount,
 * @c agency_cover_fte (optional). Negative or unparsable numbers are diagnostics (@c WF_BAD_NUMBER).
 * A second row for the same organisation and year is rejected (@c WF_DUPLICATE). Load summary table
 * name: "workforce_la".
 * @param ds the dataset.
 * @param path the CSV file.
 * @return as carestat_dataset_load_workforce().
 */
CARESTAT_API int carestat_dataset_load_workforce_la(carestat_dataset *ds, const char *path);

/**
 * @brief Read LA-level census figures from memory (see carestat_dataset_load_workforce_la()).
 * @param ds the dataset.
 * @param name name used in diagnostics (NULL for "<memory>").
 * @param data the CSV text.
 * @param len its length in bytes.
 * @return as carestat_dataset_load_workforce().
 */
CARESTAT_API int carestat_dataset_load_workforce_la_memory(carestat_dataset *ds, const char *name,
                                                           const char *data, size_t len);

/**
 * @brief Read a CSWW census return in DfE's XML format (message with @c Header, @c LALevelVacancies
 * and @c CSWWWorker elements; schema @c social_work_workforce_2022.xsd).
 *
 * The council is the header's @c Source/LEA and the census year its @c CollectionDetails/Year (or the
 * year of @c ReferenceDate). Each @c CSWWWorker becomes a worker record, validated exactly as a CSV row
 * (the element names are the CSV aliases: @c SWENo, @c AgencyWorker, @c FTE, @c OrgRole,
 * @c RoleStartDate, @c RoleEndDate, @c ReasonLeave, @c WorkingDaysLost, @c Cases30 ...; @c FTE30 is
 * used when @c FTE is absent); @c LALevelVacancies becomes an LA-level row (vacancies, agency FTE and
 * headcount). Diagnostics carry the line of the element. Malformed XML (mismatched or unterminated
 * tags, bad character references) stops the load with #CARESTAT_EPARSE and an @c XML_* diagnostic.
 * Load summaries: "workforce" and "workforce_la".
 * @param ds the dataset.
 * @param path the XML file.
 * @return as carestat_dataset_load_workforce(); #CARESTAT_ELIMIT above 1 GiB.
 */
CARESTAT_API int carestat_dataset_load_workforce_xml(carestat_dataset *ds, const char *path);

/**
 * @brief Read a CSWW XML return from memory (see carestat_dataset_load_workforce_xml()).
 * @param ds the dataset.
 * @param name name used in diagnostics (NULL for "<memory>").
 * @param data the XML text.
 * @param len its length in bytes.
 * @return as carestat_dataset_load_workforce_xml().
 */
CARESTAT_API int carestat_dataset_load_workforce_xml_memory(carestat_dataset *ds, const char *name, const char *data,
                                                            size_t len);

/**
 * @brief Number of worker records loaded.
 * @param ds the dataset (NULL counts as empty).
 * @return the count.
 */
CARESTAT_API size_t carestat_dataset_workforce_count(const carestat_dataset *ds);

/**
 * @brief Read one worker record, in load order.
 * @param[out] out receives the record; its strings are borrowed from the dataset.
 * @param ds the dataset.
 * @param index 0-based.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dataset_workforce_get(carestat_worker *out, const carestat_dataset *ds, size_t index);

/**
 * @brief Number of LA-level figure rows loaded.
 * @param ds the dataset (NULL counts as empty).
 * @return the count.
 */
CARESTAT_API size_t carestat_dataset_workforce_la_count(const carestat_dataset *ds);

/**
 * @brief Read one LA-level figure row, in load order.
 * @param[out] out receives the row; its strings are borrowed from the dataset.
 * @param ds the dataset.
 * @param index 0-based.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dataset_workforce_la_get(carestat_workforce_la *out, const carestat_dataset *ds,
                                                   size_t index);

/**
 * @brief Working days in census year @p census_year used by DfE's absence rate: 253, or 254 when the
 * year to 30 September contains 29 February (i.e. @p census_year is a leap year).
 * @param census_year the census year N.
 * @return 253 or 254.
 */
CARESTAT_API int carestat_workforce_working_days(int census_year);

/**
 * @brief Turnover rate (%) = leavers in the year / social workers in post at 30 September x 100.
 * @param[out] out the rate.
 * @param leavers_fte FTE (or headcount) of leavers during the year.
 * @param inpost_fte FTE (or headcount) of employed social workers in post at 30 September.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL @p out, NaN or negative input), #CARESTAT_ERANGE (zero denominator).
 */
CARESTAT_API int carestat_workforce_turnover_rate(double *out, double leavers_fte, double inpost_fte);

/**
 * @brief Agency worker rate (%) = agency workers / (agency workers + employed social workers) x 100, at 30 September.
 * @param[out] out the rate.
 * @param agency_fte FTE (or headcount) of agency workers.
 * @param inpost_fte FTE (or headcount) of employed social workers in post.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE (zero denominator).
 */
CARESTAT_API int carestat_workforce_agency_rate(double *out, double agency_fte, double inpost_fte);

/**
 * @brief Vacancy rate (%) = FTE vacancies / (FTE vacancies + FTE employed social workers in post) x 100.
 * @param[out] out the rate.
 * @param vacancy_fte FTE vacancies at 30 September.
 * @param inpost_fte FTE of employed social workers in post.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE (zero denominator).
 */
CARESTAT_API int carestat_workforce_vacancy_rate(double *out, double vacancy_fte, double inpost_fte);

/**
 * @brief Sickness absence rate (%) = working days lost to sickness in the year /
 * (FTE in post at 30 September x carestat_workforce_working_days(@p census_year)) x 100.
 * @param[out] out the rate.
 * @param days_lost working days lost to sickness absence during the census year.
 * @param inpost_fte FTE of employed social workers in post at 30 September.
 * @param census_year the census year (for 253 or 254 working days).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE (zero denominator).
 */
CARESTAT_API int carestat_workforce_absence_rate(double *out, double days_lost, double inpost_fte, int census_year);

/**
 * @brief Average caseload = cases held at 30 September by case-holding social workers (including agency)
 * / FTE of those social workers (one or more cases, FTE above 0).
 * @param[out] out cases per FTE.
 * @param cases cases held.
 * @param case_holder_fte FTE of the case holders.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE (zero denominator).
 */
CARESTAT_API int carestat_workforce_caseload(double *out, double cases, double case_holder_fte);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
