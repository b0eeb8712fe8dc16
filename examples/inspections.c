/* A council's Ofsted inspection history and trajectory.
 *
 *   inspections OFSTED.csv [MORE.csv ...] ORG
 *
 * OFSTED.csv: Ofsted outcome tables (ILACS inspection history, in-year inspections, the 2009-2023
 * history); ORG: GSS code, DfE 3-digit code or name (e.g. 940, "North Northamptonshire",
 * TRUST-NCT). The history includes predecessors (Northamptonshire for North Northamptonshire).
 *
 *   inspections ../shared/data/derived/ofsted_2025_ILACS_inspection_history.csv \
 *               ../shared/data/derived/ofsted_2023_LA_inspections_2009-2023_former_LAs.csv 940
 */
#include <stdio.h>
#include <string.h>

#include <carestat.h>

static const char *grade_abbrev(carestat_grade g)
{
    switch (g) {
    case CARESTAT_GRADE_OUTSTANDING: return "Outstanding";
    case CARESTAT_GRADE_GOOD: return "Good";
    case CARESTAT_GRADE_REQUIRES_IMPROVEMENT: return "RI";
    case CARESTAT_GRADE_INADEQUATE: return "Inadequate";
    case CARESTAT_GRADE_NONE: break;
    }
    return "-";
}

static void print_date(carestat_date d)
{
    char buf[16] = "";
    if (d != CARESTAT_DATE_NONE) carestat_date_format(buf, sizeof buf, d);
    printf("%-11s", buf[0] ? buf : "-");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OFSTED.csv [MORE.csv ...] ORG\n", argv[0]);
        return 2;
    }
    const char *code = argv[argc - 1];
    carestat_dataset *ds = NULL;
    if (carestat_dataset_new(&ds, NULL) != CARESTAT_OK) return 1;
    for (int i = 1; i < argc - 1; i++) {
        int rc = carestat_dataset_load_inspections(ds, argv[i]);
        if (rc != CARESTAT_OK) {
            fprintf(stderr, "%s: %s\n", carestat_strerror(rc), carestat_dataset_errmsg(ds));
            carestat_dataset_free(ds);
            return 1;
        }
    }
    const carestat_diag_list *diags = carestat_dataset_diagnostics(ds);
    for (size_t i = 0; i < carestat_diag_list_count(diags); i++) {
        char line[1024];
        carestat_diag_format(line, sizeof line, carestat_diag_list_get(diags, i));
        fprintf(stderr, "%s\n", line);
    }

    const carestat_org *org = NULL;
    if (carestat_dataset_org_find(&org, ds, code) != CARESTAT_OK) {
        fprintf(stderr, "unknown organisation '%s'\n", code);
        carestat_dataset_free(ds);
        return 1;
    }
    printf("%s %s (%s", org->code, org->name, carestat_org_kind_name(org->kind));
    if (org->la_code[0]) printf(", DfE %s", org->la_code);
    const carestat_org *region = NULL;
    if (carestat_dataset_org_region(&region, ds, org->code) == CARESTAT_OK) printf(", %s", region->name);
    printf(")\n");
    if (org->start != CARESTAT_DATE_NONE || org->end != CARESTAT_DATE_NONE) {
        printf("  existed: ");
        print_date(org->start);
        printf(" to ");
        print_date(org->end);
        printf("\n");
    }
    carestat_lineage_link links[16];
    size_t nlinks = 0;
    if (carestat_dataset_org_predecessors(links, 16, &nlinks, ds, org->code) == CARESTAT_OK)
        for (size_t i = 0; i < nlinks; i++) {
            const carestat_org *p = NULL;
            if (carestat_dataset_org_find(&p, ds, links[i].from_code) != CARESTAT_OK) continue;
            printf("  predecessor: %s %s (%s, ", p->code, p->name, carestat_lineage_kind_name(links[i].kind));
            print_date(links[i].date);
            printf(")\n");
        }

    /* the inspections, oldest first */
    const carestat_inspection *hist[256];
    size_t n = 0;
    int rc = carestat_dataset_org_inspections(hist, 256, &n, ds, org->code, CARESTAT_HISTORY_LINEAGE);
    if (rc != CARESTAT_OK && rc != CARESTAT_EBUFFER) {
        fprintf(stderr, "history: %s\n", carestat_strerror(rc));
        carestat_dataset_free(ds);
        return 1;
    }
    if (n > 256) n = 256;
    printf("\n%-11s%-11s%-10s %-27s %-11s %-11s %-11s %-11s %-11s\n", "start", "published", "org", "type",
           "overall", "leaders", "help/prot", "in care", "leavers");
    carestat_date last = CARESTAT_DATE_NONE;
    for (size_t i = 0; i < n; i++) {
        const carestat_inspection *in = hist[i];
        print_date(in->start);
        print_date(in->published);
        printf("%-10s %-27s", in->org->code, carestat_inspection_type_name(in->type));
        if (in->type == CARESTAT_INSP_SLAC || in->type == CARESTAT_INSP_SLAC_REINSPECTION) {
            printf(" safeguarding %s, looked after %s",
                   grade_abbrev(in->grades[CARESTAT_AREA_SLAC_SAFEGUARDING]),
                   grade_abbrev(in->grades[CARESTAT_AREA_SLAC_LOOKED_AFTER]));
        } else if (in->type == CARESTAT_INSP_SIF || in->type == CARESTAT_INSP_SIF_REINSPECTION) {
            printf(" %-11s %-11s %-11s %-11s %-11s", grade_abbrev(in->grades[CARESTAT_AREA_OVERALL]),
                   grade_abbrev(in->grades[CARESTAT_AREA_SIF_LEADERSHIP]),
                   grade_abbrev(in->grades[CARESTAT_AREA_SIF_HELP_PROTECTION]),
                   grade_abbrev(in->grades[CARESTAT_AREA_SIF_LOOKED_AFTER]),
                   grade_abbrev(in->grades[CARESTAT_AREA_SIF_CARE_LEAVERS]));
        } else {
            carestat_grade cic = in->grades[CARESTAT_AREA_CHILDREN_IN_CARE];
            carestat_grade cl = in->grades[CARESTAT_AREA_CARE_LEAVERS];
            if (in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS] != CARESTAT_GRADE_NONE)
                cic = cl = in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS]; /* one judgement before 2023 */
            printf(" %-11s %-11s %-11s %-11s %-11s", grade_abbrev(in->grades[CARESTAT_AREA_OVERALL]),
                   grade_abbrev(in->grades[CARESTAT_AREA_LEADERS]),
                   grade_abbrev(in->grades[CARESTAT_AREA_HELP_PROTECTION]), grade_abbrev(cic), grade_abbrev(cl));
        }
        if (in->theme[0]) printf(" theme: %s", in->theme);
        printf("\n");
        carestat_date d = carestat_inspection_date(in);
        if (last == CARESTAT_DATE_NONE || d > last) last = d;
    }
    if (n == 0) {
        printf("(no inspections loaded for %s)\n", org->name);
        carestat_dataset_free(ds);
        return 0;
    }

    /* trajectory of overall effectiveness */
    carestat_grade_change ch[64];
    size_t nch = 0;
    rc = carestat_dataset_grade_changes(ch, 64, &nch, ds, org->code, CARESTAT_AREA_OVERALL, CARESTAT_HISTORY_LINEAGE);
    if (rc == CARESTAT_OK || rc == CARESTAT_EBUFFER) {
        if (nch > 64) nch = 64;
        printf("\nOverall effectiveness, from one graded inspection to the next:\n");
        for (size_t i = 0; i < nch; i++) {
            int y0, y1, m, d;
            carestat_date_to_ymd(carestat_inspection_date(ch[i].from), &y0, &m, &d);
            carestat_date_to_ymd(carestat_inspection_date(ch[i].to), &y1, &m, &d);
            printf("  %d %-11s -> %d %-11s %s", y0, grade_abbrev(ch[i].from_grade), y1,
                   grade_abbrev(ch[i].to_grade), carestat_grade_direction_name(ch[i].direction));
            if (ch[i].steps) printf(" by %d grade%s", ch[i].steps > 0 ? ch[i].steps : -ch[i].steps,
                                    (ch[i].steps == 1 || ch[i].steps == -1) ? "" : "s");
            printf("\n");
        }
    }

    /* where things stand at the last inspection date in the data */
    carestat_grade g = CARESTAT_GRADE_NONE;
    const carestat_inspection *from = NULL;
    char at[16];
    carestat_date_format(at, sizeof at, last);
    if (carestat_dataset_latest_grade(&g, &from, ds, org->code, CARESTAT_AREA_OVERALL, last,
                                      CARESTAT_HISTORY_LINEAGE) == CARESTAT_OK && from) {
        int32_t days = -1;
        if (carestat_dataset_days_since_graded(&days, NULL, ds, org->code, last, CARESTAT_HISTORY_LINEAGE) !=
            CARESTAT_OK)
            days = -1;
        printf("\nAs at %s: latest overall effectiveness %s (%s, %s), %d days since that graded inspection.\n", at,
               carestat_grade_name(g), carestat_inspection_type_name(from->type), from->org->name, (int)days);
    }
    carestat_dataset_free(ds);
    return 0;
}
