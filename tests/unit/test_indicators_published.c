/* Rates and percentages recomputed from DfE's published counts reproduce the published values
 * (half-up rounding on integers, stats.h), with the rate denominators taken from the population
 * loader (ONS mid-year N-1 for the year ending 31 March N).
 *
 * Expected match counts were derived independently with a short Python script (integer half-up,
 * (2 n s + d) div 2d) over the same files:
 *   cla_number_and_rate_per_10k_children.csv: 2267/2267 council rows, 15/15 national, 161/165 regional;
 *   la_cla_placement_stability.csv:           2238/2238 council rows, 15/15 national, 153/165 regional.
 * National and regional counts are rounded to the nearest 10 while DfE works the rate or percentage
 * out from the unrounded counts, hence the regional misses. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/population.h"
#include "carestat/stats.h"
#include "io/csv.h"

static int is_uint(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

typedef struct tally {
    int rows, match, skipped;
} tally;

static tally *level_tally(tally t[3], const char *lvl)
{
    if (strcmp(lvl, "National") == 0) return &t[0];
    if (strcmp(lvl, "Regional") == 0) return &t[1];
    return &t[2];
}

static void test_cla_rates(void **state)
{
    (void)state;
    const char *pp = cs_test_shared("data/dfe_ees/ons_mid-year_population_estimates_2012_to_2024.csv");
    if (!pp) return;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_population(ds, pp), CARESTAT_OK);
    cs_csv *r = NULL;
    assert_int_equal(cs_csv_open(&r, cs_test_shared("data/dfe_ees/cla_number_and_rate_per_10k_children.csv"), NULL,
                                 NULL),
                     CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    static const cs_csv_col cols[] = {{"time_period", 1},         {"geographic_level", 1}, {"new_la_code", 1},
                                      {"region_code", 1},         {"children_count", 1},   {"rate_per_10000", 1},
                                      {"population_estimate", 1}};
    int ix[7];
    assert_int_equal(cs_csv_map_header(r, cols, 7, ix, 0, NULL), CARESTAT_OK);
    tally t[3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    while (cs_csv_next(r) == 1) {
        size_t l;
        char lvl[32], code[32], count[32], rate[32], pe[32];
        int year = atoi(cs_csv_field(r, (size_t)ix[0], &l));
        snprintf(lvl, sizeof lvl, "%s", cs_csv_field(r, (size_t)ix[1], &l));
        snprintf(code, sizeof code, "%s",
                 strcmp(lvl, "Local authority") == 0 ? cs_csv_field(r, (size_t)ix[2], &l)
                 : strcmp(lvl, "Regional") == 0      ? cs_csv_field(r, (size_t)ix[3], &l)
                                                     : "E92000001");
        snprintf(count, sizeof count, "%s", cs_csv_field(r, (size_t)ix[4], &l));
        snprintf(rate, sizeof rate, "%s", cs_csv_field(r, (size_t)ix[5], &l));
        snprintf(pe, sizeof pe, "%s", cs_csv_field(r, (size_t)ix[6], &l));
        tally *tt = level_tally(t, lvl);
        if (!is_uint(count) || !is_uint(rate) || !is_uint(pe)) {
            tt->skipped++; /* z (Northamptonshire after 2021, NN/WN before) or c */
            continue;
        }
        double pop = 0;
        if (carestat_dataset_population(&pop, ds, code, carestat_population_midyear_for(year)) != CARESTAT_OK)
            fail_msg("no population for %s mid-%d", code, year - 1);
        double v = -1;
        assert_int_equal(carestat_round_half_up_rate(&v, atoll(count), (int64_t)pop, 10000, 0), CARESTAT_OK);
        tt->rows++;
        if (v == atof(rate)) tt->match++;
        else if (tt == &t[2]) fprintf(stderr, "council mismatch: %d %s %s/%g -> %g, published %s\n", year, code, count,
                                      pop, v, rate);
    }
    cs_csv_close(r);
    fprintf(stderr, "CLA rates: councils %d/%d, national %d/%d, regional %d/%d match (%d council rows z/c)\n",
            t[2].match, t[2].rows, t[0].match, t[0].rows, t[1].match, t[1].rows, t[2].skipped);
    assert_int_equal(t[2].rows, 2267);
    assert_int_equal(t[2].match, 2267);
    assert_int_equal(t[0].rows, 15);
    assert_int_equal(t[0].match, 15);
    assert_int_equal(t[1].rows, 165);
    assert_int_equal(t[1].match, 161);
    carestat_dataset_free(ds);
}

/* One "Total children" per (year, level, region, la code, la name, cla_group). */
typedef struct total {
    char key[512];
    char count[16];
} total;

static void test_stability_percent(void **state)
{
    (void)state;
    const char *p = cs_test_shared("data/dfe_ees/la_cla_placement_stability.csv");
    if (!p) return;
    static const cs_csv_col cols[] = {{"time_period", 1},      {"geographic_level", 1},    {"region_code", 1},
                                      {"new_la_code", 1},      {"la_name", 1},             {"cla_group", 1},
                                      {"placement_stability", 1}, {"children_count", 1}, {"children_percent", 1}};
    int ix[9];
    total *tot = NULL;
    size_t ntot = 0, cap = 0;
    tally t[3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    for (int pass = 0; pass < 2; pass++) {
        cs_csv *r = NULL;
        assert_int_equal(cs_csv_open(&r, p, NULL, NULL), CARESTAT_OK);
        assert_int_equal(cs_csv_next(r), 1);
        assert_int_equal(cs_csv_map_header(r, cols, 9, ix, 0, NULL), CARESTAT_OK);
        while (cs_csv_next(r) == 1) {
            size_t l;
            char key[512];
            snprintf(key, sizeof key, "%s|%s|%s|%s|%s|%s", cs_csv_field(r, (size_t)ix[0], &l),
                     cs_csv_field(r, (size_t)ix[1], &l), cs_csv_field(r, (size_t)ix[2], &l),
                     cs_csv_field(r, (size_t)ix[3], &l), cs_csv_field(r, (size_t)ix[4], &l),
                     cs_csv_field(r, (size_t)ix[5], &l));
            int is_total = strcmp(cs_csv_field(r, (size_t)ix[6], &l), "Total children") == 0;
            const char *count = cs_csv_field(r, (size_t)ix[7], &l);
            if (pass == 0) {
                if (!is_total) continue;
                if (ntot == cap) {
                    cap = cap ? 2 * cap : 256;
                    tot = realloc(tot, cap * sizeof *tot);
                    assert_non_null(tot);
                }
                snprintf(tot[ntot].key, sizeof tot[ntot].key, "%s", key);
                snprintf(tot[ntot].count, sizeof tot[ntot].count, "%s", count);
                ntot++;
                continue;
            }
            if (is_total) continue;
            tally *tt = level_tally(t, cs_csv_field(r, (size_t)ix[1], &l));
            const char *den = NULL;
            for (size_t i = 0; i < ntot && !den; i++)
                if (strcmp(tot[i].key, key) == 0) den = tot[i].count;
            char pct[16];
            snprintf(pct, sizeof pct, "%s", cs_csv_field(r, (size_t)ix[8], &l));
            if (!den || !is_uint(count) || !is_uint(den) || !is_uint(pct) || atoll(den) == 0) {
                tt->skipped++;
                continue;
            }
            double v = -1;
            assert_int_equal(carestat_round_half_up_percent(&v, atoll(count), atoll(den), 0), CARESTAT_OK);
            tt->rows++;
            if (v == atof(pct)) tt->match++;
            else if (tt == &t[2]) fprintf(stderr, "council mismatch: %s %s/%s -> %g, published %s\n", key, count, den,
                                          v, pct);
        }
        cs_csv_close(r);
    }
    free(tot);
    fprintf(stderr, "placement stability %%: councils %d/%d, national %d/%d, regional %d/%d match (%d council rows c/z)\n",
            t[2].match, t[2].rows, t[0].match, t[0].rows, t[1].match, t[1].rows, t[2].skipped);
    assert_int_equal(t[2].rows, 2238);
    assert_int_equal(t[2].match, 2238);
    assert_int_equal(t[0].rows, 15);
    assert_int_equal(t[0].match, 15);
    assert_int_equal(t[1].rows, 165);
    assert_int_equal(t[1].match, 153);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cla_rates),
        cmocka_unit_test(test_stability_percent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
