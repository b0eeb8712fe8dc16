/* Synthetic data generator (synth.h): options, codes, determinism, file layout and counts, the rules
 * of the SSDA903 episode histories it writes, clean data loading without errors, dirty data
 * giving errors, the story's trust and inspections, and allocation failures. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "carestat.h"

static carestat_synth_options opts_small(void)
{
    carestat_synth_options o;
    assert_int_equal(carestat_synth_options_init(&o, CARESTAT_SYNTH_OPTIONS_VERSION), CARESTAT_OK);
    o.n_orgs = 1;
    o.year_from = 2023;
    o.year_to = 2025;
    o.children_per_org = 120;
    o.seed = 99;
    return o;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

static size_t count_lines(const char *path)
{
    char *t = slurp(path, NULL);
    assert_non_null(t);
    size_t n = 0;
    for (char *p = t; *p; p++)
        if (*p == '\n') n++;
    free(t);
    return n;
}

static const char *join(const char *dir, const char *name)
{
    static char buf[8][4096];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void test_options(void **state)
{
    (void)state;
    carestat_synth_options o;
    assert_int_equal(carestat_synth_options_init(NULL, CARESTAT_SYNTH_OPTIONS_VERSION), CARESTAT_EINVAL);
    assert_int_equal(carestat_synth_options_init(&o, 99), CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_synth_options_init(&o, CARESTAT_SYNTH_OPTIONS_VERSION), CARESTAT_OK);
    assert_int_equal(o.n_orgs, 3);
    assert_int_equal(o.year_from, 2021);
    assert_int_equal(o.year_to, 2025);
    assert_true(o.seed == 1);
    assert_int_equal(o.children_per_org, 0);
    assert_int_equal(o.dirty, 0);
    assert_int_equal(o.story, 0);

    const char *dir = cs_test_tmpdir();
    assert_int_equal(carestat_synth_write(NULL, &o), CARESTAT_EINVAL);
    assert_int_equal(carestat_synth_write("", &o), CARESTAT_EINVAL);
    carestat_synth_options b = o;
    b.n_orgs = 0;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.n_orgs = 1000;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.year_from = 2026;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.year_from = 1999;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.year_from = 2000;
    b.year_to = 2031; /* 32 years */
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.children_per_org = 5;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.dirty = 2;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.story = 1;
    b.n_orgs = 1;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EINVAL);
    b = o;
    b.version = 7;
    assert_int_equal(carestat_synth_write(dir, &b), CARESTAT_EUNSUPPORTED);
    /* the parent folder must exist */
    assert_int_equal(carestat_synth_write(join(dir, "no/such/parent"), &o), CARESTAT_EIO);
    /* a file where the folder should be */
    FILE *f = fopen(join(dir, "afile"), "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(carestat_synth_write(join(dir, "afile"), &o), CARESTAT_EIO);
}

static void test_codes(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(carestat_synth_org_code(buf, sizeof buf, 0), CARESTAT_OK);
    assert_string_equal(buf, "SYN001");
    assert_int_equal(carestat_synth_org_code(buf, sizeof buf, 998), CARESTAT_OK);
    assert_string_equal(buf, "SYN999");
    assert_int_equal(carestat_synth_org_code(buf, sizeof buf, -1), CARESTAT_OK);
    assert_string_equal(buf, "SYNT01");
    assert_int_equal(carestat_synth_org_code(buf, sizeof buf, 999), CARESTAT_ERANGE);
    assert_int_equal(carestat_synth_org_code(buf, sizeof buf, -2), CARESTAT_ERANGE);
    assert_int_equal(carestat_synth_org_code(buf, 3, 0), CARESTAT_EBUFFER);
    assert_int_equal(carestat_synth_org_code(NULL, 8, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_synth_org_name(buf, sizeof buf, 0, 1), CARESTAT_OK);
    assert_string_equal(buf, "Northvale (fictional)");
    assert_int_equal(carestat_synth_org_name(buf, sizeof buf, 1, 1), CARESTAT_OK);
    assert_string_equal(buf, "Westvale (fictional)");
    assert_int_equal(carestat_synth_org_name(buf, sizeof buf, -1, 1), CARESTAT_OK);
    assert_string_equal(buf, "Vale Children's Trust (fictional)");
    assert_int_equal(carestat_synth_org_name(buf, sizeof buf, 4, 0), CARESTAT_OK);
    assert_string_equal(buf, "Synthetic Council 005 (fictional)");
    assert_int_equal(carestat_synth_org_name(buf, 5, 4, 0), CARESTAT_EBUFFER);
    assert_string_equal(buf, "");
    /* no synthetic code is a registered organisation (GSS or 3-digit code) */
    for (int i = -1; i < 999; i += 37) {
        const carestat_org *o = NULL;
        assert_int_equal(carestat_synth_org_code(buf, sizeof buf, i), CARESTAT_OK);
        assert_int_equal(carestat_org_find(&o, buf), CARESTAT_ENOTFOUND);
    }
}

static void test_deterministic(void **state)
{
    (void)state;
    carestat_synth_options o = opts_small();
    o.n_orgs = 2;
    const char *a = cs_test_tmpdir(), *b = cs_test_tmpdir(), *c = cs_test_tmpdir();
    assert_int_equal(carestat_synth_write(a, &o), CARESTAT_OK);
    assert_int_equal(carestat_synth_write(b, &o), CARESTAT_OK);
    o.seed = 100;
    assert_int_equal(carestat_synth_write(c, &o), CARESTAT_OK);
    static const char *const files[] = {"SYN001/episodes.csv", "SYN002/header.csv", "SYN002/oc3.csv",
                                        "SYN001/sw_episodes.csv", "workforce.csv", "population.csv"};
    int differ = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t la, lb, lc;
        char *ta = slurp(join(a, files[i]), &la), *tb = slurp(join(b, files[i]), &lb), *tc = slurp(join(c, files[i]), &lc);
        assert_non_null(ta);
        assert_non_null(tb);
        assert_non_null(tc);
        assert_int_equal(la, lb);
        assert_memory_equal(ta, tb, la);
        if (la != lc || memcmp(ta, tc, la) != 0) differ++;
        free(ta);
        free(tb);
        free(tc);
    }
    assert_true(differ >= 5); /* population.csv may coincide; the records do not */
}

/* Split a simple CSV line (the generator never quotes) in place. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == ',') {
            *p = '\0';
            f[n++] = p + 1;
        } else if (*p == '\n' || *p == '\r') *p = '\0';
    }
    return n;
}

static carestat_date dmy(const char *s)
{
    carestat_date d = CARESTAT_DATE_NONE;
    if (*s) assert_int_equal(carestat_date_parse(&d, s, strlen(s)), CARESTAT_OK);
    return d;
}

static void test_layout_counts_rules(void **state)
{
    (void)state;
    carestat_synth_options o = opts_small();
    o.children_per_org = 0; /* realistic size */
    o.year_from = 2020;
    const char *dir = cs_test_tmpdir();
    carestat_synth_summary s;
    assert_int_equal(carestat_synth_write_summary(&s, dir, &o), CARESTAT_OK);
    /* row counts: every file has a header line plus the rows the summary reports */
    assert_int_equal(count_lines(join(dir, "SYN001/header.csv")), s.children + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/episodes.csv")), s.episodes + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/oc3.csv")), s.oc3 + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/sw_episodes.csv")), s.sw_episodes + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/uasc.csv")), s.uasc + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/ad1.csv")), s.ad1 + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/placed_for_adoption.csv")), s.placed_adoption + 1);
    assert_int_equal(count_lines(join(dir, "workforce.csv")), s.workers + 1);
    /* population: mid-years 2018..2025 (year_from - 2 .. year_to) for one council */
    assert_int_equal(count_lines(join(dir, "population.csv")), 8 + 1);
    assert_int_equal(count_lines(join(dir, "workforce_la.csv")), 6 + 1);
    assert_int_equal(s.faults, 0);
    assert_true(s.children > 300 && s.episodes > s.children);

    /* the rules of the episode histories (reference/domain.md 1.4, 1.9): per child, in date order;
     * a continuation episode (RNE not S) starts the day the previous one ended with X1; RNE S
     * starts a period (first episode, or after an episode that ceased care); DEC after DECOM;
     * only the last episode may be open, and open episodes have no REC; a period ends at the latest
     * on the 18th birthday. */
    char *hdr = slurp(join(dir, "SYN001/header.csv"), NULL);
    char *eps = slurp(join(dir, "SYN001/episodes.csv"), NULL);
    assert_non_null(hdr);
    assert_non_null(eps);
    /* date of birth by child id (ids are 100000 + index) */
    size_t cap = 1u << 20;
    carestat_date *dob = calloc(cap, sizeof *dob);
    assert_non_null(dob);
    char *save = NULL;
    char *line = strtok_r(hdr, "\n", &save);
    assert_string_equal(line, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB");
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *f[8];
        assert_int_equal(split(line, f, 8), 7);
        long id = strtol(f[0], NULL, 10);
        assert_true(id >= 100000 && (size_t)(id - 100000) < cap);
        assert_true(strcmp(f[1], "M") == 0 || strcmp(f[1], "F") == 0); /* 2025 collection: M/F */
        dob[id - 100000] = dmy(f[2]);
    }
    line = strtok_r(eps, "\n", &save);
    assert_string_equal(line, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN");
    char prev_child[32] = "";
    carestat_date prev_dec = CARESTAT_DATE_NONE;
    char prev_rec[8] = "";
    size_t n = 0, starts = 0, placement_changes = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *f[16];
        assert_int_equal(split(line, f, 16), 13);
        carestat_date decom = dmy(f[1]), dec = dmy(f[7]);
        int same = strcmp(prev_child, f[0]) == 0;
        if (same) {
            assert_true(prev_dec != CARESTAT_DATE_NONE); /* only the last episode is open */
            assert_true(decom >= prev_dec);
            if (strcmp(f[2], "S") == 0) {
                assert_string_not_equal(prev_rec, "X1");
                assert_true(decom > prev_dec);
            } else {
                assert_string_equal(prev_rec, "X1");
                assert_int_equal(decom, prev_dec);
            }
        } else assert_string_equal(f[2], "S");
        if (strcmp(f[2], "S") == 0) starts++;
        if (strchr("PBTU", f[2][0])) placement_changes++;
        if (dec == CARESTAT_DATE_NONE) assert_string_equal(f[8], "");
        else {
            assert_true(dec > decom);
            assert_true(f[8][0] == 'X' || f[8][0] == 'E');
            long id = strtol(f[0], NULL, 10);
            assert_true(dec <= carestat_date_add_years(dob[id - 100000], 18));
        }
        /* REASON_PLACE_CHANGE only on an episode that ended with X1 */
        if (*f[9]) assert_string_equal(f[8], "X1");
        /* provider rules: P1 with PR0 only; no provider for Z1 */
        if (strcmp(f[5], "P1") == 0) assert_string_equal(f[6], "PR0");
        if (strcmp(f[5], "Z1") == 0) assert_string_equal(f[6], "");
        /* fictional postcodes: Q is never the first letter of a real one */
        assert_int_equal(f[10][0], 'Q');
        snprintf(prev_child, sizeof prev_child, "%s", f[0]);
        prev_dec = dec;
        snprintf(prev_rec, sizeof prev_rec, "%s", f[8]);
        n++;
    }
    assert_int_equal(n, s.episodes);
    assert_true(starts >= s.children);
    assert_true(placement_changes > starts / 2);
    free(dob);
    free(hdr);
    free(eps);
}

static void test_clean_loads(void **state)
{
    (void)state;
    carestat_synth_options o = opts_small();
    o.children_per_org = 300;
    const char *dir = cs_test_tmpdir();
    carestat_synth_summary s;
    assert_int_equal(carestat_synth_write_summary(&s, dir, &o), CARESTAT_OK);
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    const char *p = join(dir, "SYN001");
    assert_int_equal(carestat_dataset_load_903(ds, &p, 1, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce(ds, join(dir, "workforce.csv")), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce_la(ds, join(dir, "workforce_la.csv")), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_population(ds, join(dir, "population.csv")), CARESTAT_OK);
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    for (size_t i = 0; i < carestat_diag_list_count(l); i++) {
        const carestat_diag *d = carestat_diag_list_get(l, i);
        if (d->severity >= CARESTAT_SEV_WARNING) {
            char buf[1024];
            carestat_diag_format(buf, sizeof buf, d);
            fail_msg("clean synthetic data gave a diagnostic: %s", buf);
        }
    }
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN), s.children);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_EPISODES), s.episodes);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_OC3), s.oc3);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_SW_EPISODES), s.sw_episodes);
    assert_int_equal(carestat_dataset_workforce_count(ds), s.workers);
    /* children_per_org 300: about 300 children looked after at 31 March (a Poisson process: within 25%) */
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    const char *ind[] = {"cla.looked_after"};
    req.indicators = ind;
    req.n_indicators = 1;
    req.year_from = req.year_to = 2025;
    carestat_table *t = NULL;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 1);
    carestat_observation ob;
    assert_int_equal(carestat_table_get(&ob, t, 0), CARESTAT_OK);
    assert_string_equal(ob.org_code, "SYN001");
    assert_true(ob.value > 225 && ob.value < 375);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_dirty(void **state)
{
    (void)state;
    carestat_synth_options o = opts_small();
    o.children_per_org = 400;
    o.dirty = 1;
    const char *dir = cs_test_tmpdir();
    carestat_synth_summary s;
    assert_int_equal(carestat_synth_write_summary(&s, dir, &o), CARESTAT_OK);
    assert_true(s.faults > 10);
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    const char *p = join(dir, "SYN001");
    assert_int_equal(carestat_dataset_load_903(ds, &p, 1, NULL), CARESTAT_OK);
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    assert_true(carestat_diag_list_count_at_least(l, CARESTAT_SEV_ERROR) > 10);
    carestat_dataset_free(ds);
    /* the clean rows are the same as in clean mode: the faults come from a separate stream */
    o.dirty = 0;
    const char *dir2 = cs_test_tmpdir();
    carestat_synth_summary s2;
    assert_int_equal(carestat_synth_write_summary(&s2, dir2, &o), CARESTAT_OK);
    /* the dirty return leaves a few children out of the header and repeats a few episode rows */
    assert_true(s.children < s2.children && s2.children - s.children <= s.faults);
    assert_true(s.episodes > s2.episodes && s.episodes - s2.episodes <= s.faults);
    assert_int_equal(s2.oc3, s.oc3);
    assert_int_equal(s2.sw_episodes, s.sw_episodes);
    assert_int_equal(s2.workers, s.workers);
    /* the summary counts the rows actually written */
    assert_int_equal(count_lines(join(dir2, "SYN001/header.csv")), s2.children + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/header.csv")), s.children + 1);
    assert_int_equal(count_lines(join(dir, "SYN001/episodes.csv")), s.episodes + 1);
}

static void test_story(void **state)
{
    (void)state;
    carestat_synth_options o = opts_small();
    o.n_orgs = 2;
    o.story = 1;
    o.children_per_org = 0;
    o.year_from = 2020;
    const char *dir = cs_test_tmpdir();
    assert_int_equal(carestat_synth_write(dir, &o), CARESTAT_OK);
    char *orgs = slurp(join(dir, "orgs.csv"), NULL);
    assert_non_null(orgs);
    assert_string_equal(orgs, "code,name,kind,delivered_by\n"
                              "SYN001,Northvale (fictional),council,SYNT01\n"
                              "SYN002,Westvale (fictional),council,SYNT01\n"
                              "SYNT01,Vale Children's Trust (fictional),trust,\n");
    free(orgs);
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    carestat_org org;
    memset(&org, 0, sizeof org);
    org.la_code = org.region_code = "";
    org.start = org.end = CARESTAT_DATE_NONE;
    org.user_defined = 1;
    org.code = "SYN001";
    org.name = "Northvale (fictional)";
    assert_int_equal(carestat_dataset_org_add(ds, &org), CARESTAT_OK);
    org.code = "SYN002";
    org.name = "Westvale (fictional)";
    assert_int_equal(carestat_dataset_org_add(ds, &org), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_inspections(ds, join(dir, "inspections.csv")), CARESTAT_OK);
    assert_int_equal(carestat_dataset_inspection_count(ds), 6);
    carestat_grade g = CARESTAT_GRADE_NONE;
    const carestat_inspection *in = NULL;
    carestat_date at;
    assert_int_equal(carestat_date_from_ymd(&at, 2021, 3, 31), CARESTAT_OK);
    assert_int_equal(carestat_dataset_latest_grade(&g, &in, ds, "SYN001", CARESTAT_AREA_OVERALL, at, 0), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(carestat_date_from_ymd(&at, 2025, 3, 31), CARESTAT_OK);
    assert_int_equal(carestat_dataset_latest_grade(&g, &in, ds, "SYN002", CARESTAT_AREA_OVERALL, at, 0), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_GOOD);
    carestat_dataset_free(ds);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    carestat_synth_options o = opts_small();
    o.children_per_org = 20;
    o.year_from = 2024;
    const char *dir = cs_test_tmpdir();
    int ok = 0;
    for (long k = 1; k < 400 && !ok; k++) {
        cs_test_failing f = {0, k, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        int rc = carestat_synth_write(dir, &o);
        assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
        if (rc == CARESTAT_OK) ok = 1;
        else assert_int_equal(rc, CARESTAT_ENOMEM);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options),       cmocka_unit_test(test_codes),
        cmocka_unit_test(test_deterministic), cmocka_unit_test(test_layout_counts_rules),
        cmocka_unit_test(test_clean_loads),   cmocka_unit_test(test_dirty),
        cmocka_unit_test(test_story),         cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
