/* Public entry points of lib/published: options, reading into a table or a dataset, organisation
 * look-ups, combined codes. */
#include <stdio.h>
#include <string.h>

#include "carestat/org.h"
#include "core/alloc.h"
#include "core/dataset_internal.h"
#include "published/published_internal.h"

int carestat_published_options_init(carestat_published_options *opts, unsigned version)
{
    if (!opts) return CARESTAT_EINVAL;
    if (version != CARESTAT_PUBLISHED_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    memset(opts, 0, sizeof *opts);
    opts->version = version;
    return CARESTAT_OK;
}

int cs_pub_org_code(const carestat_dataset *ds, const char *key, const char **code)
{
    const carestat_org *org = NULL;
    int rc = ds ? carestat_dataset_org_find(&org, ds, key) : carestat_org_find(&org, key);
    if (rc != CARESTAT_OK || !org || !org->code || !*org->code) return 0;
    *code = org->code;
    return 1;
}

static int check_opts(const carestat_published_options *opts)
{
    if (!opts) return CARESTAT_OK;
    if (opts->version != CARESTAT_PUBLISHED_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    if (opts->measures && opts->n_measures == 0) return CARESTAT_EINVAL;
    if (!opts->measures && opts->n_measures) return CARESTAT_EINVAL;
    if (opts->year < 0) return CARESTAT_EINVAL;
    return CARESTAT_OK;
}

int carestat_published_read(carestat_table **out, const char *path, const carestat_published_options *opts,
                            carestat_diag_list *diags)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!path) return CARESTAT_EINVAL;
    int rc = check_opts(opts);
    if (rc) return rc;
    carestat_published_options def;
    if (!opts) {
        carestat_published_options_init(&def, CARESTAT_PUBLISHED_OPTIONS_VERSION);
        opts = &def;
    }
    carestat_table *t;
    if ((rc = carestat_table_new(&t))) return rc;
    cs_diags d = {diags, 0, 0, 0};
    cs_pub_counts counts;
    char err[512];
    rc = cs_pub_read(t, path, opts, NULL, CARESTAT_ROWS_KEEP, &d, &counts, err, sizeof err);
    if (rc) {
        carestat_table_free(t);
        return rc;
    }
    *out = t;
    return CARESTAT_OK;
}

static void free_table(void *p) { carestat_table_free(p); }

int carestat_dataset_load_published(carestat_dataset *ds, const char *path, const carestat_published_options *opts)
{
    if (!ds) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    if (!path) return cs_ds_fail(ds, CARESTAT_EINVAL, "carestat_dataset_load_published: path is NULL");
    int rc = check_opts(opts);
    if (rc) return cs_ds_fail(ds, rc, "carestat_dataset_load_published: bad options");
    carestat_published_options def;
    if (!opts) {
        carestat_published_options_init(&def, CARESTAT_PUBLISHED_OPTIONS_VERSION);
        opts = &def;
    }
    /* read into a fresh table first so that a failed load leaves the dataset unchanged */
    carestat_table *t;
    if ((rc = carestat_table_new(&t))) return cs_ds_fail(ds, rc, "out of memory");
    cs_pub_counts counts;
    char err[512];
    rc = cs_pub_read(t, path, opts, ds, ds->opts.error_mode, &ds->diags, &counts, err, sizeof err);
    if (rc) {
        carestat_table_free(t);
        return cs_ds_fail(ds, rc, "%s", err[0] ? err : carestat_strerror(rc));
    }
    carestat_table *store = cs_ds_slot(ds, CS_SLOT_PUBLISHED);
    if (!store) {
        cs_ds_set_slot(ds, CS_SLOT_PUBLISHED, t, free_table);
    } else {
        rc = carestat_table_append_table(store, t);
        carestat_table_free(t);
        if (rc) return cs_ds_fail(ds, rc, "out of memory");
    }
    rc = cs_ds_add_summary(ds, path, "published", counts.read, counts.accepted, counts.rejected);
    if (rc) return cs_ds_fail(ds, rc, "out of memory");
    return CARESTAT_OK;
}

const carestat_table *carestat_dataset_published(const carestat_dataset *ds)
{
    return ds ? (const carestat_table *)cs_ds_slot(ds, CS_SLOT_PUBLISHED) : NULL;
}

int carestat_dataset_published_copy(carestat_table **out, const carestat_dataset *ds)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!ds) return CARESTAT_EINVAL;
    carestat_table *t;
    int rc = carestat_table_new(&t);
    if (rc) return rc;
    const carestat_table *src = carestat_dataset_published(ds);
    if (src && (rc = carestat_table_append_table(t, src))) {
        carestat_table_free(t);
        return rc;
    }
    *out = t;
    return CARESTAT_OK;
}

int carestat_published_combined_members(const char **codes, size_t cap, char *buf, size_t bufcap,
                                        const char *combined)
{
    if (!combined || (!codes && cap) || (!buf && bufcap)) return CARESTAT_EINVAL;
    size_t len = strlen(combined);
    if (len + 1 > bufcap) return CARESTAT_EBUFFER;
    memcpy(buf, combined, len + 1);
    int n = 0;
    char *p = buf;
    for (;;) {
        char *plus = strchr(p, '+');
        if (plus) *plus = '\0';
        if ((size_t)n < cap) codes[n] = p;
        n++;
        if (!plus) break;
        p = plus + 1;
    }
    return n;
}
