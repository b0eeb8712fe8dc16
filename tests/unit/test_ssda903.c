/* SSDA903 reading, validation and merging, on small hand-written fixtures: every code path and every
 * validation rule. Expected values are worked out by hand from the fixture text (comments say how). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carestat.h"
#include "ssda903/internal.h"
#include "ssda903/store.h"

/* ---- helpers ---- */

static const char *subdir(const char *name)
{
    static char bufs[8][4096];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, 4096, "%s/%s", cs_test_tmpdir(), name);
    assert_int_equal(mkdir(b, 0700), 0);
    return b;
}

static void put(const char *dir, const char *name, const char *text)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static carestat_dataset *new_ds(carestat_error_mode mode)
{
    carestat_dataset_options o;
    assert_int_equal(carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION), CARESTAT_OK);
    o.error_mode = mode;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, &o), CARESTAT_OK);
    return ds;
}

static int load(carestat_dataset *ds, const char *path, const char *org, int year)
{
    carestat_903_options o;
    assert_int_equal(carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION), CARESTAT_OK);
    o.org_code = org;
    o.collection_year = year;
    const char *p[] = {path};
    return carestat_dataset_load_903(ds, p, 1, &o);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void dump_diags(const carestat_dataset *ds)
{
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    for (size_t i = 0; i < carestat_diag_list_count(l); i++) {
        char b[600];
        carestat_diag_format(b, sizeof b, carestat_diag_list_get(l, i));
        print_message("%s\n", b);
    }
}

static carestat_date D(int y, int m, int d)
{
    carestat_date x;
    assert_int_equal(carestat_date_from_ymd(&x, y, m, d), CARESTAT_OK);
    return x;
}

static long child(const cs903_store *st, const char *org, const char *id)
{
    long o = cs903_org_index(st, org);
    assert_true(o >= 0);
    return cs903_child_index(st, (size_t)o, id);
}

static void summary(const carestat_dataset *ds, size_t i, const char *file, const char *table, uint64_t read,
                    uint64_t acc, uint64_t rej)
{
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, i), CARESTAT_OK);
    assert_true(ends_with(s.source, file));
    assert_string_equal(s.table, table);
    assert_int_equal(s.rows_read, read);
    assert_int_equal(s.rows_accepted, acc);
    assert_int_equal(s.rows_rejected, rej);
}

#define EP_HEAD "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
#define HDR_HEAD "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"

/* ---- arguments and options ---- */

static void test_arguments(void **state)
{
    (void)state;
    carestat_903_options o;
    assert_int_equal(carestat_903_options_init(NULL, 1), CARESTAT_EINVAL);
    assert_int_equal(carestat_903_options_init(&o, 99), CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION), CARESTAT_OK);
    assert_null(o.org_code);
    assert_int_equal(o.collection_year, 0);

    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    const char *p[] = {"/nonexistent/carestat/x.csv"};
    assert_int_equal(carestat_dataset_load_903(NULL, p, 1, NULL), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_load_903(ds, NULL, 1, NULL), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_load_903(ds, p, 0, NULL), CARESTAT_EINVAL);
    const char *pn[] = {NULL};
    assert_int_equal(carestat_dataset_load_903(ds, pn, 1, NULL), CARESTAT_EINVAL);
    o.version = 7;
    assert_int_equal(carestat_dataset_load_903(ds, p, 1, &o), CARESTAT_EUNSUPPORTED);
    o.version = CARESTAT_903_OPTIONS_VERSION;
    o.collection_year = 1850;
    assert_int_equal(carestat_dataset_load_903(ds, p, 1, &o), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_load_903(ds, p, 1, NULL), CARESTAT_EIO);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "/nonexistent/carestat/x.csv"));
    /* nothing loaded */
    assert_null(cs903_get(ds));
    assert_null(cs903_get(NULL));
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_EPISODES), 0);
    assert_int_equal(carestat_dataset_903_count(NULL, CARESTAT_903_ORGS), 0);
    const char *code = NULL;
    assert_int_equal(carestat_dataset_903_org(&code, ds, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_dataset_903_org(NULL, ds, 0), CARESTAT_EINVAL);
    uint64_t n;
    assert_int_equal(carestat_dataset_903_org_count(&n, ds, 0, CARESTAT_903_CHILDREN), CARESTAT_ERANGE);
    int y1, y2;
    assert_int_equal(carestat_dataset_903_org_years(&y1, &y2, ds, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_dataset_903_write_episodes(ds, "/tmp/never-written.csv"), CARESTAT_ENOTFOUND);
    carestat_dataset_free(ds);
}

/* ---- reading: columns by name, any order and case, BOM, CRLF, quoted-empty, both date forms ---- */

static void test_basic_read(void **state)
{
    (void)state;
    const char *dir = subdir("basic");
    put(dir, "header.csv",
        "\xEF\xBB\xBF" "child,dob,sex,ETHNIC,upn,MOTHER,MC_DOB,EXTRA\r\n"
        "C1,01/02/2010,1,WBRI,A123,,\"\",x\r\n"
        "C2,2012-03-04,2,bafr,\"\",0,,y\r\n");
    /* the episodes are in a file whose name says nothing: recognised by the header row */
    put(dir, "stuff.csv",
        "DECOM,CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "2023-06-10,C1,P,C2,N1,U4,PR1,,,,AB1 2CD,EF3 4GH,SC123456\n"
        "01/05/2023,C1,S,C1,N1,U1,PR1,10/06/2023,X1,CARPL,AB1 2CD,ZZ9 9ZZ,1234567\n"
        "15/01/2024,C2,S,V2,N4,K3,PR4,20/03/2024,E4A,,\"\",,\n");
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "Fixture Council", 0), CARESTAT_OK);
    /* latest DECOM 15/01/2024 is in 2023-24; the earliest DEC (10/06/2023) is inside that year */
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_INFERRED", "stuff.csv", 0, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_ORG_USER_DEFINED", NULL, -1, -1), 1);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_WARNING), 0);
    assert_int_equal(carestat_dataset_load_summary_count(ds), 2);
    summary(ds, 0, "header.csv", "header", 2, 2, 0);
    summary(ds, 1, "stuff.csv", "episodes", 3, 3, 0);

    const cs903_store *st = cs903_get(ds);
    assert_non_null(st);
    assert_int_equal(st->norgs, 1);
    assert_string_equal(st->org_code[0], "Fixture Council");
    assert_int_equal(st->org_user_defined[0], 1);
    assert_int_equal(st->org_year_first[0], 2024);
    assert_int_equal(st->org_year_last[0], 2024);
    assert_int_equal(st->org_data_end[0], D(2024, 3, 20));
    assert_int_equal(st->nchildren, 2);
    assert_int_equal(child(st, "fixture council", "C1"), 0);
    assert_int_equal(child(st, "Fixture Council", "C2"), 1);
    assert_int_equal(child(st, "Fixture Council", "C3"), -1);
    assert_string_equal(cs903_str(st, st->child_id[0]), "C1");
    assert_int_equal(st->child_in_header[0], 1);
    assert_int_equal(st->child_sex[0], CS903_SEX_MALE);
    assert_int_equal(st->child_dob[0], D(2010, 2, 1));
    assert_int_equal(st->child_ethnic[0], CS903_ETH_WBRI);
    assert_string_equal(cs903_str(st, st->child_upn[0]), "A123");
    assert_int_equal(st->child_mother[0], -1);
    assert_int_equal(st->child_mc_dob[0], CARESTAT_DATE_NONE);
    assert_int_equal(st->child_sex[1], CS903_SEX_FEMALE);
    assert_int_equal(st->child_dob[1], D(2012, 3, 4));
    assert_int_equal(st->child_ethnic[1], CS903_ETH_BAFR); /* lower case accepted */
    assert_int_equal(st->child_upn[1], 0);                 /* quoted empty = blank */
    assert_int_equal(st->child_mother[1], 0);
    assert_int_equal(st->child_header_year[1], 2024);

    /* C1: two episodes, sorted by DECOM although the file had them the other way round */
    assert_int_equal(st->nepisodes, 3);
    assert_int_equal(st->child_ep_first[0], 0);
    assert_int_equal(st->child_ep_count[0], 2);
    assert_int_equal(st->ep_decom[0], D(2023, 5, 1));
    assert_int_equal(st->ep_dec[0], D(2023, 6, 10));
    assert_int_equal(st->ep_rne[0], CS903_RNE_S);
    assert_int_equal(st->ep_ls[0], CS903_LS_C1);
    assert_int_equal(st->ep_cin[0], CS903_CIN_N1);
    assert_int_equal(st->ep_place[0], CS903_PLACE_U1);
    assert_int_equal(st->ep_provider[0], CS903_PROV_PR1);
    assert_int_equal(st->ep_rec[0], CS903_REC_X1);
    assert_int_equal(st->ep_rpc[0], CS903_RPC_CARPL);
    assert_string_equal(cs903_str(st, st->ep_home_post[0]), "AB1 2CD");
    assert_string_equal(cs903_str(st, st->ep_pl_post[0]), "ZZ9 9ZZ");
    assert_string_equal(cs903_str(st, st->ep_urn[0]), "1234567");
    assert_int_equal(st->ep_home_post[0], st->ep_home_post[1]); /* interned once */
    assert_int_equal(st->ep_year[0], 2024);
    assert_int_equal(st->ep_line[0], 3);
    assert_true(ends_with(st->src_name[st->ep_src[0]], "stuff.csv"));
    assert_int_equal(st->ep_flags[0], 0);
    assert_int_equal(st->ep_decom[1], D(2023, 6, 10));
    assert_int_equal(st->ep_rne[1], CS903_RNE_P);
    assert_int_equal(st->ep_place[1], CS903_PLACE_U4);
    assert_int_equal(st->ep_dec[1], CARESTAT_DATE_NONE);
    assert_int_equal(st->ep_rec[1], CS903_NONE);
    assert_string_equal(cs903_str(st, st->ep_urn[1]), "SC123456");
    assert_int_equal(st->ep_child[2], 1);
    assert_int_equal(st->ep_place[2], CS903_PLACE_K3); /* valid from 2023-24 */
    assert_int_equal(st->ep_rec[2], CS903_REC_E4A);
    assert_int_equal(st->ep_home_post[2], 0);
    assert_int_equal(st->ep_rpc[2], CS903_NONE);

    /* public counts */
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_ORGS), 1);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN), 2);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_EPISODES), 3);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_HEADERS), 2);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_OC3), 0);
    assert_int_equal(carestat_dataset_903_count(ds, (carestat_903_count_kind)99), 0);
    const char *code;
    assert_int_equal(carestat_dataset_903_org(&code, ds, 0), CARESTAT_OK);
    assert_string_equal(code, "Fixture Council");
    uint64_t n;
    assert_int_equal(carestat_dataset_903_org_count(&n, ds, 0, CARESTAT_903_EPISODES), CARESTAT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(carestat_dataset_903_org_count(&n, ds, 0, CARESTAT_903_ORGS), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(carestat_dataset_903_org_count(&n, ds, 0, CARESTAT_903_SUPERSEDED), CARESTAT_EINVAL);
    int y1, y2;
    assert_int_equal(carestat_dataset_903_org_years(&y1, &y2, ds, 0), CARESTAT_OK);
    assert_int_equal(y1, 2024);
    assert_int_equal(y2, 2024);
    carestat_dataset_free(ds);
}

/* ---- table recognition ---- */

static void test_recognition(void **state)
{
    (void)state;
    const char *dir = subdir("recog");
    put(dir, "episodes.csv", "CHILD,SEX,DOB\nC1,1,01/01/2010\n"); /* a header table, whatever the name */
    put(dir, "notes.csv", "a,b\n1,2\n");
    put(dir, "reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/01/2010,01/01/2024,PN1\n");
    put(dir, "readme.txt", "hello\n");
    {
        char sub[4200];
        snprintf(sub, sizeof sub, "%s/older", dir);
        assert_int_equal(mkdir(sub, 0700), 0);
        put(sub, "e.csv", EP_HEAD "Z,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"); /* not read: not recursive */
    }
    put(dir, "empty.csv", "");
    put(dir, "u.csv", "CHILD,SEX,DOB,DUC\nC1,1,01/01/2010,01/01/2028\n"); /* UASC, not Header: DUC */
    /* episodes without the DEC and REC columns: named in an error, file skipped */
    put(dir, "partial.csv", "CHILD,DECOM,RNE,LS,PLACE\nC1,01/05/2023,S,C2,U4\n");
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 2024), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_TABLE_UNKNOWN", "notes.csv", 1, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_TABLE_UNKNOWN", "empty.csv", 0, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_TABLE_NOT_USED", "reviews.csv", 1, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_FILE_SKIPPED", "readme.txt", 0, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_FILE_SKIPPED", "/older", 0, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_TABLE_INCOMPLETE", "partial.csv", 1, 0), 1);
    assert_non_null(strstr(cs_test_find_diag(ds, "903_TABLE_INCOMPLETE", NULL, -1, -1)->message, "episodes table"));
    assert_non_null(strstr(cs_test_find_diag(ds, "903_TABLE_INCOMPLETE", NULL, -1, -1)->message, "DEC, REC"));
    /* files in name order: empty, episodes(header), notes, partial, reviews, u */
    assert_int_equal(carestat_dataset_load_summary_count(ds), 2);
    summary(ds, 0, "episodes.csv", "header", 1, 1, 0);
    summary(ds, 1, "u.csv", "uasc", 1, 1, 0);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->nchildren, 1);
    assert_int_equal(st->nuasc, 1);
    assert_int_equal(st->uasc_duc[0], D(2028, 1, 1));
    assert_int_equal(st->nepisodes, 0);
    carestat_dataset_free(ds);
}

/* ---- codes by collection year ---- */

static carestat_dataset *load_eps(const char *text, int year, const char *hdr)
{
    const char *dir = cs_test_tmpdir();
    put(dir, "e.csv", text);
    if (hdr) put(dir, "h.csv", hdr);
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", year), CARESTAT_OK);
    return ds;
}

static void test_codes_by_year(void **state)
{
    (void)state;
    /* K3 (registered supported accommodation) exists from the 2023-24 collection */
    carestat_dataset *ds = load_eps(EP_HEAD "A,01/06/2022,S,C2,N1,K3,PR4,,,,,,\n", 2023, NULL);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 2, 6), 1);
    assert_non_null(strstr(cs_test_find_diag(ds, "903_CODE_YEAR", NULL, -1, -1)->message, "valid from 2023-24"));
    assert_int_equal(cs903_get(ds)->ep_place[0], CS903_PLACE_K3); /* kept as the code it is */
    assert_int_equal(cs903_get(ds)->ep_flags[0], CS903_EPF_HAD_ERROR);
    carestat_dataset_free(ds);
    ds = load_eps(EP_HEAD "A,01/06/2023,S,C2,N1,K3,PR4,,,,,,\n", 2024, NULL);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", NULL, -1, -1), 0);
    carestat_dataset_free(ds);

    /* 2025-26: H5, P2 and Z1 are gone, Z11-Z14 are new. An episode that started while the old code was
     * valid keeps it (DECOM 01/05/2024 is in 2024-25, the last year of H5 and Z1). */
    ds = load_eps(EP_HEAD "A,01/06/2025,S,C2,N1,H5,PR4,,,,,,\n"
                          "B,01/05/2024,S,C2,N1,H5,PR4,,,,,,\n"
                          "C,01/06/2025,S,C2,N1,Z1,,,,,,,\n"
                          "D,01/06/2025,S,C2,N1,Z12,,,,,,,\n"
                          "E,01/05/2024,S,C2,N1,Z1,,,,,,,\n"
                          "F,01/06/2025,S,C2,N1,P2,,,,,,,\n"
                          "G,01/06/2025,S,C2,N1,Q9,,,,,,,\n",
                  2026, NULL);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 2, 6), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 3, -1), 0);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 4, 6), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 5, -1), 0);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 6, -1), 0);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 7, 6), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", NULL, -1, -1), 3);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", "e.csv", 8, 6), 1);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->ep_place[st->child_ep_first[child(st, "X", "D")]], CS903_PLACE_Z12);
    assert_int_equal(st->ep_place[st->child_ep_first[child(st, "X", "G")]], CS903_UNKNOWN);
    assert_int_equal(st->ep_flags[st->child_ep_first[child(st, "X", "G")]], CS903_EPF_HAD_ERROR);
    assert_int_equal(st->ep_flags[st->child_ep_first[child(st, "X", "B")]], 0);
    carestat_dataset_free(ds);
    ds = load_eps(EP_HEAD "D,01/06/2024,S,C2,N1,Z12,,,,,,,\n", 2025, NULL);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "e.csv", 2, 6), 1);
    assert_non_null(strstr(cs_test_find_diag(ds, "903_CODE_YEAR", NULL, -1, -1)->message, "valid from 2025-26"));
    carestat_dataset_free(ds);

    /* SEX: 1/2 until 2023-24, M/F/U from 2024-25; the other coding is read, with a warning */
    const char *eps = EP_HEAD "A,01/06/2024,S,C2,N1,U4,PR1,,,,,,\nB,01/06/2024,S,C2,N1,U4,PR1,,,,,,\n";
    ds = load_eps(eps, 2025, HDR_HEAD "A,1,01/01/2010,WBRI,,,\nB,U,01/01/2010,WBRI,,,\n");
    assert_int_equal(cs_test_count_diags(ds, "903_SEX_CODING", "h.csv", 2, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", NULL, -1, -1), 0);
    st = cs903_get(ds);
    assert_int_equal(st->child_sex[0], CS903_SEX_MALE);
    assert_int_equal(st->child_sex[1], CS903_SEX_NOT_KNOWN);
    carestat_dataset_free(ds);
    ds = load_eps(eps, 2024, HDR_HEAD "A,F,01/01/2010,WBRI,,,\nB,U,01/01/2010,WBRI,,,\n");
    assert_int_equal(cs_test_count_diags(ds, "903_SEX_CODING", "h.csv", 2, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "h.csv", 3, 2), 1);
    assert_int_equal(cs903_get(ds)->child_sex[0], CS903_SEX_FEMALE);
    carestat_dataset_free(ds);
    /* UASC has a SEX column too: same check (2024-25 return, old coding, column 2) */
    {
        const char *udir = cs_test_tmpdir();
        put(udir, "uasc.csv", "CHILD,SEX,DOB,DUC\nA,2,01/01/2008,01/01/2026\nB,F,01/01/2008,01/01/2026\n");
        ds = new_ds(CARESTAT_ROWS_KEEP);
        assert_int_equal(load(ds, udir, "X", 2025), CARESTAT_OK);
        assert_int_equal(cs_test_count_diags(ds, "903_SEX_CODING", "uasc.csv", 2, 2), 1);
        assert_int_equal(cs_test_count_diags(ds, "903_SEX_CODING", NULL, -1, -1), 1);
        assert_int_equal(cs903_get(ds)->uasc_sex[0], CS903_SEX_FEMALE);
        carestat_dataset_free(ds);
    }

    /* the lookups themselves */
    assert_int_equal(cs903_code_id(CS903_FIELD_PLACE, "u1"), CS903_PLACE_U1);
    assert_int_equal(cs903_code_id(CS903_FIELD_PLACE, " K3 "), CS903_PLACE_K3);
    assert_int_equal(cs903_code_id(CS903_FIELD_PLACE, ""), CS903_NONE);
    assert_int_equal(cs903_code_id(CS903_FIELD_PLACE, NULL), CS903_NONE);
    assert_int_equal(cs903_code_id(CS903_FIELD_PLACE, "U"), CS903_UNKNOWN);
    assert_int_equal(cs903_code_id(CS903_FIELD_PLACE, "U11"), CS903_UNKNOWN);
    assert_int_equal(cs903_code_id(CS903_FIELD_REC, "E4a"), CS903_REC_E4A);
    assert_int_equal(cs903_code_id(CS903_FIELD_REC, "E11"), CS903_REC_E11);
    assert_int_equal(cs903_code_id(CS903_FIELD_RNE, "s"), CS903_RNE_S);
    assert_int_equal(cs903_code_id(CS903_FIELD_SEX, "2.0"), CS903_SEX_FEMALE);
    assert_int_equal(cs903_code_id(CS903_FIELD_ACCOM, "S1"), CS903_UNKNOWN); /* homeless is never suitable */
    assert_int_equal(cs903_code_id(CS903_FIELD_ACCOM, "X2"), CS903_ACCOM_BASE + 2 * 13 + 1);
    assert_int_equal(cs903_code_id((cs903_field)99, "X"), CS903_UNKNOWN);
    assert_string_equal(cs903_code_text(CS903_FIELD_PLACE, CS903_PLACE_Z14), "Z14");
    assert_string_equal(cs903_code_text(CS903_FIELD_REC, CS903_REC_E48), "E48");
    assert_string_equal(cs903_code_text(CS903_FIELD_LS, CS903_LS_V4), "V4");
    assert_string_equal(cs903_code_text(CS903_FIELD_LS, CS903_NONE), "");
    assert_string_equal(cs903_code_text(CS903_FIELD_LS, CS903_UNKNOWN), "?");
    assert_string_equal(cs903_code_text(CS903_FIELD_LS, 200), "?");
    /* every code of every list reads back to itself */
    for (int f = 0; f < CS903_FIELD_COUNT; f++) {
        for (int id = 2; id < 60; id++) {
            const char *t = cs903_code_text((cs903_field)f, (cs903_code)id);
            if (strcmp(t, "?") == 0) break;
            if (f == CS903_FIELD_ACCOM && (strcmp(t, "S1") == 0 || strcmp(t, "X1") == 0)) continue;
            assert_int_equal(cs903_code_id((cs903_field)f, t), id);
        }
    }
    assert_int_equal(carestat_903_code_valid("place", "K3", 2023), 0);
    assert_int_equal(carestat_903_code_valid("PLACE", "K3", 2024), 1);
    assert_int_equal(carestat_903_code_valid("PLACE", "H5", 2025), 1);
    assert_int_equal(carestat_903_code_valid("PLACE", "H5", 2026), 0);
    assert_int_equal(carestat_903_code_valid("PLACE", "H5", 0), 1);
    assert_int_equal(carestat_903_code_valid("SEX", "U", 2024), 0);
    assert_int_equal(carestat_903_code_valid("SEX", "U", 2025), 1);
    assert_int_equal(carestat_903_code_valid("ACTIV", "P3", 2018), 0);
    assert_int_equal(carestat_903_code_valid("SW_REASON", "MANAGE", 2023), 0);
    assert_int_equal(carestat_903_code_valid("SW_REASON", "MANAGE", 2024), 1);
    assert_int_equal(carestat_903_code_valid("PLACE", "XX", 2024), 0);
    assert_int_equal(carestat_903_code_valid("NOPE", "K3", 2024), CARESTAT_EINVAL);
    assert_int_equal(carestat_903_code_valid(NULL, "K3", 2024), CARESTAT_EINVAL);
    assert_int_equal(cs903_code_valid(CS903_FIELD_PLACE, CS903_PLACE_Z1, 2026, D(2025, 3, 31)), 1);
    assert_int_equal(cs903_code_valid(CS903_FIELD_PLACE, CS903_PLACE_Z1, 2026, D(2025, 4, 1)), 0);

    /* groupings */
    assert_true(cs903_ls_is_short_break(CS903_LS_V3) && cs903_ls_is_short_break(CS903_LS_V4));
    assert_false(cs903_ls_is_short_break(CS903_LS_V2));
    assert_true(cs903_place_is_kinship_foster(CS903_PLACE_U3));
    assert_false(cs903_place_is_kinship_foster(CS903_PLACE_U4));
    assert_true(cs903_place_is_foster(CS903_PLACE_U6));
    assert_false(cs903_place_is_foster(CS903_PLACE_K2));
    assert_true(cs903_place_is_temporary(CS903_PLACE_T0) && cs903_place_is_temporary(CS903_PLACE_T4));
    assert_false(cs903_place_is_temporary(CS903_PLACE_U1));
    assert_true(cs903_place_is_adoption(CS903_PLACE_A6));
    assert_true(cs903_place_is_adoption_with_carer(CS903_PLACE_A5));
    assert_false(cs903_place_is_adoption_with_carer(CS903_PLACE_A4));
    assert_true(cs903_place_is_other(CS903_PLACE_Z1) && cs903_place_is_other(CS903_PLACE_Z13));
    assert_false(cs903_place_is_other(CS903_PLACE_U6));
    assert_true(cs903_rec_is_adopted(CS903_REC_E12));
    assert_false(cs903_rec_is_adopted(CS903_REC_E13));
    assert_true(cs903_rec_is_sgo(CS903_REC_E45) && cs903_rec_is_sgo(CS903_REC_E48) && cs903_rec_is_sgo(CS903_REC_E44));
    assert_false(cs903_rec_is_sgo(CS903_REC_E41));
    assert_true(cs903_rec_is_ceased(CS903_REC_E2));
    assert_false(cs903_rec_is_ceased(CS903_REC_X1) || cs903_rec_is_ceased(CS903_NONE));
    assert_true(cs903_rne_is_placement_change(CS903_RNE_B));
    assert_false(cs903_rne_is_placement_change(CS903_RNE_L));
}

/* ---- collection year: given, per row, from the name, from the dates, longitudinal ---- */

static void test_year_inference(void **state)
{
    (void)state;
    assert_int_equal(cs903_year_from_text("2017-episodes.csv", 17), 2017);
    assert_int_equal(cs903_year_from_text("SSDA903_2020_episodes", 21), 2020);
    assert_int_equal(cs903_year_from_text("returns_2024-25", 15), 2025);
    assert_int_equal(cs903_year_from_text("903_202425.csv", 14), 2025);
    assert_int_equal(cs903_year_from_text("x2024_25", 8), 2025);
    assert_int_equal(cs903_year_from_text("2024-26", 7), 2024);
    assert_int_equal(cs903_year_from_text("2020_2021", 9), 2021);
    assert_int_equal(cs903_year_from_text("no year", 7), 0);
    assert_int_equal(cs903_year_from_text("12345", 5), 0);
    assert_int_equal(cs903_year_from_text("1899", 4), 0);

    /* folder name 2024-25 -> 2025, agreeing with the dates: no year diagnostic */
    const char *dir = subdir("returns_2024-25");
    put(dir, "eps.csv", EP_HEAD "A,01/06/2024,S,C2,N1,U4,PR1,,,,,,\n");
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    assert_int_equal(cs903_get(ds)->ep_year[0], 2025);
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_MISMATCH", NULL, -1, -1), 0);
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_INFERRED", NULL, -1, -1), 0);
    carestat_dataset_free(ds);

    /* the name says 2024 but the latest start (01/06/2024) is in 2024-25: the dates win, with a warning;
     * the header of the same return takes the same year */
    dir = cs_test_tmpdir();
    put(dir, "eps_2024.csv", EP_HEAD "A,01/06/2024,S,C2,N1,U4,PR1,,,,,,\n");
    put(dir, "hdr_2024.csv", HDR_HEAD "A,M,01/01/2010,WBRI,,,\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_MISMATCH", "eps_2024.csv", 0, 0), 1);
    assert_int_equal(cs903_get(ds)->ep_year[0], 2025);
    assert_int_equal(cs903_get(ds)->child_header_year[0], 2025);
    assert_int_equal(cs_test_count_diags(ds, "903_SEX_CODING", NULL, -1, -1), 0); /* M is right for 2024-25 */
    carestat_dataset_free(ds);

    /* no start after March 2024 but an end in 2024-25: the end date tells the year */
    const char *dend = cs_test_tmpdir();
    put(dend, "e.csv", EP_HEAD "A,01/02/2024,S,C2,N1,U4,PR1,01/06/2024,E13,,,,\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dend, "X", 0), CARESTAT_OK);
    assert_int_equal(cs903_get(ds)->ep_year[0], 2025);
    assert_non_null(strstr(cs_test_find_diag(ds, "903_YEAR_INFERRED", NULL, -1, -1)->message, "2024-06-01"));
    carestat_dataset_free(ds);

    /* the caller's year wins over the dates, with a warning */
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 2023), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_MISMATCH", "eps_2024.csv", 0, 0), 1);
    assert_int_equal(cs903_get(ds)->ep_year[0], 2023);
    carestat_dataset_free(ds);

    /* a whole history in one file: episodes ended years before the latest start -> year unknown */
    dir = cs_test_tmpdir();
    put(dir, "history.csv",
        EP_HEAD "A,01/06/2015,S,C2,N1,U4,PR1,01/06/2016,E13,,,,\n"
                "A,01/06/2019,S,C2,N1,U4,PR1,01/07/2019,X1,CARPL,,,\n"
                "A,01/07/2019,P,C2,N1,H5,PR4,,,,,,\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_LONGITUDINAL", "history.csv", 0, 0), 1);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->nepisodes, 3);
    assert_int_equal(st->ep_year[0], 0);
    assert_int_equal(st->org_year_first[0], 0);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", NULL, -1, -1), 0); /* H5 was valid in some year */
    carestat_dataset_free(ds);

    /* no episodes and no year anywhere: unknown, with a warning; a year in the file name is used */
    dir = cs_test_tmpdir();
    put(dir, "leavers.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nQ,01/05/2004,YES,F1,D1\n");
    put(dir, "leavers_2022.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nQ,01/05/2004,YES,F1,D1\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_UNKNOWN", "leavers.csv", 0, 0), 1);
    st = cs903_get(ds);
    assert_int_equal(st->noc3, 2);
    assert_int_equal(st->oc3_year[0], 0);
    assert_int_equal(st->oc3_year[1], 2022);
    carestat_dataset_free(ds);

    /* a YEAR column: one year per row */
    dir = cs_test_tmpdir();
    put(dir, "e.csv",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,YEAR\n"
        "A,01/06/2022,S,C2,N1,U4,PR1,01/07/2022,X1,2023\n"
        "A,01/07/2022,P,C2,N1,U6,PR1,,,2023-24\n"
        "B,01/07/2022,S,C2,N1,U6,PR1,,,abc\n"
        "C,01/07/2022,S,C2,N1,U6,PR1,,,2024.0\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    st = cs903_get(ds);
    assert_int_equal(st->ep_year[0], 2023);
    assert_int_equal(st->ep_year[1], 2024);
    assert_int_equal(st->ep_year[2], 0);
    assert_int_equal(st->ep_year[3], 2024);
    assert_int_equal(cs_test_count_diags(ds, "903_VALUE_INVALID", "e.csv", 4, 10), 1);
    assert_int_equal(st->org_year_first[0], 2023);
    assert_int_equal(st->org_year_last[0], 2024);
    carestat_dataset_free(ds);
}

/* ---- structural validation: one fixture, each rule on known lines ---- */

/* Collection 2023-24. Line numbers are file lines (the header row is line 1). */
static const char *STRUCT_EPS =
    EP_HEAD
    "A,01/05/2023,S,C2,N1,U4,PR1,01/04/2023,X1,,,,\n"    /*  2 DEC before DECOM: END_BEFORE_START (col 8) */
    "B,01/05/2023,S,C2,N1,U4,PR1,,E11,,,,\n"              /*  3 REC E11, DEC blank: DEC_MISSING (col 8) */
    "C,01/05/2023,S,C2,N1,U4,PR1,01/06/2023,,,,,\n"       /*  4 DEC, REC blank: REC_MISSING (col 9) */
    "D,01/05/2023,S,C2,N1,U4,PR1,01/07/2023,X1,CARPL,,,\n" /* 5 */
    "D,01/06/2023,P,C2,N1,U6,PR1,01/08/2023,E13,,,,\n"    /*  6 starts before line 5 ends: OVERLAP (col 2) */
    "E,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"                 /*  7 open, but line 8 starts later: OPEN_NOT_LAST (col 8) */
    "E,01/09/2023,P,C2,N1,U6,PR1,,,,,,\n"                 /*  8 */
    "F,01/05/2023,S,C2,N1,U4,PR1,01/06/2023,X1,CARPL,,,\n" /* 9 */
    "F,01/06/2023,S,C2,N1,U6,PR1,,,,,,\n"                 /* 10 S right after an X1: S_NOT_PERIOD_START (col 3) */
    "G,01/05/2023,S,C2,N1,U4,PR1,01/06/2023,E13,,,,\n"    /* 11 */
    "G,01/07/2023,P,C2,N1,U6,PR1,,,,,,\n"                 /* 12 P after a ceased episode: CONTINUATION_GAP warning (col 3) */
    "H,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"                 /* 13 */
    "H,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"                 /* 14 same as line 13: DUPLICATE_ROW */
    "I,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"                 /* 15 */
    "I,01/05/2023,S,C2,N1,U5,PR1,,,,,,\n"                 /* 16 same start, other placement: EP_SAME_START (col 2) */
    "NOHDR,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"             /* 17 not in the header: CHILD_NOT_IN_HEADER (col 1) */
    ",01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"                  /* 18 no CHILD: CHILD_MISSING (col 1), rejected */
    "J,31/02/2023,S,C2,N1,U4,PR1,,,,,,\n"                 /* 19 impossible DECOM: DATE_INVALID (col 2), rejected */
    "K,,S,C2,N1,U4,PR1,,,,,,\n"                           /* 20 no DECOM: DATE_MISSING (col 2), rejected */
    "L,01/05/2023,S,,N1,U4,PR1,,,,,,\n"                   /* 21 no LS: VALUE_MISSING (col 4) */
    "M,01/05/2023,S,C2,N1,U4,PR1,,X1,,,,\n"               /* 22 X1 on an open episode: read as open, no error */
    ",,,,,,,,,,,,\n";                                     /* 23 empty: EMPTY_ROW note, not a row */

static const char *STRUCT_HDR =
    HDR_HEAD
    "A,1,01/01/2010,WBRI,,,\nB,1,01/01/2010,WBRI,,,\nC,1,01/01/2010,WBRI,,,\nD,1,01/01/2010,WBRI,,,\n" /* 2-5 */
    "E,1,01/01/2010,WBRI,,,\nF,1,01/01/2010,WBRI,,,\nG,1,01/01/2010,WBRI,,,\nH,1,01/01/2010,WBRI,,,\n" /* 6-9 */
    "I,1,01/01/2010,WBRI,,,\nJ,1,01/01/2010,WBRI,,,\nK,1,01/01/2010,WBRI,,,\nL,1,01/01/2010,WBRI,,,\n" /* 10-13 */
    "M,1,01/01/2010,WBRI,,,\n"  /* 14 */
    "N,1,01/01/2010,WBRI,,3,\n" /* 15 MOTHER 3: VALUE_INVALID (col 6) */
    "O,1,01/01/2010,WBRI,,,\n"  /* 16 */
    "O,1,01/01/2010,WBRI,,,\n"  /* 17 duplicate of 16: DUPLICATE_ROW */
    "P,1,01/01/2010,WBRI,,,\n"  /* 18 */
    "P,2,01/01/2010,WBRI,,,\n"  /* 19 second, different row: DUPLICATE_CHILD (col 1) */
    "Q,1,99/99/2010,WBRI,,,\n"; /* 20 DOB not a date: DATE_INVALID (col 3) */

static carestat_dataset *load_struct(carestat_error_mode mode, int *rc)
{
    const char *dir = cs_test_tmpdir();
    put(dir, "episodes.csv", STRUCT_EPS);
    put(dir, "header.csv", STRUCT_HDR);
    carestat_dataset *ds = new_ds(mode);
    *rc = load(ds, dir, "X", 2024);
    return ds;
}

static void test_structural_keep(void **state)
{
    (void)state;
    int rc;
    carestat_dataset *ds = load_struct(CARESTAT_ROWS_KEEP, &rc);
    assert_int_equal(rc, CARESTAT_OK);
    const char *E = "episodes.csv", *H = "header.csv";
    assert_int_equal(cs_test_count_diags(ds, "903_EP_END_BEFORE_START", E, 2, 8), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_DEC_MISSING", E, 3, 8), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_REC_MISSING", E, 4, 9), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", E, 6, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_LAST", E, 7, 8), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_S_NOT_PERIOD_START", E, 10, 3), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CONTINUATION_GAP", E, 12, 3), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DUPLICATE_ROW", E, 14, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_SAME_START", E, 16, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CHILD_NOT_IN_HEADER", E, 17, 1), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CHILD_MISSING", E, 18, 1), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DATE_INVALID", E, 19, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DATE_MISSING", E, 20, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_VALUE_MISSING", E, 21, 4), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EMPTY_ROW", E, 23, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_VALUE_INVALID", H, 15, 6), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DUPLICATE_ROW", H, 17, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DUPLICATE_CHILD", H, 19, 1), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DATE_INVALID", H, 20, 3), 1);
    /* nothing else: the X1 on an open episode (line 22) and the good rows raise nothing */
    assert_int_equal(cs_test_count_diags(ds, "903_EP_DEC_MISSING", NULL, -1, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", NULL, -1, -1), 1);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_WARNING),
                     18); /* the 14 episode and 4 header diagnostics above */
    /* KEEP: only rows that cannot be placed are rejected (lines 18-20); 21 rows, the empty one not counted */
    summary(ds, 0, E, "episodes", 21, 18, 3);
    summary(ds, 1, H, "header", 19, 19, 0);
    const cs903_store *st = cs903_get(ds);
    /* merged episodes: A B C D D E E F F G G H I NOHDR L M = 16 (H and I merged into one each) */
    assert_int_equal(st->nepisodes, 16);
    long i = child(st, "X", "I");
    assert_int_equal(st->child_ep_count[i], 1);
    assert_int_equal(st->ep_place[st->child_ep_first[i]], CS903_PLACE_U5); /* the later row of line 16 */
    assert_int_equal(st->ep_flags[st->child_ep_first[i]], CS903_EPF_HAD_ERROR);
    long a = child(st, "X", "A");
    assert_int_equal(st->ep_flags[st->child_ep_first[a]], CS903_EPF_HAD_ERROR);
    assert_int_equal(st->ep_dec[st->child_ep_first[a]], D(2023, 4, 1)); /* kept as written */
    long e = child(st, "X", "E");
    assert_int_equal(st->ep_flags[st->child_ep_first[e]], CS903_EPF_HAD_ERROR);
    assert_int_equal(st->ep_flags[st->child_ep_first[e] + 1], 0);
    long m = child(st, "X", "M");
    assert_int_equal(st->ep_rec[st->child_ep_first[m]], CS903_NONE);
    assert_int_equal(st->ep_flags[st->child_ep_first[m]], 0);
    long l = child(st, "X", "L");
    assert_int_equal(st->ep_ls[st->child_ep_first[l]], CS903_NONE);
    long p = child(st, "X", "P");
    assert_int_equal(st->child_sex[p], CS903_SEX_FEMALE); /* the later header row */
    long q = child(st, "X", "Q");
    assert_int_equal(st->child_dob[q], CARESTAT_DATE_NONE);
    long nh = child(st, "X", "NOHDR");
    assert_int_equal(st->child_in_header[nh], 0);
    assert_int_equal(child(st, "X", "J"), 9); /* A..I then J: in the header; its episode was rejected */
    assert_int_equal(st->child_ep_count[child(st, "X", "J")], 0);
    carestat_dataset_free(ds);
}

static void test_structural_drop(void **state)
{
    (void)state;
    int rc;
    carestat_dataset *ds = load_struct(CARESTAT_ROWS_DROP, &rc);
    assert_int_equal(rc, CARESTAT_OK);
    /* dropped: 2 3 4 6 7 10 14 16 17 21 (errors) and 18 19 20 (unplaceable) = 13 of 21; the warning on
     * line 12 does not drop it. Header: 15 17 19 20 dropped of 19. */
    summary(ds, 0, "episodes.csv", "episodes", 21, 8, 13);
    summary(ds, 1, "header.csv", "header", 19, 15, 4);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->nepisodes, 8); /* lines 5 8 9 11 12 13 15 22 */
    for (size_t k = 0; k < st->nepisodes; k++) assert_int_equal(st->ep_flags[k], 0);
    assert_int_equal(child(st, "X", "NOHDR"), -1);
    assert_int_equal(st->child_ep_count[child(st, "X", "A")], 0); /* its only episode was dropped */
    carestat_dataset_free(ds);
}

static void test_structural_stop(void **state)
{
    (void)state;
    int rc;
    carestat_dataset *ds = load_struct(CARESTAT_ROWS_STOP, &rc);
    assert_int_equal(rc, CARESTAT_EPARSE);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "episodes.csv:2"));
    assert_int_equal(cs_test_count_diags(ds, "903_EP_END_BEFORE_START", "episodes.csv", 2, 8), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_DEC_MISSING", NULL, -1, -1), 0); /* stopped before line 3 */
    assert_null(cs903_get(ds));
    assert_int_equal(carestat_dataset_load_summary_count(ds), 0);

    /* a clean load, then a load whose first error is structural: the clean data stays as it was */
    const char *good = cs_test_write_file("good.csv", EP_HEAD "A,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n");
    assert_int_equal(load(ds, good, "X", 2024), CARESTAT_OK);
    assert_int_equal(cs903_get(ds)->nepisodes, 1);
    const char *bad = cs_test_write_file("bad.csv", EP_HEAD "B,01/05/2023,S,C2,N1,U4,PR1,01/07/2023,X1,CARPL,,,\n"
                                                          "B,01/06/2023,P,C2,N1,U6,PR1,,,,,,\n");
    assert_int_equal(load(ds, bad, "X", 2024), CARESTAT_EPARSE);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", "bad.csv", 3, 2), 1);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "903_EP_OVERLAP"));
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->nepisodes, 1);
    assert_int_equal(st->nchildren, 1);
    assert_int_equal(carestat_dataset_load_summary_count(ds), 1);
    carestat_dataset_free(ds);

    /* a header table loaded after its episodes: the check runs when the header arrives */
    const char *eps = cs_test_write_file("eps.csv", EP_HEAD "A,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"
                                                         "B,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n");
    const char *hdr = cs_test_write_file("hdr.csv", HDR_HEAD "A,1,01/01/2010,WBRI,,,\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, eps, "X", 2024), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CHILD_NOT_IN_HEADER", NULL, -1, -1), 0);
    assert_int_equal(load(ds, hdr, "X", 2024), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CHILD_NOT_IN_HEADER", "eps.csv", 3, 1), 1);
    st = cs903_get(ds);
    assert_int_equal(st->ep_flags[st->child_ep_first[child(st, "X", "B")]], CS903_EPF_HAD_ERROR);
    assert_int_equal(st->ep_flags[st->child_ep_first[child(st, "X", "A")]], 0);
    carestat_dataset_free(ds);
}

/* ---- merging two annual returns ---- */

static const char *MERGE_EP24 =
    EP_HEAD
    "X,01/05/2023,S,C2,N1,U4,PR1,01/09/2023,X1,CARPL,,,\n" /* 2 */
    "X,01/09/2023,P,C2,N1,U6,PR1,,,,,,\n"                  /* 3 open at 31/03/2024 */
    "Y,01/06/2023,S,V2,N2,U1,PR1,,,,,,\n"                  /* 4 */
    "Z,01/10/2023,S,C1,N1,K2,PR4,,,,,,\n"                  /* 5 not in the 2024-25 return */
    "W,01/02/2024,S,C1,N1,U4,PR1,,,,,,\n";                 /* 6 */
static const char *MERGE_EP25 =
    EP_HEAD
    "X,01/09/2023,P,C2,N1,U6,PR1,01/12/2024,E13,,,,\n" /* 2 closes line 3 of 2023-24: an update, no diagnostic */
    "Y,01/06/2023,S,V2,N2,U3,PR1,,,,,,\n"              /* 3 PLACE U1 -> U3: MERGE_CONFLICT */
    "Z,01/09/2023,S,C1,N1,K2,PR4,,,,,,\n"              /* 4 Z's history now starts 01/09/2023: 01/10 superseded */
    "V,01/03/2025,S,C2,N1,U4,PR1,,,,,,\n";             /* 5 */

static void put_merge(const char *dir, int which)
{
    if (which & 1) {
        put(dir, "ep_2023-24.csv", MERGE_EP24);
        put(dir, "hdr_2023-24.csv", HDR_HEAD "X,1,01/01/2010,WBRI,,,\nY,2,01/01/2011,WBRI,,,\n"
                                             "Z,1,01/01/2012,WBRI,,,\nW,1,01/01/2013,WBRI,,,\n");
    }
    if (which & 2) {
        put(dir, "ep_2024-25.csv", MERGE_EP25);
        put(dir, "hdr_2024-25.csv", HDR_HEAD "X,M,02/01/2010,WBRI,,,\nY,F,01/01/2011,WBRI,,,\n"
                                             "Z,M,01/01/2012,WBRI,,,\nV,F,01/01/2014,WBRI,,,\n");
    }
}

static void check_merged(const cs903_store *st)
{
    assert_int_equal(st->nepisodes, 6);
    assert_int_equal(st->merged_duplicates, 2); /* X 01/09/2023 and Y 01/06/2023 */
    assert_int_equal(st->merged_superseded, 1); /* Z 01/10/2023 */
    long x = child(st, "X", "X");
    assert_int_equal(st->child_ep_count[x], 2);
    uint32_t e = st->child_ep_first[x];
    assert_int_equal(st->ep_decom[e], D(2023, 5, 1));
    assert_int_equal(st->ep_year[e], 2024);
    assert_int_equal(st->ep_flags[e], 0);
    assert_int_equal(st->ep_decom[e + 1], D(2023, 9, 1));
    assert_int_equal(st->ep_dec[e + 1], D(2024, 12, 1));
    assert_int_equal(st->ep_rec[e + 1], CS903_REC_E13);
    assert_int_equal(st->ep_year[e + 1], 2025);
    assert_int_equal(st->ep_flags[e + 1], CS903_EPF_REPLACED);
    assert_int_equal(st->child_dob[x], D(2010, 1, 2)); /* the 2024-25 header */
    assert_int_equal(st->child_header_year[x], 2025);
    long y = child(st, "X", "Y");
    assert_int_equal(st->ep_place[st->child_ep_first[y]], CS903_PLACE_U3);
    long z = child(st, "X", "Z");
    assert_int_equal(st->child_ep_count[z], 1);
    assert_int_equal(st->ep_decom[st->child_ep_first[z]], D(2023, 9, 1));
    long w = child(st, "X", "W");
    assert_int_equal(st->child_ep_count[w], 1);
    assert_int_equal(st->ep_year[st->child_ep_first[w]], 2024);
    /* W is open at the end of 2023-24 and absent from the 2024-25 return */
    assert_int_equal(st->ep_flags[st->child_ep_first[w]], CS903_EPF_OPEN_NOT_CONTINUED);
    assert_int_equal(st->ep_flags[st->child_ep_first[y]], CS903_EPF_REPLACED); /* Y is in both: not stale */
    assert_int_equal(st->child_header_year[w], 2024);
    long v = child(st, "X", "V");
    assert_int_equal(st->child_ep_count[v], 1);
    assert_int_equal(st->org_year_first[0], 2024);
    assert_int_equal(st->org_year_last[0], 2025);
    /* no (child, DECOM) twice, every history in DECOM order */
    for (size_t k = 1; k < st->nepisodes; k++)
        if (st->ep_child[k] == st->ep_child[k - 1]) assert_true(st->ep_decom[k] > st->ep_decom[k - 1]);
}

static void test_merge(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    put_merge(dir, 3);
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    check_merged(cs903_get(ds));
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_CONFLICT", "ep_2024-25.csv", 3, 0), 1);
    assert_non_null(strstr(cs_test_find_diag(ds, "903_MERGE_CONFLICT", NULL, -1, -1)->message, "PLACE"));
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_CONFLICT", NULL, -1, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_SUPERSEDED", "ep_2023-24.csv", 5, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_HDR_CONFLICT", "hdr_2024-25.csv", 2, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_CONTINUED", "ep_2023-24.csv", 6, 8), 1);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_ERROR), 0);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_WARNING), 4);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_MERGED_DUPLICATES), 2);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_SUPERSEDED), 1);
    carestat_dataset_free(ds);

    /* the same returns loaded one call at a time, latest first: the same histories */
    const char *d24 = cs_test_tmpdir(), *d25 = cs_test_tmpdir();
    put_merge(d24, 1);
    put_merge(d25, 2);
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, d25, "X", 0), CARESTAT_OK);
    assert_int_equal(cs903_get(ds)->nepisodes, 4);
    assert_int_equal(load(ds, d24, "X", 0), CARESTAT_OK);
    check_merged(cs903_get(ds));
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_SUPERSEDED", "ep_2023-24.csv", 5, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_HDR_CONFLICT", "hdr_2024-25.csv", 2, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_CONTINUED", "ep_2023-24.csv", 6, 8), 1);
    assert_int_equal(carestat_dataset_load_summary_count(ds), 4);
    carestat_dataset_free(ds);

    /* the same return loaded twice: every row is a duplicate of the first load's */
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, d24, "X", 0), CARESTAT_OK);
    assert_int_equal(load(ds, d24, "X", 0), CARESTAT_OK);
    assert_int_equal(cs903_get(ds)->nepisodes, 5);
    assert_int_equal(cs_test_count_diags(ds, "903_DUPLICATE_ROW", "ep_2023-24.csv", -1, -1), 5);
    assert_int_equal(cs_test_count_diags(ds, "903_DUPLICATE_ROW", "hdr_2023-24.csv", -1, -1), 4);
    carestat_dataset_free(ds);
}

/* ---- organisations: option, LA column, folder name, registry ---- */

static void test_orgs(void **state)
{
    (void)state;
    const char *dir = subdir("Folder Council");
    put(dir, "e.csv",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,LA,YEAR\n"
        "A,01/05/2023,S,C2,N1,U4,PR1,,,Newham,2024\n"
        "A,01/05/2023,S,C2,N1,U4,PR1,,,E09000002,2024\n" /* same CHILD, another council: another child */
        "B,01/06/2023,S,C2,N1,U4,PR1,,,My Trust,2024\n"
        "C,01/06/2023,S,C2,N1,U4,PR1,,,,2024\n");        /* blank LA: the folder's organisation */
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, NULL, 0), CARESTAT_OK);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->norgs, 4);
    assert_string_equal(st->org_code[0], "E09000002");
    assert_string_equal(st->org_code[1], "E09000025");
    assert_string_equal(st->org_name[1], "Newham");
    assert_string_equal(st->org_code[2], "Folder Council");
    assert_string_equal(st->org_code[3], "My Trust");
    assert_int_equal(st->org_user_defined[0], 0);
    assert_int_equal(st->org_user_defined[3], 1);
    assert_int_equal(cs_test_count_diags(ds, "903_ORG_USER_DEFINED", NULL, -1, -1), 2);
    assert_int_equal(cs_test_count_diags(ds, "903_NO_HEADER", NULL, -1, -1), 4);
    for (size_t o = 0; o < 4; o++) {
        assert_int_equal(st->org_child_count[o], 1);
        assert_int_equal(st->org_child_first[o], o);
    }
    assert_int_equal(child(st, "E09000025", "A"), 1);
    assert_int_equal(child(st, "e09000002", "A"), 0);
    assert_int_equal(cs903_org_index(st, "Nowhere"), -1);
    uint64_t n;
    assert_int_equal(carestat_dataset_903_org_count(&n, ds, 2, CARESTAT_903_EPISODES), CARESTAT_OK);
    assert_int_equal(n, 1);
    /* user-defined organisations are added to the dataset, so look-ups find them */
    const carestat_org *org = NULL;
    assert_int_equal(carestat_dataset_org_find(&org, ds, "My Trust"), CARESTAT_OK);
    assert_int_equal(org->user_defined, 1);
    carestat_dataset_free(ds);

    /* the caller's organisation, given as a DfE 3-digit code: stored under its GSS code */
    const char *f = cs_test_write_file("x.csv", EP_HEAD "A,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n");
    ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, f, "940", 2024), CARESTAT_OK);
    assert_int_equal(carestat_org_find(&org, "940"), CARESTAT_OK);
    assert_string_equal(org->code, "E06000061"); /* North Northamptonshire */
    assert_string_equal(cs903_get(ds)->org_code[0], "E06000061");
    assert_int_equal(cs_test_count_diags(ds, "903_ORG_USER_DEFINED", NULL, -1, -1), 0);
    carestat_dataset_free(ds);
}

/* A bare file name or "./file": the organisation is the real name of the current folder. */
static void test_org_from_cwd(void **state)
{
    (void)state;
    char here[4096];
    assert_non_null(getcwd(here, sizeof here));
    const char *dir = subdir("Dot Council_2024-25");
    put(dir, "e.csv", EP_HEAD "A,01/05/2024,S,C2,N1,U4,PR1,,,,,,\n");
    assert_int_equal(chdir(dir), 0);
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    int rc1 = load(ds, "e.csv", NULL, 0);
    int rc2 = load(ds, "./e.csv", NULL, 0);
    assert_int_equal(chdir(here), 0);
    assert_int_equal(rc1, CARESTAT_OK);
    assert_int_equal(rc2, CARESTAT_OK);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->norgs, 1);
    assert_string_equal(st->org_code[0], "Dot Council_2024-25");
    assert_int_equal(st->ep_year[0], 2025); /* the year in the folder name agrees with the dates */
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_MISMATCH", NULL, -1, -1), 0);
    assert_int_equal(cs_test_count_diags(ds, "903_DUPLICATE_ROW", NULL, -1, -1), 1); /* the same file twice */
    carestat_dataset_free(ds);
}

/* ---- OC3, UASC, AD1, placed for adoption, social worker episodes ---- */

static void test_other_tables(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    put(dir, "oc3.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n"
                        "Q,01/05/2004,YES,F1,D1\n"
                        "R,02/06/2005,no,G5,S2\n"
                        "S,03/07/2005,DIED,0,0\n");
    put(dir, "uasc.csv", "CHILD,SEX,DOB,DUC\nQ,1,01/05/2004,01/05/2022\n");
    put(dir, "ad1.csv", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
                        "T,01/01/2020,01/02/2023,01/06/2023,1,2,MF,L11\n"
                        "U,01/01/2020,01/02/2023,01/06/2023,7,0,ZZ,L11\n"); /* line 3: cols 5, 6, 7 */
    put(dir, "pfa.csv", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n"
                        "T,01/01/2020,01/03/2023,,\n"
                        "T,01/01/2020,01/01/2022,01/06/2022,RD1\n");
    put(dir, "sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
                       "T,01/01/2020,SW1,01/04/2023,01/09/2023,MANAGE\n" /* 2 */
                       "T,01/01/2020,SW2,01/08/2023,,LEFTRL\n"           /* 3 starts before 2 ends: SW_OVERLAP */
                       "T,01/01/2020,,01/10/2023,,\n"                    /* 4 no SW_ID; 3 still open: SW_OVERLAP */
                       "T,01/01/2020,SW9,,,\n");                         /* 5 no SW_DECOM: rejected */
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 2024), CARESTAT_OK);
    assert_int_equal(cs_test_count_diags(ds, "903_VALUE_INVALID", "ad1.csv", 3, 5), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_VALUE_INVALID", "ad1.csv", 3, 6), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", "ad1.csv", 3, 7), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_SW_OVERLAP", "sw.csv", 3, 4), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_SW_OVERLAP", "sw.csv", 4, 4), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_VALUE_MISSING", "sw.csv", 4, 3), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_DATE_MISSING", "sw.csv", 5, 4), 1);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_WARNING), 7);
    /* files in name order: ad1, oc3, pfa, sw, uasc */
    summary(ds, 0, "ad1.csv", "ad1", 2, 2, 0);
    summary(ds, 1, "oc3.csv", "oc3", 3, 3, 0);
    summary(ds, 2, "pfa.csv", "placed_for_adoption", 2, 2, 0);
    summary(ds, 3, "sw.csv", "sw_episodes", 4, 3, 1);
    summary(ds, 4, "uasc.csv", "uasc", 1, 1, 0);

    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->nchildren, 5); /* Q R S T U */
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_HEADERS), 0);
    long q = child(st, "X", "Q"), r = child(st, "X", "R"), s = child(st, "X", "S"), t = child(st, "X", "T"),
         u = child(st, "X", "U");
    /* OC3 */
    assert_int_equal(st->noc3, 3);
    uint32_t k = st->child_oc3_first[q];
    assert_int_equal(st->child_oc3_count[q], 1);
    assert_int_equal(st->oc3_year[k], 2024);
    assert_int_equal(st->oc3_in_touch[k], CS903_TOUCH_YES);
    assert_int_equal(st->oc3_activ[k], CS903_ACTIV_F1);
    assert_true(cs903_activ_is_eet(st->oc3_activ[k]));
    assert_int_equal(cs903_accom_letter(st->oc3_accom[k]), 'D');
    assert_int_equal(cs903_accom_suitability(st->oc3_accom[k]), 1);
    k = st->child_oc3_first[r];
    assert_int_equal(st->oc3_in_touch[k], CS903_TOUCH_NO);
    assert_true(cs903_activ_is_neet(st->oc3_activ[k]));
    assert_int_equal(cs903_accom_letter(st->oc3_accom[k]), 'S');
    assert_int_equal(cs903_accom_suitability(st->oc3_accom[k]), 2);
    k = st->child_oc3_first[s];
    assert_int_equal(st->oc3_in_touch[k], CS903_TOUCH_DIED);
    assert_int_equal(st->oc3_activ[k], CS903_ACTIV_0);
    assert_int_equal(cs903_accom_letter(st->oc3_accom[k]), '0');
    assert_int_equal(cs903_accom_suitability(st->oc3_accom[k]), 0);
    assert_int_equal(cs903_accom_letter(CS903_UNKNOWN), 0);
    /* dates of birth and sex from the other tables when there is no header */
    assert_int_equal(st->child_dob[q], D(2004, 5, 1));
    assert_int_equal(st->child_sex[q], CS903_SEX_MALE);
    assert_int_equal(st->child_dob[r], D(2005, 6, 2));
    assert_int_equal(st->child_dob[t], D(2020, 1, 1));
    /* UASC */
    assert_int_equal(st->child_uasc_count[q], 1);
    assert_int_equal(st->uasc_duc[st->child_uasc_first[q]], D(2022, 5, 1));
    /* AD1 */
    k = st->child_ad1_first[t];
    assert_int_equal(st->ad1_date_int[k], D(2023, 2, 1));
    assert_int_equal(st->ad1_date_match[k], D(2023, 6, 1));
    assert_int_equal(st->ad1_foster_care[k], 1);
    assert_int_equal(st->ad1_nb_adoptr[k], 2);
    assert_int_equal(st->ad1_sex_adoptr[k], CS903_SEXA_MF);
    assert_int_equal(st->ad1_ls_adoptr[k], CS903_LSA_L11);
    k = st->child_ad1_first[u];
    assert_int_equal(st->ad1_foster_care[k], -1);
    assert_int_equal(st->ad1_nb_adoptr[k], -1);
    assert_int_equal(st->ad1_sex_adoptr[k], CS903_UNKNOWN);
    /* placed for adoption: by DATE_PLACED */
    assert_int_equal(st->child_pfa_count[t], 2);
    k = st->child_pfa_first[t];
    assert_int_equal(st->pfa_date_placed[k], D(2022, 1, 1));
    assert_int_equal(st->pfa_date_placed_ceased[k], D(2022, 6, 1));
    assert_int_equal(st->pfa_reason_ceased[k], CS903_RPCEASE_RD1);
    assert_int_equal(st->pfa_date_placed[k + 1], D(2023, 3, 1));
    assert_int_equal(st->pfa_date_placed_ceased[k + 1], CARESTAT_DATE_NONE);
    /* social worker episodes */
    assert_int_equal(st->child_sw_count[t], 3);
    k = st->child_sw_first[t];
    assert_string_equal(cs903_str(st, st->sw_id[k]), "SW1");
    assert_int_equal(st->sw_decom[k], D(2023, 4, 1));
    assert_int_equal(st->sw_dec[k], D(2023, 9, 1));
    assert_int_equal(st->sw_reason[k], CS903_SWR_MANAGE);
    assert_int_equal(st->sw_reason[k + 1], CS903_SWR_LEFTRL);
    assert_int_equal(st->sw_id[k + 2], 0);
    assert_int_equal(st->sw_year[k + 2], 2024);
    carestat_dataset_free(ds);
}

/* ---- writing the merged history and reading it back ---- */

static void test_write_roundtrip(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    put_merge(dir, 3);
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds, dir, "X", 0), CARESTAT_OK);
    const char *out = cs_test_write_file("merged.csv", "");
    assert_int_equal(carestat_dataset_903_write_episodes(NULL, out), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_903_write_episodes(ds, "/nonexistent/dir/m.csv"), CARESTAT_EIO);
    assert_int_equal(carestat_dataset_903_write_episodes(ds, out), CARESTAT_OK);
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    char line[256];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
                              "PL_POST,URN,LA,YEAR\n");
    /* children in text order: V W X Y Z; V's only episode first */
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "V,01/03/2025,S,C2,N1,U4,PR1,,,,,,,X,2025\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "W,01/02/2024,S,C1,N1,U4,PR1,,,,,,,X,2024\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "X,01/05/2023,S,C2,N1,U4,PR1,01/09/2023,X1,CARPL,,,,X,2024\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "X,01/09/2023,P,C2,N1,U6,PR1,01/12/2024,E13,,,,,X,2025\n");
    fclose(f);

    /* a longitudinal file with LA and YEAR columns: read back, the same histories */
    carestat_dataset *ds2 = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(load(ds2, out, NULL, 0), CARESTAT_OK);
    /* the only warning: W's episode is still open in 2023-24 and W is not in 2024-25 */
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds2), CARESTAT_SEV_WARNING), 1);
    assert_int_equal(cs_test_count_diags(ds2, "903_EP_OPEN_NOT_CONTINUED", "merged.csv", 3, 8), 1);
    const cs903_store *a = cs903_get(ds), *b = cs903_get(ds2);
    assert_int_equal(b->norgs, 1);
    assert_string_equal(b->org_code[0], "X");
    assert_int_equal(b->nepisodes, a->nepisodes);
    for (size_t e = 0; e < a->nepisodes; e++) {
        assert_string_equal(cs903_str(b, b->child_id[b->ep_child[e]]), cs903_str(a, a->child_id[a->ep_child[e]]));
        assert_int_equal(b->ep_decom[e], a->ep_decom[e]);
        assert_int_equal(b->ep_dec[e], a->ep_dec[e]);
        assert_int_equal(b->ep_rne[e], a->ep_rne[e]);
        assert_int_equal(b->ep_ls[e], a->ep_ls[e]);
        assert_int_equal(b->ep_place[e], a->ep_place[e]);
        assert_int_equal(b->ep_rec[e], a->ep_rec[e]);
        assert_int_equal(b->ep_rpc[e], a->ep_rpc[e]);
        assert_int_equal(b->ep_year[e], a->ep_year[e]);
        assert_int_equal(b->ep_flags[e] & CS903_EPF_OPEN_NOT_CONTINUED, a->ep_flags[e] & CS903_EPF_OPEN_NOT_CONTINUED);
    }
    carestat_dataset_free(ds2);
    carestat_dataset_free(ds);
}

/* ---- allocation failures: every failure is ENOMEM (or absorbed), never a crash or a leak ---- */

static void test_alloc_failures(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    put_merge(dir, 3);
    put(dir, "oc3.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nX,01/05/2004,YES,F1,D1\n");
    put(dir, "sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nX,01/01/2010,SW1,01/04/2023,,MANAGE\n");
    int finished = 0;
    for (long n = 1; n < 20000 && !finished; n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_dataset *ds = NULL;
        int rc = carestat_dataset_new(&ds, NULL);
        if (rc == CARESTAT_OK) {
            /* two loads into one dataset: a full build, then a second organisation spliced in */
            const char *p[] = {dir};
            rc = carestat_dataset_load_903(ds, p, 1, NULL);
            if (rc == CARESTAT_OK) {
                carestat_903_options o;
                assert_int_equal(carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION), CARESTAT_OK);
                o.org_code = "Second";
                rc = carestat_dataset_load_903(ds, p, 1, &o);
                /* a failed second load leaves the first one as it was */
                if (rc != CARESTAT_OK) assert_int_equal(cs903_get(ds)->nepisodes, 6);
            }
            if (rc == CARESTAT_OK && f.n < n) {
                finished = 1;
                assert_int_equal(cs903_get(ds)->nepisodes, 12);
                assert_int_equal(cs903_get(ds)->norgs, 2);
            }
            carestat_dataset_free(ds);
        }
        carestat_set_allocator(NULL);
        assert_true(rc == CARESTAT_OK || rc == CARESTAT_ENOMEM);
    }
    assert_true(finished);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arguments),       cmocka_unit_test(test_basic_read),
        cmocka_unit_test(test_recognition),     cmocka_unit_test(test_codes_by_year),
        cmocka_unit_test(test_year_inference),  cmocka_unit_test(test_structural_keep),
        cmocka_unit_test(test_structural_drop), cmocka_unit_test(test_structural_stop),
        cmocka_unit_test(test_merge),           cmocka_unit_test(test_orgs),
        cmocka_unit_test(test_org_from_cwd),
        cmocka_unit_test(test_other_tables),    cmocka_unit_test(test_write_roundtrip),
        cmocka_unit_test(test_alloc_failures),
    };
    (void)dump_diags;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
