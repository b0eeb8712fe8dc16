/* Version, status codes and the allocator hook. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carestat.h"

static void test_version(void **state)
{
    (void)state;
    assert_int_equal(carestat_version(), CARESTAT_VERSION_NUMBER);
    assert_int_equal(CARESTAT_VERSION_NUMBER, CARESTAT_VERSION_MAJOR * 10000 + CARESTAT_VERSION_MINOR * 100 +
                                                  CARESTAT_VERSION_PATCH);
    assert_string_equal(carestat_version_string(), CARESTAT_VERSION_STRING);
    assert_string_equal(carestat_version_string(), "0.1.0");
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(carestat_strerror(CARESTAT_OK), "success");
    assert_string_equal(carestat_strerror(CARESTAT_ENOMEM), "out of memory");
    assert_string_equal(carestat_strerror(CARESTAT_EINVAL), "invalid argument");
    assert_string_equal(carestat_strerror(CARESTAT_EIO), "input/output error");
    assert_string_equal(carestat_strerror(CARESTAT_EPARSE), "malformed input");
    assert_string_equal(carestat_strerror(CARESTAT_ENOTFOUND), "not found");
    assert_string_equal(carestat_strerror(CARESTAT_ERANGE), "value out of range");
    assert_string_equal(carestat_strerror(CARESTAT_EUNSUPPORTED), "not supported");
    assert_string_equal(carestat_strerror(CARESTAT_ELIMIT), "resource limit exceeded");
    assert_string_equal(carestat_strerror(-12345), "unknown error");
    assert_string_equal(carestat_status_name(CARESTAT_ENOTFOUND), "CARESTAT_ENOTFOUND");
    assert_string_equal(carestat_status_name(7), "CARESTAT_UNKNOWN");
    /* every code has distinct text */
    for (int a = CARESTAT_EBUFFER; a <= 0; a++)
        for (int b = a + 1; b <= 0; b++) assert_string_not_equal(carestat_strerror(a), carestat_strerror(b));
}

typedef struct counting {
    size_t allocs, frees;
    long fail_at; /* fail the Nth allocation (1-based); 0 = never */
} counting;

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    c->allocs++;
    if (c->fail_at && (long)c->allocs == c->fail_at) return NULL;
    return malloc(n);
}
static void *c_realloc(void *ctx, void *p, size_t n)
{
    counting *c = ctx;
    c->allocs++;
    if (c->fail_at && (long)c->allocs == c->fail_at) return NULL;
    return realloc(p, n);
}
static void c_free(void *ctx, void *p)
{
    counting *c = ctx;
    if (p) c->frees++;
    free(p);
}

static void test_allocator(void **state)
{
    (void)state;
    counting c = {0, 0, 0};
    carestat_allocator a = {c_malloc, c_realloc, c_free, &c};
    carestat_allocator bad = {c_malloc, NULL, c_free, &c};
    assert_int_equal(carestat_set_allocator(&bad), CARESTAT_EINVAL);
    assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
    carestat_table *t;
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    carestat_observation o = {"E06000061", "North Northamptonshire", 0, 364, "cla.looked_after", 568, NAN, 568,
                              NAN, NAN, 0, "2025"};
    assert_int_equal(carestat_table_append(t, &o), CARESTAT_OK);
    char *csv;
    assert_int_equal(carestat_table_to_csv(&csv, NULL, t), CARESTAT_OK);
    carestat_free(csv);
    carestat_table_free(t);
    assert_true(c.allocs > 0);
    assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
    size_t live_after = c.allocs;
    /* every allocation made went through the hook: frees <= allocs (reallocs count as allocs) */
    assert_true(c.frees <= live_after);

    /* fail each allocation in turn: always ENOMEM, never a crash or a leak (ASan checks leaks) */
    for (long n = 1;; n++) {
        counting f = {0, 0, n};
        carestat_allocator fa = {c_malloc, c_realloc, c_free, &f};
        assert_int_equal(carestat_set_allocator(&fa), CARESTAT_OK);
        t = NULL;
        int rc = carestat_table_new(&t);
        if (rc == CARESTAT_OK) rc = carestat_table_append(t, &o);
        char *text = NULL;
        if (rc == CARESTAT_OK) rc = carestat_table_to_json(&text, NULL, t);
        carestat_free(text);
        carestat_table_free(t);
        t = NULL;
        carestat_set_allocator(NULL);
        if (rc == CARESTAT_OK) {
            assert_true(f.allocs < (size_t)n); /* finished before the failing allocation */
            break;
        }
        assert_int_equal(rc, CARESTAT_ENOMEM);
        assert_true(n < 1000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
