/**
 * @file carestat/ssda903.h
 * @brief SSDA903 returns: reading, validating and merging children-looked-after data.
 *
 * A council's SSDA903 return is a set of CSV files, one per table. carestat_dataset_load_903() reads
 * folders or files, recognises each table by its header row (not its file name), checks every value
 * and every episode history, and merges consecutive annual returns into one longitudinal history per
 * child. Several councils can be loaded into one dataset; every record carries its organisation.
 *
 * Tables read: Header, Episodes, UASC, OC3 (care leavers), AD1, PlacedAdoption and SWEpisodes
 * (social worker episodes). Reviews, OC2, Missing, PrevPerm and DoLo are recognised and skipped with
 * a note. Columns are found by name in any order and any case; extra columns are ignored. Dates may be
 * @c dd/mm/yyyy or ISO @c yyyy-mm-dd. Blank and quoted-empty cells are missing values.
 *
 * <b>Organisation</b> of each row: #carestat_903_options.org_code if given, else an @c LA column of the
 * file when present, else the name of the folder holding the file. Codes not in the built-in registry
 * are accepted as user-defined organisations (with a note).
 *
 * <b>Collection year</b> (the year in which the reporting year ending 31 March falls: 2025 = 2024-25)
 * of each file: #carestat_903_options.collection_year if given; else a @c YEAR column per row; else
 * inferred from the latest episode date of the return (DECOM, or DEC less one day; episodes files of
 * the same folder, organisation and name year) and compared with a @c YYYY in the file or folder name (@c 2024-25 and @c 202425 mean
 * 2025); when the two disagree the dates win and a @c 903_YEAR_MISMATCH warning says so. An episodes
 * file whose episodes end before its inferred year is read as a whole longitudinal history (year
 * unknown, codes checked against every year's list).
 *
 * <b>Codes</b> are checked against the code list of the record's collection year (e.g. K3 from 2024,
 * H5 to 2025, Z11-Z14 from 2026, SEX M/F/U from 2025 and 1/2 before). A code not valid that year is
 * kept with a @c 903_CODE_YEAR error (a superseded code on an episode that started while it was valid
 * is accepted, as DfE does); an unrecognised code becomes "unknown" with a @c 903_CODE_UNKNOWN error.
 *
 * <b>Diagnostic codes</b> (stable): @c 903_FILE_SKIPPED, @c 903_TABLE_UNKNOWN, @c 903_TABLE_NOT_USED,
 * @c 903_TABLE_INCOMPLETE (error: the header row lacks a required column of the table it resembles;
 * the file is skipped),
 * @c 903_CHILD_MISSING, @c 903_DATE_MISSING, @c 903_DATE_INVALID, @c 903_CODE_UNKNOWN, @c 903_CODE_YEAR,
 * @c 903_SEX_CODING, @c 903_VALUE_INVALID, @c 903_YEAR_MISMATCH, @c 903_YEAR_UNKNOWN,
 * @c 903_YEAR_INFERRED, @c 903_LONGITUDINAL, @c 903_ORG_USER_DEFINED, @c 903_EMPTY_ROW,
 * @c 903_EP_END_BEFORE_START, @c 903_EP_DEC_MISSING (REC given but no DEC), @c 903_EP_REC_MISSING
 * (DEC given but no REC), @c 903_EP_OVERLAP, @c 903_EP_OPEN_NOT_LAST, @c 903_EP_S_NOT_PERIOD_START,
 * @c 903_EP_CONTINUATION_GAP (warning: P/L/T/U/B episode not starting where the previous one ended
 * with X1), @c 903_EP_SAME_START, @c 903_DUPLICATE_ROW, @c 903_EP_CHILD_NOT_IN_HEADER,
 * @c 903_DUPLICATE_CHILD (a second, different row for one child in one return), @c 903_HDR_CONFLICT,
 * @c 903_MERGE_CONFLICT, @c 903_MERGE_SUPERSEDED,
 * @c 903_SW_OVERLAP, @c 903_SW_SAME_START, @c 903_VALUE_MISSING, @c 903_ORG_UNKNOWN, @c 903_NO_HEADER (note),
 * @c 903_EP_OPEN_NOT_CONTINUED (warning: a child's last episode is open at the end of its return but a
 * later return of the same organisation does not have the child; the episode is kept, flagged).
 *
 * An open episode written with REC @c X1 (as some tools do) is read as open with a blank REC; an episode
 * with an E-code REC and no DEC is an error (@c 903_EP_DEC_MISSING).
 *
 * <b>Error mode</b> (#carestat_dataset_options.error_mode): KEEP keeps rows with errors (bad values as
 * unknown), DROP removes them and counts them as rejected, STOP abandons the whole load call at the
 * first error (nothing from that call is kept) and returns #CARESTAT_EPARSE. Rows that cannot be
 * placed at all (no CHILD; an episode without DECOM; a social worker episode without SW_DECOM) are
 * rejected in every mode. For each file, a load summary records rows read = accepted + rejected.
 * An error between a row of this call and a row of an earlier call (e.g. an overlap across two
 * returns loaded separately) is reported once; the earlier row is only flagged (KEEP) or the row of
 * this call is the one dropped (DROP), since the earlier call's counts are final. Blank lines and rows
 * of only commas are not rows (a note for the latter).
 *
 * Loading several returns in one call or in several calls gives the same merged histories; a call
 * re-merges only the organisations it brings rows for, so a regional pool can be loaded one council
 * at a time.
 *
 * <b>Merging</b>: returns are applied from the oldest collection year to the latest. For each child,
 * the episodes of a later return replace every earlier-return episode that starts on or after the
 * later return's first episode for that child: the same start date is the same episode (differences
 * are reported as @c 903_MERGE_CONFLICT warnings, the later version wins; a later return closing an
 * episode the earlier one had open is an update, not a conflict), other starts are dropped as
 * rewritten history (@c 903_MERGE_SUPERSEDED warnings). Header rows: the latest return's wins
 * (@c 903_HDR_CONFLICT when DOB or SEX changes). Placed-for-adoption rows merge on DATE_PLACED and
 * social worker episodes on SW_DECOM (the later return wins); OC3, UASC and AD1 keep one row per
 * child per collection year. carestat_dataset_903_write_episodes() writes the merged histories.
 */
#ifndef CARESTAT_SSDA903_H
#define CARESTAT_SSDA903_H

#include "carestat/common.h"
#include "carestat/dataset.h"

/** @defgroup ssda903 SSDA903 returns
 *  @{ */

/** Version of #carestat_903_options this header describes. */
#define CARESTAT_903_OPTIONS_VERSION 1

/** Options for carestat_dataset_load_903(). Initialise with carestat_903_options_init(). */
typedef struct carestat_903_options {
    unsigned version;     /**< #CARESTAT_903_OPTIONS_VERSION. */
    const char *org_code; /**< Organisation of every row (GSS code, DfE 3-digit code, name or a user
                               code), or NULL (default) to take it from an @c LA column or the folder
                               name. Borrowed for the duration of the call. */
    int collection_year;  /**< Collection year of every file (e.g. 2025 for 2024-25), or 0 (default)
                               to take it from a @c YEAR column or infer it. */
} carestat_903_options;

/** What carestat_dataset_903_count() counts. */
typedef enum carestat_903_count_kind {
    CARESTAT_903_ORGS = 0,        /**< Organisations with SSDA903 records. */
    CARESTAT_903_CHILDREN = 1,    /**< Distinct children (per organisation, summed). */
    CARESTAT_903_EPISODES = 2,    /**< Episodes in the merged histories. */
    CARESTAT_903_HEADERS = 3,     /**< Children with a Header record. */
    CARESTAT_903_OC3 = 4,         /**< OC3 care-leaver records (one per child per year). */
    CARESTAT_903_UASC = 5,        /**< UASC records. */
    CARESTAT_903_AD1 = 6,         /**< AD1 records. */
    CARESTAT_903_PLACED_ADOPTION = 7, /**< PlacedAdoption records. */
    CARESTAT_903_SW_EPISODES = 8, /**< Social worker episodes. */
    CARESTAT_903_MERGED_DUPLICATES = 9, /**< Episode rows repeated in several returns, merged into one. */
    CARESTAT_903_SUPERSEDED = 10  /**< Earlier-return episodes dropped because a later return rewrote the history. */
} carestat_903_count_kind;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill @p opts with the defaults (organisation and collection year inferred).
 * @param[out] opts options to initialise.
 * @param version #CARESTAT_903_OPTIONS_VERSION.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p opts is NULL, #CARESTAT_EUNSUPPORTED for an unknown version.
 */
CARESTAT_API int carestat_903_options_init(carestat_903_options *opts, unsigned version);

/**
 * @brief Read SSDA903 files and folders into a dataset, validate them and merge them with what the
 *        dataset already holds.
 *
 * Each path is a folder (every @c .csv file in it, not recursive, in name order; other files are
 * skipped with a note) or a file. Problems become diagnostics (carestat_dataset_diagnostics());
 * each file read adds one load summary.
 * @param ds the dataset (mutated: loading is not thread-safe).
 * @param paths @p npaths paths.
 * @param npaths number of paths (at least 1).
 * @param opts options, or NULL for the defaults.
 * @return #CARESTAT_OK (also when rows had errors in KEEP or DROP mode); #CARESTAT_EINVAL (NULL
 *         arguments, @p npaths 0, a collection year outside 1990..2100); #CARESTAT_EUNSUPPORTED
 *         (options version); #CARESTAT_EIO (a path cannot be read); #CARESTAT_ELIMIT (a CSV limit of
 *         the dataset options); #CARESTAT_EPARSE (STOP mode and an error was found); #CARESTAT_ENOMEM.
 *         On failure nothing from this call is kept, the diagnostics say why and
 *         carestat_dataset_errmsg() names the file and line.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_dataset_load_903(carestat_dataset *ds, const char *const *paths,
                                                              size_t npaths, const carestat_903_options *opts);

/**
 * @brief Number of SSDA903 records of a kind held by the dataset (after merging).
 * @param ds the dataset (NULL counts as empty).
 * @param kind what to count.
 * @return the count; 0 if nothing was loaded or @p kind is not a #carestat_903_count_kind.
 */
CARESTAT_API uint64_t carestat_dataset_903_count(const carestat_dataset *ds, carestat_903_count_kind kind);

/**
 * @brief Code of the @p index-th organisation with SSDA903 records (organisations are in code order).
 * @param[out] code receives the organisation's code, borrowed from the dataset (valid until it is freed
 *             or loaded into again).
 * @param ds the dataset.
 * @param index 0 .. carestat_dataset_903_count(ds, #CARESTAT_903_ORGS) - 1.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL), #CARESTAT_ERANGE (index out of range or nothing loaded).
 */
CARESTAT_API int carestat_dataset_903_org(const char **code, const carestat_dataset *ds, size_t index);

/**
 * @brief Records of a kind held for one organisation.
 * @param[out] count receives the count.
 * @param ds the dataset.
 * @param index organisation index (see carestat_dataset_903_org()).
 * @param kind what to count (#CARESTAT_903_ORGS gives 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL or bad @p kind), #CARESTAT_ERANGE (index).
 */
CARESTAT_API int carestat_dataset_903_org_count(uint64_t *count, const carestat_dataset *ds, size_t index,
                                                carestat_903_count_kind kind);

/**
 * @brief Collection years loaded for one organisation.
 * @param[out] first earliest collection year (0 if no year is known, e.g. a longitudinal file); may be NULL.
 * @param[out] last latest collection year (0 if none known); may be NULL.
 * @param ds the dataset.
 * @param index organisation index.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dataset_903_org_years(int *first, int *last, const carestat_dataset *ds, size_t index);

/**
 * @brief Whether a code is valid for an SSDA903 field in a collection year.
 * @param field field name, e.g. "PLACE", "LS", "RNE", "REC", "SEX", "ACCOM" (case-insensitive).
 * @param code the code, e.g. "K3".
 * @param year collection year (2025 = 2024-25), or 0 for "valid in any year".
 * @return 1 valid, 0 not valid (unknown code or wrong year), #CARESTAT_EINVAL for NULL or an unknown field.
 */
CARESTAT_API int carestat_903_code_valid(const char *field, const char *code, int year);

/**
 * @brief Write the merged episode histories as one CSV file (a longitudinal episodes file).
 *
 * Columns: the 13 Episodes columns (dates as dd/mm/yyyy) then @c LA (organisation code) and @c YEAR
 * (collection year of the version kept, blank if unknown); rows in (organisation, child, DECOM) order.
 * Loading the file again gives the same histories.
 * @param ds the dataset.
 * @param path file to create or replace.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL), #CARESTAT_ENOTFOUND (no SSDA903 data), #CARESTAT_EIO,
 *         #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_903_write_episodes(const carestat_dataset *ds, const char *path);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
