/**
 * @file carestat/org.h
 * @brief Organisations: councils, children's services trusts, regions, England; lineage and neighbours.
 *
 * The canonical code of an organisation is its GSS code (e.g. @c E06000061) for organisations in
 * the built-in registry, or the code a user gave for organisations the user defines. Look-ups
 * accept the GSS code, the DfE 3-digit code (e.g. @c 940) or the exact name.
 */
#ifndef CARESTAT_ORG_H
#define CARESTAT_ORG_H

#include "carestat/common.h"
#include "carestat/dataset.h"
#include "carestat/date.h"

/** @defgroup org Organisations
 *  @{ */

/** Kind of organisation. */
typedef enum carestat_org_kind {
    CARESTAT_ORG_COUNCIL = 0, /**< A council with children's services responsibilities. */
    CARESTAT_ORG_TRUST = 1,   /**< A children's services trust delivering for one or more councils. */
    CARESTAT_ORG_REGION = 2,  /**< An English region. */
    CARESTAT_ORG_COUNTRY = 3  /**< England. */
} carestat_org_kind;

/** An organisation. Strings are owned by the registry or the dataset holding it. */
typedef struct carestat_org {
    const char *code;        /**< Canonical code: GSS code, or the user's code. */
    const char *la_code;     /**< DfE 3-digit code ("" if none). */
    const char *name;        /**< Name. */
    carestat_org_kind kind;  /**< Kind. */
    const char *region_code; /**< GSS code of its region ("" if none). */
    carestat_date start;     /**< First day it existed (#CARESTAT_DATE_NONE if before records). */
    carestat_date end;       /**< Last day it existed (#CARESTAT_DATE_NONE if it still exists). */
    int user_defined;        /**< 1 if added by the user, 0 if built in. */
} carestat_org;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Find an organisation in the built-in registry.
 * @param[out] out borrowed pointer into the static registry (never freed).
 * @param code_or_name GSS code, DfE 3-digit code or exact name (case-insensitive).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_org_find(const carestat_org **out, const char *code_or_name);

/**
 * @brief Find an organisation among the dataset's user-defined ones first, then the built-in registry.
 * @param[out] out borrowed pointer, valid as long as the dataset.
 * @param ds the dataset.
 * @param code_or_name GSS code, DfE 3-digit code, user code or exact name.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_dataset_org_find(const carestat_org **out, const carestat_dataset *ds,
                                           const char *code_or_name);

/**
 * @brief Add (or override) an organisation in a dataset: a user's own trust, a fictional council.
 * @param ds the dataset.
 * @param org the organisation (strings copied); @c code and @c name must be non-empty.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_org_add(carestat_dataset *ds, const carestat_org *org);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
