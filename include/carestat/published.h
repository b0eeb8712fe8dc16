/**
 * @file carestat/published.h
 * @brief DfE published statistics (explore-education-statistics CSVs) read into observations.
 *
 * A published file becomes rows of the observation table (table.h): one observation per
 * (organisation, reporting year, indicator), with the numerator and denominator where the file
 * has them, the value as published (rates and percentages are not recomputed) and the
 * publication edition the caller names as @c source.
 *
 * Which columns make which indicator is described by a mapping (#carestat_published_measure).
 * The library has a built-in mapping for every known file (docs/published.md lists them); a
 * file it does not know is described by a small mapping file (#carestat_published_options.mapping_path)
 * or by a mapping struct, without recompiling.
 *
 * Rules the reader applies to every file:
 * - A UTF-8 byte-order mark is skipped; column names match case-insensitively, and renames between
 *   editions are aliases in the mapping (e.g. @c children_count|number).
 * - The DfE symbols @c c, @c x, @c z, @c k, @c u and @c low (and @c .. in old files) become flags
 *   (#carestat_flag) with a NaN value, never zero.
 * - National rows get the code E92000001, regional rows their region's GSS code (E12...), council
 *   rows their GSS code (@c new_la_code; when it is empty, the 3-digit @c old_la_code is resolved
 *   through the organisation registry).
 * - A combined row such as @c "940 / 941" or @c "E06000061 / E06000062" becomes one observation
 *   flagged #CARESTAT_FLAG_COMBINED whose org_code is the member GSS codes sorted and joined by
 *   @c "+" (e.g. @c "E06000061+E06000062"); carestat_published_combined_members() splits it again.
 * - Period: the year ending 31 March N for children-in-care tables, the census year ending
 *   30 September N for workforce tables (the measure says which). @c time_period is @c 2025 or
 *   @c 202425 (both mean N = 2025).
 * - Old wide SFR files (2010-2017, @c geog_l/@c geog_c/@c geog_n columns) have no @c time_period:
 *   the year is #carestat_published_options.year or the leading four digits of the file name.
 */
#ifndef CARESTAT_PUBLISHED_H
#define CARESTAT_PUBLISHED_H

#include "carestat/common.h"
#include "carestat/dataset.h"
#include "carestat/diag.h"
#include "carestat/indicator.h"
#include "carestat/table.h"

/** @defgroup published Published statistics
 *  @{ */

/**
 * @brief One indicator in a published file: which rows and columns make it.
 *
 * Column names accept '|'-separated aliases (the first that exists in the file is used) and a
 * trailing '*' matches any suffix (e.g. @c CLA_Mar*). Filter values accept '|'-separated
 * alternatives, matched case-insensitively after trimming spaces, and a trailing '*' for a prefix.
 */
typedef struct carestat_published_measure {
    const char *indicator;          /**< Indicator id produced, e.g. "cla.looked_after.rate". */
    carestat_unit unit;             /**< Unit of the value (count, percent, rate per 10,000, ...). */
    int period_kind;                /**< 0 = year ending 31 March, 1 = census year ending 30 September. */
    const char *filter_column;      /**< Rows must have this column equal to #filter_value (NULL: no filter). */
    const char *filter_value;       /**< Accepted values of #filter_column. */
    const char *filter2_column;     /**< A second filter column (NULL: none). */
    const char *filter2_value;      /**< Accepted values of #filter2_column for the numerator row. */
    const char *count_column;       /**< Column of the count (the numerator); NULL if none. */
    const char *value_column;       /**< Column of the published value; NULL: the value is the count (counts,
                                         FTE) or worked out from count and denominator (percent x 100,
                                         rate x 10,000, others x 1; unrounded). */
    const char *denominator_column; /**< Column(s) of the denominator in the same row, '+' to add several
                                         (e.g. "agency_fte+inpost_fte"); NULL if none. */
    const char *denominator_row;    /**< When the denominator is another row (a "Total" row): the value
                                         of #filter2_column on that row; its #count_column is the
                                         denominator. NULL if none. */
    double denominator_scale;       /**< Multiply the denominator by this (0 means 1); -1 means the working
                                         days of the census year (253, or 254 when it contains 29 February). */
} carestat_published_measure;

/** Version of #carestat_published_options this header describes. */
#define CARESTAT_PUBLISHED_OPTIONS_VERSION 1

/** Options for reading a published file. Initialise with carestat_published_options_init(). */
typedef struct carestat_published_options {
    unsigned version;        /**< #CARESTAT_PUBLISHED_OPTIONS_VERSION. */
    const char *edition;     /**< Edition label stored as each observation's source (e.g. "2025");
                                  NULL or "" for the latest year in the file. */
    int year;                /**< Reporting year for files without @c time_period (old SFR files);
                                  0 to take the leading four digits of the file name. */
    const carestat_published_measure *measures; /**< A caller's mapping (NULL: built in or file). */
    size_t n_measures;       /**< Number of entries in #measures. */
    const char *mapping_path; /**< A mapping file (format in docs/published.md); used when #measures is NULL. */
} carestat_published_options;

/** One revision of a published value between two editions. Strings are borrowed from the list. */
typedef struct carestat_revision {
    const char *org_code;     /**< Organisation code. */
    const char *org_name;     /**< Organisation name (as in the newer edition). */
    const char *indicator;    /**< Indicator id. */
    carestat_date period_end; /**< End of the period revised. */
    double old_value;         /**< Value in the older edition (NaN if suppressed). */
    double new_value;         /**< Value in the newer edition (NaN if suppressed). */
    double change;            /**< new_value - old_value (NaN if either is NaN). */
    double old_denominator;   /**< Denominator in the older edition (NaN if none). */
    double new_denominator;   /**< Denominator in the newer edition (NaN if none). */
    uint32_t old_flags;       /**< Flags in the older edition. */
    uint32_t new_flags;       /**< Flags in the newer edition. */
    const char *old_source;   /**< Older edition label. */
    const char *new_source;   /**< Newer edition label. */
    int changed;              /**< 1 if the value, denominator or flags differ. */
} carestat_revision;

/** A list of revisions (opaque). */
typedef struct carestat_revisions carestat_revisions;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill @p opts with the defaults (edition from the file, built-in mapping).
 * @param[out] opts the options.
 * @param version #CARESTAT_PUBLISHED_OPTIONS_VERSION.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL), #CARESTAT_EUNSUPPORTED (other version).
 */
CARESTAT_API int carestat_published_options_init(carestat_published_options *opts, unsigned version);

/**
 * @brief Read a published file into a new observation table (no dataset needed).
 *
 * Organisation codes are resolved with the built-in registry only (see carestat_dataset_load_published()
 * for user-defined organisations).
 * @param[out] out the new table (caller owns it, carestat_table_free()); NULL on failure.
 * @param path the CSV file.
 * @param opts options, or NULL for the defaults.
 * @param diags list that receives the diagnostics (may be NULL: then they are not kept).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EIO (cannot open), #CARESTAT_EPARSE (no geography
 *         columns, no year), #CARESTAT_EUNSUPPORTED (no measure of the mapping fits the file's columns),
 *         #CARESTAT_ELIMIT, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_published_read(carestat_table **out, const char *path,
                                                            const carestat_published_options *opts,
                                                            carestat_diag_list *diags);

/**
 * @brief Read a published file into the dataset (added to the observations loaded before).
 *
 * Diagnostics go to the dataset's list, and a load summary (table "published") records rows
 * read = accepted + rejected. Rows that no measure uses (other breakdowns) are accepted and
 * counted in one note (PUB_ROWS_UNUSED). The dataset's error mode applies to rows with an error
 * (a bad number, an unknown organisation or period): KEEP keeps the row with the bad value as "x"
 * (rows without a usable organisation or period are rejected), DROP rejects the row, STOP fails the
 * load with #CARESTAT_EPARSE. A failed load leaves the dataset's observations unchanged.
 * @param ds the dataset.
 * @param path the CSV file.
 * @param opts options, or NULL for the defaults.
 * @return as carestat_published_read(), and #CARESTAT_EPARSE in STOP mode; the detailed message is
 *         in carestat_dataset_errmsg().
 */
CARESTAT_API int carestat_dataset_load_published(carestat_dataset *ds, const char *path,
                                                 const carestat_published_options *opts);

/**
 * @brief The published observations loaded into a dataset, in load order.
 * @param ds the dataset.
 * @return a table owned by the dataset (do not free; valid until the next load), or NULL if
 *         nothing was loaded or @p ds is NULL.
 */
CARESTAT_API const carestat_table *carestat_dataset_published(const carestat_dataset *ds);

/**
 * @brief Copy the published observations of a dataset into a new table.
 * @param[out] out the new table (caller owns it); empty if nothing was loaded.
 * @param ds the dataset.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_dataset_published_copy(carestat_table **out,
                                                                    const carestat_dataset *ds);

/**
 * @brief Number of measures in the built-in mapping (all known files).
 * @return the count.
 */
CARESTAT_API size_t carestat_published_builtin_count(void);

/**
 * @brief One measure of the built-in mapping.
 * @param index 0-based (< carestat_published_builtin_count()).
 * @return a pointer to static data, or NULL if out of range.
 */
CARESTAT_API const carestat_published_measure *carestat_published_builtin(size_t index);

/**
 * @brief The file family a built-in measure belongs to (e.g. "cla_number_and_rate").
 * @param index 0-based.
 * @return static text, or NULL if out of range.
 */
CARESTAT_API const char *carestat_published_builtin_family(size_t index);

/**
 * @brief Member codes of a combined organisation code ("E06000061+E06000062").
 * @param[out] codes receives up to @p cap pointers into @p buf.
 * @param cap capacity of @p codes.
 * @param[out] buf scratch text holding the codes (NUL-separated).
 * @param bufcap its capacity (strlen(combined) + 1 is enough).
 * @param combined the code.
 * @return the number of members (1 for an ordinary code; may exceed @p cap), #CARESTAT_EINVAL,
 *         #CARESTAT_EBUFFER if @p buf is too small.
 */
CARESTAT_API int carestat_published_combined_members(const char **codes, size_t cap, char *buf, size_t bufcap,
                                                     const char *combined);

/**
 * @brief Compare two editions: for every (organisation, indicator, period) present in both tables,
 * one revision (changed or not), sorted by organisation, indicator and period.
 * @param[out] out the list (caller owns it, carestat_revisions_free()).
 * @param older observations of the older edition.
 * @param newer observations of the newer edition.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_published_revisions(carestat_revisions **out,
                                                                 const carestat_table *older,
                                                                 const carestat_table *newer);

/**
 * @brief Number of revisions in a list.
 * @param revs the list (NULL counts as empty).
 * @return the count.
 */
CARESTAT_API size_t carestat_revisions_count(const carestat_revisions *revs);

/**
 * @brief Number of revisions whose value, denominator or flags changed.
 * @param revs the list (NULL counts as empty).
 * @return the count.
 */
CARESTAT_API size_t carestat_revisions_changed_count(const carestat_revisions *revs);

/**
 * @brief Read one revision.
 * @param[out] out receives it; strings are borrowed from the list.
 * @param revs the list.
 * @param index 0-based.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_revisions_get(carestat_revision *out, const carestat_revisions *revs, size_t index);

/**
 * @brief Find the revision of one (organisation, indicator, reporting year ending 31 March or 30 September).
 * @param[out] out receives it; strings are borrowed from the list.
 * @param revs the list.
 * @param org_code organisation code.
 * @param indicator indicator id.
 * @param year the year of the period end.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_revisions_find(carestat_revision *out, const carestat_revisions *revs,
                                         const char *org_code, const char *indicator, int year);

/**
 * @brief The revisions as CSV text, header
 * @c org_code,org_name,indicator,period_end,old_source,old_value,old_denominator,old_flags,new_source,new_value,new_denominator,new_flags,change.
 * @param[out] out NUL-terminated text; free with carestat_free().
 * @param[out] len its length without the NUL; may be NULL.
 * @param revs the list.
 * @param changed_only 1 to write only the revisions that changed.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_revisions_to_csv(char **out, size_t *len,
                                                              const carestat_revisions *revs, int changed_only);

/**
 * @brief Free a revision list.
 * @param revs the list; NULL does nothing.
 */
CARESTAT_API void carestat_revisions_free(carestat_revisions *revs);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
