/* Fuzz target: the workforce readers (worker-level CSV, LA-level CSV and the CSWW XML return, all
 * through their _memory loaders) and carestat_compute over what loaded.
 * Input: byte 0 picks the options (error mode, compute variants); the rest is up to three files
 * separated by lines "#--"; the first byte of each file picks its reader (worker CSV, LA CSV, XML).
 * One target for the three readers keeps the CI time bounded; the selector byte lets the fuzzer
 * mix them (e.g. an XML return followed by an LA file for the same council). */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one_input(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    carestat_dataset *ds = fz_dataset(opt);
    if (!ds) return 0;
    fz_part parts[3];
    size_t np = fz_split(parts, 3, data + 1, size - 1);
    for (size_t i = 0; i < np; i++) {
        const char *p = (const char *)parts[i].data;
        size_t n = parts[i].size;
        if (n == 0) continue;
        unsigned kind = (unsigned char)p[0] % 3;
        p++, n--;
        int rc;
        if (kind == 0)
            rc = carestat_dataset_load_workforce_memory(ds, "workers.csv", p, n);
        else if (kind == 1)
            rc = carestat_dataset_load_workforce_la_memory(ds, "la.csv", p, n);
        else
            rc = carestat_dataset_load_workforce_xml_memory(ds, "return.xml", p, n);
        (void)rc;
        fz_check(ds);
    }
    size_t nw = carestat_dataset_workforce_count(ds);
    for (size_t i = 0; i < nw; i++) {
        carestat_worker w;
        if (carestat_dataset_workforce_get(&w, ds, i) != CARESTAT_OK) abort();
        if (!w.worker_id || !w.org_code) abort();
    }
    fz_compute(ds, opt >> 2);
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
