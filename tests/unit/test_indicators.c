/* The indicator catalogue (every required id, metadata, rules), docs/indicators.md against
 * carestat_indicators_markdown(), request validation and disclosure control. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/indicator.h"
#include "measures/measures_internal.h"

static const char *required[] = {
    "cla.looked_after", "cla.looked_after.rate", "cla.starts", "cla.starts.rate", "cla.ceased", "cla.ceased.rate",
    "cla.stability.placements3plus", "cla.stability.placements3plus_2yr", "cla.stability.longterm", "cla.kinship",
    "cla.other_placements", "leavers.in_touch.17to18", "leavers.in_touch.19to21",
    "leavers.suitable_accommodation.17to18", "leavers.suitable_accommodation.19to21", "leavers.eet.17to18",
    "leavers.eet.19to21", "sw.changes3plus", "sw.changes3plus_2yr", "perm.adoption_days", "perm.match_days",
    /* added: ceased shares, kinship SGO exits, former UASC splits, adoption within 12 months */
    "cla.ceased.adopted", "cla.ceased.sgo", "cla.ceased.cao", "cla.ceased.returned_home", "cla.kinship.sgo_exits",
    "leavers.in_touch.17to18.uasc", "leavers.eet.19to21.uasc", "perm.adopted_within_12m"};

static void test_catalogue_required(void **state)
{
    (void)state;
    size_t n = carestat_indicator_count();
    assert_true(n >= sizeof required / sizeof required[0]);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        size_t k = (size_t)-1;
        if (carestat_indicator_find(&k, required[i]) != CARESTAT_OK) fail_msg("missing indicator %s", required[i]);
        assert_string_equal(carestat_indicator_id(k), required[i]);
    }
    /* every entry: unique id, every text present, unit/polarity valid, period kind 0 or 1 */
    for (size_t i = 0; i < n; i++) {
        const char *id = carestat_indicator_id(i);
        assert_non_null(id);
        for (size_t j = 0; j < i; j++) assert_string_not_equal(id, carestat_indicator_id(j));
        size_t k;
        assert_int_equal(carestat_indicator_find(&k, id), CARESTAT_OK);
        assert_int_equal(k, i);
        assert_true(strlen(carestat_indicator_title(i)) > 5);
        assert_true(strlen(carestat_indicator_population(i)) > 5);
        assert_true(strlen(carestat_indicator_definition(i)) > 20);
        assert_true(strlen(carestat_indicator_source(i)) > 10);
        assert_string_not_equal(carestat_unit_text(carestat_indicator_unit(i)), "unknown");
        assert_string_not_equal(carestat_polarity_text(carestat_indicator_polarity(i)), "");
        int pk = carestat_indicator_period_kind(i);
        assert_true(pk == 0 || pk == 1);
    }
    assert_null(carestat_indicator_id(n));
    assert_null(carestat_indicator_title(n));
    assert_null(carestat_indicator_source(n));
    assert_int_equal(carestat_indicator_unit(n), -1);
    assert_int_equal(carestat_indicator_polarity(n), -1);
    size_t k;
    assert_int_equal(carestat_indicator_find(&k, "cla.nope"), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_indicator_find(NULL, "cla.starts"), CARESTAT_EINVAL);
    assert_int_equal(carestat_indicator_find(&k, NULL), CARESTAT_EINVAL);
}

static void test_catalogue_metadata(void **state)
{
    (void)state;
    size_t k;
    assert_int_equal(carestat_indicator_find(&k, "cla.starts.rate"), CARESTAT_OK);
    assert_int_equal(carestat_indicator_unit(k), CARESTAT_UNIT_RATE);
    assert_string_equal(carestat_unit_text(carestat_indicator_unit(k)), "rate per 10,000");
    assert_int_equal(carestat_indicator_find(&k, "cla.looked_after"), CARESTAT_OK);
    assert_int_equal(carestat_indicator_unit(k), CARESTAT_UNIT_COUNT);
    assert_int_equal(carestat_indicator_polarity(k), CARESTAT_POLARITY_NONE);
    assert_int_equal(carestat_indicator_find(&k, "cla.stability.placements3plus"), CARESTAT_OK);
    assert_int_equal(carestat_indicator_unit(k), CARESTAT_UNIT_PERCENT);
    assert_int_equal(carestat_indicator_polarity(k), CARESTAT_POLARITY_LOWER_BETTER);
    assert_non_null(strstr(carestat_indicator_source(k), "372"));
    assert_int_equal(carestat_indicator_find(&k, "cla.stability.longterm"), CARESTAT_OK);
    assert_int_equal(carestat_indicator_polarity(k), CARESTAT_POLARITY_HIGHER_BETTER);
    assert_non_null(strstr(carestat_indicator_source(k), "393"));
    assert_int_equal(carestat_indicator_find(&k, "perm.adoption_days"), CARESTAT_OK);
    assert_int_equal(carestat_indicator_unit(k), CARESTAT_UNIT_DAYS);
    assert_int_equal(carestat_indicator_period_kind(k), 0);
    assert_string_equal(carestat_polarity_text(CARESTAT_POLARITY_HIGHER_BETTER), "higher is better");
    assert_string_equal(carestat_polarity_text(99), "");
    assert_string_equal(carestat_unit_text(-3), "unknown");
    /* workforce family, when linked: its ids are wf.* with the census period */
    for (size_t i = 0; i < carestat_indicator_count(); i++)
        if (strncmp(carestat_indicator_id(i), "wf.", 3) == 0) assert_int_equal(carestat_indicator_period_kind(i), 1);
}

static void test_rules(void **state)
{
    (void)state;
    unsigned bit = 0;
    assert_int_equal(carestat_rule_from_name(&bit, "placements_spb_only"), CARESTAT_OK);
    assert_int_equal(bit, CARESTAT_RULE_PLACEMENTS_SPB_ONLY);
    assert_int_equal(carestat_rule_from_name(&bit, "CARESTAT_RULE_LONGTERM_SAME_PLACEMENT"), CARESTAT_OK);
    assert_int_equal(bit, CARESTAT_RULE_LONGTERM_SAME_PLACEMENT);
    assert_int_equal(carestat_rule_from_name(&bit, "placements_spb"), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_rule_from_name(NULL, "x"), CARESTAT_EINVAL);
    assert_string_equal(carestat_rule_name(CARESTAT_RULE_ADOPTION_NO_FOSTER_ADJUST), "adoption_no_foster_adjust");
    assert_null(carestat_rule_name(3u));
    assert_null(carestat_rule_name(0));
}

/* docs/indicators.md must be exactly the generated text. */
static void test_docs_in_sync(void **state)
{
    (void)state;
    const char *src = getenv("CARESTAT_SOURCE_DIR");
    if (!src) skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/indicators.md", src);
    char *md = NULL;
    assert_int_equal(carestat_indicators_markdown(&md), CARESTAT_OK);
    assert_non_null(strstr(md, "## `cla.stability.longterm`"));
    assert_non_null(strstr(md, "placements_spb_only"));
    FILE *f = fopen(path, "rb");
    if (!f) {
        carestat_free(md);
        fail_msg("%s is missing; regenerate it: <build>/examples/indicators_md > docs/indicators.md", path);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)len, f);
    buf[got] = '\0';
    fclose(f);
    int same = strcmp(buf, md) == 0;
    free(buf);
    carestat_free(md);
    if (!same)
        fail_msg("docs/indicators.md differs from carestat_indicators_markdown(); regenerate it: "
                 "<build>/examples/indicators_md > docs/indicators.md");
    assert_int_equal(carestat_indicators_markdown(NULL), CARESTAT_EINVAL);
}

static void test_request_validation(void **state)
{
    (void)state;
    carestat_request req;
    assert_int_equal(carestat_request_init(&req, CARESTAT_REQUEST_VERSION), CARESTAT_OK);
    assert_near(req.level, 0.95, 0);
    assert_int_equal(req.disclosure, CARESTAT_DISCLOSURE_NONE);
    assert_int_equal(req.rules, 0);
    assert_null(req.indicators);
    assert_int_equal(carestat_request_init(&req, 99), CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_request_init(NULL, CARESTAT_REQUEST_VERSION), CARESTAT_EINVAL);

    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    carestat_table *t = (carestat_table *)&t;
    assert_int_equal(carestat_compute(&t, NULL, NULL), CARESTAT_EINVAL);
    assert_null(t);
    assert_int_equal(carestat_compute(NULL, ds, NULL), CARESTAT_EINVAL);
    /* an empty dataset: a valid, empty table */
    assert_int_equal(carestat_compute(&t, ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 0);
    carestat_table_free(t);

    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.level = 0.5;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    req.level = 1.0;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    req.level = NAN;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.year_from = 2025;
    req.year_to = 2024;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.rules = 1u << 30;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.disclosure = (carestat_disclosure)7;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    const char *bad[] = {"cla.starts", "cla.nope"};
    req.indicators = bad;
    req.n_indicators = 2;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_ENOTFOUND);
    req.indicators = NULL;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.n_orgs = 1;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EINVAL);
    req.version = 2;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_EUNSUPPORTED);
    carestat_dataset_free(ds);
}

static carestat_observation mk(double num, double den, double val)
{
    carestat_observation o;
    memset(&o, 0, sizeof o);
    o.numerator = num;
    o.denominator = den;
    o.value = val;
    o.lower = val - 1;
    o.upper = val + 1;
    return o;
}

static void test_disclosure(void **state)
{
    (void)state;
    assert_int_equal(carestat_disclosure_threshold(), 6);
    /* counts: 1..5 suppressed, 0 and 6 shown */
    double counts[] = {0, 1, 5, 6, 120};
    int sup[] = {0, 1, 1, 0, 0};
    for (size_t i = 0; i < 5; i++) {
        carestat_observation o = mk(counts[i], NAN, counts[i]);
        cs_measures_disclose(&o, CARESTAT_UNIT_COUNT);
        assert_int_equal((o.flags & CARESTAT_FLAG_SUPPRESSED) != 0, sup[i]);
        assert_int_equal(isnan(o.value), sup[i]);
        assert_int_equal(isnan(o.numerator), sup[i]);
    }
    /* percentages: small numerator or small denominator */
    carestat_observation p = mk(4, 40, 10);
    cs_measures_disclose(&p, CARESTAT_UNIT_PERCENT);
    assert_true(p.flags & CARESTAT_FLAG_SUPPRESSED);
    assert_true(isnan(p.value) && isnan(p.lower) && isnan(p.upper) && isnan(p.numerator));
    assert_near(p.denominator, 40, 0); /* the total is not small: still shown */
    p = mk(3, 3, 100);
    cs_measures_disclose(&p, CARESTAT_UNIT_PERCENT);
    assert_true(isnan(p.denominator));
    p = mk(0, 40, 0);
    cs_measures_disclose(&p, CARESTAT_UNIT_PERCENT);
    assert_false(p.flags & CARESTAT_FLAG_SUPPRESSED);
    assert_near(p.value, 0, 0);
    p = mk(12, 40, 30);
    cs_measures_disclose(&p, CARESTAT_UNIT_PERCENT);
    assert_false(p.flags & CARESTAT_FLAG_SUPPRESSED);
    /* rates: the count (the population is never small) */
    p = mk(5, 83113, 0.6);
    cs_measures_disclose(&p, CARESTAT_UNIT_RATE);
    assert_true(p.flags & CARESTAT_FLAG_SUPPRESSED);
    assert_near(p.denominator, 83113, 0);
    /* averages of days: the number of children */
    p = mk(2000, 4, 500);
    cs_measures_disclose(&p, CARESTAT_UNIT_DAYS);
    assert_true(p.flags & CARESTAT_FLAG_SUPPRESSED);
    p = mk(6000, 12, 500);
    cs_measures_disclose(&p, CARESTAT_UNIT_DAYS);
    assert_false(p.flags & CARESTAT_FLAG_SUPPRESSED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_required), cmocka_unit_test(test_catalogue_metadata),
        cmocka_unit_test(test_rules),              cmocka_unit_test(test_docs_in_sync),
        cmocka_unit_test(test_request_validation), cmocka_unit_test(test_disclosure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
