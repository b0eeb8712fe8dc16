/* Lineage (predecessors/successors), trusts, and expansion of an organisation into councils. */
#include <string.h>

#include "core/alloc.h"
#include "org/org_internal.h"

static const carestat_org *resolve(const carestat_dataset *ds, const char *code)
{
    return code ? cs_org_lookup(ds, code, strlen(code), CARESTAT_DATE_NONE) : NULL;
}

static int links_of(carestat_lineage_link *out, size_t cap, size_t *count, const carestat_dataset *ds,
                    const char *code, int successors)
{
    if (!count) return CARESTAT_EINVAL;
    *count = 0;
    if (!code || (cap && !out)) return CARESTAT_EINVAL;
    const carestat_org *o = resolve(ds, code);
    if (!o) return CARESTAT_ENOTFOUND;
    size_t n = 0, total = cs_org_link_count(ds);
    for (size_t i = 0; i < total; i++) {
        const carestat_lineage_link *l = cs_org_link_get(ds, i);
        if (!cs_org_streq(successors ? l->from_code : l->to_code, o->code)) continue;
        if (n < cap) out[n] = *l;
        n++;
    }
    *count = n;
    return n > cap ? CARESTAT_EBUFFER : CARESTAT_OK;
}

int carestat_dataset_org_predecessors(carestat_lineage_link *out, size_t cap, size_t *count,
                                      const carestat_dataset *ds, const char *code)
{
    return links_of(out, cap, count, ds, code, 0);
}

int carestat_dataset_org_successors(carestat_lineage_link *out, size_t cap, size_t *count,
                                    const carestat_dataset *ds, const char *code)
{
    return links_of(out, cap, count, ds, code, 1);
}

static int delivers(const carestat_trust_delivery *d, carestat_date at)
{
    if (d->start != CARESTAT_DATE_NONE && at < d->start) return 0;
    if (d->end != CARESTAT_DATE_NONE && at > d->end) return 0;
    return 1;
}

int carestat_dataset_trust_councils(const carestat_org **out, size_t cap, size_t *count, const carestat_dataset *ds,
                                    const char *trust_code, carestat_date at)
{
    if (!count) return CARESTAT_EINVAL;
    *count = 0;
    if (!trust_code || (cap && !out) || at == CARESTAT_DATE_NONE) return CARESTAT_EINVAL;
    const carestat_org *t = resolve(ds, trust_code);
    if (!t) return CARESTAT_ENOTFOUND;
    if (t->kind != CARESTAT_ORG_TRUST) return CARESTAT_EINVAL;
    size_t n = 0, total = cs_org_delivery_count(ds);
    for (size_t i = 0; i < total; i++) {
        const carestat_trust_delivery *d = cs_org_delivery_get(ds, i);
        if (!cs_org_streq(d->trust_code, t->code) || !delivers(d, at)) continue;
        const carestat_org *c = cs_org_by_code(ds, d->council_code);
        if (!c) continue;
        int dup = 0; /* a user record may repeat a built-in one: count each council once */
        for (size_t j = 0; j < i && !dup; j++) {
            const carestat_trust_delivery *e = cs_org_delivery_get(ds, j);
            dup = cs_org_streq(e->trust_code, t->code) && delivers(e, at) && cs_org_streq(e->council_code, c->code);
        }
        if (dup) continue;
        if (n < cap) out[n] = c;
        n++;
    }
    *count = n;
    return n > cap ? CARESTAT_EBUFFER : CARESTAT_OK;
}

int carestat_dataset_org_delivered_by(const carestat_org **out, const carestat_dataset *ds, const char *council_code,
                                      carestat_date at)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!council_code || at == CARESTAT_DATE_NONE) return CARESTAT_EINVAL;
    const carestat_org *c = resolve(ds, council_code);
    if (!c) return CARESTAT_ENOTFOUND;
    size_t total = cs_org_delivery_count(ds);
    for (size_t i = 0; i < total; i++) {
        const carestat_trust_delivery *d = cs_org_delivery_get(ds, i);
        if (cs_org_streq(d->council_code, c->code) && delivers(d, at)) {
            const carestat_org *t = cs_org_by_code(ds, d->trust_code);
            if (t) {
                *out = t;
                return CARESTAT_OK;
            }
        }
    }
    *out = c;
    return CARESTAT_OK;
}

/* ---- expansion ---- */

typedef struct expand_ctx {
    const carestat_dataset *ds;
    unsigned char *sel; /* by index in the effective list */
    size_t nlist;
    unsigned flags;
} expand_ctx;

static void select_org(expand_ctx *x, const carestat_org *o)
{
    for (size_t i = 0; i < x->nlist; i++) {
        if (cs_org_list_get(x->ds, i) == o) {
            x->sel[i] = 1;
            return;
        }
    }
}

static void expand_council(expand_ctx *x, const carestat_org *o, carestat_date at, int depth)
{
    if (carestat_org_exists_at(o, at)) {
        select_org(x, o);
        return;
    }
    if (depth > 16) return; /* lineage cycles in user data cannot loop forever */
    int backward = o->start != CARESTAT_DATE_NONE && at < o->start;
    size_t total = cs_org_link_count(x->ds);
    for (size_t i = 0; i < total; i++) {
        const carestat_lineage_link *l = cs_org_link_get(x->ds, i);
        const char *self = backward ? l->to_code : l->from_code;
        const char *other = backward ? l->from_code : l->to_code;
        if (!cs_org_streq(self, o->code)) continue;
        if (l->kind == CARESTAT_LINK_PART) {
            x->flags |= CARESTAT_EXPAND_NARROWER;
            continue;
        }
        const carestat_org *p = cs_org_by_code(x->ds, other);
        if (!p) continue;
        x->flags |= CARESTAT_EXPAND_LINEAGE;
        if ((backward && l->kind == CARESTAT_LINK_SPLIT) || (!backward && l->kind == CARESTAT_LINK_MERGE))
            x->flags |= CARESTAT_EXPAND_WIDER;
        expand_council(x, p, at, depth + 1);
    }
}

static int in_subregion(const carestat_org *c, const carestat_org *region)
{
    for (size_t i = 0; i < cs_org_subregion_count; i++)
        if (cs_org_streq(cs_org_subregions[i].alias, c->code))
            return cs_org_streq(cs_org_subregions[i].code, region->code);
    return 0;
}

int carestat_dataset_org_expand(const carestat_org **out, size_t cap, size_t *count, unsigned *flags,
                                const carestat_dataset *ds, const char *code, carestat_date at)
{
    if (flags) *flags = 0;
    if (!count) return CARESTAT_EINVAL;
    *count = 0;
    if (!code || (cap && !out) || at == CARESTAT_DATE_NONE) return CARESTAT_EINVAL;
    const carestat_org *o = cs_org_lookup(ds, code, strlen(code), at);
    if (!o) return CARESTAT_ENOTFOUND;
    expand_ctx x = {ds, NULL, cs_org_list_count(ds), 0};
    x.sel = cs_calloc(x.nlist ? x.nlist : 1, 1);
    if (!x.sel) return CARESTAT_ENOMEM;
    switch (o->kind) {
    case CARESTAT_ORG_COUNCIL: expand_council(&x, o, at, 0); break;
    case CARESTAT_ORG_TRUST: {
        x.flags |= CARESTAT_EXPAND_TRUST;
        size_t total = cs_org_delivery_count(ds);
        for (size_t i = 0; i < total; i++) {
            const carestat_trust_delivery *d = cs_org_delivery_get(ds, i);
            if (!cs_org_streq(d->trust_code, o->code) || !delivers(d, at)) continue;
            const carestat_org *c = cs_org_by_code(ds, d->council_code);
            if (c) expand_council(&x, c, at, 0);
        }
        break;
    }
    case CARESTAT_ORG_REGION:
    case CARESTAT_ORG_COUNTRY:
        x.flags |= CARESTAT_EXPAND_AGGREGATE;
        for (size_t i = 0; i < x.nlist; i++) {
            const carestat_org *c = cs_org_list_get(ds, i);
            if (c->kind != CARESTAT_ORG_COUNCIL || !carestat_org_exists_at(c, at)) continue;
            if (o->kind == CARESTAT_ORG_COUNTRY || cs_org_streq(c->region_code, o->code) || in_subregion(c, o))
                x.sel[i] = 1;
        }
        break;
    }
    size_t n = 0;
    for (size_t i = 0; i < x.nlist; i++) {
        if (!x.sel[i]) continue;
        if (n < cap) out[n] = cs_org_list_get(ds, i);
        n++;
    }
    cs_free(x.sel);
    *count = n;
    if (flags) *flags = x.flags;
    return n > cap ? CARESTAT_EBUFFER : CARESTAT_OK;
}

int carestat_dataset_org_expand_year(const carestat_org **out, size_t cap, size_t *count, unsigned *flags,
                                     const carestat_dataset *ds, const char *code, int year)
{
    carestat_date at;
    if (flags) *flags = 0;
    if (count) *count = 0;
    if (carestat_date_from_ymd(&at, year, 3, 31) != CARESTAT_OK) return CARESTAT_EINVAL;
    return carestat_dataset_org_expand(out, cap, count, flags, ds, code, at);
}
