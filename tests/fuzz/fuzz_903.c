/* Fuzz target: SSDA903 returns (carestat_dataset_load_903) and carestat_compute over what loaded.
 * Input: byte 0 picks the options (error mode, organisation, collection year, compute variants);
 * the rest is up to four CSV files separated by lines "#--". The first byte of each file picks a
 * header row to put before it (one per SSDA903 table), or none (the file carries its own header), so
 * the fuzzer reaches the rows of every table without having to guess a header. A fixed population
 * file is loaded too so the rates have denominators. */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const HEADERS[] = {
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n",
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n",
    "CHILD,SEX,DOB,DUC\n",
    "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n",
    "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n",
    "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n",
    "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n",
    "CHILD,REVIEW,REVIEW_CODE\n",
    "CHILD,SDQ_SCORE,CONVICTED,HEALTH_CHECK\n",
    "CHILD,MISSING,MIS_START,MIS_END\n",
    "CHILD,PREV_PERM,LA_PERM,DATE_PERM\n",
    "CHILD,DOLO_START,DOLO_END\n",
    "LA,YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE\n",
};
#define NHEADERS (sizeof HEADERS / sizeof HEADERS[0])

static const char POPULATION[] = "org,year,population\n"
                                 "E06000061,2016,75000\nE06000061,2017,75500\nE06000061,2018,76000\n"
                                 "E06000061,2019,76400\nE06000061,2020,76800\n940,2021,77000\n"
                                 "E06000062,2019,88000\nE06000062,2020,88100\nE06000062,2021,88200\n"
                                 "Cumbria,2019,100000\n";

static int one_input(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    carestat_dataset *ds = fz_dataset(opt);
    if (!ds) return 0;
    fz_part parts[4];
    size_t np = fz_split(parts, 4, data + 1, size - 1);
    char names[4][32];
    const char *paths[4];
    size_t nfiles = 0;
    for (size_t i = 0; i < np; i++) {
        const uint8_t *p = parts[i].data;
        size_t n = parts[i].size;
        size_t h = NHEADERS; /* none */
        if (n > 0) {
            h = p[0] % (NHEADERS + 1);
            p++, n--;
        }
        const char *hdr = h < NHEADERS ? HEADERS[h] : "";
        size_t hl = strlen(hdr);
        uint8_t *buf = malloc(hl + n + 1);
        if (!buf) break;
        memcpy(buf, hdr, hl);
        if (n) memcpy(buf + hl, p, n);
        snprintf(names[i], sizeof names[i], "f%zu.csv", i);
        const char *path = fz_write(names[i], buf, hl + n);
        free(buf);
        if (!path) break;
        paths[nfiles++] = strdup(path);
    }
    carestat_903_options o;
    if (carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION) != CARESTAT_OK) abort();
    static const char *const ORGS[] = {NULL, "E06000061", "940", "North Northamptonshire"};
    static const int YEARS[] = {0, 2020, 2021, 1989};
    o.org_code = ORGS[(opt >> 2) & 3];
    o.collection_year = YEARS[(opt >> 4) & 3];
    if (nfiles > 0) {
        int rc = carestat_dataset_load_903(ds, paths, nfiles, &o);
        fz_check(ds);
        /* a second load of the same files must merge (duplicates) without breaking anything */
        if (rc == CARESTAT_OK && (opt & 0x40)) {
            int rc2 = carestat_dataset_load_903(ds, paths, nfiles, &o);
            (void)rc2;
            fz_check(ds);
        }
        for (int k = 0; k <= (int)CARESTAT_903_SUPERSEDED; k++)
            (void)carestat_dataset_903_count(ds, (carestat_903_count_kind)k);
        const char *pop = fz_write("population.csv", (const uint8_t *)POPULATION, sizeof POPULATION - 1);
        if (pop) (void)carestat_dataset_load_population(ds, pop);
        fz_check(ds);
        fz_compute(ds, opt >> 6);
    }
    for (size_t i = 0; i < nfiles; i++) free((void *)paths[i]);
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
