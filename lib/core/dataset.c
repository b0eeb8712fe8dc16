#include "core/dataset_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

int carestat_dataset_options_init(carestat_dataset_options *opts, unsigned version)
{
    if (!opts) return CARESTAT_EINVAL;
    if (version != CARESTAT_DATASET_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->error_mode = CARESTAT_ROWS_KEEP;
    opts->max_field_bytes = 65536;
    opts->max_columns = 4096;
    opts->max_rows = 50000000;
    opts->max_diagnostics = 100000;
    return CARESTAT_OK;
}

int carestat_dataset_new(carestat_dataset **out, const carestat_dataset_options *opts)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    carestat_dataset_options o;
    if (opts) {
        if (opts->version != CARESTAT_DATASET_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
        if ((unsigned)opts->error_mode > CARESTAT_ROWS_STOP) return CARESTAT_EINVAL;
        o = *opts;
    } else {
        carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION);
    }
    carestat_dataset *ds = cs_calloc(1, sizeof *ds);
    if (!ds) return CARESTAT_ENOMEM;
    if (carestat_diag_list_new(&ds->diag_list)) {
        cs_free(ds);
        return CARESTAT_ENOMEM;
    }
    ds->opts = o;
    ds->diags.list = ds->diag_list;
    ds->diags.max = o.max_diagnostics;
    *out = ds;
    return CARESTAT_OK;
}

void carestat_dataset_free(carestat_dataset *ds)
{
    if (!ds) return;
    for (int s = CS_SLOT_COUNT - 1; s >= 0; s--)
        if (ds->slot[s] && ds->slot_free[s]) ds->slot_free[s](ds->slot[s]);
    for (size_t i = 0; i < ds->nsummaries; i++) cs_free(ds->summaries[i].source);
    cs_free(ds->summaries);
    carestat_diag_list_free(ds->diag_list);
    cs_free(ds);
}

const char *carestat_dataset_errmsg(const carestat_dataset *ds) { return ds ? ds->errmsg : ""; }

const carestat_diag_list *carestat_dataset_diagnostics(const carestat_dataset *ds)
{
    return ds ? ds->diag_list : NULL;
}

uint64_t carestat_dataset_diagnostics_dropped(const carestat_dataset *ds) { return ds ? ds->diags.dropped : 0; }

size_t carestat_dataset_load_summary_count(const carestat_dataset *ds) { return ds ? ds->nsummaries : 0; }

int carestat_dataset_load_summary(carestat_load_summary *out, const carestat_dataset *ds, size_t index)
{
    if (!out || !ds) return CARESTAT_EINVAL;
    if (index >= ds->nsummaries) return CARESTAT_ERANGE;
    const cs_load_summary_rec *r = &ds->summaries[index];
    out->source = r->source;
    out->table = r->table;
    out->rows_read = r->read;
    out->rows_accepted = r->accepted;
    out->rows_rejected = r->rejected;
    return CARESTAT_OK;
}

int cs_ds_fail(carestat_dataset *ds, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ds->errmsg, sizeof ds->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

void cs_ds_clear_error(carestat_dataset *ds) { ds->errmsg[0] = '\0'; }

void cs_ds_csv_limits(const carestat_dataset *ds, cs_csv_limits *lim)
{
    lim->max_field_bytes = ds->opts.max_field_bytes;
    lim->max_columns = ds->opts.max_columns;
    lim->max_rows = ds->opts.max_rows;
}

int cs_ds_add_summary(carestat_dataset *ds, const char *source, const char *table, uint64_t read,
                      uint64_t accepted, uint64_t rejected)
{
    if (CS_GROW(ds->summaries, ds->summaries_cap, ds->nsummaries + 1)) return CARESTAT_ENOMEM;
    char *src = cs_strdup(source ? source : "");
    if (!src) return CARESTAT_ENOMEM;
    cs_load_summary_rec *r = &ds->summaries[ds->nsummaries++];
    r->source = src;
    r->table = table;
    r->read = read;
    r->accepted = accepted;
    r->rejected = rejected;
    return CARESTAT_OK;
}

void cs_ds_set_slot(carestat_dataset *ds, cs_slot s, void *obj, void (*free_fn)(void *))
{
    ds->slot[s] = obj;
    ds->slot_free[s] = free_fn;
}

const char *cs_ds_newest_message(const carestat_dataset *ds, size_t n0)
{
    size_t n = carestat_diag_list_count(ds->diag_list);
    return n > n0 ? carestat_diag_list_get(ds->diag_list, n - 1)->message : NULL;
}

int cs_ds_open_csv(carestat_dataset *ds, cs_csv **out, const char *path, int empty_rc)
{
    *out = NULL;
    cs_csv_limits lim;
    cs_ds_csv_limits(ds, &lim);
    size_t n0 = carestat_diag_list_count(ds->diag_list);
    cs_csv *r = NULL;
    int rc = cs_csv_open(&r, path, &lim, &ds->diags);
    if (rc) {
        const char *m = cs_ds_newest_message(ds, n0);
        return cs_ds_fail(ds, rc, "%s: %s", path, m ? m : carestat_strerror(rc));
    }
    rc = cs_csv_next(r);
    if (rc <= 0) {
        cs_csv_close(r);
        if (rc == 0) return cs_ds_fail(ds, empty_rc, "%s: empty file (no header row)", path);
        const char *m = cs_ds_newest_message(ds, n0);
        return cs_ds_fail(ds, rc, "%s:1: %s", path, m ? m : carestat_strerror(rc));
    }
    *out = r;
    return CARESTAT_OK;
}
