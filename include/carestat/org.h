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

/** Kind of a lineage link between a former and a later organisation. */
typedef enum carestat_lineage_kind {
    CARESTAT_LINK_RENAME = 0, /**< Same area, new code (e.g. Buckinghamshire E10000002 -> E06000060, 2020). */
    CARESTAT_LINK_MERGE = 1,  /**< The whole predecessor went into a successor that also took other areas
                                   (Bournemouth -> Bournemouth, Christchurch and Poole, 2019). */
    CARESTAT_LINK_SPLIT = 2,  /**< The predecessor's area was divided; this successor took one piece
                                   (Northamptonshire -> North Northamptonshire, 2021). */
    CARESTAT_LINK_PART = 3    /**< A minor piece of the predecessor moved to the successor
                                   (Christchurch: Dorset County Council -> BCP, 2019). */
} carestat_lineage_kind;

/** A predecessor/successor link. Strings are owned by the registry or the dataset. */
typedef struct carestat_lineage_link {
    const char *from_code;      /**< Code of the predecessor. */
    const char *to_code;        /**< Code of the successor. */
    carestat_date date;         /**< First day of the successor (the change took effect that day). */
    carestat_lineage_kind kind; /**< What happened. */
} carestat_lineage_link;

/** A trust delivering children's services for a council over a period. */
typedef struct carestat_trust_delivery {
    const char *trust_code;   /**< Code of the trust. */
    const char *council_code; /**< Code of the council. */
    carestat_date start;      /**< First day (#CARESTAT_DATE_NONE: since before records). */
    carestat_date end;        /**< Last day (#CARESTAT_DATE_NONE: still delivering). */
} carestat_trust_delivery;

/** Bits reported by carestat_dataset_org_expand() about the set of councils it returned. */
typedef enum carestat_expand_flag {
    CARESTAT_EXPAND_TRUST = 1u << 0,     /**< The code was a trust: its councils at the date were used. */
    CARESTAT_EXPAND_LINEAGE = 1u << 1,   /**< Predecessors or successors were used (the org did not exist then). */
    CARESTAT_EXPAND_WIDER = 1u << 2,     /**< The councils cover a larger area than the org (e.g. a split
                                              predecessor standing in for one of its successors). */
    CARESTAT_EXPAND_NARROWER = 1u << 3,  /**< The councils cover a smaller area (a minor part moved elsewhere). */
    CARESTAT_EXPAND_AGGREGATE = 1u << 4  /**< The code was a region or England: its councils at the date. */
} carestat_expand_flag;

/** One statistical neighbour of an organisation. */
typedef struct carestat_neighbour {
    const carestat_org *org; /**< The neighbour (borrowed from the registry or the dataset). */
    int rank;                /**< 1 = closest. */
    const char *closeness;   /**< DfE's closeness band, e.g. "Very close" ("" if none). Borrowed. */
} carestat_neighbour;

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
 * @param ds the dataset (NULL: the built-in registry only).
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


/**
 * @brief Text for an organisation kind: "council", "trust", "region", "country".
 * @param kind the kind.
 * @return static text; "unknown" for a value outside the enum.
 */
CARESTAT_API const char *carestat_org_kind_name(carestat_org_kind kind);

/**
 * @brief Text for a lineage kind: "rename", "merge", "split", "part".
 * @param kind the kind.
 * @return static text; "unknown" for a value outside the enum.
 */
CARESTAT_API const char *carestat_lineage_kind_name(carestat_lineage_kind kind);

/**
 * @brief Text for one #carestat_expand_flag bit: "trust", "lineage", "wider", "narrower", "aggregate".
 * @param flag one bit.
 * @return static text; "unknown" for anything else (0, several bits, an unknown bit).
 */
CARESTAT_API const char *carestat_expand_flag_name(carestat_expand_flag flag);

/**
 * @brief Find an organisation in the built-in registry, preferring the one that existed on a date.
 *
 * A GSS code names one organisation whatever the date. A DfE 3-digit code or a name can belong to
 * several (e.g. @c 825 was Buckinghamshire County Council E10000002 until 31 March 2020 and is
 * Buckinghamshire Council E06000060 since): the one that existed on @p at wins, then the one that
 * still exists, then the one that ended last.
 * @param[out] out borrowed pointer into the static registry (never freed).
 * @param code_or_name GSS code, DfE 3-digit code or exact name (case-insensitive; a few other
 *        spellings used by Ofsted, such as "Telford & Wrekin", are accepted).
 * @param at the date; #CARESTAT_DATE_NONE behaves like carestat_org_find().
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_org_find_at(const carestat_org **out, const char *code_or_name, carestat_date at);

/**
 * @brief Like carestat_org_find_at(), searching the dataset's own organisations first.
 * @param[out] out borrowed pointer, valid as long as the dataset.
 * @param ds the dataset (NULL: the built-in registry only).
 * @param code_or_name code or exact name.
 * @param at the date, or #CARESTAT_DATE_NONE.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_dataset_org_find_at(const carestat_org **out, const carestat_dataset *ds,
                                              const char *code_or_name, carestat_date at);

/**
 * @brief Number of organisations in the built-in registry (England, regions, councils current and
 *        former, trusts).
 * @return the count.
 */
CARESTAT_API size_t carestat_org_count(void);

/**
 * @brief One organisation of the built-in registry by index (for iteration).
 * @param[out] out borrowed pointer into the static registry.
 * @param index 0-based, below carestat_org_count().
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_org_at(const carestat_org **out, size_t index);

/**
 * @brief Number of organisations known to a dataset: the built-in ones (overridden ones counted
 *        once) plus the user's.
 * @param ds the dataset (NULL: the built-in registry).
 * @return the count.
 */
CARESTAT_API size_t carestat_dataset_org_count(const carestat_dataset *ds);

/**
 * @brief One organisation known to a dataset by index: built-in ones first (in registry order, a
 *        user override in place of the built-in one), then the user's new ones in the order added.
 * @param[out] out borrowed pointer, valid as long as the dataset.
 * @param ds the dataset (NULL: the built-in registry).
 * @param index 0-based, below carestat_dataset_org_count().
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dataset_org_at(const carestat_org **out, const carestat_dataset *ds, size_t index);

/**
 * @brief The region an organisation belongs to (England's region is none).
 * @param[out] out the region (borrowed); for a region its parent (London for Inner/Outer London,
 *        England for the nine regions).
 * @param ds the dataset (NULL: the built-in registry).
 * @param code code or exact name of the organisation.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND (unknown organisation, or it has no region).
 */
CARESTAT_API int carestat_dataset_org_region(const carestat_org **out, const carestat_dataset *ds, const char *code);

/**
 * @brief 1 if the organisation existed on a date (start <= at <= end, missing bounds open).
 * @param org the organisation.
 * @param at the date.
 * @return 1 or 0 (0 for NULL or #CARESTAT_DATE_NONE).
 */
CARESTAT_API int carestat_org_exists_at(const carestat_org *org, carestat_date at);

/**
 * @brief Predecessors of an organisation: links whose successor is it.
 * @param[out] out caller buffer receiving up to @p cap links (strings borrowed); may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of links (even when larger than @p cap).
 * @param ds the dataset (NULL: built-in lineage only); user links come first.
 * @param code code or exact name of the organisation.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND (unknown organisation),
 *         #CARESTAT_EBUFFER (more than @p cap links: the first @p cap are filled).
 */
CARESTAT_API int carestat_dataset_org_predecessors(carestat_lineage_link *out, size_t cap, size_t *count,
                                                   const carestat_dataset *ds, const char *code);

/**
 * @brief Successors of an organisation: links whose predecessor is it.
 * @param[out] out caller buffer receiving up to @p cap links (strings borrowed); may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of links (even when larger than @p cap).
 * @param ds the dataset (NULL: built-in lineage only).
 * @param code code or exact name of the organisation.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND, #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_dataset_org_successors(carestat_lineage_link *out, size_t cap, size_t *count,
                                                 const carestat_dataset *ds, const char *code);

/**
 * @brief Add a lineage link to a dataset (for user-defined organisations or corrections).
 * @param ds the dataset.
 * @param link the link (strings copied); both codes must name organisations known to the dataset.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL, unknown kind, missing date), #CARESTAT_ENOTFOUND, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_lineage_add(carestat_dataset *ds, const carestat_lineage_link *link);

/**
 * @brief Record that a trust delivers children's services for a council over a period.
 * @param ds the dataset.
 * @param delivery trust code, council code (both known to the dataset; the trust must be of kind
 *        #CARESTAT_ORG_TRUST and the council #CARESTAT_ORG_COUNCIL) and period (strings copied).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_trust_add_council(carestat_dataset *ds, const carestat_trust_delivery *delivery);

/**
 * @brief The councils a trust delivers for on a date.
 *
 * Built in: Northamptonshire Children's Trust, code @c "TRUST-NCT", from 1 November 2020 for
 * Northamptonshire (E10000021) until 31 March 2021, then for North Northamptonshire (E06000061)
 * and West Northamptonshire (E06000062).
 * @param[out] out caller buffer of up to @p cap borrowed pointers; may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of councils (0 when it delivered for none that day).
 * @param ds the dataset (NULL: built-in trusts only).
 * @param trust_code code or exact name of the trust.
 * @param at the date.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (not a trust, bad date), #CARESTAT_ENOTFOUND, #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_dataset_trust_councils(const carestat_org **out, size_t cap, size_t *count,
                                                 const carestat_dataset *ds, const char *trust_code,
                                                 carestat_date at);

/**
 * @brief Who delivers children's services for a council on a date: its trust, or the council itself.
 * @param[out] out the trust (or the council when no trust delivered for it that day); borrowed.
 * @param ds the dataset (NULL: built-in registry).
 * @param council_code code or exact name of the council.
 * @param at the date.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND.
 */
CARESTAT_API int carestat_dataset_org_delivered_by(const carestat_org **out, const carestat_dataset *ds,
                                                   const char *council_code, carestat_date at);

/**
 * @brief The councils whose figures are combined to give an organisation's figure for a period
 *        ending on a date.
 *
 * - a council that existed on @p at: itself;
 * - a council created later (e.g. North Northamptonshire before April 2021): its predecessors, through
 *   every link except #CARESTAT_LINK_PART, recursively (flags LINEAGE; WIDER through a split);
 * - a council that had ended (e.g. Northamptonshire for 2023): its successors, likewise (flags
 *   LINEAGE; WIDER through a merge; a split gives all pieces, so the union is exact);
 *   a #CARESTAT_LINK_PART link touching it sets NARROWER;
 * - a trust: the councils it delivered for on @p at, each expanded as above (flag TRUST);
 *   none before it began (count 0, #CARESTAT_OK);
 * - a region or England: every council in it that existed on @p at (flag AGGREGATE).
 * The result holds each council once, in registry order.
 * @param[out] out caller buffer of up to @p cap borrowed pointers; may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of councils.
 * @param[out] flags receives a bit set of #carestat_expand_flag (may be NULL).
 * @param ds the dataset (NULL: built-in registry).
 * @param code code or exact name of a council, former council, trust, region or England.
 * @param at last day of the period (31 March for a reporting year; 30 September for the workforce year).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND, #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_dataset_org_expand(const carestat_org **out, size_t cap, size_t *count,
                                             unsigned *flags, const carestat_dataset *ds, const char *code,
                                             carestat_date at);

/**
 * @brief carestat_dataset_org_expand() for the reporting year ending 31 March @p year.
 * @param[out] out caller buffer of up to @p cap borrowed pointers.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of councils.
 * @param[out] flags receives a bit set of #carestat_expand_flag (may be NULL).
 * @param ds the dataset (NULL: built-in registry).
 * @param code code or exact name.
 * @param year the reporting year (e.g. 2023 for April 2022 to March 2023).
 * @return as carestat_dataset_org_expand().
 */
CARESTAT_API int carestat_dataset_org_expand_year(const carestat_org **out, size_t cap, size_t *count,
                                                  unsigned *flags, const carestat_dataset *ds, const char *code,
                                                  int year);

/**
 * @brief Load DfE statistical neighbour groupings.
 *
 * Recognised by header: the 2021 groupings (@c "LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,...")
 * and the 2025 model (@c "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,..."). Codes are
 * DfE 3-digit codes, resolved to current councils. A later load replaces the neighbours of each
 * council it lists. Unknown codes are diagnostics (NEIGHBOUR_UNKNOWN_LA) with line and column; the
 * row is rejected when its own council is unknown, otherwise only that neighbour is skipped.
 * @param ds the dataset.
 * @param path the CSV file.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_EIO, #CARESTAT_EUNSUPPORTED (header not
 *         recognised), #CARESTAT_EPARSE (#CARESTAT_ROWS_STOP and an error), #CARESTAT_ELIMIT, #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_dataset_load_neighbours(carestat_dataset *ds, const char *path);

/**
 * @brief An organisation's statistical neighbours, closest first.
 * @param[out] out caller buffer of up to @p cap entries (pointers borrowed from the dataset); may be NULL when @p cap is 0.
 * @param cap capacity of @p out.
 * @param[out] count receives the number of neighbours (0 if none were loaded for it).
 * @param ds the dataset.
 * @param code code or exact name.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ENOTFOUND (unknown organisation), #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_dataset_neighbours(carestat_neighbour *out, size_t cap, size_t *count,
                                             const carestat_dataset *ds, const char *code);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
