/**
 * @file carestat/diag.h
 * @brief Diagnostics: what a reader found wrong, with file, line and column. Never silently dropped.
 */
#ifndef CARESTAT_DIAG_H
#define CARESTAT_DIAG_H

#include "carestat/common.h"

/** @defgroup diag Diagnostics
 *  @{ */

/** Severity of a diagnostic. */
typedef enum carestat_severity {
    CARESTAT_SEV_NOTE = 0,    /**< Information (e.g. a user-defined organisation was accepted). */
    CARESTAT_SEV_WARNING = 1, /**< Suspicious but used (e.g. collection year inferred differently). */
    CARESTAT_SEV_ERROR = 2,   /**< Wrong: a value or row was kept as unknown, or rejected. */
    CARESTAT_SEV_FATAL = 3    /**< The load stopped here. */
} carestat_severity;

/** One diagnostic. Strings are owned by the list and live until it is cleared or freed. */
typedef struct carestat_diag {
    carestat_severity severity; /**< How bad. */
    const char *source;         /**< File name (or a label such as "<memory>"); never NULL. */
    uint64_t line;              /**< 1-based line in the source; 0 if not about a line. */
    uint32_t column;            /**< 1-based column (field number) in that line; 0 if not about a field. */
    const char *code;           /**< Stable short code, e.g. "CSV_UNTERMINATED_QUOTE"; never NULL. */
    const char *message;        /**< Human-readable explanation; never NULL. */
} carestat_diag;

/** A growable list of diagnostics. */
typedef struct carestat_diag_list carestat_diag_list;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Create an empty list.
 * @param[out] out the new list; the caller owns it and frees it with carestat_diag_list_free().
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p out is NULL, #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_diag_list_new(carestat_diag_list **out);

/**
 * @brief Free a list and every string in it.
 * @param list the list; NULL does nothing.
 */
CARESTAT_API void carestat_diag_list_free(carestat_diag_list *list);

/**
 * @brief Number of diagnostics in the list.
 * @param list the list (NULL counts as empty).
 * @return the count.
 */
CARESTAT_API size_t carestat_diag_list_count(const carestat_diag_list *list);

/**
 * @brief Number of diagnostics at or above a severity.
 * @param list the list (NULL counts as empty).
 * @param min_severity the lowest severity counted.
 * @return the count.
 */
CARESTAT_API size_t carestat_diag_list_count_at_least(const carestat_diag_list *list,
                                                      carestat_severity min_severity);

/**
 * @brief Borrow the @p index-th diagnostic.
 * @param list the list.
 * @param index 0-based index.
 * @return a pointer owned by the list, valid until the list is cleared, appended to or freed;
 *         NULL if @p list is NULL or @p index is out of range.
 */
CARESTAT_API const carestat_diag *carestat_diag_list_get(const carestat_diag_list *list, size_t index);

/**
 * @brief Append a diagnostic (strings are copied).
 * @param list the list.
 * @param severity its severity.
 * @param source file name or label (NULL is stored as "").
 * @param line 1-based line, 0 if none.
 * @param column 1-based column, 0 if none.
 * @param code stable short code (NULL is stored as "").
 * @param fmt printf-style message format.
 * @param ... the values for @p fmt.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p list or @p fmt is NULL, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_diag_list_add(carestat_diag_list *list, carestat_severity severity,
                                        const char *source, uint64_t line, uint32_t column,
                                        const char *code, const char *fmt, ...) CARESTAT_PRINTF(7, 8);

/**
 * @brief Remove every diagnostic.
 * @param list the list; NULL does nothing.
 */
CARESTAT_API void carestat_diag_list_clear(carestat_diag_list *list);

/**
 * @brief Name of a severity: "note", "warning", "error" or "fatal".
 * @param severity a severity.
 * @return static text; "unknown" for values outside the enum.
 */
CARESTAT_API const char *carestat_severity_name(carestat_severity severity);

/**
 * @brief Format a diagnostic as @c file:line:column: severity: code: message.
 *
 * Line and column are left out when they are 0 (@c file: severity: code: message).
 * The output is always NUL-terminated when @p cap > 0, truncated if needed.
 * @param[out] buf output buffer.
 * @param cap its capacity.
 * @param diag the diagnostic.
 * @return the length the full text needs (excluding the NUL), like snprintf; negative
 *         #CARESTAT_EINVAL if @p diag is NULL or @p buf is NULL with @p cap > 0.
 */
CARESTAT_API int carestat_diag_format(char *buf, size_t cap, const carestat_diag *diag);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
