/* Private: the in-memory store of every SSDA903 record loaded into a dataset.
 *
 * ===================================================================================================
 * THIS HEADER IS THE CONTRACT BETWEEN lib/ssda903 (which fills the store) AND lib/measures (which
 * computes the children-in-care indicators from it). Changes must stay source-compatible: enum values
 * are fixed (new codes are appended, never renumbered), fields are only added.
 * ===================================================================================================
 *
 * Shape
 * -----
 * Struct of arrays. Everything is already merged across returns (one longitudinal history per child,
 * the latest return's version of a repeated episode wins) and sorted:
 *
 *   organisations  o = 0 .. norgs-1            sorted by org code (byte order)
 *   children       c = 0 .. nchildren-1        sorted by (org, child id text); org o owns the children
 *                                              [org_child_first[o], org_child_first[o] + org_child_count[o])
 *   episodes       e = 0 .. nepisodes-1        sorted by (org, child, DECOM); child c owns the episodes
 *                                              [child_ep_first[c], child_ep_first[c] + child_ep_count[c])
 *   OC3 rows       sorted by (org, child, collection year), per-child range child_oc3_first/count
 *   UASC rows      sorted by (org, child, collection year), per-child range child_uasc_first/count
 *   AD1 rows       sorted by (org, child, collection year), per-child range child_ad1_first/count
 *   placed-for-adoption rows, sorted by (org, child, DATE_PLACED), range child_pfa_first/count
 *   social worker episodes, sorted by (org, child, SW_DECOM), range child_sw_first/count
 *
 * so a compute sweep is one linear pass: for each org, for each child, look at that child's ranges.
 * Children are the union of every table: a child that appears only in OC3 (a care leaver) still has a
 * child row (with child_in_header = 0 if no header record was loaded).
 *
 * Missing values
 * --------------
 *   dates           CARESTAT_DATE_NONE (INT32_MIN) when blank or unparseable (a diagnostic was raised)
 *   code fields     0 (CS903_NONE)    = blank in the file (not recorded)
 *                   1 (CS903_UNKNOWN) = a value was given but is not a known code (a diagnostic was raised,
 *                                       the row was kept as "unknown")
 *                   a real code that is not valid for the record's collection year is KEPT as that code
 *                   (with a diagnostic), e.g. H5 in a 2025-26 return stays CS903_PLACE_H5.
 *   string ids      0 = blank (the pool's id 0 is always the empty string)
 *   small ints      -1 = blank (MOTHER, FOSTER_CARE, NB_ADOPTR)
 *   collection yr   0 = not known (a longitudinal history file without a YEAR column, or a file whose
 *                   year was neither given, nor in its name, nor inferable from episodes)
 *
 * Collection year: the year in which the return's reporting year ends (2025 = 1 April 2024 to
 * 31 March 2025, the "2024-25 return"). Each row keeps the year of the return it came from.
 *
 * Thread safety: the store is built during loading and never modified afterwards; all functions below
 * are pure reads and may be called from several threads at once. Each load call replaces the arrays
 * (pointers taken from a cs903_get() result are valid until the next load into the dataset).
 */
#ifndef CS_SSDA903_STORE_H
#define CS_SSDA903_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "carestat/dataset.h"
#include "carestat/date.h"
#include "core/strpool.h"

/* ------------------------------------------------------------------------------------------------
 * Code lists. Every list: 0 = blank, 1 = unknown (not a recognised code). Values are fixed.
 * Which years each code is valid in: see cs903_code_valid() and lib/ssda903/codes.c.
 * ------------------------------------------------------------------------------------------------ */
#define CS903_NONE 0    /* blank cell */
#define CS903_UNKNOWN 1 /* unrecognised value (diagnostic raised) */

/* The coded fields (for the generic lookups cs903_code_id / cs903_code_text). */
typedef enum cs903_field {
    CS903_FIELD_SEX = 0,
    CS903_FIELD_ETHNIC,
    CS903_FIELD_RNE,
    CS903_FIELD_LS,
    CS903_FIELD_CIN,
    CS903_FIELD_PLACE,
    CS903_FIELD_PLACE_PROVIDER,
    CS903_FIELD_REC,
    CS903_FIELD_REASON_PLACE_CHANGE,
    CS903_FIELD_IN_TOUCH,
    CS903_FIELD_ACTIV,
    CS903_FIELD_ACCOM,
    CS903_FIELD_SW_REASON,
    CS903_FIELD_REASON_PLACED_CEASED,
    CS903_FIELD_SEX_ADOPTR,
    CS903_FIELD_LS_ADOPTR,
    CS903_FIELD_COUNT
} cs903_field;

/* SEX. Both codings (1/2 up to 2023-24, M/F/U from 2024-25) map to these; the coding that does not
 * belong to the return's year raises a warning but the value is kept. */
enum { CS903_SEX_MALE = 2, CS903_SEX_FEMALE = 3, CS903_SEX_NOT_KNOWN = 4 /* "U" */ };

/* ETHNIC (domain.md 1.3). */
enum {
    CS903_ETH_WBRI = 2, CS903_ETH_WIRI, CS903_ETH_WOTH, CS903_ETH_WIRT, CS903_ETH_WROM,
    CS903_ETH_MWBC, CS903_ETH_MWBA, CS903_ETH_MWAS, CS903_ETH_MOTH,
    CS903_ETH_AIND, CS903_ETH_APKN, CS903_ETH_ABAN, CS903_ETH_AOTH,
    CS903_ETH_BCRB, CS903_ETH_BAFR, CS903_ETH_BOTH,
    CS903_ETH_CHNE, CS903_ETH_OOTH, CS903_ETH_REFU, CS903_ETH_NOBT
};

/* RNE, reason for new episode (domain.md 1.4). */
enum { CS903_RNE_S = 2, CS903_RNE_L, CS903_RNE_P, CS903_RNE_T, CS903_RNE_B, CS903_RNE_U };

/* LS, legal status (domain.md 1.5). V1 and W1 are legacy codes. */
enum {
    CS903_LS_C1 = 2, CS903_LS_C2, CS903_LS_D1, CS903_LS_E1, CS903_LS_V2, CS903_LS_V3, CS903_LS_V4,
    CS903_LS_L1, CS903_LS_L2, CS903_LS_L3, CS903_LS_J1, CS903_LS_J2, CS903_LS_J3,
    CS903_LS_V1, CS903_LS_W1
};

/* CIN, category of need N1..N8 (domain.md 1.6): CS903_CIN_N1 + k is N(k+1). */
enum { CS903_CIN_N1 = 2, CS903_CIN_N2, CS903_CIN_N3, CS903_CIN_N4, CS903_CIN_N5, CS903_CIN_N6,
       CS903_CIN_N7, CS903_CIN_N8 };

/* PLACE, placement type (domain.md 1.7). Q1, Q2, A1, A2, M1-M3 are legacy (historic data only). */
enum {
    CS903_PLACE_A3 = 2, CS903_PLACE_A4, CS903_PLACE_A5, CS903_PLACE_A6,
    CS903_PLACE_H5, CS903_PLACE_K1, CS903_PLACE_K2, CS903_PLACE_K3,
    CS903_PLACE_P1, CS903_PLACE_P2, CS903_PLACE_P3,
    CS903_PLACE_R1, CS903_PLACE_R2, CS903_PLACE_R3, CS903_PLACE_R5, CS903_PLACE_S1,
    CS903_PLACE_T0, CS903_PLACE_T1, CS903_PLACE_T2, CS903_PLACE_T3, CS903_PLACE_T4,
    CS903_PLACE_U1, CS903_PLACE_U2, CS903_PLACE_U3, CS903_PLACE_U4, CS903_PLACE_U5, CS903_PLACE_U6,
    CS903_PLACE_Z1, CS903_PLACE_Z11, CS903_PLACE_Z12, CS903_PLACE_Z13, CS903_PLACE_Z14,
    CS903_PLACE_Q1, CS903_PLACE_Q2, CS903_PLACE_A1, CS903_PLACE_A2,
    CS903_PLACE_M1, CS903_PLACE_M2, CS903_PLACE_M3
};

/* PLACE_PROVIDER PR0..PR5 (domain.md 1.8): CS903_PROV_PR0 + k is PRk. */
enum { CS903_PROV_PR0 = 2, CS903_PROV_PR1, CS903_PROV_PR2, CS903_PROV_PR3, CS903_PROV_PR4, CS903_PROV_PR5 };

/* REC, reason episode ceased (domain.md 1.9). E43, E44, E4 are legacy codes. X1 = still looked after. */
enum {
    CS903_REC_X1 = 2,
    CS903_REC_E11, CS903_REC_E12, CS903_REC_E13, CS903_REC_E14, CS903_REC_E15, CS903_REC_E16,
    CS903_REC_E17, CS903_REC_E2, CS903_REC_E3, CS903_REC_E4A, CS903_REC_E4B, CS903_REC_E41,
    CS903_REC_E45, CS903_REC_E46, CS903_REC_E47, CS903_REC_E48, CS903_REC_E5, CS903_REC_E6,
    CS903_REC_E7, CS903_REC_E8, CS903_REC_E9,
    CS903_REC_E43, CS903_REC_E44, CS903_REC_E4
};

/* REASON_PLACE_CHANGE (domain.md 1.10). */
enum {
    CS903_RPC_CARPL = 2, CS903_RPC_CLOSE, CS903_RPC_ALLEG, CS903_RPC_STAND, CS903_RPC_APPRR,
    CS903_RPC_CREQB, CS903_RPC_CREQO, CS903_RPC_CHILD, CS903_RPC_LAREQ, CS903_RPC_PLACE,
    CS903_RPC_CUSTOD, CS903_RPC_OTHER
};

/* OC3 IN_TOUCH (domain.md 1.12). */
enum { CS903_TOUCH_YES = 2, CS903_TOUCH_NO, CS903_TOUCH_DIED, CS903_TOUCH_REFU, CS903_TOUCH_NREQ,
       CS903_TOUCH_RHOM };

/* OC3 ACTIV (domain.md 1.12). CS903_ACTIV_0 = "0" (not in touch / died / returned home). F3, P3 legacy. */
enum {
    CS903_ACTIV_F1 = 2, CS903_ACTIV_F2, CS903_ACTIV_F4, CS903_ACTIV_F5,
    CS903_ACTIV_P1, CS903_ACTIV_P2, CS903_ACTIV_P4, CS903_ACTIV_P5,
    CS903_ACTIV_G4, CS903_ACTIV_G5, CS903_ACTIV_G6, CS903_ACTIV_0,
    CS903_ACTIV_F3, CS903_ACTIV_P3
};

/* OC3 ACCOM: a letter (type) and a digit (1 suitable, 2 not suitable), or "0". The id encodes both:
 *   id = CS903_ACCOM_ZERO                   for "0"
 *   id = CS903_ACCOM_BASE + 2*k + (d - 1)   for letter CS903_ACCOM_LETTERS[k] and digit d in {1,2}
 * Use cs903_accom_letter() / cs903_accom_suitability() rather than the arithmetic. */
#define CS903_ACCOM_LETTERS "BCDEGHKRSTUVWXYZ"
enum { CS903_ACCOM_ZERO = 2, CS903_ACCOM_BASE = 3 /* B1 */ };

/* SW_REASON (domain.md 1.13). */
enum {
    CS903_SWR_MANAGE = 2, CS903_SWR_FCONTA, CS903_SWR_LEFTRL, CS903_SWR_ORGRST, CS903_SWR_TSPROC,
    CS903_SWR_ABSENC, CS903_SWR_CHCHAN, CS903_SWR_PCCHAN, CS903_SWR_SWDIED, CS903_SWR_OTHERS
};

/* REASON_PLACED_CEASED RD1..RD4 (domain.md 1.11). */
enum { CS903_RPCEASE_RD1 = 2, CS903_RPCEASE_RD2, CS903_RPCEASE_RD3, CS903_RPCEASE_RD4 };

/* AD1 SEX_ADOPTR and LS_ADOPTR (domain.md 1.11). */
enum { CS903_SEXA_M1 = 2, CS903_SEXA_F1, CS903_SEXA_MM, CS903_SEXA_FF, CS903_SEXA_MF };
enum { CS903_LSA_L0 = 2, CS903_LSA_L11, CS903_LSA_L12, CS903_LSA_L2, CS903_LSA_L3, CS903_LSA_L4 };

/* Episode flags (ep_flags). */
enum {
    CS903_EPF_HAD_ERROR = 1u << 0, /* the row had an error diagnostic and was kept (error mode KEEP) */
    CS903_EPF_REPLACED = 1u << 1,  /* a later return repeated this episode; this is the later version */
    CS903_EPF_OPEN_NOT_CONTINUED = 1u << 2 /* the child's last episode, open at the end of its return
                                      (ep_year), but a later loaded return of the same organisation does not
                                      mention the child: it probably ended after 31 March of ep_year, date
                                      unknown (diagnostic 903_EP_OPEN_NOT_CONTINUED) */
};

/* ------------------------------------------------------------------------------------------------
 * The store
 * ------------------------------------------------------------------------------------------------ */
typedef uint8_t cs903_code; /* a code id from the enums above (0 blank, 1 unknown) */

typedef struct cs903_store {
    /* Strings: child ids, UPNs, postcodes, URNs, SW_IDs. Id 0 is "" (blank). cs903_str() reads. */
    cs_strpool strs;

    /* Source files (for diagnostics from compute code): src_name[i] is the path as given. */
    size_t nsources;
    char **src_name;

    /* ---- organisations ---- */
    size_t norgs;
    char **org_code;            /* canonical code (registry code when found, else the user's text) */
    char **org_name;            /* name ("" when unknown) */
    int *org_user_defined;      /* 1 if not in the built-in registry */
    uint32_t *org_child_first;  /* first child index of the org */
    uint32_t *org_child_count;  /* number of children of the org */
    int *org_year_first;        /* earliest collection year loaded for the org (0 if none known) */
    int *org_year_last;         /* latest collection year loaded for the org (0 if none known) */
    carestat_date *org_data_end; /* latest date seen in the org's episodes (DECOM or DEC): the history
                                    is complete up to here at best; CARESTAT_DATE_NONE if no episodes */
    uint64_t *org_merged_duplicates; /* per org: see merged_duplicates below */
    uint64_t *org_merged_superseded; /* per org: see merged_superseded below */

    /* ---- children (one row per (org, CHILD)) ---- */
    size_t nchildren;
    uint32_t *child_org;        /* organisation index */
    uint32_t *child_id;         /* CHILD text, string id (never 0) */
    uint8_t *child_in_header;   /* 1 if a Header row was loaded for the child */
    cs903_code *child_sex;      /* CS903_SEX_*; from the latest header (else UASC) row */
    carestat_date *child_dob;   /* DOB from the latest header row; else from any other table */
    cs903_code *child_ethnic;   /* CS903_ETH_* */
    uint32_t *child_upn;        /* UPN string id (0 blank) */
    int8_t *child_mother;       /* MOTHER: 1, 0, or -1 blank */
    carestat_date *child_mc_dob;/* MC_DOB */
    int *child_header_year;     /* collection year of the header row used (0 unknown or none) */
    uint32_t *child_ep_first, *child_ep_count;     /* episodes */
    uint32_t *child_oc3_first, *child_oc3_count;   /* OC3 rows */
    uint32_t *child_uasc_first, *child_uasc_count; /* UASC rows */
    uint32_t *child_ad1_first, *child_ad1_count;   /* AD1 rows */
    uint32_t *child_pfa_first, *child_pfa_count;   /* placed-for-adoption rows */
    uint32_t *child_sw_first, *child_sw_count;     /* social worker episodes */

    /* ---- episodes (merged history; sorted by org, child, DECOM) ---- */
    size_t nepisodes;
    uint32_t *ep_child;         /* child index */
    carestat_date *ep_decom;    /* DECOM, never CARESTAT_DATE_NONE (rows without DECOM are rejected) */
    carestat_date *ep_dec;      /* DEC; CARESTAT_DATE_NONE = open (still looked after at the end of
                                   the return that reported it) */
    cs903_code *ep_rne;         /* CS903_RNE_* */
    cs903_code *ep_ls;          /* CS903_LS_* */
    cs903_code *ep_cin;         /* CS903_CIN_* */
    cs903_code *ep_place;       /* CS903_PLACE_* */
    cs903_code *ep_provider;    /* CS903_PROV_* */
    cs903_code *ep_rec;         /* CS903_REC_*; CS903_NONE while open (an X1 written on an open
                                   episode, as some tools do, is read as blank) */
    cs903_code *ep_rpc;         /* REASON_PLACE_CHANGE, CS903_RPC_* */
    uint32_t *ep_home_post;     /* HOME_POST string id (0 blank), as written (trimmed) */
    uint32_t *ep_pl_post;       /* PL_POST string id */
    uint32_t *ep_urn;           /* URN string id */
    int16_t *ep_year;           /* collection year of the return this version came from (0 unknown) */
    uint8_t *ep_flags;          /* CS903_EPF_* */
    uint32_t *ep_src;           /* index into src_name */
    uint32_t *ep_line;          /* 1-based line in that file */

    /* ---- OC3 care leavers (one row per child per collection year) ---- */
    size_t noc3;
    uint32_t *oc3_child;
    int16_t *oc3_year;          /* collection year of the return (0 unknown) */
    carestat_date *oc3_dob;     /* DOB as given in the OC3 row */
    cs903_code *oc3_in_touch;   /* CS903_TOUCH_* */
    cs903_code *oc3_activ;      /* CS903_ACTIV_* */
    cs903_code *oc3_accom;      /* ACCOM id, see cs903_accom_letter / cs903_accom_suitability */

    /* ---- UASC (one row per child per collection year) ---- */
    size_t nuasc;
    uint32_t *uasc_child;
    int16_t *uasc_year;
    cs903_code *uasc_sex;       /* CS903_SEX_* */
    carestat_date *uasc_dob;
    carestat_date *uasc_duc;    /* DUC, date UASC status ceased */

    /* ---- AD1 (adoption decision / match), one row per child per year ---- */
    size_t nad1;
    uint32_t *ad1_child;
    int16_t *ad1_year;
    carestat_date *ad1_dob;
    carestat_date *ad1_date_int;   /* DATE_INT: decision that the child should be placed for adoption */
    carestat_date *ad1_date_match; /* DATE_MATCH: matched with adopters */
    int8_t *ad1_foster_care;       /* FOSTER_CARE 1/0, -1 blank */
    int8_t *ad1_nb_adoptr;         /* NB_ADOPTR 1/2, -1 blank or invalid */
    cs903_code *ad1_sex_adoptr;    /* CS903_SEXA_* */
    cs903_code *ad1_ls_adoptr;     /* CS903_LSA_* */

    /* ---- Placed for adoption (sorted by child, DATE_PLACED) ---- */
    size_t npfa;
    uint32_t *pfa_child;
    int16_t *pfa_year;
    carestat_date *pfa_dob;
    carestat_date *pfa_date_placed;        /* DATE_PLACED: decision that the child should be placed */
    carestat_date *pfa_date_placed_ceased; /* DATE_PLACED_CEASED: decision reversed (NONE if not) */
    cs903_code *pfa_reason_ceased;         /* CS903_RPCEASE_* */

    /* ---- Social worker episodes (sorted by child, SW_DECOM; duplicates across returns merged) ---- */
    size_t nsw;
    uint32_t *sw_child;
    int16_t *sw_year;
    uint32_t *sw_id;            /* SW_ID string id (0 blank) */
    carestat_date *sw_decom;    /* SW_DECOM (never NONE: rows without it are rejected) */
    carestat_date *sw_dec;      /* SW_DEC (NONE = open) */
    cs903_code *sw_reason;      /* CS903_SWR_* */

    /* ---- merge statistics ---- */
    uint64_t merged_duplicates; /* episode rows repeated across returns and merged into one */
    uint64_t merged_superseded; /* earlier-return episodes dropped because a later return rewrote
                                   the child's history from that date on */
} cs903_store;

/* The store of a dataset, or NULL if no SSDA903 data was loaded. */
const cs903_store *cs903_get(const carestat_dataset *ds);

/* Text of a pooled string id ("" for 0). */
static inline const char *cs903_str(const cs903_store *s, uint32_t id) { return cs_strpool_get(&s->strs, id); }

/* Code id of a code text for a field (case-insensitive, trimmed): CS903_NONE for "" and
 * CS903_UNKNOWN for text that is not a code of that field. Pure: needs no store. */
cs903_code cs903_code_id(cs903_field field, const char *text);
/* Code text of an id ("" for CS903_NONE, "?" for CS903_UNKNOWN or out-of-range ids). */
const char *cs903_code_text(cs903_field field, cs903_code id);
/* Whether a code is valid in a collection year (year 0 = any year in which it was ever valid).
 * decom is the episode start (or CARESTAT_DATE_NONE): a superseded code is accepted on an episode that
 * started when it was still valid (the DfE carry-over of H5 and Z1). Blank and unknown give 0. */
int cs903_code_valid(cs903_field field, cs903_code id, int year, carestat_date decom);

/* ---- convenience predicates (episode code groupings used by the indicators; domain.md 1.7, 1.9) ---- */
static inline int cs903_ls_is_short_break(cs903_code ls) { return ls == CS903_LS_V3 || ls == CS903_LS_V4 || ls == CS903_LS_V1; }
static inline int cs903_place_is_temporary(cs903_code p) { return p >= CS903_PLACE_T0 && p <= CS903_PLACE_T4; }
static inline int cs903_place_is_foster(cs903_code p)
{
    return (p >= CS903_PLACE_U1 && p <= CS903_PLACE_U6) || p == CS903_PLACE_Q1 || p == CS903_PLACE_Q2;
}
static inline int cs903_place_is_kinship_foster(cs903_code p)
{
    return (p >= CS903_PLACE_U1 && p <= CS903_PLACE_U3) || p == CS903_PLACE_Q1;
}
static inline int cs903_place_is_adoption(cs903_code p)
{
    return (p >= CS903_PLACE_A3 && p <= CS903_PLACE_A6) || p == CS903_PLACE_A1 || p == CS903_PLACE_A2;
}
/* A3/A5: placed for adoption with the current foster carer(s). */
static inline int cs903_place_is_adoption_with_carer(cs903_code p) { return p == CS903_PLACE_A3 || p == CS903_PLACE_A5; }
/* "Other placements" (Z1, Z11-Z14): the unregistered-provision proxy. */
static inline int cs903_place_is_other(cs903_code p) { return p >= CS903_PLACE_Z1 && p <= CS903_PLACE_Z14; }
/* Episode ended with the end of the period of care (any REC other than X1, blank or unknown). */
static inline int cs903_rec_is_ceased(cs903_code r) { return r >= CS903_REC_E11; }
static inline int cs903_rec_is_adopted(cs903_code r) { return r == CS903_REC_E11 || r == CS903_REC_E12; }
static inline int cs903_rec_is_sgo(cs903_code r)
{
    return (r >= CS903_REC_E45 && r <= CS903_REC_E48) || r == CS903_REC_E43 || r == CS903_REC_E44;
}
/* RNE that changes placement (S, P, B, T, U; not L). */
static inline int cs903_rne_is_placement_change(cs903_code r)
{
    return r == CS903_RNE_S || r == CS903_RNE_P || r == CS903_RNE_B || r == CS903_RNE_T || r == CS903_RNE_U;
}
/* OC3 ACCOM: its letter ('B'..'Z'), '0' for "0", 0 for blank/unknown. */
static inline char cs903_accom_letter(cs903_code a)
{
    if (a == CS903_ACCOM_ZERO) return '0';
    if (a < CS903_ACCOM_BASE || a >= CS903_ACCOM_BASE + 32) return 0;
    return CS903_ACCOM_LETTERS[(a - CS903_ACCOM_BASE) / 2];
}
/* OC3 ACCOM suitability digit: 1 suitable, 2 not suitable, 0 for "0", blank or unknown. */
static inline int cs903_accom_suitability(cs903_code a)
{
    if (a < CS903_ACCOM_BASE || a >= CS903_ACCOM_BASE + 32) return 0;
    return 1 + (a - CS903_ACCOM_BASE) % 2;
}
/* OC3 ACTIV: in education, employment or training (F1-F5, P1-P5 incl. legacy F3/P3). */
static inline int cs903_activ_is_eet(cs903_code a)
{
    return (a >= CS903_ACTIV_F1 && a <= CS903_ACTIV_P5) || a == CS903_ACTIV_F3 || a == CS903_ACTIV_P3;
}
static inline int cs903_activ_is_neet(cs903_code a) { return a >= CS903_ACTIV_G4 && a <= CS903_ACTIV_G6; }

/* Index of an organisation by code (exact, case-insensitive), or -1. */
long cs903_org_index(const cs903_store *s, const char *code);
/* Index of a child of an org by CHILD text, or -1 (binary search). */
long cs903_child_index(const cs903_store *s, size_t org, const char *child);

#endif
