/* Internal: published-statistics reader (lib/published). */
#ifndef CS_PUBLISHED_INTERNAL_H
#define CS_PUBLISHED_INTERNAL_H

#include "carestat/published.h"
#include "core/diags.h"
#include "io/csv.h"

typedef struct cs_pub_builtin {
    const char *family; /* file family, for docs and diagnostics */
    carestat_published_measure m;
} cs_pub_builtin;

extern const cs_pub_builtin cs_pub_builtins[];
extern const size_t cs_pub_nbuiltins;

/* A mapping parsed from a file: measures plus the storage of their strings. */
typedef struct cs_pub_mapfile {
    carestat_published_measure *measures;
    size_t n, cap;
    char **strs;
    size_t nstrs, strs_cap;
} cs_pub_mapfile;

/* Parse a mapping file; problems become diagnostics (PUBMAP_*). Returns 0, CARESTAT_EIO,
 * CARESTAT_EPARSE (no valid measure) or CARESTAT_ENOMEM. */
int cs_pub_mapfile_load(cs_pub_mapfile *mf, const char *path, cs_diags *diags);
void cs_pub_mapfile_free(cs_pub_mapfile *mf);

/* Read a file into table t (appending). ds may be NULL (registry-only organisation look-ups).
 * Counts rows for the summary. mode: rows with an error (severity >= error) are kept with the bad
 * values as "x" (KEEP), dropped and counted as rejected (DROP), or stop the read with EPARSE (STOP). */
typedef struct cs_pub_counts {
    uint64_t read, accepted, rejected, unused;
} cs_pub_counts;
int cs_pub_read(carestat_table *t, const char *path, const carestat_published_options *opts,
                const carestat_dataset *ds, carestat_error_mode mode, cs_diags *diags, cs_pub_counts *counts,
                char *err, size_t errcap);

/* Organisation look-up used by the reader: canonical GSS code for a 3-digit code, a GSS code or a
 * name (regions in old files). Returns 1 and the code (static or dataset storage) when found. */
int cs_pub_org_code(const carestat_dataset *ds, const char *key, const char **code);

/* Working days in the census year ending 30 September `year`: 253, or 254 if it holds 29 February. */
int cs_pub_working_days(int year);

#endif
