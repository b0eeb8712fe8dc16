/* Fuzz target: population estimates (carestat_dataset_load_population; both layouts, recognised
 * from the header) and the look-ups over what loaded.
 * Input: byte 0 picks the error mode; the rest is the CSV file (written under /dev/shm). */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one_input(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    carestat_dataset *ds = fz_dataset(data[0]);
    if (!ds) return 0;
    const char *path = fz_write("population.csv", data + 1, size - 1);
    if (path) {
        int rc = carestat_dataset_load_population(ds, path);
        (void)rc;
        fz_check(ds);
        static const char *const ORGS[] = {"E06000061", "940", "England", "E92000001", "Cumbria", "E12000004"};
        for (size_t i = 0; i < sizeof ORGS / sizeof ORGS[0]; i++) {
            for (int y = 2011; y <= 2025; y += 7) {
                double v;
                (void)carestat_dataset_population(&v, ds, ORGS[i], y);
            }
        }
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
