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

/* Path of a file under ../shared (e.g. "data/dfe_ees/x.csv") in a static buffer, or NULL when
 * ../shared is absent. When absent: if CARESTAT_REQUIRE_SHARED=1 the current test fails,
 * otherwise it is skipped with a message. Use: const char *p = cs_test_shared("data/..."); if (!p) return; */
const char *cs_test_shared(const char *relpath);

/* Write text to a new file in a fresh temporary directory; returns its path (static storage, one
 * of 16 rotating buffers). The directory is removed at exit. */
const char *cs_test_write_file(const char *name, const char *text);
/* A fresh empty temporary directory (removed at exit). */
const char *cs_test_tmpdir(void);

/* Assert two doubles are within tol (absolute), with a readable message. */
#define assert_near(a, b, tol) cs_test_assert_near((double)(a), (double)(b), (double)(tol), #a, __FILE__, __LINE__)
void cs_test_assert_near(double a, double b, double tol, const char *expr, const char *file, int line);

#endif
