/* Organisations: built-in registry look-ups, user organisations, lineage, trusts, expansion for
 * series across reorganisations, statistical neighbours.
 * Facts: DfE cla_number_and_rate_per_10k_children.csv (codes, names, regions) and domain.md 5.8. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "carestat/org.h"
#include "io/csv.h"

static carestat_date D(int y, int m, int d)
{
    carestat_date out = 0;
    assert_int_equal(carestat_date_from_ymd(&out, y, m, d), CARESTAT_OK);
    return out;
}

static const carestat_org *find(const char *s)
{
    const carestat_org *o = NULL;
    assert_int_equal(carestat_org_find(&o, s), CARESTAT_OK);
    assert_non_null(o);
    return o;
}

static void test_find(void **state)
{
    (void)state;
    const carestat_org *o = find("E06000061");
    assert_string_equal(o->la_code, "940");
    assert_string_equal(o->name, "North Northamptonshire");
    assert_string_equal(o->region_code, "E12000004");
    assert_int_equal(o->kind, CARESTAT_ORG_COUNCIL);
    assert_int_equal(o->start, D(2021, 4, 1));
    assert_int_equal(o->end, CARESTAT_DATE_NONE);
    assert_int_equal(o->user_defined, 0);
    assert_ptr_equal(find("940"), o);
    assert_ptr_equal(find("north NORTHAMPTONSHIRE"), o);
    assert_ptr_equal(find(" e06000061 "), o);
    assert_string_equal(find("941")->code, "E06000062");
    o = find("928");
    assert_string_equal(o->code, "E10000021");
    assert_string_equal(o->name, "Northamptonshire");
    assert_int_equal(o->end, D(2021, 3, 31));
    /* Ofsted spellings and alternative codes */
    assert_string_equal(find("Telford & Wrekin")->code, "E06000020");
    assert_string_equal(find("Bournemouth, Christchurch & Poole")->code, "E06000058");
    assert_string_equal(find("St Helens")->code, "E08000013");
    assert_string_equal(find("E08000038")->code, "E08000016");
    /* regions and England */
    o = find("E12000007");
    assert_int_equal(o->kind, CARESTAT_ORG_REGION);
    assert_string_equal(o->name, "London");
    assert_int_equal(find("England")->kind, CARESTAT_ORG_COUNTRY);
    assert_string_equal(find("TRUST-NCT")->name, "Northamptonshire Children's Trust");
    /* errors */
    const carestat_org *none = (const carestat_org *)1;
    assert_int_equal(carestat_org_find(&none, "Narnia"), CARESTAT_ENOTFOUND);
    assert_null(none);
    assert_int_equal(carestat_org_find(&none, ""), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_org_find(&none, NULL), CARESTAT_EINVAL);
    assert_int_equal(carestat_org_find(NULL, "940"), CARESTAT_EINVAL);
}

static void test_find_at_dates(void **state)
{
    (void)state;
    /* 825 is Buckinghamshire County Council (E10000002) until 31 March 2020, then E06000060 */
    assert_string_equal(find("825")->code, "E06000060");
    const carestat_org *o = NULL;
    assert_int_equal(carestat_org_find_at(&o, "825", D(2019, 6, 1)), CARESTAT_OK);
    assert_string_equal(o->code, "E10000002");
    assert_int_equal(carestat_org_find_at(&o, "825", D(2020, 4, 1)), CARESTAT_OK);
    assert_string_equal(o->code, "E06000060");
    /* Dorset: the county council until 2019, the unitary after */
    assert_string_equal(find("Dorset")->code, "E06000059");
    assert_int_equal(carestat_org_find_at(&o, "Dorset", D(2011, 10, 28)), CARESTAT_OK);
    assert_string_equal(o->code, "E10000009");
    /* a GSS code wins whatever the date */
    assert_int_equal(carestat_org_find_at(&o, "E06000059", D(2011, 1, 1)), CARESTAT_OK);
    assert_string_equal(o->code, "E06000059");
    assert_int_equal(carestat_org_exists_at(o, D(2011, 1, 1)), 0);
    assert_int_equal(carestat_org_exists_at(o, D(2019, 4, 1)), 1);
}

static void test_registry_counts(void **state)
{
    (void)state;
    size_t n = carestat_org_count(), current = 0, former = 0, regions = 0, countries = 0, trusts = 0;
    for (size_t i = 0; i < n; i++) {
        const carestat_org *o = NULL;
        assert_int_equal(carestat_org_at(&o, i), CARESTAT_OK);
        switch (o->kind) {
        case CARESTAT_ORG_COUNCIL:
            if (o->end == CARESTAT_DATE_NONE) current++;
            else former++;
            assert_true(strlen(o->la_code) == 3);
            assert_true(strncmp(o->region_code, "E12", 3) == 0);
            break;
        case CARESTAT_ORG_REGION: regions++; break;
        case CARESTAT_ORG_COUNTRY: countries++; break;
        case CARESTAT_ORG_TRUST: trusts++; break;
        }
    }
    assert_int_equal(current, 153);
    /* former: Bournemouth, Poole, Dorset CC, Buckinghamshire CC, Northamptonshire, Cumbria, North
     * Yorkshire CC, Somerset CC, and the old GSS codes of Northumberland and Gateshead = 10 */
    assert_int_equal(former, 10);
    assert_int_equal(regions, 11); /* 9 regions + Inner and Outer London */
    assert_int_equal(countries, 1);
    assert_int_equal(trusts, 1);
    const carestat_org *o = NULL;
    assert_int_equal(carestat_org_at(&o, n), CARESTAT_ERANGE);
    assert_int_equal(carestat_dataset_org_count(NULL), n);
    /* region of an org */
    assert_int_equal(carestat_dataset_org_region(&o, NULL, "Camden"), CARESTAT_OK);
    assert_string_equal(o->code, "E12000007");
    assert_int_equal(carestat_dataset_org_region(&o, NULL, "E13000001"), CARESTAT_OK);
    assert_string_equal(o->code, "E12000007");
    assert_int_equal(carestat_dataset_org_region(&o, NULL, "E92000001"), CARESTAT_ENOTFOUND);
    assert_string_equal(carestat_org_kind_name(CARESTAT_ORG_TRUST), "trust");
    assert_string_equal(carestat_lineage_kind_name(CARESTAT_LINK_SPLIT), "split");
    assert_string_equal(carestat_org_kind_name((carestat_org_kind)42), "unknown");
    assert_string_equal(carestat_expand_flag_name(CARESTAT_EXPAND_WIDER), "wider");
    assert_string_equal(carestat_expand_flag_name(CARESTAT_EXPAND_AGGREGATE), "aggregate");
    assert_string_equal(carestat_expand_flag_name((carestat_expand_flag)(CARESTAT_EXPAND_WIDER | CARESTAT_EXPAND_TRUST)),
                        "unknown");
}

static void test_lineage(void **state)
{
    (void)state;
    carestat_lineage_link l[4];
    size_t n = 0;
    assert_int_equal(carestat_dataset_org_successors(l, 4, &n, NULL, "Northamptonshire"), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(l[0].to_code, "E06000061");
    assert_string_equal(l[1].to_code, "E06000062");
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(l[i].from_code, "E10000021");
        assert_int_equal(l[i].date, D(2021, 4, 1));
        assert_int_equal(l[i].kind, CARESTAT_LINK_SPLIT);
    }
    assert_int_equal(carestat_dataset_org_predecessors(l, 4, &n, NULL, "941"), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].from_code, "E10000021");
    /* BCP: Bournemouth and Poole merged, Christchurch came from Dorset County Council */
    assert_int_equal(carestat_dataset_org_predecessors(l, 4, &n, NULL, "E06000058"), CARESTAT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(carestat_dataset_org_predecessors(l, 1, &n, NULL, "E06000058"), CARESTAT_EBUFFER);
    assert_int_equal(n, 3);
    assert_int_equal(carestat_dataset_org_predecessors(NULL, 0, &n, NULL, "Camden"), CARESTAT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(carestat_dataset_org_predecessors(NULL, 0, &n, NULL, "Narnia"), CARESTAT_ENOTFOUND);
    /* Cumbria 2023 */
    assert_int_equal(carestat_dataset_org_successors(l, 4, &n, NULL, "Cumbria"), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(l[0].to_code, "E06000063");
    assert_string_equal(l[1].to_code, "E06000064");
    assert_int_equal(l[0].date, D(2023, 4, 1));
}

static void test_trust(void **state)
{
    (void)state;
    const carestat_org *c[4];
    size_t n = 9;
    assert_int_equal(carestat_dataset_trust_councils(c, 4, &n, NULL, "TRUST-NCT", D(2020, 10, 31)), CARESTAT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(carestat_dataset_trust_councils(c, 4, &n, NULL, "TRUST-NCT", D(2020, 11, 1)), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(c[0]->code, "E10000021");
    assert_int_equal(carestat_dataset_trust_councils(c, 4, &n, NULL, "TRUST-NCT", D(2021, 4, 1)), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0]->code, "E06000061");
    assert_string_equal(c[1]->code, "E06000062");
    assert_int_equal(carestat_dataset_trust_councils(c, 4, &n, NULL, "Camden", D(2021, 4, 1)), CARESTAT_EINVAL);
    const carestat_org *o = NULL;
    assert_int_equal(carestat_dataset_org_delivered_by(&o, NULL, "West Northamptonshire", D(2024, 1, 1)), CARESTAT_OK);
    assert_string_equal(o->code, "TRUST-NCT");
    assert_int_equal(carestat_dataset_org_delivered_by(&o, NULL, "Northamptonshire", D(2019, 1, 1)), CARESTAT_OK);
    assert_string_equal(o->code, "E10000021");
}

/* Expand and sum a value table keyed by code. CLA on 31 March from DfE's 2025 edition
 * (domain.md 5.8): Northamptonshire 2021 1144; NN/WN 2022 525/658, 2023 547/688, 2024 534/648,
 * 2025 568/602. */
static long cla(const char *code, int year)
{
    static const struct { const char *code; int year; long v; } t[] = {
        {"E10000021", 2021, 1144}, {"E06000061", 2022, 525}, {"E06000062", 2022, 658},
        {"E06000061", 2023, 547},  {"E06000062", 2023, 688}, {"E06000061", 2024, 534},
        {"E06000062", 2024, 648},  {"E06000061", 2025, 568}, {"E06000062", 2025, 602},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (t[i].year == year && strcmp(t[i].code, code) == 0) return t[i].v;
    return -1;
}

static long series_value(const char *code, int year, unsigned *flags)
{
    const carestat_org *c[8];
    size_t n = 0;
    assert_int_equal(carestat_dataset_org_expand_year(c, 8, &n, flags, NULL, code, year), CARESTAT_OK);
    long sum = 0;
    for (size_t i = 0; i < n; i++) {
        long v = cla(c[i]->code, year);
        if (v < 0) return -1;
        sum += v;
    }
    return n ? sum : -1;
}

static void test_expand(void **state)
{
    (void)state;
    unsigned f = 0;
    /* Northamptonshire's series continues across the 2021 split: 525+658 = 1183, 547+688 = 1235,
     * 534+648 = 1182, 568+602 = 1170 */
    assert_int_equal(series_value("Northamptonshire", 2021, &f), 1144);
    assert_int_equal(f, 0);
    assert_int_equal(series_value("Northamptonshire", 2022, &f), 1183);
    assert_int_equal(f, CARESTAT_EXPAND_LINEAGE);
    assert_int_equal(series_value("928", 2023, &f), 1235);
    assert_int_equal(series_value("E10000021", 2024, &f), 1182);
    assert_int_equal(series_value("E10000021", 2025, &f), 1170);
    /* the trust: the county in 2021, both successors after */
    assert_int_equal(series_value("TRUST-NCT", 2021, &f), 1144);
    assert_int_equal(f, CARESTAT_EXPAND_TRUST);
    assert_int_equal(series_value("TRUST-NCT", 2025, &f), 1170);
    /* North Northamptonshire before it existed: the (wider) county */
    assert_int_equal(series_value("940", 2021, &f), 1144);
    assert_int_equal(f, CARESTAT_EXPAND_LINEAGE | CARESTAT_EXPAND_WIDER);
    const carestat_org *c[200];
    size_t n = 0;
    /* the trust before it began */
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "TRUST-NCT", 2020), CARESTAT_OK);
    assert_int_equal(n, 0);
    /* BCP for 2019 (31 March 2019): Bournemouth + Poole, and Christchurch is missing */
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "E06000058", 2019), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0]->code, "E06000028");
    assert_string_equal(c[1]->code, "E06000029");
    assert_int_equal(f, CARESTAT_EXPAND_LINEAGE | CARESTAT_EXPAND_NARROWER);
    /* Buckinghamshire: a code change only */
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "E06000060", 2019), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(c[0]->code, "E10000002");
    assert_int_equal(f, CARESTAT_EXPAND_LINEAGE);
    /* England: 153 councils at 31 March 2025; at 31 March 2023 the 153 current ones minus the four
     * created on 1 April 2023 plus Cumbria, North Yorkshire CC and Somerset CC = 152 (Ofsted's total) */
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "England", 2025), CARESTAT_OK);
    assert_int_equal(n, 153);
    assert_int_equal(f, CARESTAT_EXPAND_AGGREGATE);
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "E92000001", 2023), CARESTAT_OK);
    assert_int_equal(n, 152);
    /* East Midlands 2025: Derby, Leicester, Rutland, Nottingham, Derbyshire, Leicestershire,
     * Lincolnshire, Nottinghamshire, North and West Northamptonshire = 10 */
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "East Midlands", 2025), CARESTAT_OK);
    assert_int_equal(n, 10);
    /* Inner London: 14 boroughs incl. City of London (E13000001 in DfE's files) */
    assert_int_equal(carestat_dataset_org_expand_year(c, 200, &n, &f, NULL, "Inner London", 2025), CARESTAT_OK);
    assert_int_equal(n, 14);
    assert_int_equal(carestat_dataset_org_expand_year(c, 2, &n, &f, NULL, "London", 2025), CARESTAT_EBUFFER);
    assert_int_equal(n, 33);
    assert_int_equal(carestat_dataset_org_expand_year(c, 2, &n, &f, NULL, "Narnia", 2025), CARESTAT_ENOTFOUND);
}

static void test_user_orgs(void **state)
{
    (void)state;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    size_t base = carestat_dataset_org_count(ds);
    carestat_org t = {"T-ACME", "", "Acme Children's Trust", CARESTAT_ORG_TRUST, "E12000004", 18000,
                      CARESTAT_DATE_NONE, 0};
    assert_int_equal(carestat_dataset_org_add(ds, &t), CARESTAT_OK);
    carestat_org f = {"X00000001", "999", "Fictional Borough", CARESTAT_ORG_COUNCIL, "E12000004",
                      CARESTAT_DATE_NONE, CARESTAT_DATE_NONE, 0};
    assert_int_equal(carestat_dataset_org_add(ds, &f), CARESTAT_OK);
    assert_int_equal(carestat_dataset_org_count(ds), base + 2);
    const carestat_org *o = NULL;
    assert_int_equal(carestat_dataset_org_find(&o, ds, "999"), CARESTAT_OK);
    assert_string_equal(o->name, "Fictional Borough");
    assert_int_equal(o->user_defined, 1);
    /* built-in look-ups still work through the dataset, and not through the registry alone */
    assert_int_equal(carestat_dataset_org_find(&o, ds, "940"), CARESTAT_OK);
    assert_int_equal(carestat_org_find(&o, "999"), CARESTAT_ENOTFOUND);
    /* override a built-in: same code, new name; counted once */
    carestat_org nn = *find("E06000061");
    nn.name = "North Northants (renamed)";
    assert_int_equal(carestat_dataset_org_add(ds, &nn), CARESTAT_OK);
    assert_int_equal(carestat_dataset_org_count(ds), base + 2);
    assert_int_equal(carestat_dataset_org_find(&o, ds, "940"), CARESTAT_OK);
    assert_string_equal(o->name, "North Northants (renamed)");
    assert_int_equal(carestat_dataset_org_at(&o, ds, base + 1), CARESTAT_OK);
    assert_string_equal(o->code, "X00000001");
    /* the trust delivers for the fictional borough and Rutland from 2020 */
    carestat_trust_delivery d = {"T-ACME", "X00000001", 18000, CARESTAT_DATE_NONE};
    assert_int_equal(carestat_dataset_trust_add_council(ds, &d), CARESTAT_OK);
    d.council_code = "Rutland";
    assert_int_equal(carestat_dataset_trust_add_council(ds, &d), CARESTAT_OK);
    d.council_code = "Narnia";
    assert_int_equal(carestat_dataset_trust_add_council(ds, &d), CARESTAT_ENOTFOUND);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "Narnia"));
    d.council_code = "T-ACME";
    assert_int_equal(carestat_dataset_trust_add_council(ds, &d), CARESTAT_EINVAL);
    /* repeating a built-in delivery does not count the council twice, even with no buffer */
    carestat_trust_delivery again = {"TRUST-NCT", "E06000061", D(2021, 4, 1), CARESTAT_DATE_NONE};
    assert_int_equal(carestat_dataset_trust_add_council(ds, &again), CARESTAT_OK);
    size_t n = 0;
    assert_int_equal(carestat_dataset_trust_councils(NULL, 0, &n, ds, "TRUST-NCT", D(2022, 1, 1)), CARESTAT_EBUFFER);
    assert_int_equal(n, 2);
    const carestat_org *c[4];
    unsigned fl = 0;
    assert_int_equal(carestat_dataset_org_expand(c, 4, &n, &fl, ds, "T-ACME", D(2024, 3, 31)), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0]->code, "E06000017"); /* built-in first (registry order) */
    assert_string_equal(c[1]->code, "X00000001");
    /* a user lineage link */
    carestat_lineage_link l = {"X00000001", "Rutland", D(2030, 4, 1), CARESTAT_LINK_MERGE};
    assert_int_equal(carestat_dataset_lineage_add(ds, &l), CARESTAT_OK);
    carestat_lineage_link got[2];
    assert_int_equal(carestat_dataset_org_successors(got, 2, &n, ds, "Fictional Borough"), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(got[0].to_code, "E06000017");
    l.date = CARESTAT_DATE_NONE;
    assert_int_equal(carestat_dataset_lineage_add(ds, &l), CARESTAT_EINVAL);
    /* a lineage cycle in user data (Y ended in 2000, Z begins in 2040, each the other's successor)
     * cannot hang the expansion: nothing existed in 2020 */
    carestat_org y = {"Y0", "", "Old Y", CARESTAT_ORG_COUNCIL, "", CARESTAT_DATE_NONE, D(2000, 1, 1), 0};
    carestat_org z = {"Z0", "", "New Z", CARESTAT_ORG_COUNCIL, "", D(2040, 1, 1), CARESTAT_DATE_NONE, 0};
    assert_int_equal(carestat_dataset_org_add(ds, &y), CARESTAT_OK);
    assert_int_equal(carestat_dataset_org_add(ds, &z), CARESTAT_OK);
    carestat_lineage_link yz = {"Y0", "Z0", D(2040, 1, 1), CARESTAT_LINK_RENAME}, zy = {"Z0", "Y0", D(2040, 1, 1),
                                                                                     CARESTAT_LINK_RENAME};
    assert_int_equal(carestat_dataset_lineage_add(ds, &yz), CARESTAT_OK);
    assert_int_equal(carestat_dataset_lineage_add(ds, &zy), CARESTAT_OK);
    assert_int_equal(carestat_dataset_org_expand(c, 4, &n, &fl, ds, "Y0", D(2020, 1, 1)), CARESTAT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(carestat_dataset_org_expand(c, 4, &n, &fl, ds, "Z0", D(2041, 1, 1)), CARESTAT_OK);
    assert_int_equal(n, 1);
    /* bad organisations */
    carestat_org bad = f;
    bad.name = "";
    assert_int_equal(carestat_dataset_org_add(ds, &bad), CARESTAT_EINVAL);
    bad = f;
    bad.start = 100;
    bad.end = 50;
    assert_int_equal(carestat_dataset_org_add(ds, &bad), CARESTAT_EINVAL);
    carestat_dataset_free(ds);
}

static void test_neighbours(void **state)
{
    (void)state;
    char p21[1024], p25[1024]; /* cs_test_shared returns a static buffer: copy */
    const char *p = cs_test_shared("data/dfe_ees/New_Statistical_Neighbour_Groupings_April_2021.csv");
    if (!p) return;
    snprintf(p21, sizeof p21, "%s", p);
    p = cs_test_shared("data/dfe_ees/sn_model_2025_wide.csv");
    if (!p) return;
    snprintf(p25, sizeof p25, "%s", p);
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_neighbours(ds, p21), CARESTAT_OK);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    /* 160 lines: header, 2 lines of only commas (not records), the caption "Old SNs:" (line 155,
     * rejected with a warning) and 156 councils (152 current-in-2021 ones plus the pre-2019 Dorset,
     * Poole, Bournemouth and the pre-2021 Northamptonshire) */
    assert_int_equal(s.rows_read, 157);
    assert_int_equal(s.rows_accepted, 156);
    assert_int_equal(s.rows_rejected, 1);
    const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
    assert_int_equal(carestat_diag_list_count(dl), 1);
    assert_string_equal(carestat_diag_list_get(dl, 0)->code, "NEIGHBOUR_NO_CODE");
    assert_int_equal(carestat_diag_list_get(dl, 0)->line, 155);
    assert_int_equal(carestat_diag_list_get(dl, 0)->severity, CARESTAT_SEV_WARNING);
    carestat_neighbour nb[10];
    size_t n = 0;
    /* 2021: Northamptonshire 928 -> 886 Kent, 891 Nottinghamshire, ... 887 Medway */
    assert_int_equal(carestat_dataset_neighbours(nb, 10, &n, ds, "Northamptonshire"), CARESTAT_OK);
    assert_int_equal(n, 10);
    assert_string_equal(nb[0].org->code, "E10000016");
    assert_int_equal(nb[0].rank, 1);
    assert_string_equal(nb[0].closeness, "Very Close");
    assert_string_equal(nb[9].org->name, "Medway");
    /* Poole's 6th neighbour 835 is Dorset County Council (only one council had 835) */
    assert_int_equal(carestat_dataset_neighbours(nb, 10, &n, ds, "E06000029"), CARESTAT_OK);
    assert_string_equal(nb[5].org->code, "E10000009");
    /* 2025 model replaces the sets it lists: NN -> 866 Swindon, 941 WN, ..., 384 Wakefield */
    assert_int_equal(carestat_dataset_load_neighbours(ds, p25), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 1), CARESTAT_OK);
    assert_int_equal(s.rows_read, 153);
    assert_int_equal(s.rows_accepted, 153);
    assert_int_equal(carestat_dataset_neighbours(nb, 10, &n, ds, "940"), CARESTAT_OK);
    assert_int_equal(n, 10);
    assert_string_equal(nb[0].org->name, "Swindon");
    assert_string_equal(nb[1].org->code, "E06000062");
    assert_string_equal(nb[9].org->name, "Wakefield");
    assert_string_equal(nb[0].closeness, "Very close");
    /* Barking and Dagenham: "Close " is trimmed */
    assert_int_equal(carestat_dataset_neighbours(nb, 3, &n, ds, "301"), CARESTAT_EBUFFER);
    assert_int_equal(n, 10);
    assert_string_equal(nb[0].closeness, "Close");
    /* Northamptonshire keeps its 2021 set (not in the 2025 model) */
    assert_int_equal(carestat_dataset_neighbours(nb, 10, &n, ds, "928"), CARESTAT_OK);
    assert_int_equal(n, 10);
    assert_int_equal(carestat_diag_list_count(carestat_dataset_diagnostics(ds)), 1);
    carestat_dataset_free(ds);
}

static void test_neighbours_errors(void **state)
{
    (void)state;
    /* line 2: own code unknown -> rejected; line 3: neighbour 998 unknown (column 7) -> kept with 1
     * neighbour (ROWS_KEEP); line 4 fine. read 3 = accepted 2 + rejected 1. */
    const char *p = cs_test_write_file("sn.csv", "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P\n"
                                                 "997,Nowhere,1,X,940,Close,941,Close\n"
                                                 "940,North Northamptonshire,1,X,941,Very close,998,Close\n"
                                                 "941,West Northamptonshire,1,X,940,Close,928,Close\n");
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_neighbours(ds, p), CARESTAT_OK);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 3);
    assert_int_equal(s.rows_accepted, 2);
    assert_int_equal(s.rows_rejected, 1);
    const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
    assert_int_equal(carestat_diag_list_count(dl), 2);
    const carestat_diag *d0 = carestat_diag_list_get(dl, 0), *d1 = carestat_diag_list_get(dl, 1);
    assert_int_equal(d0->line, 2);
    assert_int_equal(d0->column, 1);
    assert_string_equal(d0->code, "NEIGHBOUR_UNKNOWN_LA");
    assert_int_equal(d1->line, 3);
    assert_int_equal(d1->column, 7);
    carestat_neighbour nb[4];
    size_t n = 0;
    assert_int_equal(carestat_dataset_neighbours(nb, 4, &n, ds, "940"), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(carestat_dataset_neighbours(nb, 4, &n, ds, "941"), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(nb[1].org->code, "E10000021");
    /* not a neighbour file */
    const char *q = cs_test_write_file("x.csv", "a,b\n1,2\n");
    assert_int_equal(carestat_dataset_load_neighbours(ds, q), CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_dataset_load_neighbours(ds, "/nonexistent/sn.csv"), CARESTAT_EIO);
    carestat_dataset_free(ds);
    /* STOP mode: the first error stops the load */
    carestat_dataset_options o;
    carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION);
    o.error_mode = CARESTAT_ROWS_STOP;
    assert_int_equal(carestat_dataset_new(&ds, &o), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_neighbours(ds, p), CARESTAT_EPARSE);
    carestat_dataset_free(ds);
}

/* The registry against DfE's own file: every local authority row of the 2025 CLA edition (codes,
 * names, regions, 2021-2025) is found by its GSS code with the same 3-digit code, name and region
 * (London boroughs: DfE gives Inner/Outer London, the registry the region London), and the councils
 * with rows for 2025 that existed on 31 March 2025 number 153. */
static void test_registry_matches_dfe(void **state)
{
    (void)state;
    const char *p = cs_test_shared("data/dfe_ees/cla_number_and_rate_per_10k_children.csv");
    if (!p) return;
    cs_csv *r = NULL;
    assert_int_equal(cs_csv_open(&r, p, NULL, NULL), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    enum { TP, LEVEL, REG, OLD, NAME, NEW, NCOL };
    static const cs_csv_col cols[NCOL] = {{"time_period", 1}, {"geographic_level", 1}, {"region_code", 1},
                                          {"old_la_code", 1}, {"la_name", 1},          {"new_la_code", 1}};
    int idx[NCOL];
    assert_int_equal(cs_csv_map_header(r, cols, NCOL, idx, 0, NULL), CARESTAT_OK);
    const carestat_org *seen2025[200];
    size_t n2025 = 0, rows = 0;
    carestat_date mar2025 = D(2025, 3, 31);
    while (cs_csv_next(r) == 1) {
        size_t len;
        if (strcmp(cs_csv_field(r, (size_t)idx[LEVEL], &len), "Local authority") != 0) continue;
        const char *code = cs_csv_field(r, (size_t)idx[NEW], &len);
        if (strchr(code, '/')) continue; /* combined rows such as "E06000061 / E06000062" */
        rows++;
        const carestat_org *o = find(code);
        assert_string_equal(o->la_code, cs_csv_field(r, (size_t)idx[OLD], &len));
        assert_string_equal(o->name, cs_csv_field(r, (size_t)idx[NAME], &len));
        const char *reg = cs_csv_field(r, (size_t)idx[REG], &len);
        assert_string_equal(o->region_code, strncmp(reg, "E13", 3) == 0 ? "E12000007" : reg);
        if (strcmp(cs_csv_field(r, (size_t)idx[TP], &len), "2025") == 0 && carestat_org_exists_at(o, mar2025)) {
            int dup = 0;
            for (size_t i = 0; i < n2025; i++) dup |= seen2025[i] == o;
            if (!dup && n2025 < 200) seen2025[n2025++] = o;
        }
    }
    cs_csv_close(r);
    assert_true(rows > 2000);
    assert_int_equal(n2025, 153);
}

/* Allocation failure at every allocation in turn: ENOMEM or success, no crash, no leak (ASan). */
static void test_alloc_failures(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s",
             cs_test_write_file("sn_alloc.csv", "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P\n"
                                                "940,North Northamptonshire,1,X,941,Very close,998,Close\n"
                                                "941,West Northamptonshire,1,X,940,Close,928,Close\n"));
    int done = 0;
    for (long n = 1; n < 5000 && !done; n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_dataset *ds = NULL;
        int rc = carestat_dataset_new(&ds, NULL);
        if (rc == CARESTAT_OK) {
            carestat_org t = {"T-X", "", "Trust X", CARESTAT_ORG_TRUST, "", CARESTAT_DATE_NONE, CARESTAT_DATE_NONE, 0};
            rc = carestat_dataset_org_add(ds, &t);
            carestat_trust_delivery d = {"T-X", "Rutland", CARESTAT_DATE_NONE, CARESTAT_DATE_NONE};
            if (rc == CARESTAT_OK) rc = carestat_dataset_trust_add_council(ds, &d);
            carestat_lineage_link l = {"Rutland", "Leicestershire", 20000, CARESTAT_LINK_MERGE};
            if (rc == CARESTAT_OK) rc = carestat_dataset_lineage_add(ds, &l);
            if (rc == CARESTAT_OK) rc = carestat_dataset_load_neighbours(ds, path);
            const carestat_org *c[4];
            size_t k = 0;
            if (rc == CARESTAT_OK) rc = carestat_dataset_org_expand(c, 4, &k, NULL, ds, "T-X", D(2024, 3, 31));
            if (rc == CARESTAT_OK) {
                assert_int_equal(k, 1);
                assert_string_equal(c[0]->name, "Rutland");
                carestat_neighbour nb[2];
                assert_int_equal(carestat_dataset_neighbours(nb, 2, &k, ds, "940"), CARESTAT_OK);
                assert_int_equal(k, 1);
                done = 1;
            } else {
                assert_int_equal(rc, CARESTAT_ENOMEM);
            }
            carestat_dataset_free(ds);
        } else {
            assert_int_equal(rc, CARESTAT_ENOMEM);
        }
        assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
    }
    assert_true(done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),           cmocka_unit_test(test_find_at_dates),
        cmocka_unit_test(test_registry_counts), cmocka_unit_test(test_lineage),
        cmocka_unit_test(test_trust),          cmocka_unit_test(test_expand),
        cmocka_unit_test(test_user_orgs),      cmocka_unit_test(test_neighbours),
        cmocka_unit_test(test_neighbours_errors), cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_registry_matches_dfe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
