/* Fuzz target: DfE published files (carestat_published_read and carestat_dataset_load_published),
 * with the built-in mappings, a mapping file, and the revisions between two editions.
 * Input: byte 0 picks the options (error mode, file name, edition and year, which reader); the rest is
 * the CSV file, optionally followed by a line "#--" and a second part: a mapping file when bit 0x20 of
 * byte 0 is set, otherwise a second edition of the file (read too, then compared with
 * carestat_published_revisions). */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* File names matter: old SFR files take the year from the leading four digits of the name. */
static const char *const NAMES[] = {"published.csv", "2014_SFR36_CLA2014.csv", "2011_SFR21_CEA.csv",
                                    "2017_SFR50_ADM2017.csv"};

static int one_input(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    fz_part parts[2];
    size_t np = fz_split(parts, 2, data + 1, size - 1);
    int use_mapping = np == 2 && (opt & 0x20);
    char name[64];
    snprintf(name, sizeof name, "%s", NAMES[(opt >> 2) & 3]);
    const char *path = fz_write(name, parts[0].data, parts[0].size);
    if (!path) return 0;
    char first[256];
    snprintf(first, sizeof first, "%s", path);
    char mapping[256] = "";
    if (use_mapping) {
        const char *mp = fz_write("mapping.txt", parts[1].data, parts[1].size);
        if (!mp) return 0;
        snprintf(mapping, sizeof mapping, "%s", mp);
    }
    carestat_published_options po;
    if (carestat_published_options_init(&po, CARESTAT_PUBLISHED_OPTIONS_VERSION) != CARESTAT_OK) abort();
    if (opt & 0x10) po.edition = "2024";
    if (opt & 0x40) po.year = 2016;
    if (use_mapping) po.mapping_path = mapping;

    if (opt & 0x80) {
        /* standalone reader (no dataset) */
        carestat_diag_list *dl = NULL;
        if (carestat_diag_list_new(&dl) != CARESTAT_OK) return 0;
        carestat_table *t = NULL;
        int rc = carestat_published_read(&t, first, &po, dl);
        if (rc != CARESTAT_OK && t) abort();
        fz_check_diags(dl);
        if (t) {
            size_t n = carestat_table_count(t);
            for (size_t i = 0; i < n; i++) {
                carestat_observation o;
                if (carestat_table_get(&o, t, i) != CARESTAT_OK || !o.org_code || !o.indicator) abort();
                if (o.flags & CARESTAT_FLAG_COMBINED) {
                    const char *codes[16];
                    char buf[256];
                    (void)carestat_published_combined_members(codes, 16, buf, sizeof buf, o.org_code);
                }
            }
        }
        if (t && np == 2 && !use_mapping) {
            const char *p2 = fz_write("second.csv", parts[1].data, parts[1].size);
            carestat_table *t2 = NULL;
            if (p2 && carestat_published_read(&t2, p2, &po, dl) == CARESTAT_OK) {
                carestat_revisions *rv = NULL;
                if (carestat_published_revisions(&rv, t, t2) == CARESTAT_OK) {
                    size_t n = carestat_revisions_count(rv);
                    if (carestat_revisions_changed_count(rv) > n) abort();
                    for (size_t i = 0; i < n; i++) {
                        carestat_revision r;
                        if (carestat_revisions_get(&r, rv, i) != CARESTAT_OK) abort();
                    }
                    char *csv = NULL;
                    size_t len = 0;
                    if (carestat_revisions_to_csv(&csv, &len, rv, (int)(opt & 1)) == CARESTAT_OK) carestat_free(csv);
                }
                carestat_revisions_free(rv);
            }
            carestat_table_free(t2);
            fz_check_diags(dl);
        }
        carestat_table_free(t);
        carestat_diag_list_free(dl);
        return 0;
    }

    carestat_dataset *ds = fz_dataset(opt);
    if (!ds) return 0;
    int rc = carestat_dataset_load_published(ds, first, &po);
    (void)rc;
    fz_check(ds);
    if (np == 2 && !use_mapping) {
        const char *p2 = fz_write("second.csv", parts[1].data, parts[1].size);
        if (p2) (void)carestat_dataset_load_published(ds, p2, &po);
        fz_check(ds);
    }
    const carestat_table *pt = carestat_dataset_published(ds);
    if (pt) {
        carestat_table *copy = NULL;
        if (carestat_dataset_published_copy(&copy, ds) == CARESTAT_OK) {
            if (carestat_table_count(copy) != carestat_table_count(pt)) abort();
            char *csv = NULL;
            size_t len = 0;
            if (carestat_table_to_csv(&csv, &len, copy) == CARESTAT_OK) carestat_free(csv);
        }
        carestat_table_free(copy);
    }
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
