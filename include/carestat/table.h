/**
 * @file carestat/table.h
 * @brief The observation table: the one shape everything computed or read ends up in.
 *
 * One observation is (organisation, period, indicator, numerator, denominator, value, lower,
 * upper, flags, source). Missing numbers are NaN. Counts carry the count as @c value and
 * @c numerator with a NaN denominator; percentages are 0-100; rates are per 10,000 unless the
 * indicator says otherwise. The source is @c "computed" for values the library computed, or the
 * publication edition a published value came from (e.g. @c "2025").
 */
#ifndef CARESTAT_TABLE_H
#define CARESTAT_TABLE_H

#include "carestat/common.h"
#include "carestat/date.h"

/** @defgroup table Observation table
 *  @{ */

/** Flags on an observation (bit set). The DfE symbols are kept as flags, never as zero. */
typedef enum carestat_flag {
    CARESTAT_FLAG_SUPPRESSED = 1u << 0,     /**< "c": suppressed to protect confidentiality. */
    CARESTAT_FLAG_NOT_AVAILABLE = 1u << 1,  /**< "x": not available. */
    CARESTAT_FLAG_NOT_APPLICABLE = 1u << 2, /**< "z": not applicable. */
    CARESTAT_FLAG_ROUNDS_TO_ZERO = 1u << 3, /**< "k": rounds to zero but is not zero. */
    CARESTAT_FLAG_UNRELIABLE = 1u << 4,     /**< "u": low reliability. */
    CARESTAT_FLAG_LOW = 1u << 5,            /**< "low": a small positive value DfE does not show. */
    CARESTAT_FLAG_COMBINED = 1u << 6,       /**< "combined": summed over several organisations. */
    CARESTAT_FLAG_NO_INTERVAL = 1u << 7,    /**< "noci": no interval could be computed. */
    CARESTAT_FLAG_REVISED = 1u << 8         /**< "revised": differs from an earlier edition. */
} carestat_flag;

/** One observation. Strings are borrowed from the table that holds it. */
typedef struct carestat_observation {
    const char *org_code;       /**< GSS code for known organisations, else the user's code. */
    const char *org_name;       /**< Organisation name ("" if unknown). */
    carestat_date period_start; /**< First day of the period. */
    carestat_date period_end;   /**< Last day of the period (31 March N for year N). */
    const char *indicator;      /**< Indicator id, e.g. "cla.starts.rate". */
    double numerator;           /**< Numerator (the count for counts); NaN if none. */
    double denominator;         /**< Denominator; NaN if none. */
    double value;               /**< The value; NaN if suppressed or not available. */
    double lower;               /**< Lower confidence limit; NaN if none. */
    double upper;               /**< Upper confidence limit; NaN if none. */
    uint32_t flags;             /**< Bit set of #carestat_flag. */
    const char *source;         /**< "computed" or the publication edition; "" if unknown. */
} carestat_observation;

/** Numeric columns for carestat_table_column_double(). */
typedef enum carestat_column {
    CARESTAT_COL_NUMERATOR = 0,   /**< numerator */
    CARESTAT_COL_DENOMINATOR = 1, /**< denominator */
    CARESTAT_COL_VALUE = 2,       /**< value */
    CARESTAT_COL_LOWER = 3,       /**< lower */
    CARESTAT_COL_UPPER = 4        /**< upper */
} carestat_column;

/** A table of observations. */
typedef struct carestat_table carestat_table;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Create an empty table.
 * @param[out] out the table; the caller owns it (carestat_table_free()).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_table_new(carestat_table **out);

/**
 * @brief Free a table and its strings.
 * @param table the table; NULL does nothing.
 */
CARESTAT_API void carestat_table_free(carestat_table *table);

/**
 * @brief Append a copy of an observation (strings are copied into the table).
 * @param table the table.
 * @param obs the observation; NULL strings are stored as "".
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM (the table is unchanged on failure).
 */
CARESTAT_API int carestat_table_append(carestat_table *table, const carestat_observation *obs);

/**
 * @brief Append copies of every observation of another table.
 * @param dst destination.
 * @param src source (may be the same table: its rows are then doubled).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM (@p dst is unchanged on failure).
 */
CARESTAT_API int carestat_table_append_table(carestat_table *dst, const carestat_table *src);

/**
 * @brief Number of observations.
 * @param table the table (NULL counts as empty).
 * @return the count.
 */
CARESTAT_API size_t carestat_table_count(const carestat_table *table);

/**
 * @brief Read one observation.
 * @param[out] out receives the observation; its strings are borrowed from the table and live
 *             until the table is freed or appended to.
 * @param table the table.
 * @param index 0-based row.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE if @p index is past the end.
 */
CARESTAT_API int carestat_table_get(carestat_observation *out, const carestat_table *table, size_t index);

/**
 * @brief Copy a numeric column into a caller buffer (e.g. a numpy array).
 * @param[out] buf receives min(count, @p cap) values.
 * @param cap capacity of @p buf in elements.
 * @param table the table.
 * @param column which column.
 * @return number of rows in the table (>= 0; compare with @p cap to detect truncation),
 *         or #CARESTAT_EINVAL for a NULL table, NULL buffer with cap > 0, or unknown column.
 */
CARESTAT_API int64_t carestat_table_column_double(double *buf, size_t cap, const carestat_table *table,
                                                  carestat_column column);

/**
 * @brief Copy the period start (@p which_end = 0) or end (@p which_end = 1) dates into a buffer.
 * @param[out] buf receives min(count, @p cap) dates.
 * @param cap capacity of @p buf in elements.
 * @param table the table.
 * @param which_end 0 for period_start, 1 for period_end.
 * @return number of rows, or #CARESTAT_EINVAL.
 */
CARESTAT_API int64_t carestat_table_column_date(carestat_date *buf, size_t cap, const carestat_table *table,
                                                int which_end);

/**
 * @brief Copy the flags column into a buffer.
 * @param[out] buf receives min(count, @p cap) flag sets.
 * @param cap capacity of @p buf in elements.
 * @param table the table.
 * @return number of rows, or #CARESTAT_EINVAL.
 */
CARESTAT_API int64_t carestat_table_column_flags(uint32_t *buf, size_t cap, const carestat_table *table);

/**
 * @brief New table with the rows matching an organisation and/or an indicator.
 * @param[out] out the new table (caller owns it).
 * @param table the source table.
 * @param org_code organisation code to keep, or NULL for all.
 * @param indicator indicator id to keep, or NULL for all.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_table_filter(carestat_table **out, const carestat_table *table,
                                                          const char *org_code, const char *indicator);

/**
 * @brief Time series of one indicator for one organisation, sorted by period end.
 *
 * Where several rows share a period end (e.g. two editions of a published value), the last one
 * appended is kept, so load older editions first.
 * @param[out] out the new table (caller owns it).
 * @param table the source table.
 * @param org_code organisation code.
 * @param indicator indicator id.
 * @return #CARESTAT_OK (possibly an empty table), #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_table_series(carestat_table **out, const carestat_table *table,
                                                          const char *org_code, const char *indicator);

/**
 * @brief Sort in place by organisation code, indicator, period end, then source (stable).
 * @param table the table.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_table_sort(carestat_table *table);

/**
 * @brief Text of a flag set: the symbols joined by ';' (e.g. "c;combined"), "" for none.
 * @param[out] buf output, always NUL-terminated when @p cap > 0.
 * @param cap its capacity (64 is always enough).
 * @param flags the flag set.
 * @return the length the full text needs, or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_flags_format(char *buf, size_t cap, uint32_t flags);

/**
 * @brief Parse one DfE symbol or flag name ("c", "x", "z", "k", "u", "low", "combined", ...).
 * @param[out] out the flag bit.
 * @param text the symbol (case-sensitive, surrounding spaces ignored).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND if it is not a known symbol.
 */
CARESTAT_API int carestat_flag_parse(uint32_t *out, const char *text);

/**
 * @brief Write the table as CSV with the header
 * @c org_code,org_name,period_start,period_end,indicator,numerator,denominator,value,lower,upper,flags.
 *
 * Dates are ISO; missing numbers are empty; flags as carestat_flags_format().
 * @param table the table.
 * @param path output file (overwritten).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EIO, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_table_write_csv(const carestat_table *table, const char *path);

/**
 * @brief The table as CSV text (same format as carestat_table_write_csv()).
 * @param[out] out NUL-terminated text; free with carestat_free().
 * @param[out] len its length without the NUL; may be NULL.
 * @param table the table.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_table_to_csv(char **out, size_t *len, const carestat_table *table);

/**
 * @brief Write the table as a JSON array of objects (keys as the CSV columns plus "source";
 * missing numbers are null; flags is an array of symbols).
 * @param table the table.
 * @param path output file (overwritten).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EIO, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_table_write_json(const carestat_table *table, const char *path);

/**
 * @brief The table as JSON text (same format as carestat_table_write_json()).
 * @param[out] out NUL-terminated text; free with carestat_free().
 * @param[out] len its length without the NUL; may be NULL.
 * @param table the table.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_table_to_json(char **out, size_t *len, const carestat_table *table);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
