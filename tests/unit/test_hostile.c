/* Hostile input: every reader is given every file of the hostile corpus (tests/hostile). None may
 * crash or grow memory without bound; each either loads or fails with a status and a message; rows
 * read = accepted + rejected for every table; and the specific problems give their diagnostics
 * with line and column. */
#include "testutil.h"

#include <sys/resource.h>
#include <unistd.h>

#include "../hostile/hostile.h"
#include "carestat.h"

typedef int (*loader_fn)(carestat_dataset *ds, const char *path);

static int load_903(carestat_dataset *ds, const char *path)
{
    carestat_903_options o;
    carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION);
    o.org_code = "E06000061";
    o.collection_year = 2025;
    const char *paths[1] = {path};
    return carestat_dataset_load_903(ds, paths, 1, &o);
}

static int load_published(carestat_dataset *ds, const char *path)
{
    return carestat_dataset_load_published(ds, path, NULL);
}

static const struct {
    const char *name;
    loader_fn fn;
} LOADERS[] = {
    {"ssda903", load_903},
    {"workforce", carestat_dataset_load_workforce},
    {"workforce_la", carestat_dataset_load_workforce_la},
    {"workforce_xml", carestat_dataset_load_workforce_xml},
    {"population", carestat_dataset_load_population},
    {"published", load_published},
    {"inspections", carestat_dataset_load_inspections},
    {"neighbours", carestat_dataset_load_neighbours},
};
#define NLOADERS (sizeof LOADERS / sizeof LOADERS[0])

static void check_reconciles(const carestat_dataset *ds, const char *what)
{
    for (size_t i = 0; i < carestat_dataset_load_summary_count(ds); i++) {
        carestat_load_summary s;
        assert_int_equal(carestat_dataset_load_summary(&s, ds, i), CARESTAT_OK);
        if (s.rows_read != s.rows_accepted + s.rows_rejected) {
            print_error("%s: %s %s: read %llu != accepted %llu + rejected %llu\n", what, s.source, s.table,
                        (unsigned long long)s.rows_read, (unsigned long long)s.rows_accepted,
                        (unsigned long long)s.rows_rejected);
            fail();
        }
    }
}

static void test_every_reader_every_file(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    size_t n;
    const hostile_case *cases = hostile_cases(&n);
    size_t runs = 0;
    for (size_t c = 0; c < n; c++) {
        const char *path = hostile_write(dir, &cases[c]);
        if (!path) {
            print_message("hostile: %s cannot be made here (running as root), skipped\n", cases[c].name);
            continue;
        }
        char saved[4096];
        snprintf(saved, sizeof saved, "%s", path);
        for (size_t l = 0; l < NLOADERS; l++) {
            carestat_dataset *ds;
            assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
            int rc = LOADERS[l].fn(ds, saved);
            size_t nd = carestat_diag_list_count(carestat_dataset_diagnostics(ds));
            print_message("%-24s %-14s rc=%-22s diags=%zu %s\n", cases[c].name, LOADERS[l].name,
                          carestat_status_name(rc), nd, carestat_dataset_errmsg(ds));
            if (rc != CARESTAT_OK) {
                /* a failure always says why */
                assert_true(strlen(carestat_dataset_errmsg(ds)) > 0 || nd > 0);
                assert_true(rc == CARESTAT_EPARSE || rc == CARESTAT_EIO || rc == CARESTAT_ELIMIT ||
                            rc == CARESTAT_EUNSUPPORTED || rc == CARESTAT_ENOTFOUND);
            }
            char what[256];
            snprintf(what, sizeof what, "%s/%s", cases[c].name, LOADERS[l].name);
            check_reconciles(ds, what);
            carestat_dataset_free(ds);
            runs++;
        }
    }
    print_message("hostile: %zu files x %zu readers = %zu loads\n", n, NLOADERS, runs);
    /* bounded memory: the 1 MB field and the million columns are refused, not buffered */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    print_message("hostile: peak RSS %ld MB\n", ru.ru_maxrss / 1024);
}

/* Load one hostile case with one reader; the caller frees the dataset. */
static carestat_dataset *load_case(const char *case_name, int (*fn)(carestat_dataset *, const char *), int *rc)
{
    size_t n;
    const hostile_case *cases = hostile_cases(&n);
    for (size_t c = 0; c < n; c++) {
        if (strcmp(cases[c].name, case_name) != 0) continue;
        const char *path = hostile_write(cs_test_tmpdir(), &cases[c]);
        assert_non_null(path);
        carestat_dataset *ds;
        assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
        *rc = fn(ds, path);
        check_reconciles(ds, case_name);
        return ds;
    }
    fail_msg("no hostile case %s", case_name);
    return NULL;
}

static void expect(const carestat_dataset *ds, const char *code, uint64_t line, uint32_t column, const char *text)
{
    const carestat_diag *d = cs_test_find_diag(ds, code, NULL, (long)line, (long)column);
    if (!d) {
        print_error("expected diagnostic %s on line %llu column %u\n", code, (unsigned long long)line, column);
        const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
        for (size_t i = 0; i < carestat_diag_list_count(l); i++) {
            char b[512];
            carestat_diag_format(b, sizeof b, carestat_diag_list_get(l, i));
            print_error("  have: %s\n", b);
        }
        fail();
    }
    if (text) assert_non_null(strstr(d->message, text));
}

static uint64_t episodes_summary(const carestat_dataset *ds, uint64_t *accepted, uint64_t *rejected)
{
    for (size_t i = 0; i < carestat_dataset_load_summary_count(ds); i++) {
        carestat_load_summary s;
        carestat_dataset_load_summary(&s, ds, i);
        if (strcmp(s.table, "episodes") == 0) {
            *accepted = s.rows_accepted;
            *rejected = s.rows_rejected;
            return s.rows_read;
        }
    }
    *accepted = *rejected = 0;
    return UINT64_MAX;
}

/* The expected diagnostics of the SSDA903 reader, case by case (lines and columns counted by hand
 * in tests/hostile/hostile.c: line 1 is the header). */
static void test_ssda903_diagnostics(void **state)
{
    (void)state;
    int rc;
    uint64_t acc, rej;
    carestat_dataset *ds;

    ds = load_case("empty.csv", load_903, &rc);
    assert_int_equal(rc, CARESTAT_OK);
    expect(ds, "903_TABLE_UNKNOWN", 0, 0, "empty file");
    carestat_dataset_free(ds);

    ds = load_case("header_only.csv", load_903, &rc);
    assert_int_equal(rc, CARESTAT_OK);
    assert_int_equal(episodes_summary(ds, &acc, &rej), 0);
    carestat_dataset_free(ds);

    ds = load_case("truncated.csv", load_903, &rc); /* the last row stops in DEC: '31/0' */
    assert_int_equal(rc, CARESTAT_OK);
    expect(ds, "903_DATE_INVALID", 3, 8, "'31/0'");
    assert_int_equal(episodes_summary(ds, &acc, &rej), 2);
    assert_int_equal(acc, 2); /* kept: the bad end date becomes unknown, the episode is not lost */
    carestat_dataset_free(ds);

    ds = load_case("nul_byte.csv", load_903, &rc);
    expect(ds, "CSV_NUL_BYTE", 2, 6, "dropped");
    carestat_dataset_free(ds);

    ds = load_case("invalid_utf8.csv", load_903, &rc);
    assert_int_equal(rc, CARESTAT_OK);
    expect(ds, "CSV_INVALID_UTF8", 2, 1, NULL);  /* CHILD "1\xff\xfe01" */
    expect(ds, "CSV_INVALID_UTF8", 2, 11, NULL); /* HOME_POST "AB\xc3(" */
    assert_int_equal(episodes_summary(ds, &acc, &rej), 1);
    assert_int_equal(acc, 1);
    carestat_dataset_free(ds);

    ds = load_case("field_1mb.csv", load_903, &rc);
    assert_int_equal(rc, CARESTAT_ELIMIT);
    expect(ds, "CSV_FIELD_TOO_LONG", 2, 13, "max_field_bytes");
    carestat_dataset_free(ds);

    ds = load_case("million_columns.csv", load_903, &rc);
    assert_int_equal(rc, CARESTAT_ELIMIT);
    expect(ds, "CSV_TOO_MANY_COLUMNS", 1, 0, "max_columns");
    carestat_dataset_free(ds);

    ds = load_case("duplicate_headers.csv", load_903, &rc);
    expect(ds, "CSV_DUPLICATE_COLUMN", 1, 2, "column 1 is used");
    carestat_dataset_free(ds);

    ds = load_case("unterminated_quote.csv", load_903, &rc);
    expect(ds, "CSV_UNTERMINATED_QUOTE", 3, 2, "never closed");
    assert_int_equal(episodes_summary(ds, &acc, &rej), 2);
    assert_int_equal(acc + rej, 2);
    carestat_dataset_free(ds);

    ds = load_case("bad_dates.csv", load_903, &rc);
    expect(ds, "903_DATE_INVALID", 2, 2, "'31/02/2020'");
    expect(ds, "903_DATE_INVALID", 2, 8, "'99/99/9999'");
    expect(ds, "903_DATE_INVALID", 3, 2, "'2020-13-01'");
    carestat_dataset_free(ds);

    /* trailing spaces and mixed line endings are read without any error */
    const char *clean[2] = {"trailing_spaces.csv", "mixed_line_endings.csv"};
    const uint64_t rows[2] = {1, 2};
    for (int i = 0; i < 2; i++) {
        ds = load_case(clean[i], load_903, &rc);
        assert_int_equal(rc, CARESTAT_OK);
        assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_WARNING), 0);
        assert_int_equal(episodes_summary(ds, &acc, &rej), rows[i]);
        assert_int_equal(acc, rows[i]);
        carestat_dataset_free(ds);
    }

    /* an empty folder is not a return: an error that says so, not a silent empty load */
    ds = load_case("a_directory", load_903, &rc);
    assert_int_equal(rc, CARESTAT_ENOTFOUND);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "no .csv files to read"));
    carestat_dataset_free(ds);

    ds = load_case("garbage.csv", load_903, &rc);
    expect(ds, "903_TABLE_UNKNOWN", 1, 0, "does not match any SSDA903 table");
    carestat_dataset_free(ds);
}

static void test_other_readers(void **state)
{
    (void)state;
    int rc;
    carestat_dataset *ds = load_case("numbers.csv", carestat_dataset_load_population, &rc);
    assert_int_equal(rc, CARESTAT_OK);
    expect(ds, "POP_BAD_NUMBER", 2, 3, "'-5'");
    expect(ds, "POP_BAD_NUMBER", 3, 3, "'1e308'");
    expect(ds, "POP_BAD_NUMBER", 4, 3, "larger than 100,000,000");
    expect(ds, "POP_BAD_NUMBER", 6, 3, "'abc'");
    double v;
    assert_int_equal(carestat_dataset_population(&v, ds, "E06000062", 2022), CARESTAT_OK);
    assert_near(v, 12.5, 0); /* fractions are allowed (person-time denominators) */
    assert_int_equal(carestat_dataset_population_count(ds), 1);
    carestat_dataset_free(ds);

    /* a directory given where a file is expected: a clear error for every file reader */
    for (size_t l = 1; l < NLOADERS; l++) {
        ds = load_case("a_directory", LOADERS[l].fn, &rc);
        assert_int_equal(rc, CARESTAT_EIO);
        assert_true(strlen(carestat_dataset_errmsg(ds)) > 0);
        carestat_dataset_free(ds);
    }
    /* the readers' own messages say what is wrong, naming the limit */
    ds = load_case("million_columns.csv", carestat_dataset_load_population, &rc);
    assert_int_equal(rc, CARESTAT_ELIMIT);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "more than the limit of 4096 columns (max_columns)"));
    carestat_dataset_free(ds);
    ds = load_case("a_directory", carestat_dataset_load_inspections, &rc);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "it is a directory, not a file"));
    carestat_dataset_free(ds);

    ds = load_case("million_columns.csv", carestat_dataset_load_workforce, &rc);
    assert_int_equal(rc, CARESTAT_ELIMIT);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "(max_columns)"));
    expect(ds, "CSV_TOO_MANY_COLUMNS", 1, 0, "max_columns");
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_reader_every_file),
        cmocka_unit_test(test_ssda903_diagnostics),
        cmocka_unit_test(test_other_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
