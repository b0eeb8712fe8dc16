/* Helpers shared by the cmocka tests. */
#ifndef CARESTAT_TESTUTIL_H
#define CARESTAT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "carestat/dataset.h"

/* Path of a file under ../shared (e.g. "data/dfe_ees/x.csv") in a static buffer, or NULL when
 * ../shared is absent. When absent: if CARESTAT_REQUIRE_SHARED=1 the current test fails,
 * otherwise it is skipped with a message. Use: const char *p = cs_test_shared("data/..."); if (!p) return; */
const char *cs_test_shared(const char *relpath);

/* Write text to a new file in a fresh temporary directory; returns its path (static storage, one
 * of 16 rotating buffers). The directory is removed at exit. */
const char *cs_test_write_file(const char *name, const char *text);
/* A fresh empty temporary directory (removed at exit). */
const char *cs_test_tmpdir(void);

/* A failing allocator for carestat_set_allocator(): counts every allocation (malloc and realloc)
 * and makes the fail_at-th one (1-based; 0 = none) return NULL.
 *   cs_test_failing f = {0, n, 0};
 *   carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f}; */
typedef struct cs_test_failing {
    long n;       /* allocations so far */
    long fail_at; /* the allocation that fails; 0 = none */
    long failed;  /* how many returned NULL */
} cs_test_failing;
void *cs_test_failing_malloc(void *ctx, size_t size);
void *cs_test_failing_realloc(void *ctx, void *ptr, size_t size);
void cs_test_failing_free(void *ctx, void *ptr);

/* The first diagnostic of a dataset with this code whose source ends with file (NULL: any source),
 * on this line and column (-1: any); NULL if there is none. */
const carestat_diag *cs_test_find_diag(const carestat_dataset *ds, const char *code, const char *file, long line,
                                       long column);
/* How many diagnostics match, with the same rules as cs_test_find_diag(). */
size_t cs_test_count_diags(const carestat_dataset *ds, const char *code, const char *file, long line, long column);

/* Assert two doubles are within tol (absolute), with a readable message. */
#define assert_near(a, b, tol) cs_test_assert_near((double)(a), (double)(b), (double)(tol), #a, __FILE__, __LINE__)
void cs_test_assert_near(double a, double b, double tol, const char *expr, const char *file, int line);

#endif
