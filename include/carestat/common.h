/**
 * @file carestat/common.h
 * @brief Status codes, error text, export and attribute macros, allocator hooks.
 */
#ifndef CARESTAT_COMMON_H
#define CARESTAT_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** @defgroup common Common definitions
 *  @{ */

#if defined(CARESTAT_STATIC_DEFINE)
/** Marks a symbol exported from the shared library (empty for the static library). */
#  define CARESTAT_API
#elif defined(_WIN32)
#  ifdef CARESTAT_BUILDING
#    define CARESTAT_API __declspec(dllexport)
#  else
#    define CARESTAT_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define CARESTAT_API __attribute__((visibility("default")))
#else
#  define CARESTAT_API
#endif

#if defined(__GNUC__) || defined(__clang__)
/** The caller should not ignore the return value (a status or a new object). */
#  define CARESTAT_NODISCARD __attribute__((warn_unused_result))
/** The listed (1-based) pointer arguments must not be NULL. */
#  define CARESTAT_NONNULL(...) __attribute__((nonnull(__VA_ARGS__)))
/** printf-style format checking: argument @p f is the format, @p a the first value. */
#  define CARESTAT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define CARESTAT_NODISCARD
#  define CARESTAT_NONNULL(...)
#  define CARESTAT_PRINTF(f, a)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Status codes. Functions that can fail return @c int: #CARESTAT_OK or one of these
 * negative values. Handles keep a detailed message (file, line, column) beside the code.
 */
typedef enum carestat_status {
    CARESTAT_OK = 0,             /**< Success. */
    CARESTAT_ENOMEM = -1,        /**< Out of memory (an allocation failed). */
    CARESTAT_EINVAL = -2,        /**< Invalid argument (NULL, NaN, negative count, bad option). */
    CARESTAT_EIO = -3,           /**< Input/output error (cannot open, read or write a file). */
    CARESTAT_EPARSE = -4,        /**< Malformed input (bad CSV, bad date, missing column). */
    CARESTAT_ENOTFOUND = -5,     /**< No such item (organisation, indicator, column, file). */
    CARESTAT_ERANGE = -6,        /**< Value out of range (level outside [0.9, 1), index too big). */
    CARESTAT_EUNSUPPORTED = -7,  /**< Not supported (unknown file layout, method not applicable). */
    CARESTAT_ELIMIT = -8,        /**< A documented resource limit was exceeded (field length, rows). */
    CARESTAT_ESTATE = -9,        /**< Object in the wrong state (closed, not loaded, already loaded). */
    CARESTAT_EBUFFER = -10       /**< A caller-provided buffer is too small. */
} carestat_status;

/**
 * @brief Static English text for a status code.
 * @param code a #carestat_status value (any int is accepted).
 * @return static text owned by the library, never NULL ("unknown error" for unknown codes).
 */
CARESTAT_API const char *carestat_strerror(int code);

/**
 * @brief Symbolic name of a status code ("CARESTAT_ENOMEM"), for bindings and logs.
 * @param code a #carestat_status value.
 * @return static text, never NULL ("CARESTAT_UNKNOWN" for unknown codes).
 */
CARESTAT_API const char *carestat_status_name(int code);

/**
 * @brief Memory allocation hooks with a context pointer.
 *
 * Every allocation the library makes goes through these. All three must be set together.
 */
typedef struct carestat_allocator {
    void *(*malloc_fn)(void *ctx, size_t size);             /**< Like malloc(size). */
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size); /**< Like realloc(ptr, size). */
    void (*free_fn)(void *ctx, void *ptr);                  /**< Like free(ptr); must accept NULL. */
    void *ctx;                                              /**< Passed to every hook. */
} carestat_allocator;

/**
 * @brief Replace the library's allocator for the whole process.
 *
 * Call before creating any carestat object, and never while other threads use the library:
 * memory must be freed by the allocator that made it.
 * @param alloc the hooks (copied); NULL restores libc malloc/realloc/free.
 * @return #CARESTAT_OK, or #CARESTAT_EINVAL if some hook is NULL.
 */
CARESTAT_API int carestat_set_allocator(const carestat_allocator *alloc);

/**
 * @brief Free memory the library handed to the caller (strings from writers, for example).
 * @param ptr memory returned by a carestat function documented as "free with carestat_free";
 *            NULL is accepted and does nothing.
 */
CARESTAT_API void carestat_free(void *ptr);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
