/* Private to lib/ssda903: raw (as-read) records, the dataset slot, and the steps of a load.
 * lib/measures must use store.h only. */
#ifndef CS_SSDA903_INTERNAL_H
#define CS_SSDA903_INTERNAL_H

#include "core/dataset_internal.h"
#include "ssda903/store.h"

/* Tables recognised by their header row. */
typedef enum cs903_table {
    T_HEADER = 0,
    T_EPISODES,
    T_UASC,
    T_OC3,
    T_AD1,
    T_PFA,
    T_SW,
    T_NUSED, /* tables below are recognised but not used */
    T_REVIEWS = T_NUSED,
    T_OC2,
    T_MISSING,
    T_PREVPERM,
    T_DOLO,
    T_NTABLES
} cs903_table;

extern const char *const cs903_table_names[T_NTABLES];

/* Column positions (1-based field numbers, 0 = absent) of a source file, for diagnostics. */
enum { C_CHILD = 0, C_DATE1, C_DATE2, C_YEAR, C_LA, C_NCOLS };

/* One file read (kept for the life of the dataset; the store's src_name mirrors names). */
typedef struct cs903_source {
    char *name;         /* path as given */
    cs903_table table;
    uint32_t org;       /* org id of the file (rows may override with an LA column) */
    int name_year;      /* YYYY from the file or folder name, 0 if none */
    int year;           /* resolved collection year (0 unknown / per row) */
    int year_per_row;   /* 1 if the file has a YEAR column */
    int longitudinal;   /* 1 if read as a whole history (year 0) */
    uint32_t group;     /* files of one return share a group (same folder, org and name year) */
    uint32_t gen;       /* load call that read it */
    uint32_t col[C_NCOLS];  /* C_DATE1/C_DATE2: DECOM/DEC, SW_DECOM/SW_DEC, DATE_PLACED/..., DOB */
    uint32_t fcol[CS903_FIELD_COUNT]; /* column of each coded field */
    uint64_t read, rejected; /* rows read, rows rejected (parse or drop) */
    carestat_date max_decom, min_dec, max_dec; /* over episode rows: year inference */
} cs903_source;

/* Raw rows. Common prefix: org (org id), child (string id), year, src, line, bad. */
#define RAW_COMMON \
    uint32_t org;      \
    uint32_t child;    \
    uint32_t src;      \
    uint32_t line;     \
    int16_t year;      \
    uint8_t bad;       /* 1 = has an error diagnostic */ \
    uint8_t dead       /* 1 = removed (DROP mode) */

typedef struct raw_hdr {
    RAW_COMMON;
    uint8_t sex, ethnic, sex_numeric; /* sex_numeric: 1 if written 1/2, 0 if M/F/U */
    int8_t mother;
    carestat_date dob, mc_dob;
    uint32_t upn;
} raw_hdr;

typedef struct raw_ep {
    RAW_COMMON;
    carestat_date decom, dec;
    uint8_t rne, ls, cin, place, prov, rec, rpc;
    uint32_t home, pl, urn;
    uint32_t seq;
} raw_ep;

typedef struct raw_oc3 {
    RAW_COMMON;
    carestat_date dob;
    uint8_t in_touch, activ, accom;
} raw_oc3;

typedef struct raw_uasc {
    RAW_COMMON;
    uint8_t sex, sex_numeric;
    carestat_date dob, duc;
} raw_uasc;

typedef struct raw_ad1 {
    RAW_COMMON;
    carestat_date dob, date_int, date_match;
    int8_t foster_care, nb_adoptr;
    uint8_t sex_adoptr, ls_adoptr;
} raw_ad1;

typedef struct raw_pfa {
    RAW_COMMON;
    carestat_date dob, placed, placed_ceased;
    uint8_t reason;
} raw_pfa;

typedef struct raw_sw {
    RAW_COMMON;
    carestat_date decom, dec;
    uint32_t sw_id;
    uint8_t reason;
} raw_sw;

#define RAW_ARRAY(T, name) \
    T *name;               \
    size_t n_##name, cap_##name

/* The dataset slot CS_SLOT_903. */
typedef struct cs903_slot {
    cs903_store store;   /* built from the raw rows after every load; owns strs and src_name */
    cs903_source *src;   /* nsrc entries (store.nsources mirrors) */
    size_t nsrc, cap_src;
    /* organisations (raw org ids index these) */
    char **org_code, **org_name;
    int *org_user;
    size_t norg, cap_org;
    /* texts seen for organisations (folder names, LA column values, option) -> org id */
    char **alias_text;
    uint32_t *alias_org;
    size_t nalias, cap_alias;
    uint32_t gen; /* number of load calls so far */
    RAW_ARRAY(raw_hdr, hdr);
    RAW_ARRAY(raw_ep, ep);
    RAW_ARRAY(raw_oc3, oc3);
    RAW_ARRAY(raw_uasc, uasc);
    RAW_ARRAY(raw_ad1, ad1);
    RAW_ARRAY(raw_pfa, pfa);
    RAW_ARRAY(raw_sw, sw);
} cs903_slot;

/* read.c: collection year in a name: YYYY (1990..2100), or YYYY-YY / YYYY_YY / YYYYYY (the ending
 * year); the last such token wins; 0 if none. */
int cs903_year_from_text(const char *s, size_t n);

/* codes.c */
cs903_code cs903_code_lookup(cs903_field field, const char *s, size_t n);
int cs903_code_years(cs903_field field, cs903_code id, int *first, int *last);
const char *cs903_field_name(cs903_field field);
int cs903_field_from_name(const char *name);

/* Load context shared by the steps of one load call. */
typedef struct cs903_load {
    carestat_dataset *ds;
    cs903_slot *slot;
    carestat_error_mode mode;
    int opt_year;          /* caller's collection year, 0 = infer */
    const char *opt_org;   /* caller's organisation, NULL = from LA column or folder name */
    uint32_t gen;
    size_t first_src;      /* sources >= first_src were read by this call */
    int full;              /* 1: rebuild every organisation (else only those this call touched) */
    int store_changed;     /* the store was replaced during this call */
    uint8_t **undo;        /* error flags set on rows of earlier loads (KEEP), cleared on rollback */
    size_t nundo, cap_undo;
    int stopped;           /* STOP mode: an error was found */
} cs903_load;

/* read.c: read one CSV file into raw rows (src index is slot->nsrc - 1 after the call).
 * Returns 0, a fatal negative status (ENOMEM, EIO, ELIMIT) or CARESTAT_EPARSE when stopped. */
int cs903_read_file(cs903_load *L, const char *path);
/* Intern an organisation (given text); returns its id through *id. */
int cs903_org_intern(cs903_load *L, const char *text, size_t n, uint32_t *id);
/* An error diagnostic about a raw row (marks nothing; callers set bad). */
void cs903_diag(cs903_load *L, carestat_severity sev, uint32_t src, uint64_t line, uint32_t col,
                const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* year.c: resolve collection years of the sources read by this load, validate codes by year. */
int cs903_resolve_years(cs903_load *L, size_t first_src);
int cs903_validate_codes(cs903_load *L, size_t first_src);
/* Mark a row as having an error: DROP kills it (counted as rejected), STOP returns CARESTAT_EPARSE. */
int cs903_mark_bad(cs903_load *L, uint8_t *bad, uint8_t *dead, uint32_t src);
/* Flag a row of an earlier load as having an error (KEEP mode), remembering it for a rollback. */
int cs903_flag_old(cs903_load *L, uint8_t *bad);
/* "2024-25" for 2025; "unknown year" for 0. */
const char *cs903_year_label(int year, char buf[16]);

/* build.c: (re)build the store from the raw rows: only the organisations with rows from sources
 * >= first_src unless L->full (the others are copied from the current store). Emits structural
 * diagnostics about rows of this call when report is 1, and marks those rows bad. On failure the
 * current store is left as it was. */
int cs903_build(cs903_load *L, int report);
void cs903_store_clear_arrays(cs903_store *s);

#endif
