/* The internal CSV tokenizer: every case in its header comment, with hand-written inputs. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/diag.h"
#include "io/csv.h"

typedef struct fx {
    carestat_diag_list *list;
    cs_diags diags;
    cs_csv *r;
} fx;

static void open_mem(fx *f, const char *text)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(carestat_diag_list_new(&f->list), CARESTAT_OK);
    f->diags.list = f->list;
    assert_int_equal(cs_csv_open_memory(&f->r, "t.csv", text, strlen(text), NULL, &f->diags), CARESTAT_OK);
}

static void done(fx *f)
{
    cs_csv_close(f->r);
    carestat_diag_list_free(f->list);
}

static const char *fld(fx *f, size_t i) { return cs_csv_field(f->r, i, NULL); }

static void expect_record(fx *f, uint64_t line, size_t n, const char *const *vals)
{
    assert_int_equal(cs_csv_next(f->r), 1);
    assert_int_equal(cs_csv_line(f->r), line);
    assert_int_equal(cs_csv_nfields(f->r), n);
    for (size_t i = 0; i < n; i++) assert_string_equal(fld(f, i), vals[i]);
}

static void test_basic_lf_crlf(void **state)
{
    (void)state;
    fx f;
    open_mem(&f, "a,b,c\r\n1,2,3\n4,,6\r\n");
    expect_record(&f, 1, 3, (const char *[]){"a", "b", "c"});
    expect_record(&f, 2, 3, (const char *[]){"1", "2", "3"});
    expect_record(&f, 3, 3, (const char *[]){"4", "", "6"});
    assert_int_equal(cs_csv_next(f.r), 0);
    assert_int_equal(cs_csv_next(f.r), 0);
    assert_int_equal(cs_csv_records(f.r), 3);
    assert_int_equal(carestat_diag_list_count(f.list), 0);
    done(&f);
}

static void test_quoting(void **state)
{
    (void)state;
    fx f;
    /* embedded comma, doubled quote, embedded LF and CRLF, empty quoted field */
    open_mem(&f, "x,y\n\"a,b\",\"say \"\"hi\"\"\"\n\"line1\nline2\",\"\"\n\"p\r\nq\",z\n");
    expect_record(&f, 1, 2, (const char *[]){"x", "y"});
    expect_record(&f, 2, 2, (const char *[]){"a,b", "say \"hi\""});
    expect_record(&f, 3, 2, (const char *[]){"line1\nline2", ""});
    expect_record(&f, 5, 2, (const char *[]){"p\r\nq", "z"}); /* record 3 took two lines */
    assert_int_equal(cs_csv_next(f.r), 0);
    assert_int_equal(carestat_diag_list_count(f.list), 0);
    done(&f);
}

static void test_bom_blank_lines_no_final_newline(void **state)
{
    (void)state;
    fx f;
    open_mem(&f, "\xEF\xBB\xBF"
                 "CHILD,DOB\n\n\r\n1,01/01/2010\n\n2,02/02/2012");
    expect_record(&f, 1, 2, (const char *[]){"CHILD", "DOB"}); /* BOM skipped */
    expect_record(&f, 4, 2, (const char *[]){"1", "01/01/2010"}); /* blank lines 2 and 3 skipped */
    expect_record(&f, 6, 2, (const char *[]){"2", "02/02/2012"}); /* no newline at the end */
    assert_int_equal(cs_csv_next(f.r), 0);
    done(&f);
}

static void test_lone_cr_and_mixed(void **state)
{
    (void)state;
    fx f;
    open_mem(&f, "a\rb\r\nc\nd");
    expect_record(&f, 1, 1, (const char *[]){"a"});
    expect_record(&f, 2, 1, (const char *[]){"b"});
    expect_record(&f, 3, 1, (const char *[]){"c"});
    expect_record(&f, 4, 1, (const char *[]){"d"});
    assert_int_equal(cs_csv_next(f.r), 0);
    done(&f);
}

static void test_commas_only_and_empty(void **state)
{
    (void)state;
    fx f;
    open_mem(&f, ",,\n ,\t\n");
    expect_record(&f, 1, 3, (const char *[]){"", "", ""});
    assert_true(cs_csv_record_is_empty(f.r));
    expect_record(&f, 2, 2, (const char *[]){" ", "\t"});
    assert_true(cs_csv_record_is_empty(f.r));
    done(&f);
    open_mem(&f, "");
    assert_int_equal(cs_csv_next(f.r), 0);
    done(&f);
}

static void test_malformed_quotes(void **state)
{
    (void)state;
    fx f;
    open_mem(&f, "a,b,c\n1,\"x\"y,3\n4,ab\"c,6\n7,8,\"open\nstill open");
    expect_record(&f, 1, 3, (const char *[]){"a", "b", "c"});
    expect_record(&f, 2, 3, (const char *[]){"1", "xy", "3"}); /* text after closing quote kept */
    assert_int_equal(cs_csv_record_errors(f.r), 1);
    expect_record(&f, 3, 3, (const char *[]){"4", "ab\"c", "6"}); /* stray quote kept, warning */
    assert_int_equal(cs_csv_record_errors(f.r), 0);
    expect_record(&f, 4, 3, (const char *[]){"7", "8", "open\nstill open"});
    assert_int_equal(cs_csv_next(f.r), 0);

    assert_int_equal(carestat_diag_list_count(f.list), 3);
    const carestat_diag *d = carestat_diag_list_get(f.list, 0);
    assert_string_equal(d->code, "CSV_BAD_QUOTE");
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 2);
    assert_int_equal(d->severity, CARESTAT_SEV_ERROR);
    d = carestat_diag_list_get(f.list, 1);
    assert_string_equal(d->code, "CSV_STRAY_QUOTE");
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 2);
    assert_int_equal(d->severity, CARESTAT_SEV_WARNING);
    d = carestat_diag_list_get(f.list, 2);
    assert_string_equal(d->code, "CSV_UNTERMINATED_QUOTE");
    assert_int_equal(d->line, 4);
    assert_int_equal(d->column, 3);
    assert_non_null(strstr(d->message, "line 4"));
    assert_string_equal(d->source, "t.csv");
    done(&f);
}

static void test_nul_byte(void **state)
{
    (void)state;
    fx f;
    static const char text[] = "a,b\n1,x\0y\n";
    memset(&f, 0, sizeof f);
    assert_int_equal(carestat_diag_list_new(&f.list), CARESTAT_OK);
    f.diags.list = f.list;
    assert_int_equal(cs_csv_open_memory(&f.r, "n.csv", text, sizeof text - 1, NULL, &f.diags), CARESTAT_OK);
    expect_record(&f, 1, 2, (const char *[]){"a", "b"});
    expect_record(&f, 2, 2, (const char *[]){"1", "xy"});
    assert_int_equal(carestat_diag_list_count(f.list), 1);
    assert_string_equal(carestat_diag_list_get(f.list, 0)->code, "CSV_NUL_BYTE");
    assert_int_equal(carestat_diag_list_get(f.list, 0)->column, 2);
    done(&f);
}

static void test_utf8(void **state)
{
    (void)state;
    fx f;
    /* valid: e-acute (2 bytes), euro (3), emoji (4); invalid: lone continuation, truncated sequence,
     * overlong '/', a UTF-16 surrogate, Latin-1 e-acute */
    open_mem(&f, "caf\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80\n\x80x,\xe2\x82,\xc0\xaf,\xed\xa0\x80,caf\xe9\n");
    assert_int_equal(cs_csv_next(f.r), 1);
    assert_int_equal(carestat_diag_list_count(f.list), 0);
    assert_int_equal(cs_csv_next(f.r), 1);
    assert_int_equal(cs_csv_nfields(f.r), 5);
    assert_string_equal(fld(&f, 4), "caf\xe9"); /* kept as it is */
    assert_int_equal(carestat_diag_list_count(f.list), 5);
    for (size_t i = 0; i < 5; i++) {
        const carestat_diag *d = carestat_diag_list_get(f.list, i);
        assert_string_equal(d->code, "CSV_INVALID_UTF8");
        assert_int_equal(d->line, 2);
        assert_int_equal(d->column, i + 1);
        assert_int_equal(d->severity, CARESTAT_SEV_WARNING);
    }
    done(&f);
}

static void test_header_map(void **state)
{
    (void)state;
    fx f;
    open_mem(&f, " child ,Extra,decom,RNE,child\n");
    assert_int_equal(cs_csv_next(f.r), 1);
    const cs_csv_col cols[] = {{"CHILD", 1}, {"DECOM|START_DATE", 1}, {"RNE", 1}, {"LS", 0}};
    int idx[4];
    size_t missing = 99;
    assert_int_equal(cs_csv_map_header(f.r, cols, 4, idx, 0, &missing), CARESTAT_OK);
    assert_int_equal(missing, 0);
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[1], 2);
    assert_int_equal(idx[2], 3);
    assert_int_equal(idx[3], -1);
    assert_int_equal(carestat_diag_list_count(f.list), 1); /* duplicate CHILD */
    assert_string_equal(carestat_diag_list_get(f.list, 0)->code, "CSV_DUPLICATE_COLUMN");
    assert_int_equal(carestat_diag_list_get(f.list, 0)->column, 5);
    done(&f);

    open_mem(&f, "CHILD,START_DATE\n");
    assert_int_equal(cs_csv_next(f.r), 1);
    const cs_csv_col cols2[] = {{"CHILD", 1}, {"DECOM|START_DATE", 1}, {"RNE", 1}, {"LS", 1}, {"PLACE", 0}};
    int idx2[5];
    assert_int_equal(cs_csv_map_header(f.r, cols2, 5, idx2, 1, &missing), CARESTAT_EPARSE);
    assert_int_equal(missing, 2);
    assert_int_equal(carestat_diag_list_count(f.list), 0); /* quiet */
    assert_int_equal(idx2[1], 1);
    assert_int_equal(cs_csv_map_header(f.r, cols2, 5, idx2, 0, &missing), CARESTAT_EPARSE);
    const carestat_diag *d = carestat_diag_list_get(f.list, 0);
    assert_string_equal(d->code, "CSV_MISSING_COLUMN");
    assert_string_equal(d->message, "missing required columns: RNE, LS");
    assert_int_equal(d->line, 1);
    assert_true(cs_csv_field_equals(" Abc ", 5, "aBC"));
    assert_false(cs_csv_field_equals("Abcd", 4, "aBC"));
    done(&f);
}

static void test_limits(void **state)
{
    (void)state;
    carestat_diag_list *list;
    assert_int_equal(carestat_diag_list_new(&list), CARESTAT_OK);
    cs_diags dg = {list, 0, 0, 0};
    cs_csv_limits lim = {8, 3, 2};
    cs_csv *r;
    const char *t1 = "a,b\n123456789,x\n";
    assert_int_equal(cs_csv_open_memory(&r, "l.csv", t1, strlen(t1), &lim, &dg), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    assert_int_equal(cs_csv_next(r), CARESTAT_ELIMIT);
    assert_int_equal(cs_csv_next(r), CARESTAT_ELIMIT); /* sticky */
    const carestat_diag *d = carestat_diag_list_get(list, 0);
    assert_string_equal(d->code, "CSV_FIELD_TOO_LONG");
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 1);
    assert_non_null(strstr(d->message, "max_field_bytes"));
    cs_csv_close(r);

    const char *t2 = "a,b,c,d\n";
    assert_int_equal(cs_csv_open_memory(&r, "l.csv", t2, strlen(t2), &lim, &dg), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), CARESTAT_ELIMIT);
    assert_string_equal(carestat_diag_list_get(list, 1)->code, "CSV_TOO_MANY_COLUMNS");
    cs_csv_close(r);

    const char *t3 = "a\nb\nc\n";
    assert_int_equal(cs_csv_open_memory(&r, "l.csv", t3, strlen(t3), &lim, &dg), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    assert_int_equal(cs_csv_next(r), 1);
    assert_int_equal(cs_csv_next(r), CARESTAT_ELIMIT);
    assert_string_equal(carestat_diag_list_get(list, 2)->code, "CSV_TOO_MANY_ROWS");
    assert_int_equal(carestat_diag_list_get(list, 2)->line, 3);
    cs_csv_close(r);
    carestat_diag_list_free(list);
}

/* A file larger than the 64 KiB read block, with a quoted multi-line field straddling a block end. */
static void test_streaming_file(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/big.csv", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("id,text\r\n", fp);
    long n = 0;
    for (int i = 0; i < 5000; i++) {
        if (i == 2500) fprintf(fp, "%d,\"multi\nline, with \"\"quotes\"\"\"\r\n", i);
        else fprintf(fp, "%d,row number %d\r\n", i, i);
        n++;
    }
    fclose(fp);
    cs_csv *r;
    assert_int_equal(cs_csv_open(&r, path, NULL, NULL), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    long seen = 0;
    int rc;
    char expect[64];
    while ((rc = cs_csv_next(r)) == 1) {
        snprintf(expect, sizeof expect, "%ld", seen);
        assert_string_equal(cs_csv_field(r, 0, NULL), expect);
        if (seen == 2500) {
            assert_string_equal(cs_csv_field(r, 1, NULL), "multi\nline, with \"quotes\"");
        } else {
            snprintf(expect, sizeof expect, "row number %ld", seen);
            assert_string_equal(cs_csv_field(r, 1, NULL), expect);
        }
        /* the line count includes the extra line of the multi-line record */
        assert_int_equal(cs_csv_line(r), (uint64_t)(seen + 2 + (seen > 2500)));
        seen++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(seen, n);
    cs_csv_close(r);

    /* missing file: EIO and a diagnostic naming the file */
    carestat_diag_list *list;
    assert_int_equal(carestat_diag_list_new(&list), CARESTAT_OK);
    cs_diags dg = {list, 0, 0, 0};
    snprintf(path, sizeof path, "%s/nope.csv", dir);
    assert_int_equal(cs_csv_open(&r, path, NULL, &dg), CARESTAT_EIO);
    assert_null(r);
    assert_string_equal(carestat_diag_list_get(list, 0)->code, "CSV_OPEN");
    assert_non_null(strstr(carestat_diag_list_get(list, 0)->message, "No such file"));
    /* a directory is refused at open, with its own message */
    assert_int_equal(cs_csv_open(&r, dir, NULL, &dg), CARESTAT_EIO);
    assert_null(r);
    assert_non_null(strstr(carestat_diag_list_get(list, 1)->message, "is a directory"));
    carestat_diag_list_free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_lf_crlf), cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_bom_blank_lines_no_final_newline), cmocka_unit_test(test_lone_cr_and_mixed),
        cmocka_unit_test(test_commas_only_and_empty), cmocka_unit_test(test_malformed_quotes),
        cmocka_unit_test(test_nul_byte), cmocka_unit_test(test_utf8), cmocka_unit_test(test_header_map), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_streaming_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
