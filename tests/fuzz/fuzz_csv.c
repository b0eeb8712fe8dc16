/* Fuzz target: the CSV tokenizer and header mapping, with small limits so limit paths are hit. */
#include <stddef.h>
#include <stdint.h>

#include "io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    carestat_diag_list *list = NULL;
    if (carestat_diag_list_new(&list)) return 0;
    cs_diags dg = {list, 64, 0, 0};
    cs_csv_limits lim = {4096, 64, 10000};
    cs_csv *r = NULL;
    if (cs_csv_open_memory(&r, "fuzz.csv", (const char *)data, size, &lim, &dg) == 0) {
        static const cs_csv_col cols[] = {{"CHILD", 1}, {"DECOM|START_DATE", 1}, {"RNE", 0}, {"LS", 0}};
        int idx[4];
        int first = 1;
        while (cs_csv_next(r) == 1) {
            if (first) {
                cs_csv_map_header(r, cols, 4, idx, 0, NULL);
                first = 0;
            }
            size_t n = cs_csv_nfields(r), total = 0;
            for (size_t i = 0; i <= n; i++) {
                size_t len;
                const char *f = cs_csv_field(r, i, &len);
                total += len + (f[len] == '\0');
            }
            (void)total;
            (void)cs_csv_record_is_empty(r);
        }
        cs_csv_close(r);
    }
    carestat_diag_list_free(list);
    return 0;
}
