/* Fuzz target: Ofsted inspection tables (carestat_dataset_load_inspections; every layout is
 * recognised from the header) and the history queries over what loaded.
 * Input: byte 0 picks the error mode; the rest is up to two CSV files separated by a line "#--"
 * (the same inspection read from two files is merged, which has its own paths). */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one_input(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    carestat_dataset *ds = fz_dataset(data[0]);
    if (!ds) return 0;
    fz_part parts[2];
    size_t np = fz_split(parts, 2, data + 1, size - 1);
    for (size_t i = 0; i < np; i++) {
        const char *path = fz_write(i ? "inspections2.csv" : "inspections.csv", parts[i].data, parts[i].size);
        if (!path) break;
        (void)carestat_dataset_load_inspections(ds, path);
        fz_check(ds);
    }
    size_t n = carestat_dataset_inspection_count(ds);
    for (size_t i = 0; i < n; i++) {
        const carestat_inspection *insp = NULL;
        if (carestat_dataset_inspection_at(&insp, ds, i) != CARESTAT_OK || !insp) abort();
        for (int a = 0; a < carestat_judgement_area_count(); a++)
            (void)carestat_inspection_grade(insp, (carestat_judgement_area)a);
        (void)carestat_inspection_date(insp);
    }
    static const char *const ORGS[] = {"E06000061", "940", "Northamptonshire", "Birmingham", "E08000025"};
    carestat_date at = 0;
    (void)carestat_date_from_ymd(&at, 2024, 3, 31);
    for (size_t k = 0; k < sizeof ORGS / sizeof ORGS[0]; k++) {
        const carestat_inspection *list[64];
        size_t cnt = 0;
        (void)carestat_dataset_org_inspections(list, 64, &cnt, ds, ORGS[k], 0);
        carestat_grade g;
        const carestat_inspection *last = NULL;
        (void)carestat_dataset_latest_grade(&g, &last, ds, ORGS[k], CARESTAT_AREA_OVERALL, at, 0);
        int32_t days;
        (void)carestat_dataset_days_since_graded(&days, &last, ds, ORGS[k], at, 0);
        carestat_grade_change ch[32];
        (void)carestat_dataset_grade_changes(ch, 32, &cnt, ds, ORGS[k], CARESTAT_AREA_OVERALL, 0);
    }
    uint64_t counts[16];
    (void)carestat_dataset_grade_distribution(counts, 16, ds, CARESTAT_AREA_OVERALL, at, 0);
    carestat_dataset_free(ds);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_begin(data, size);
    int r = one_input(data, size);
    fz_end();
    return r;
}
