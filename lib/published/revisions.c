/* Revisions between two editions of a published table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/published.h"
#include "core/alloc.h"
#include "core/buf.h"

struct carestat_revisions {
    carestat_table *older, *newer; /* private copies, so the strings stay valid */
    size_t *pairs;                 /* (old row, new row) pairs */
    size_t n, changed;
};

typedef struct key {
    const char *org, *ind;
    carestat_date end;
    size_t row;
} key;

static int cmp_key(const void *a, const void *b)
{
    const key *x = a, *y = b;
    int c = strcmp(x->org, y->org);
    if (c) return c;
    if ((c = strcmp(x->ind, y->ind))) return c;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return x->row < y->row ? -1 : (x->row > y->row);
}

static int same(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

static key *keys_of(const carestat_table *t, size_t *n)
{
    *n = carestat_table_count(t);
    key *k = cs_calloc(*n ? *n : 1, sizeof *k);
    if (!k) return NULL;
    for (size_t i = 0; i < *n; i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        k[i].org = o.org_code;
        k[i].ind = o.indicator;
        k[i].end = o.period_end;
        k[i].row = i;
    }
    qsort(k, *n, sizeof *k, cmp_key);
    return k;
}

void carestat_revisions_free(carestat_revisions *r)
{
    if (!r) return;
    carestat_table_free(r->older);
    carestat_table_free(r->newer);
    cs_free(r->pairs);
    cs_free(r);
}

int carestat_published_revisions(carestat_revisions **out, const carestat_table *older, const carestat_table *newer)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!older || !newer) return CARESTAT_EINVAL;
    carestat_revisions *r = cs_calloc(1, sizeof *r);
    if (!r) return CARESTAT_ENOMEM;
    int rc = CARESTAT_ENOMEM;
    key *ko = NULL, *kn = NULL;
    if (carestat_table_new(&r->older) || carestat_table_new(&r->newer)) goto fail;
    if (carestat_table_append_table(r->older, older) || carestat_table_append_table(r->newer, newer)) goto fail;
    size_t no, nn;
    if (!(ko = keys_of(r->older, &no)) || !(kn = keys_of(r->newer, &nn))) goto fail;
    size_t cap = 0;
    size_t i = 0, j = 0;
    while (i < no && j < nn) {
        key a = ko[i], b = kn[j];
        a.row = b.row = 0;
        int c = cmp_key(&a, &b);
        if (c < 0) {
            i++;
            continue;
        }
        if (c > 0) {
            j++;
            continue;
        }
        /* equal keys: the last row of each run (as carestat_table_series keeps the last one) */
        size_t i2 = i, j2 = j;
        while (i2 + 1 < no && strcmp(ko[i2 + 1].org, ko[i].org) == 0 && strcmp(ko[i2 + 1].ind, ko[i].ind) == 0 &&
               ko[i2 + 1].end == ko[i].end)
            i2++;
        while (j2 + 1 < nn && strcmp(kn[j2 + 1].org, kn[j].org) == 0 && strcmp(kn[j2 + 1].ind, kn[j].ind) == 0 &&
               kn[j2 + 1].end == kn[j].end)
            j2++;
        if (CS_GROW(r->pairs, cap, 2 * r->n + 2)) goto fail;
        r->pairs[2 * r->n] = ko[i2].row;
        r->pairs[2 * r->n + 1] = kn[j2].row;
        r->n++;
        carestat_revision rv;
        if (carestat_revisions_get(&rv, r, r->n - 1) == CARESTAT_OK && rv.changed) r->changed++;
        i = i2 + 1;
        j = j2 + 1;
    }
    cs_free(ko);
    cs_free(kn);
    *out = r;
    return CARESTAT_OK;
fail:
    cs_free(ko);
    cs_free(kn);
    carestat_revisions_free(r);
    return rc;
}

size_t carestat_revisions_count(const carestat_revisions *r) { return r ? r->n : 0; }
size_t carestat_revisions_changed_count(const carestat_revisions *r) { return r ? r->changed : 0; }

int carestat_revisions_get(carestat_revision *out, const carestat_revisions *r, size_t index)
{
    if (!out || !r) return CARESTAT_EINVAL;
    if (index >= r->n) return CARESTAT_ERANGE;
    carestat_observation a, b;
    carestat_table_get(&a, r->older, r->pairs[2 * index]);
    carestat_table_get(&b, r->newer, r->pairs[2 * index + 1]);
    memset(out, 0, sizeof *out);
    out->org_code = b.org_code;
    out->org_name = b.org_name;
    out->indicator = b.indicator;
    out->period_end = b.period_end;
    out->old_value = a.value;
    out->new_value = b.value;
    out->change = b.value - a.value;
    out->old_denominator = a.denominator;
    out->new_denominator = b.denominator;
    out->old_flags = a.flags;
    out->new_flags = b.flags;
    out->old_source = a.source;
    out->new_source = b.source;
    out->changed = !same(a.value, b.value) || !same(a.denominator, b.denominator) || a.flags != b.flags;
    return CARESTAT_OK;
}

int carestat_revisions_find(carestat_revision *out, const carestat_revisions *r, const char *org_code,
                            const char *indicator, int year)
{
    if (!out || !r || !org_code || !indicator) return CARESTAT_EINVAL;
    for (size_t i = 0; i < r->n; i++) {
        carestat_revision rv;
        carestat_revisions_get(&rv, r, i);
        int y, m, d;
        if (carestat_date_to_ymd(rv.period_end, &y, &m, &d)) continue;
        if (y == year && strcmp(rv.org_code, org_code) == 0 && strcmp(rv.indicator, indicator) == 0) {
            *out = rv;
            return CARESTAT_OK;
        }
    }
    return CARESTAT_ENOTFOUND;
}

int carestat_revisions_to_csv(char **out, size_t *len, const carestat_revisions *r, int changed_only)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!r) return CARESTAT_EINVAL;
    cs_buf b;
    cs_buf_init(&b);
    cs_buf_puts(&b, "org_code,org_name,indicator,period_end,old_source,old_value,old_denominator,old_flags,"
                    "new_source,new_value,new_denominator,new_flags,change\n");
    for (size_t i = 0; i < r->n; i++) {
        carestat_revision rv;
        carestat_revisions_get(&rv, r, i);
        if (changed_only && !rv.changed) continue;
        char date[16], f1[64], f2[64];
        carestat_date_format(date, sizeof date, rv.period_end);
        carestat_flags_format(f1, sizeof f1, rv.old_flags);
        carestat_flags_format(f2, sizeof f2, rv.new_flags);
        cs_buf_csv_field(&b, rv.org_code);
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, rv.org_name);
        cs_buf_putc(&b, ',');
        cs_buf_csv_field(&b, rv.indicator);
        cs_buf_printf(&b, ",%s,", date);
        cs_buf_csv_field(&b, rv.old_source);
        cs_buf_putc(&b, ',');
        cs_buf_number(&b, rv.old_value, "");
        cs_buf_putc(&b, ',');
        cs_buf_number(&b, rv.old_denominator, "");
        cs_buf_printf(&b, ",%s,", f1);
        cs_buf_csv_field(&b, rv.new_source);
        cs_buf_putc(&b, ',');
        cs_buf_number(&b, rv.new_value, "");
        cs_buf_putc(&b, ',');
        cs_buf_number(&b, rv.new_denominator, "");
        cs_buf_printf(&b, ",%s,", f2);
        cs_buf_number(&b, rv.change, "");
        cs_buf_putc(&b, '\n');
    }
    if (b.err) {
        int e = b.err;
        cs_buf_free(&b);
        return e;
    }
    *out = cs_buf_take(&b, len);
    return *out ? CARESTAT_OK : CARESTAT_ENOMEM;
}
