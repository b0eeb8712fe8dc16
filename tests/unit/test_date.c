/* Dates: construction, parsing, formatting, ages, reporting periods.
 * Expected day numbers are days since 1970-01-01 counted by hand from known anchors:
 * 2020-01-01 is 50 years of days = 50*365 + 12 leap days (1972..2016) = 18262. */
#include "testutil.h"

#include <string.h>

#include "carestat/date.h"

static carestat_date D(int y, int m, int d)
{
    carestat_date out = 0;
    assert_int_equal(carestat_date_from_ymd(&out, y, m, d), CARESTAT_OK);
    return out;
}

static int parse(const char *s, carestat_date *out) { return carestat_date_parse(out, s, strlen(s)); }

static void test_from_ymd(void **state)
{
    (void)state;
    assert_int_equal(D(1970, 1, 1), 0);
    assert_int_equal(D(1970, 1, 2), 1);
    assert_int_equal(D(1969, 12, 31), -1);
    assert_int_equal(D(2020, 1, 1), 18262);
    assert_int_equal(D(2019, 7, 29), 18106);     /* 2019-01-01 = 18262 - 365; + 209 days to 29 July */
    assert_int_equal(D(2000, 2, 29), 11016);     /* 2000 is a leap year (divisible by 400) */
    assert_int_equal(D(1, 1, 1), -719162);
    assert_int_equal(D(9999, 12, 31), 2932896);
    int y, m, d;
    assert_int_equal(carestat_date_to_ymd(18106, &y, &m, &d), CARESTAT_OK);
    assert_int_equal(y, 2019);
    assert_int_equal(m, 7);
    assert_int_equal(d, 29);
    assert_int_equal(carestat_date_to_ymd(CARESTAT_DATE_NONE, &y, &m, &d), CARESTAT_EINVAL);
    /* round trip over a long range */
    for (carestat_date t = -800000; t < 3000000; t += 997) {
        if (carestat_date_to_ymd(t, &y, &m, &d) != CARESTAT_OK) continue;
        if (y < 1 || y > 9999) continue;
        assert_int_equal(D(y, m, d), t);
    }
}

static void test_invalid(void **state)
{
    (void)state;
    carestat_date out = 42;
    assert_int_equal(carestat_date_from_ymd(&out, 2020, 2, 30), CARESTAT_ERANGE);
    assert_int_equal(carestat_date_from_ymd(&out, 2019, 2, 29), CARESTAT_ERANGE); /* not a leap year */
    assert_int_equal(carestat_date_from_ymd(&out, 1900, 2, 29), CARESTAT_ERANGE); /* century, not /400 */
    assert_int_equal(carestat_date_from_ymd(&out, 2020, 13, 1), CARESTAT_ERANGE);
    assert_int_equal(carestat_date_from_ymd(&out, 2020, 0, 1), CARESTAT_ERANGE);
    assert_int_equal(carestat_date_from_ymd(&out, 2020, 1, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_date_from_ymd(&out, 0, 1, 1), CARESTAT_ERANGE);
    assert_int_equal(carestat_date_from_ymd(NULL, 2020, 1, 1), CARESTAT_EINVAL);
    assert_int_equal(out, 42); /* untouched on failure */
    assert_true(carestat_date_is_leap_year(2024));
    assert_false(carestat_date_is_leap_year(2100));
    assert_true(carestat_date_is_leap_year(2000));
    assert_int_equal(carestat_date_days_in_month(2024, 2), 29);
    assert_int_equal(carestat_date_days_in_month(2023, 2), 28);
    assert_int_equal(carestat_date_days_in_month(2023, 4), 30);
    assert_int_equal(carestat_date_days_in_month(2023, 13), 0);
}

static void test_parse(void **state)
{
    (void)state;
    carestat_date t = 0;
    assert_int_equal(parse("29/07/2019", &t), CARESTAT_OK);
    assert_int_equal(t, 18106);
    assert_int_equal(parse("2019-07-29", &t), CARESTAT_OK);
    assert_int_equal(t, 18106);
    assert_int_equal(parse("2019-07-29T00:00:00", &t), CARESTAT_OK);
    assert_int_equal(t, 18106);
    assert_int_equal(parse("2019-07-29 13:45", &t), CARESTAT_OK);
    assert_int_equal(t, 18106);
    assert_int_equal(parse("2019-07-29T23:59:59.123Z", &t), CARESTAT_OK);
    assert_int_equal(parse("2019-07-29T10:00:00+01:00", &t), CARESTAT_OK);
    assert_int_equal(parse("  1/1/2020 ", &t), CARESTAT_OK); /* one-digit day and month, spaces */
    assert_int_equal(t, 18262);
    assert_int_equal(parse("29/02/2020", &t), CARESTAT_OK);

    t = 7;
    assert_int_equal(parse("31/02/2020", &t), CARESTAT_ERANGE);
    assert_int_equal(parse("00/01/2020", &t), CARESTAT_ERANGE);
    assert_int_equal(parse("29/02/2019", &t), CARESTAT_ERANGE);
    assert_int_equal(parse("99/99/9999", &t), CARESTAT_ERANGE);
    assert_int_equal(parse("2020-02-30", &t), CARESTAT_ERANGE);
    assert_int_equal(parse("2019-07-29T25:00:00", &t), CARESTAT_ERANGE);
    assert_int_equal(t, 7);
    assert_int_equal(parse("", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("garbage", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("29/07/19", &t), CARESTAT_EPARSE);     /* two-digit year */
    assert_int_equal(parse("29-07-2019", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("2019/07/29", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("2019-7-29", &t), CARESTAT_EPARSE);    /* ISO needs two digits */
    assert_int_equal(parse("29/07/2019x", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("2019-07-29T", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("123/07/2019", &t), CARESTAT_EPARSE);
    assert_int_equal(parse("29/07/20190", &t), CARESTAT_EPARSE);
    assert_int_equal(carestat_date_parse(&t, NULL, 0), CARESTAT_EINVAL);
    /* not NUL-terminated: only len bytes are read */
    const char buf[] = {'0', '1', '/', '0', '1', '/', '2', '0', '2', '0', '9', '9'};
    assert_int_equal(carestat_date_parse(&t, buf, 10), CARESTAT_OK);
    assert_int_equal(t, 18262);
}

static void test_format(void **state)
{
    (void)state;
    char buf[16];
    assert_int_equal(carestat_date_format(buf, sizeof buf, 18106), CARESTAT_OK);
    assert_string_equal(buf, "2019-07-29");
    assert_int_equal(carestat_date_format(buf, sizeof buf, CARESTAT_DATE_NONE), CARESTAT_OK);
    assert_string_equal(buf, "");
    assert_int_equal(carestat_date_format(buf, 10, 18106), CARESTAT_EBUFFER);
    assert_int_equal(carestat_date_format(NULL, 10, 18106), CARESTAT_EINVAL);
    assert_int_equal(carestat_date_none(), CARESTAT_DATE_NONE);
}

static void test_ages(void **state)
{
    (void)state;
    /* born 15/06/2008: 15 the day before the 16th birthday, 16 on it */
    assert_int_equal(carestat_age_years(D(2008, 6, 15), D(2024, 6, 14)), 15);
    assert_int_equal(carestat_age_years(D(2008, 6, 15), D(2024, 6, 15)), 16);
    /* 29 February birthdays: birthday on 28 February in common years */
    assert_int_equal(carestat_age_years(D(2008, 2, 29), D(2024, 2, 28)), 15); /* 2024 is a leap year */
    assert_int_equal(carestat_age_years(D(2008, 2, 29), D(2024, 2, 29)), 16);
    assert_int_equal(carestat_age_years(D(2008, 2, 29), D(2026, 2, 27)), 17);
    assert_int_equal(carestat_age_years(D(2008, 2, 29), D(2026, 2, 28)), 18); /* 2026 common year */
    assert_int_equal(carestat_age_years(D(2008, 2, 29), D(2026, 3, 1)), 18);
    assert_int_equal(carestat_age_years(D(2010, 1, 1), D(2009, 1, 1)), -1);
    assert_int_equal(carestat_age_years(CARESTAT_DATE_NONE, D(2009, 1, 1)), -1);
    assert_int_equal(carestat_date_add_years(D(2008, 2, 29), 18), D(2026, 2, 28));
    assert_int_equal(carestat_date_add_years(D(2008, 2, 29), 16), D(2024, 2, 29));
    assert_int_equal(carestat_date_add_years(D(2010, 5, 3), -2), D(2008, 5, 3));
    assert_int_equal(carestat_date_add_years(CARESTAT_DATE_NONE, 1), CARESTAT_DATE_NONE);
}

static void test_periods(void **state)
{
    (void)state;
    carestat_date s, e;
    assert_int_equal(carestat_period_year_to_march(&s, &e, 2025), CARESTAT_OK);
    assert_int_equal(s, D(2024, 4, 1));
    assert_int_equal(e, D(2025, 3, 31));
    assert_int_equal(e - s + 1, 365);
    assert_int_equal(carestat_period_year_to_march(&s, &e, 2024), CARESTAT_OK);
    assert_int_equal(e - s + 1, 366); /* includes 29 February 2024 */
    assert_int_equal(carestat_period_year_to_september(&s, &e, 2024), CARESTAT_OK);
    assert_int_equal(s, D(2023, 10, 1));
    assert_int_equal(e, D(2024, 9, 30));
    assert_int_equal(carestat_period_year_to_march(&s, &e, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_reporting_year_of(D(2024, 4, 1)), 2025);
    assert_int_equal(carestat_reporting_year_of(D(2025, 3, 31)), 2025);
    assert_int_equal(carestat_reporting_year_of(D(2025, 4, 1)), 2026);
    assert_int_equal(carestat_reporting_year_of(CARESTAT_DATE_NONE), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_ymd), cmocka_unit_test(test_invalid), cmocka_unit_test(test_parse),
        cmocka_unit_test(test_format),   cmocka_unit_test(test_ages),    cmocka_unit_test(test_periods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
