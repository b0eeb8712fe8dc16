/* The observation table: append, get, columns, filter, series, sort, flags, CSV and JSON. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "carestat/table.h"

static carestat_observation obs(const char *org, const char *ind, int year, double num, double den, double val,
                                uint32_t flags, const char *src)
{
    carestat_observation o;
    memset(&o, 0, sizeof o);
    carestat_period_year_to_march(&o.period_start, &o.period_end, year);
    o.org_code = org;
    o.org_name = strcmp(org, "E06000061") == 0 ? "North Northamptonshire" : "West, Northamptonshire";
    o.indicator = ind;
    o.numerator = num;
    o.denominator = den;
    o.value = val;
    o.lower = NAN;
    o.upper = NAN;
    o.flags = flags;
    o.source = src;
    return o;
}

static carestat_table *sample(void)
{
    carestat_table *t;
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    carestat_observation rows[] = {
        obs("E06000062", "cla.looked_after", 2025, 602, NAN, 602, 0, "2025"),
        obs("E06000061", "cla.looked_after", 2024, 560, NAN, 560, 0, "2024"),
        obs("E06000061", "cla.looked_after", 2023, 545, NAN, 545, 0, "2023"),
        obs("E06000061", "cla.looked_after", 2023, 547, NAN, 547, CARESTAT_FLAG_REVISED, "2025"),
        obs("E06000061", "cla.looked_after.rate", 2025, 568, 83500, 68.02, 0, "computed"),
        obs("E06000061", "cla.looked_after", 2025, NAN, NAN, NAN, CARESTAT_FLAG_SUPPRESSED, "2025"),
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) assert_int_equal(carestat_table_append(t, &rows[i]), 0);
    return t;
}

static void test_append_get_columns(void **state)
{
    (void)state;
    carestat_table *t = sample();
    assert_int_equal(carestat_table_count(t), 6);
    carestat_observation o;
    assert_int_equal(carestat_table_get(&o, t, 4), CARESTAT_OK);
    assert_string_equal(o.org_code, "E06000061");
    assert_string_equal(o.indicator, "cla.looked_after.rate");
    assert_string_equal(o.source, "computed");
    assert_true(o.value == 68.02);
    assert_true(isnan(o.lower));
    assert_int_equal(carestat_table_get(&o, t, 6), CARESTAT_ERANGE);
    assert_int_equal(carestat_table_get(NULL, t, 0), CARESTAT_EINVAL);

    double v[4];
    assert_int_equal(carestat_table_column_double(v, 4, t, CARESTAT_COL_VALUE), 6); /* truncated to cap */
    assert_true(v[0] == 602 && v[1] == 560 && v[2] == 545 && v[3] == 547);
    double d[6];
    assert_int_equal(carestat_table_column_double(d, 6, t, CARESTAT_COL_DENOMINATOR), 6);
    assert_true(d[4] == 83500 && isnan(d[0]));
    assert_int_equal(carestat_table_column_double(NULL, 0, t, CARESTAT_COL_VALUE), 6);
    assert_int_equal(carestat_table_column_double(d, 6, t, (carestat_column)9), CARESTAT_EINVAL);
    carestat_date e[6];
    assert_int_equal(carestat_table_column_date(e, 6, t, 1), 6);
    carestat_date end2025;
    carestat_period_year_to_march(NULL, &end2025, 2025);
    assert_int_equal(e[0], end2025);
    uint32_t f[6];
    assert_int_equal(carestat_table_column_flags(f, 6, t), 6);
    assert_int_equal(f[5], CARESTAT_FLAG_SUPPRESSED);
    carestat_table_free(t);
    carestat_table_free(NULL);
    assert_int_equal(carestat_table_count(NULL), 0);
}

static void test_filter_series_sort(void **state)
{
    (void)state;
    carestat_table *t = sample(), *f, *s;
    assert_int_equal(carestat_table_filter(&f, t, "E06000061", "cla.looked_after"), CARESTAT_OK);
    assert_int_equal(carestat_table_count(f), 4);
    carestat_table_free(f);
    assert_int_equal(carestat_table_filter(&f, t, NULL, "cla.looked_after"), CARESTAT_OK);
    assert_int_equal(carestat_table_count(f), 5);
    carestat_table_free(f);
    assert_int_equal(carestat_table_filter(&f, t, "nope", NULL), CARESTAT_OK);
    assert_int_equal(carestat_table_count(f), 0);
    carestat_table_free(f);

    /* series: sorted by period, the later-appended 2023 (2025 edition) wins */
    assert_int_equal(carestat_table_series(&s, t, "E06000061", "cla.looked_after"), CARESTAT_OK);
    assert_int_equal(carestat_table_count(s), 3);
    carestat_observation o;
    carestat_table_get(&o, s, 0);
    assert_true(o.value == 547);
    assert_string_equal(o.source, "2025");
    carestat_table_get(&o, s, 1);
    assert_true(o.value == 560);
    carestat_table_get(&o, s, 2);
    assert_true(isnan(o.value));
    assert_int_equal(o.flags, CARESTAT_FLAG_SUPPRESSED);
    carestat_table_free(s);

    assert_int_equal(carestat_table_sort(t), CARESTAT_OK);
    const char *orgs[6] = {"E06000061", "E06000061", "E06000061", "E06000061", "E06000061", "E06000062"};
    const double vals[5] = {545, 547, 560, NAN, 68.02};
    for (size_t i = 0; i < 6; i++) {
        carestat_table_get(&o, t, i);
        assert_string_equal(o.org_code, orgs[i]);
        if (i < 5) assert_near(o.value, vals[i], 0);
    }
    carestat_table *both;
    assert_int_equal(carestat_table_new(&both), CARESTAT_OK);
    assert_int_equal(carestat_table_append_table(both, t), CARESTAT_OK);
    assert_int_equal(carestat_table_append_table(both, both), CARESTAT_OK);
    assert_int_equal(carestat_table_count(both), 12);
    carestat_table_free(both);
    carestat_table_free(t);
}

static void test_flags(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(carestat_flags_format(buf, sizeof buf, 0), 0);
    assert_string_equal(buf, "");
    assert_int_equal(carestat_flags_format(buf, sizeof buf, CARESTAT_FLAG_SUPPRESSED | CARESTAT_FLAG_COMBINED), 10);
    assert_string_equal(buf, "c;combined");
    char small[4];
    assert_int_equal(carestat_flags_format(small, sizeof small, CARESTAT_FLAG_SUPPRESSED | CARESTAT_FLAG_COMBINED), 10);
    assert_string_equal(small, "c");
    const char *syms[] = {"c", "x", "z", "k", "u", "low"};
    const uint32_t bits[] = {CARESTAT_FLAG_SUPPRESSED,     CARESTAT_FLAG_NOT_AVAILABLE, CARESTAT_FLAG_NOT_APPLICABLE,
                             CARESTAT_FLAG_ROUNDS_TO_ZERO, CARESTAT_FLAG_UNRELIABLE,    CARESTAT_FLAG_LOW};
    for (int i = 0; i < 6; i++) {
        uint32_t f = 0;
        assert_int_equal(carestat_flag_parse(&f, syms[i]), CARESTAT_OK);
        assert_int_equal(f, bits[i]);
    }
    uint32_t f;
    assert_int_equal(carestat_flag_parse(&f, " low "), CARESTAT_OK);
    assert_int_equal(carestat_flag_parse(&f, "C"), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_flag_parse(&f, "0"), CARESTAT_ENOTFOUND);
}

static void test_writers(void **state)
{
    (void)state;
    carestat_table *t;
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    carestat_observation a = obs("E06000062", "cla.starts.rate", 2025, 201, 95000, 21.157894736842, 0, "computed");
    a.lower = 18.3;
    a.upper = 24.25;
    carestat_observation b = obs("E06000061", "cla.starts", 2025, NAN, NAN, NAN, CARESTAT_FLAG_SUPPRESSED, "2025");
    assert_int_equal(carestat_table_append(t, &a), 0);
    assert_int_equal(carestat_table_append(t, &b), 0);
    char *csv;
    size_t len;
    assert_int_equal(carestat_table_to_csv(&csv, &len, t), CARESTAT_OK);
    const char *want = "org_code,org_name,period_start,period_end,indicator,numerator,denominator,value,lower,upper,flags\n"
                       "E06000062,\"West, Northamptonshire\",2024-04-01,2025-03-31,cla.starts.rate,201,95000,21.15789474,18.3,24.25,\n"
                       "E06000061,North Northamptonshire,2024-04-01,2025-03-31,cla.starts,,,,,,c\n";
    assert_string_equal(csv, want);
    assert_int_equal(len, strlen(want));
    carestat_free(csv);

    char *json;
    assert_int_equal(carestat_table_to_json(&json, NULL, t), CARESTAT_OK);
    assert_non_null(strstr(json, "\"org_name\": \"West, Northamptonshire\""));
    assert_non_null(strstr(json, "\"numerator\": null, \"denominator\": null, \"value\": null"));
    assert_non_null(strstr(json, "\"flags\": [\"c\"], \"source\": \"2025\""));
    assert_non_null(strstr(json, "\"value\": 21.15789474"));
    assert_int_equal(json[0], '[');
    carestat_free(json);

    const char *dir = cs_test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    assert_int_equal(carestat_table_write_csv(t, path), CARESTAT_OK);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char back[1024];
    size_t n = fread(back, 1, sizeof back - 1, fp);
    back[n] = '\0';
    fclose(fp);
    assert_string_equal(back, want);
    snprintf(path, sizeof path, "%s/no/such/dir/out.csv", dir);
    assert_int_equal(carestat_table_write_csv(t, path), CARESTAT_EIO);
    assert_int_equal(carestat_table_write_json(t, path), CARESTAT_EIO);

    carestat_table *empty;
    assert_int_equal(carestat_table_new(&empty), CARESTAT_OK);
    assert_int_equal(carestat_table_to_json(&json, NULL, empty), CARESTAT_OK);
    assert_string_equal(json, "[]\n");
    carestat_free(json);
    carestat_table_free(empty);
    carestat_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_get_columns),
        cmocka_unit_test(test_filter_series_sort),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
