/* Shared helpers of the fuzz targets (header only; not a target itself: the build globs fuzz_*.c).
 * - fz_dataset(): a dataset with small limits (so the limit paths are reached quickly) and an error
 *   mode picked by the fuzzer;
 * - fz_check(): the invariants every loader promises, abort() when broken: every load summary has
 *   rows read = accepted + rejected, every diagnostic has a source, a code and a message;
 * - fz_write(): the input as a file under /dev/shm (for loaders without a memory variant), written
 *   once per input;
 * - fz_split(): several files in one input, separated by a line "#--";
 * - fz_compute(): carestat_compute() over whatever loaded, so the compute paths see fuzzed data;
 * - fz_check_disclosure(): with the DfE preset, no small count is shown unsuppressed.
 * CARESTAT_FUZZ_VERBOSE=1 in the environment prints the load summaries and observation counts;
 * CARESTAT_FUZZ_FAIL_ALLOC=M makes allocations fail (fz_begin()). */
#ifndef CARESTAT_FUZZUTIL_H
#define CARESTAT_FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carestat.h"

/* Allocation failure (developer runs): with CARESTAT_FUZZ_FAIL_ALLOC=M in the environment, every
 * allocation from the (1 + hash(input) % M)-th on fails, so the fuzzer also walks the
 * out-of-memory paths of the readers and of compute with hostile data. Off by default (CI, replay). */
static size_t fz_fail_at, fz_alloc_n;

static inline void *fz_malloc(void *ctx, size_t size)
{
    (void)ctx;
    if (fz_fail_at && ++fz_alloc_n >= fz_fail_at) return NULL;
    return malloc(size);
}

static inline void *fz_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    if (fz_fail_at && ++fz_alloc_n >= fz_fail_at) return NULL;
    return realloc(ptr, size);
}

static inline void fz_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

static inline void fz_begin(const uint8_t *data, size_t size)
{
    static int mode = -1; /* -1 not yet read, 0 off, >0 the modulus */
    if (mode < 0) {
        const char *e = getenv("CARESTAT_FUZZ_FAIL_ALLOC");
        mode = e ? atoi(e) : 0;
        if (mode < 0) mode = 0;
        if (mode) {
            carestat_allocator a = {fz_malloc, fz_realloc, fz_free, NULL};
            if (carestat_set_allocator(&a) != CARESTAT_OK) abort();
        }
    }
    if (!mode) return;
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
    fz_alloc_n = 0;
    fz_fail_at = 1 + h % (uint32_t)mode;
}

static inline void fz_end(void)
{
    fz_fail_at = 0;
}

/* 1 while allocations may fail (then a call that must otherwise succeed may return CARESTAT_ENOMEM). */
static inline int fz_failing(void)
{
    return fz_fail_at != 0;
}

static inline carestat_dataset *fz_dataset(unsigned mode_byte)
{
    carestat_dataset_options o;
    if (carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION) != CARESTAT_OK) abort();
    o.error_mode = (carestat_error_mode)(mode_byte % 3);
    o.max_field_bytes = 4096;
    o.max_columns = 256;
    o.max_rows = 20000;
    o.max_diagnostics = 500;
    carestat_dataset *ds = NULL;
    if (carestat_dataset_new(&ds, &o) != CARESTAT_OK) return NULL;
    return ds;
}

static inline void fz_check_diags(const carestat_diag_list *l)
{
    size_t n = carestat_diag_list_count(l);
    for (size_t i = 0; i < n; i++) {
        const carestat_diag *d = carestat_diag_list_get(l, i);
        if (!d || !d->source || !d->code || !d->message) abort();
        if ((unsigned)d->severity > (unsigned)CARESTAT_SEV_FATAL) abort();
        char buf[256];
        (void)carestat_diag_format(buf, sizeof buf, d);
    }
}

static inline void fz_check(const carestat_dataset *ds)
{
    size_t n = carestat_dataset_load_summary_count(ds);
    for (size_t i = 0; i < n; i++) {
        carestat_load_summary s;
        if (carestat_dataset_load_summary(&s, ds, i) != CARESTAT_OK) abort();
        if (!s.source || !s.table) abort();
        if (getenv("CARESTAT_FUZZ_VERBOSE"))
            fprintf(stderr, "fuzz: %s %s read %llu accepted %llu rejected %llu\n", s.source, s.table,
                    (unsigned long long)s.rows_read, (unsigned long long)s.rows_accepted,
                    (unsigned long long)s.rows_rejected);
        if (s.rows_read != s.rows_accepted + s.rows_rejected) {
            fprintf(stderr, "fuzz: %s/%s read %llu != accepted %llu + rejected %llu\n", s.source, s.table,
                    (unsigned long long)s.rows_read, (unsigned long long)s.rows_accepted,
                    (unsigned long long)s.rows_rejected);
            abort();
        }
    }
    fz_check_diags(carestat_dataset_diagnostics(ds));
    if (!carestat_dataset_errmsg(ds)) abort();
}

/* Path of file @p name in this process's scratch folder (created on first use). */
static inline const char *fz_path(const char *name)
{
    static char dir[128];
    static char path[256];
    if (!dir[0]) {
        struct stat st;
        const char *base = (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode)) ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof dir, "%s/carestat-fuzz-%ld", base, (long)getpid());
        mkdir(dir, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* Write @p data to file @p name in the scratch folder; returns its path (static buffer) or NULL. */
static inline const char *fz_write(const char *name, const uint8_t *data, size_t size)
{
    const char *p = fz_path(name);
    FILE *f = fopen(p, "wb");
    if (!f) return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0) return NULL;
    return p;
}

typedef struct fz_part {
    const uint8_t *data;
    size_t size;
} fz_part;

/* Split the input at lines "#--" into at most @p cap parts; returns the number of parts (>= 1). */
static inline size_t fz_split(fz_part *parts, size_t cap, const uint8_t *data, size_t size)
{
    static const char sep[] = "\n#--\n";
    size_t n = 0, start = 0;
    for (size_t i = 0; n + 1 < cap && i + 5 <= size; i++) {
        if (memcmp(data + i, sep, 5) == 0) {
            parts[n].data = data + start;
            parts[n].size = i + 1 - start; /* keep the newline */
            n++;
            start = i + 5;
            i += 4;
        }
    }
    parts[n].data = data + start;
    parts[n].size = size - start;
    return n + 1;
}

static inline int fz_small(double x)
{
    return x >= 1 && x < carestat_disclosure_threshold();
}

/* Under #CARESTAT_DISCLOSURE_DFE no children-in-care observation that is not suppressed shows a count
 * of 1 to 5, nor a percentage or rate built on one (carestat_disclosure_threshold()). */
static inline void fz_check_disclosure(const carestat_table *t)
{
    size_t n = carestat_table_count(t);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        if (carestat_table_get(&o, t, i) != CARESTAT_OK) abort();
        if (strncmp(o.indicator, "cla.", 4) != 0 || (o.flags & CARESTAT_FLAG_SUPPRESSED)) continue;
        size_t k;
        if (carestat_indicator_find(&k, o.indicator) != CARESTAT_OK) continue;
        int unit = carestat_indicator_unit(k);
        int bad = 0;
        if (unit == CARESTAT_UNIT_COUNT) bad = fz_small(o.value) || fz_small(o.numerator);
        else if (unit == CARESTAT_UNIT_PERCENT) bad = fz_small(o.numerator) || fz_small(o.denominator);
        else if (unit == CARESTAT_UNIT_RATE) bad = fz_small(o.numerator);
        if (bad) {
            fprintf(stderr, "fuzz: disclosure: %s %s numerator %g denominator %g value %g not suppressed\n",
                    o.org_code, o.indicator, o.numerator, o.denominator, o.value);
            abort();
        }
    }
}

/* Compute every indicator over the dataset (all years with data) and check the table is usable. */
static inline void fz_compute(const carestat_dataset *ds, unsigned sel)
{
    carestat_request req;
    if (carestat_request_init(&req, CARESTAT_REQUEST_VERSION) != CARESTAT_OK) abort();
    if (sel & 1) req.disclosure = CARESTAT_DISCLOSURE_DFE;
    if (sel & 2) req.rules = CARESTAT_RULE_PLACEMENTS_COUNT_TEMPORARY;
    carestat_table *t = NULL;
    int rc = carestat_compute(&t, ds, &req);
    if (rc == CARESTAT_OK) {
        if (!t) abort();
        size_t n = carestat_table_count(t);
        if (getenv("CARESTAT_FUZZ_VERBOSE")) fprintf(stderr, "fuzz: computed %zu observations\n", n);
        for (size_t i = 0; i < n; i++) {
            carestat_observation o;
            if (carestat_table_get(&o, t, i) != CARESTAT_OK) abort();
            if (!o.org_code || !o.indicator) abort();
        }
        if (req.disclosure == CARESTAT_DISCLOSURE_DFE) fz_check_disclosure(t);
    } else if (t) {
        abort(); /* documented: NULL on failure */
    }
    carestat_table_free(t);
}

#endif
