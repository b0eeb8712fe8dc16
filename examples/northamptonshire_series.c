/* Northamptonshire's children looked after at 31 March, 2010-2025, across the 2021 split, then its
 * trend and benchmark, from DfE's published files.
 *
 *   build/examples/northamptonshire_series ../shared/data
 *
 * The old county (E10000021) ended on 31 March 2021; North (E06000061) and West (E06000062)
 * Northamptonshire continue it. carestat_series_continued() adds their counts and denominators
 * (rates are recomputed, never averaged) and flags those years "combined". */
#include <stdio.h>

#include "carestat.h"

static int load(carestat_dataset *ds, const char *dir, const char *file, const char *edition)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.edition = edition; /* NULL: the latest year in the file */
    int rc = carestat_dataset_load_published(ds, path, &o);
    if (rc != CARESTAT_OK) fprintf(stderr, "%s\n", carestat_dataset_errmsg(ds));
    return rc;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/data";
    static const char *sfr[] = {"2010_SFR27_2010_March.csv", "2011_SFR21_CLA.csv",     "2012_SFR20_CLA2012.csv",
                                "2013_SFR36_CLA2013.csv",    "2014_SFR36_CLA2014.csv", "2015_SFR34_CLA2015.csv",
                                "2016_SFR41_CLA2016.csv",    "2017_SFR50_CLA2017.csv"};
    carestat_dataset *ds;
    if (carestat_dataset_new(&ds, NULL) != CARESTAT_OK) return 1;
    int rc = 0;
    for (size_t i = 0; i < sizeof sfr / sizeof sfr[0] && !rc; i++) {
        char file[256];
        snprintf(file, sizeof file, "dfe_sfr_2010_2017/%s", sfr[i]);
        rc = load(ds, dir, file, NULL);
    }
    /* older editions first: where two editions give a year, the later one is used */
    if (!rc) rc = load(ds, dir, "dfe_ees_prev_editions/cla_number_and_rate_per_10k_children__ed2023_2019-2023.csv", "2023");
    if (!rc) rc = load(ds, dir, "dfe_ees/cla_number_and_rate_per_10k_children.csv", "2025");
    if (rc) {
        carestat_dataset_free(ds);
        return 1;
    }
    const carestat_table *pub = carestat_dataset_published(ds);

    carestat_table *s;
    if (carestat_series_continued(&s, pub, ds, "Northamptonshire", "cla.looked_after") == CARESTAT_OK) {
        printf("Children looked after at 31 March, Northamptonshire (continued):\n");
        for (size_t i = 0; i < carestat_table_count(s); i++) {
            carestat_observation o;
            carestat_table_get(&o, s, i);
            char end[16], flags[64];
            carestat_date_format(end, sizeof end, o.period_end);
            carestat_flags_format(flags, sizeof flags, o.flags);
            printf("  %s  %6.0f  edition %-5s %s\n", end, o.value, o.source, flags);
        }
        carestat_table_free(s);
    }

    carestat_series_report r;
    if (carestat_series_analyse(&r, pub, ds, "Northamptonshire", "cla.looked_after.rate", NULL) == CARESTAT_OK) {
        printf("\nRate per 10,000 children, %d: %.1f (%.0f / %.0f)\n", r.year, r.value, r.numerator, r.denominator);
        printf("  change from %d: %+.1f, %s\n", r.year - 1, r.change, carestat_series_report_text(&r, "change"));
        printf("  recent trend: %s\n", carestat_series_report_text(&r, "trend"));
        printf("  England %.1f: %s; East Midlands %.1f: %s\n", r.england_value,
               carestat_series_report_text(&r, "vs_england"), r.region_value,
               carestat_series_report_text(&r, "vs_region"));
    }

    /* what the 2025 edition revised in the 2023 edition's figures for North Northamptonshire */
    carestat_table *old = NULL, *cur = NULL;
    char p1[1024], p2[1024];
    snprintf(p1, sizeof p1, "%s/dfe_ees_prev_editions/cla_number_and_rate_per_10k_children__ed2023_2019-2023.csv", dir);
    snprintf(p2, sizeof p2, "%s/dfe_ees/cla_number_and_rate_per_10k_children.csv", dir);
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.edition = "2023";
    int r1 = carestat_published_read(&old, p1, &o, NULL);
    o.edition = "2025";
    int r2 = carestat_published_read(&cur, p2, &o, NULL);
    carestat_revisions *rv = NULL;
    if (!r1 && !r2 && carestat_published_revisions(&rv, old, cur) == CARESTAT_OK) {
        carestat_revision x;
        if (carestat_revisions_find(&x, rv, "E06000061", "cla.looked_after", 2023) == CARESTAT_OK)
            printf("\nNorth Northamptonshire, 31 March 2023: %.0f (edition %s) revised to %.0f (edition %s)\n",
                   x.old_value, x.old_source, x.new_value, x.new_source);
        printf("%zu of %zu values shared by the two editions were revised\n", carestat_revisions_changed_count(rv),
               carestat_revisions_count(rv));
    }
    carestat_revisions_free(rv);
    carestat_table_free(old);
    carestat_table_free(cur);
    carestat_dataset_free(ds);
    return 0;
}
