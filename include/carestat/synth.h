/**
 * @file carestat/synth.h
 * @brief Realistic synthetic SSDA903 returns, workforce records and populations for fictional councils.
 *
 * carestat_synth_write() writes, for @c n_orgs fictional councils and the reporting years
 * @c year_from to @c year_to, the files a council's analysts hold:
 *
 * @verbatim
 DIR/population.csv          org,year,population (ONS-style 0-17 mid-year estimates, mid-years year_from-2 .. year_to)
 DIR/workforce.csv           worker-level social work workforce records (docs/workforce.md layout), one row per worker per census year (30 September)
 DIR/workforce_la.csv        LA-level workforce figures: la_code,census_year,vacancy_fte,agency_fte,agency_headcount
 DIR/orgs.csv                code,name,kind,delivered_by (the fictional councils, and the trust in story mode)
 DIR/inspections.csv         story mode only: a fictional Ofsted history in the ILACS inspection history layout
 DIR/<CODE>/header.csv       SSDA903 Header:  CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
 DIR/<CODE>/episodes.csv     SSDA903 Episodes: CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
 DIR/<CODE>/uasc.csv         SSDA903 UASC:    CHILD,SEX,DOB,DUC
 DIR/<CODE>/ad1.csv          SSDA903 AD1:     CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR
 DIR/<CODE>/placed_for_adoption.csv  CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
 DIR/<CODE>/sw_episodes.csv  SSDA903 SWEpisodes: CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON
 DIR/<CODE>/oc3.csv         SSDA903 OC3 (care leavers): CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,YEAR (YEAR = collection year of the row)
 @endverbatim
 *
 * Each council folder holds the council's whole longitudinal history (every episode of every child
 * looked after at some time in the years asked for, or in a care-leaver cohort of those years, from the
 * start of their first period of care up to 31 March of @c year_to; episodes still open then have no
 * end date). Dates are @c dd/mm/yyyy as in DfE's CSV returns; codes are those valid in the collection
 * year in which the episode started (H5 before 1 April 2023 and K3 after; Z1 up to 2024-25 and
 * Z11-Z14 after; SEX 1/2 when @c year_to is before 2025 and M/F after).
 *
 * <b>Organisation codes.</b> Council @c i (1-based) is @c SYNnnn (@c SYN001 ... @c SYN999); the story's
 * trust is @c SYNT01. Real organisations have GSS codes (one letter and eight digits) or DfE three-digit
 * numeric codes, so a code of three letters and three digits can never clash with either. Names say
 * "(fictional)".
 *
 * <b>Calibration.</b> Per council, the expected figures follow the published England figures
 * (reference: DfE "Children looked after in England" 2021-2025 and CSWW 2017-2025, see
 * reference/domain.md section 5): about 26-28 starts and 67-70 children looked after per 10,000
 * children aged 0-17; at 31 March about two thirds in foster care, about 16% in kinship foster care
 * (U1-U3), 1-5% in other placements (Z1, with the 2024 rise); about 10% with 3 or more placements in the
 * year; about 25% with 3 or more social workers; about 9-10% of those ceasing adopted and 12% by special
 * guardianship; care leavers about 90% in suitable accommodation and 55-65% in education, employment or
 * training; social worker turnover about 14%, agency rate about 15%, caseload about 16. Histories include
 * legal-status-only changes, moves with the same carers (T/U), temporary placements (T1-T4, about one
 * per 20 child-years, returning to the same placement), re-entries to care and care leavers. Councils differ
 * (a council factor with a log-normal spread of about 0.3 on care entry), and so do years.
 *
 * <b>Story mode</b> (the demo): two councils delivered by one trust, whose figures improve over the
 * years: falling care entry, more kinship care, fewer other placements, fewer placement and social
 * worker changes, falling turnover and agency use.
 *
 * <b>Dirty mode</b> adds realistic faults to about 1% of rows (unknown codes, impossible or malformed
 * dates, episodes that end before they start or overlap the next one, a ceased reason without an end
 * date, a child in episodes missing from the header, duplicated rows), so that validation can be tested.
 * Clean output (the default) has none of them.
 *
 * Output is a deterministic function of the options (the seed, in particular): the library's own
 * generator (xoshiro256** seeded by splitmix64), never rand(). A council's data depends only on the
 * seed, its index and the years, not on how many councils are written.
 */
#ifndef CARESTAT_SYNTH_H
#define CARESTAT_SYNTH_H

#include "carestat/common.h"

/** @defgroup synth Synthetic data
 *  @{ */

/** Version of #carestat_synth_options this header describes. */
#define CARESTAT_SYNTH_OPTIONS_VERSION 1

/** Options for carestat_synth_write(). Initialise with carestat_synth_options_init(). */
typedef struct carestat_synth_options {
    unsigned version;      /**< #CARESTAT_SYNTH_OPTIONS_VERSION. */
    int n_orgs;            /**< Number of fictional councils, 1..999 (default 3; story mode uses 2). */
    int year_from;         /**< First reporting year (year ending 31 March), 2000..2040 (default 2021). */
    int year_to;           /**< Last reporting year, >= year_from, at most 30 years after it (default 2025). */
    uint64_t seed;         /**< Seed of the generator (default 1). */
    int children_per_org; /**< Expected children looked after at 31 March per council (0, the default:
                                realistic council sizes, about 70-900 each; otherwise 10..100000). */
    int dirty;             /**< 1 to add faults for validation tests (default 0). */
    int story;             /**< 1 for the demo's improving trust of two councils (default 0). */
} carestat_synth_options;

/** Row counts of one carestat_synth_write() call. */
typedef struct carestat_synth_summary {
    uint64_t children;      /**< Header rows written (children; in dirty mode a few are left out on purpose). */
    uint64_t episodes;      /**< Episode rows written (in dirty mode including duplicated rows). */
    uint64_t oc3;           /**< OC3 rows written (all years). */
    uint64_t sw_episodes;   /**< Social worker episode rows written. */
    uint64_t uasc;          /**< UASC rows written. */
    uint64_t ad1;           /**< AD1 rows written. */
    uint64_t placed_adoption; /**< Placed-for-adoption rows written. */
    uint64_t workers;       /**< Workforce rows written. */
    uint64_t faults;        /**< Faults added (dirty mode; 0 otherwise). */
} carestat_synth_summary;

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill @p opts with the defaults (3 councils, 2021-2025, seed 1, realistic sizes, clean, no story).
 * @param[out] opts options to initialise.
 * @param version #CARESTAT_SYNTH_OPTIONS_VERSION.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL if @p opts is NULL, #CARESTAT_EUNSUPPORTED for an unknown version.
 */
CARESTAT_API int carestat_synth_options_init(carestat_synth_options *opts, unsigned version);

/**
 * @brief Write synthetic returns for fictional councils into a folder (see the file description above).
 *
 * Creates @p dir if needed (its parent must exist) and the council folders in it; existing files of the
 * same names are overwritten. Writing is streamed through large buffers with no allocation per row;
 * all of England for ten years (about 150 councils, 2 million episodes) takes a few seconds.
 * @param dir output folder.
 * @param opts options, or NULL for the defaults.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL @p dir, option out of range), #CARESTAT_EUNSUPPORTED
 *         (options version), #CARESTAT_EIO (cannot create or write a file), #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_synth_write(const char *dir, const carestat_synth_options *opts);

/**
 * @brief As carestat_synth_write(), also returning the row counts.
 * @param[out] summary receives the counts (zeroed first); may be NULL.
 * @param dir output folder.
 * @param opts options, or NULL for the defaults.
 * @return as carestat_synth_write().
 */
CARESTAT_API int carestat_synth_write_summary(carestat_synth_summary *summary, const char *dir,
                                              const carestat_synth_options *opts);

/**
 * @brief Code of the @p index-th fictional council ("SYN001" for index 0), or of the story's trust
 * ("SYNT01") for index -1.
 * @param[out] buf receives the NUL-terminated code.
 * @param cap capacity of @p buf (8 is always enough).
 * @param index 0-based council index (0..998), or -1 for the trust.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL @p buf), #CARESTAT_ERANGE (bad index), #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_synth_org_code(char *buf, size_t cap, int index);

/**
 * @brief Name of the @p index-th fictional council, or of the story's trust for index -1, as written
 * in orgs.csv.
 * @param[out] buf receives the NUL-terminated name.
 * @param cap capacity of @p buf (64 is always enough).
 * @param index 0-based council index (0..998), or -1 for the trust.
 * @param story 1 for the story's names (the trust's two councils), 0 otherwise.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL, #CARESTAT_ERANGE, #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_synth_org_name(char *buf, size_t cap, int index, int story);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
