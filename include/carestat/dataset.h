/**
 * @file carestat/dataset.h
 * @brief The dataset handle: everything loaded for a computation, its diagnostics and load counts.
 *
 * A dataset holds SSDA903 returns, workforce records, population denominators, inspections,
 * published observations, statistical neighbours and user-defined organisations. Loaders live in
 * the module headers (ssda903.h, workforce.h, population.h, inspection.h, published.h, org.h).
 * Loading mutates the dataset; once loading is finished it is only read, and reading functions
 * (including carestat_compute()) may then run on several threads at once.
 */
#ifndef CARESTAT_DATASET_H
#define CARESTAT_DATASET_H

#include "carestat/common.h"
#include "carestat/diag.h"

/** @defgroup dataset Dataset
 *  @{ */

/** What a loader does with a row that has an error. */
typedef enum carestat_error_mode {
    CARESTAT_ROWS_KEEP = 0, /**< Keep the row, bad values as unknown (default): nothing is lost. */
    CARESTAT_ROWS_DROP = 1, /**< Drop the row and count it as rejected. */
    CARESTAT_ROWS_STOP = 2  /**< Stop the load at the first error (the load returns #CARESTAT_EPARSE). */
} carestat_error_mode;

/** Version of #carestat_dataset_options this header describes. */
#define CARESTAT_DATASET_OPTIONS_VERSION 1

/** Options for carestat_dataset_new(). Initialise with carestat_dataset_options_init(). */
typedef struct carestat_dataset_options {
    unsigned version;          /**< #CARESTAT_DATASET_OPTIONS_VERSION. */
    carestat_error_mode error_mode; /**< Rows with errors: keep (default), drop or stop. */
    size_t max_field_bytes;    /**< Longest CSV field accepted (default 65536); longer is #CARESTAT_ELIMIT. */
    size_t max_columns;        /**< Most fields in one CSV row (default 4096). */
    uint64_t max_rows;         /**< Most data rows in one file (default 50,000,000). */
    size_t max_diagnostics;    /**< Diagnostics kept before the rest are only counted (default 100,000). */
} carestat_dataset_options;

/** Row counts of one load of one table: read = accepted + rejected, always. */
typedef struct carestat_load_summary {
    const char *source;  /**< File the rows came from. Borrowed from the dataset. */
    const char *table;   /**< Table name, e.g. "episodes", "header", "workforce", "population". */
    uint64_t rows_read;     /**< Data rows read (header row excluded, blank lines excluded). */
    uint64_t rows_accepted; /**< Rows stored. */
    uint64_t rows_rejected; /**< Rows not stored (each has at least one diagnostic). */
} carestat_load_summary;

/** Opaque dataset handle. */
typedef struct carestat_dataset carestat_dataset;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill @p opts with the defaults.
 * @param[out] opts options to initialise.
 * @param version #CARESTAT_DATASET_OPTIONS_VERSION.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p opts is NULL, #CARESTAT_EUNSUPPORTED for an unknown version.
 */
CARESTAT_API int carestat_dataset_options_init(carestat_dataset_options *opts, unsigned version);

/**
 * @brief Create an empty dataset.
 * @param[out] out the dataset; caller owns it (carestat_dataset_free()).
 * @param opts options, or NULL for the defaults.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EUNSUPPORTED (options version), #CARESTAT_ENOMEM.
 */
CARESTAT_API CARESTAT_NODISCARD int carestat_dataset_new(carestat_dataset **out,
                                                         const carestat_dataset_options *opts);

/**
 * @brief Free a dataset and everything loaded into it.
 * @param ds the dataset; NULL does nothing.
 */
CARESTAT_API void carestat_dataset_free(carestat_dataset *ds);

/**
 * @brief The detailed message of the last failed call on this dataset (file, line, column where known).
 * @param ds the dataset.
 * @return text owned by the dataset, valid until the next call on it; "" if none; never NULL.
 */
CARESTAT_API const char *carestat_dataset_errmsg(const carestat_dataset *ds);

/**
 * @brief Diagnostics collected by every load so far.
 * @param ds the dataset.
 * @return the list, owned by the dataset; NULL only if @p ds is NULL.
 */
CARESTAT_API const carestat_diag_list *carestat_dataset_diagnostics(const carestat_dataset *ds);

/**
 * @brief Number of diagnostics that were not kept: #carestat_dataset_options.max_diagnostics was reached,
 * or there was no memory to store them.
 * @param ds the dataset.
 * @return the count (0 for NULL).
 */
CARESTAT_API uint64_t carestat_dataset_diagnostics_dropped(const carestat_dataset *ds);

/**
 * @brief Number of load summaries (one per table per file loaded).
 * @param ds the dataset.
 * @return the count (0 for NULL).
 */
CARESTAT_API size_t carestat_dataset_load_summary_count(const carestat_dataset *ds);

/**
 * @brief Read one load summary.
 * @param[out] out receives it; strings are borrowed from the dataset.
 * @param ds the dataset.
 * @param index 0-based.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dataset_load_summary(carestat_load_summary *out, const carestat_dataset *ds,
                                               size_t index);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
