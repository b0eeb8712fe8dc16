/* Diagnostics list and formatting. */
#include "testutil.h"

#include <string.h>

#include "carestat/diag.h"
#include "core/diags.h"

static void test_list(void **state)
{
    (void)state;
    carestat_diag_list *l;
    assert_int_equal(carestat_diag_list_new(&l), CARESTAT_OK);
    assert_int_equal(carestat_diag_list_count(l), 0);
    assert_null(carestat_diag_list_get(l, 0));
    assert_int_equal(carestat_diag_list_add(l, CARESTAT_SEV_ERROR, "episodes.csv", 12, 3, "903_BAD_CODE",
                                            "unknown PLACE code '%s'", "Q9"),
                     CARESTAT_OK);
    assert_int_equal(carestat_diag_list_add(l, CARESTAT_SEV_WARNING, NULL, 0, 0, NULL, "plain"), CARESTAT_OK);
    assert_int_equal(carestat_diag_list_add(l, CARESTAT_SEV_NOTE, "x", 5, 0, "N", "line only"), CARESTAT_OK);
    assert_int_equal(carestat_diag_list_count(l), 3);
    assert_int_equal(carestat_diag_list_count_at_least(l, CARESTAT_SEV_WARNING), 2);
    assert_int_equal(carestat_diag_list_count_at_least(l, CARESTAT_SEV_ERROR), 1);
    const carestat_diag *d = carestat_diag_list_get(l, 0);
    assert_string_equal(d->source, "episodes.csv");
    assert_int_equal(d->line, 12);
    assert_int_equal(d->column, 3);
    assert_string_equal(d->code, "903_BAD_CODE");
    assert_string_equal(d->message, "unknown PLACE code 'Q9'");

    char buf[256];
    int n = carestat_diag_format(buf, sizeof buf, d);
    assert_string_equal(buf, "episodes.csv:12:3: error: 903_BAD_CODE: unknown PLACE code 'Q9'");
    assert_int_equal(n, (int)strlen(buf));
    carestat_diag_format(buf, sizeof buf, carestat_diag_list_get(l, 1));
    assert_string_equal(buf, ": warning: : plain");
    carestat_diag_format(buf, sizeof buf, carestat_diag_list_get(l, 2));
    assert_string_equal(buf, "x:5: note: N: line only");
    /* truncation: returns the full length, writes a NUL-terminated prefix */
    char small[10];
    n = carestat_diag_format(small, sizeof small, d);
    assert_int_equal(n, 63);
    assert_string_equal(small, "episodes.");
    assert_int_equal(carestat_diag_format(NULL, 0, d), 63);
    assert_int_equal(carestat_diag_format(buf, sizeof buf, NULL), CARESTAT_EINVAL);
    assert_int_equal(carestat_diag_list_add(NULL, CARESTAT_SEV_NOTE, "x", 0, 0, "c", "m"), CARESTAT_EINVAL);

    carestat_diag_list_clear(l);
    assert_int_equal(carestat_diag_list_count(l), 0);
    assert_int_equal(carestat_diag_list_add(l, CARESTAT_SEV_FATAL, "y", 1, 1, "F", "again"), CARESTAT_OK);
    assert_string_equal(carestat_diag_list_get(l, 0)->message, "again");
    carestat_diag_list_free(l);
    carestat_diag_list_free(NULL);
}

static void test_severity_names(void **state)
{
    (void)state;
    assert_string_equal(carestat_severity_name(CARESTAT_SEV_NOTE), "note");
    assert_string_equal(carestat_severity_name(CARESTAT_SEV_WARNING), "warning");
    assert_string_equal(carestat_severity_name(CARESTAT_SEV_ERROR), "error");
    assert_string_equal(carestat_severity_name(CARESTAT_SEV_FATAL), "fatal");
    assert_string_equal(carestat_severity_name((carestat_severity)9), "unknown");
}

static void test_cap(void **state)
{
    (void)state;
    carestat_diag_list *l;
    assert_int_equal(carestat_diag_list_new(&l), CARESTAT_OK);
    cs_diags d = {l, 2, 0, 0};
    for (int i = 0; i < 5; i++) cs_diags_add(&d, CARESTAT_SEV_ERROR, "f", (uint64_t)i + 1, 1, "E", "n%d", i);
    cs_diags_add(&d, CARESTAT_SEV_WARNING, "f", 9, 1, "W", "w");
    assert_int_equal(carestat_diag_list_count(l), 2);
    assert_int_equal(d.dropped, 4);
    assert_int_equal(d.errors, 5);
    carestat_diag_list_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_severity_names),
        cmocka_unit_test(test_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
