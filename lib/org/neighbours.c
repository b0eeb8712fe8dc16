/* Statistical neighbours: DfE groupings (2021 layout and 2025 model layout). */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strpool.h"
#include "org/org_internal.h"

#define NB_MAX_RANK 64

typedef struct nb_set {
    const carestat_org *org;
    carestat_neighbour *items;
    size_t n;
} nb_set;

typedef struct cs_neighbours {
    nb_set *sets;
    size_t n, cap;
    cs_strpool pool; /* closeness texts */
} cs_neighbours;

static void nb_free(void *p)
{
    cs_neighbours *nb = p;
    if (!nb) return;
    for (size_t i = 0; i < nb->n; i++) cs_free(nb->sets[i].items);
    cs_free(nb->sets);
    cs_strpool_free(&nb->pool);
    cs_free(nb);
}

static int is_sn_rank(const char *f, size_t len, int *rank)
{
    /* "SN1" .. "SN10" or "SN_1" .. "SN_10" */
    if (len < 3 || (f[0] != 'S' && f[0] != 's') || (f[1] != 'N' && f[1] != 'n')) return 0;
    size_t i = 2;
    if (f[i] == '_') i++;
    if (i >= len) return 0;
    int r = 0;
    for (; i < len; i++) {
        if (f[i] < '0' || f[i] > '9') return 0;
        r = r * 10 + (f[i] - '0');
        if (r > NB_MAX_RANK) return 0;
    }
    if (r < 1) return 0;
    *rank = r;
    return 1;
}

static int is_sn_closeness(const char *f, size_t len)
{
    return len >= 3 && (f[0] == 'S' || f[0] == 's') && (f[1] == 'N' || f[1] == 'n') &&
           (f[len - 1] == 'P' || f[len - 1] == 'p');
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) (*n)--;
}

typedef struct nb_col {
    size_t code_col;
    int rank;
    int has_close;
    size_t close_col;
} nb_col;

int carestat_dataset_load_neighbours(carestat_dataset *ds, const char *path)
{
    if (!ds || !path) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    cs_csv *r = NULL;
    int rc = cs_ds_open_csv(ds, &r, path, CARESTAT_EUNSUPPORTED);
    if (rc) return rc;
    size_t nf = cs_csv_nfields(r), len;
    const char *f0 = cs_csv_field(r, 0, &len);
    if (!(cs_csv_field_equals(f0, len, "LA num") || cs_csv_field_equals(f0, len, "old_la_code") ||
          cs_csv_field_equals(f0, len, "LA number") || cs_csv_field_equals(f0, len, "la_code"))) {
        rc = cs_ds_fail(ds, CARESTAT_EUNSUPPORTED,
                        "%s:1:1: not a statistical neighbour file (first column '%s', expected 'LA num' or "
                        "'old_la_code')",
                        path, f0);
        cs_csv_close(r);
        return rc;
    }
    nb_col cols[NB_MAX_RANK];
    size_t ncols = 0;
    for (size_t i = 1; i < nf && ncols < NB_MAX_RANK; i++) {
        const char *f = cs_csv_field(r, i, &len);
        trim(&f, &len);
        int rank;
        if (!is_sn_rank(f, len, &rank)) continue;
        nb_col c = {i, rank, 0, 0};
        if (i + 1 < nf) {
            const char *g = cs_csv_field(r, i + 1, &len);
            trim(&g, &len);
            if (is_sn_closeness(g, len)) {
                c.has_close = 1;
                c.close_col = i + 1;
            }
        }
        cols[ncols++] = c;
    }
    if (ncols == 0) {
        cs_csv_close(r);
        return cs_ds_fail(ds, CARESTAT_EUNSUPPORTED, "%s:1: no SN1/SN_1 neighbour columns", path);
    }
    cs_neighbours *nb = cs_ds_slot(ds, CS_SLOT_NEIGHBOURS);
    if (!nb) {
        nb = cs_calloc(1, sizeof *nb);
        if (!nb) {
            cs_csv_close(r);
            return CARESTAT_ENOMEM;
        }
        cs_strpool_init(&nb->pool);
        cs_ds_set_slot(ds, CS_SLOT_NEIGHBOURS, nb, nb_free);
    }
    uint64_t nread = 0, nacc = 0, nrej = 0;
    int status = CARESTAT_OK;
    carestat_neighbour items[NB_MAX_RANK];
    while ((rc = cs_csv_next(r)) > 0) {
        if (cs_csv_record_is_empty(r)) continue;
        nread++;
        unsigned errs = cs_csv_record_errors(r); /* CSV errors in the record count too */
        const char *code = cs_csv_field(r, 0, &len);
        const char *tcode = code;
        size_t tlen = len;
        trim(&tcode, &tlen);
        if (tlen == 0) {
            /* e.g. the 2021 file's "Old SNs:" caption line: not data */
            const char *text = "";
            for (size_t i = 1; i < cs_csv_nfields(r) && !text[0]; i++) text = cs_csv_field(r, i, &len);
            cs_csv_diag(r, CARESTAT_SEV_WARNING, 1, "NEIGHBOUR_NO_CODE",
                        "row without a local authority code skipped (text '%s')", text);
            nrej++;
            continue;
        }
        const carestat_org *self = cs_org_lookup(ds, code, len, CARESTAT_DATE_NONE);
        if (!self) {
            cs_csv_diag(r, CARESTAT_SEV_ERROR, 1, "NEIGHBOUR_UNKNOWN_LA", "unknown local authority code '%s'", code);
            nrej++;
            if (ds->opts.error_mode == CARESTAT_ROWS_STOP) {
                status = CARESTAT_EPARSE;
                break;
            }
            continue;
        }
        size_t n = 0;
        for (size_t k = 0; k < ncols; k++) {
            const char *f = cs_csv_field(r, cols[k].code_col, &len);
            trim(&f, &len);
            if (len == 0) continue;
            const carestat_org *o = cs_org_lookup(ds, f, len, CARESTAT_DATE_NONE);
            if (!o) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, (uint32_t)(cols[k].code_col + 1), "NEIGHBOUR_UNKNOWN_LA",
                            "unknown neighbour code '%.*s'", (int)len, f);
                errs++;
                continue;
            }
            const char *close = "";
            if (cols[k].has_close) {
                const char *g = cs_csv_field(r, cols[k].close_col, &len);
                trim(&g, &len);
                uint32_t id;
                if (cs_strpool_intern(&nb->pool, g, len, &id)) {
                    status = CARESTAT_ENOMEM;
                    break;
                }
                close = cs_strpool_get(&nb->pool, id);
            }
            items[n].org = o;
            items[n].rank = cols[k].rank;
            items[n].closeness = close;
            n++;
        }
        if (status) break;
        if (errs && ds->opts.error_mode == CARESTAT_ROWS_STOP) {
            nrej++;
            status = CARESTAT_EPARSE;
            break;
        }
        if (errs && ds->opts.error_mode == CARESTAT_ROWS_DROP) {
            nrej++;
            continue;
        }
        /* sort by rank (columns are normally in order already) */
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && items[j - 1].rank > items[j].rank; j--) {
                carestat_neighbour t = items[j];
                items[j] = items[j - 1];
                items[j - 1] = t;
            }
        nb_set *set = NULL;
        for (size_t i = 0; i < nb->n; i++)
            if (nb->sets[i].org == self) set = &nb->sets[i];
        if (!set) {
            if (CS_GROW(nb->sets, nb->cap, nb->n + 1)) {
                status = CARESTAT_ENOMEM;
                break;
            }
            set = &nb->sets[nb->n++];
            memset(set, 0, sizeof *set);
            set->org = self;
        }
        carestat_neighbour *copy = cs_calloc(n ? n : 1, sizeof *copy);
        if (!copy) {
            status = CARESTAT_ENOMEM;
            break;
        }
        if (n) memcpy(copy, items, n * sizeof *copy);
        cs_free(set->items);
        set->items = copy;
        set->n = n;
        nacc++;
    }
    if (rc < 0 && !status) status = rc;
    cs_csv_close(r);
    int s2 = cs_ds_add_summary(ds, path, "neighbours", nread, nacc, nrej);
    if (!status && s2) status = s2;
    if (status == CARESTAT_EPARSE) return cs_ds_fail(ds, status, "%s: stopped at the first error", path);
    if (status) return cs_ds_fail(ds, status, "%s: %s", path, carestat_strerror(status));
    return CARESTAT_OK;
}

int carestat_dataset_neighbours(carestat_neighbour *out, size_t cap, size_t *count, const carestat_dataset *ds,
                                const char *code)
{
    if (!count) return CARESTAT_EINVAL;
    *count = 0;
    if (!ds || !code || (cap && !out)) return CARESTAT_EINVAL;
    const carestat_org *o = cs_org_lookup(ds, code, strlen(code), CARESTAT_DATE_NONE);
    if (!o) return CARESTAT_ENOTFOUND;
    const cs_neighbours *nb = cs_ds_slot(ds, CS_SLOT_NEIGHBOURS);
    if (!nb) return CARESTAT_OK;
    for (size_t i = 0; i < nb->n; i++) {
        if (nb->sets[i].org != o && !cs_org_streq(nb->sets[i].org->code, o->code)) continue;
        size_t n = nb->sets[i].n;
        for (size_t k = 0; k < n && k < cap; k++) out[k] = nb->sets[i].items[k];
        *count = n;
        return n > cap ? CARESTAT_EBUFFER : CARESTAT_OK;
    }
    return CARESTAT_OK;
}
