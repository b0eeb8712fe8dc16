/* Fuzz target: DfE statistical neighbour groupings (carestat_dataset_load_neighbours; the 2021 and
 * 2025 layouts are recognised from the header) and the look-ups over what loaded.
 * Input: byte 0 picks the error mode; the rest is up to two CSV files separated by a line "#--" (a
 * later load replaces the neighbours of each council it lists). */
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
        const char *path = fz_write(i ? "sn2.csv" : "sn.csv", parts[i].data, parts[i].size);
        if (!path) break;
        (void)carestat_dataset_load_neighbours(ds, path);
        fz_check(ds);
    }
    static const char *const ORGS[] = {"E06000061", "940", "Cumbria", "E08000025", "330", "England"};
    for (size_t k = 0; k < sizeof ORGS / sizeof ORGS[0]; k++) {
        carestat_neighbour nb[32];
        size_t cnt = 0;
        if (carestat_dataset_neighbours(nb, 32, &cnt, ds, ORGS[k]) == CARESTAT_OK) {
            for (size_t i = 0; i < cnt && i < 32; i++)
                if (!nb[i].org || !nb[i].closeness) abort();
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
