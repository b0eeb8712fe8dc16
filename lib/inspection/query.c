/* History queries over loaded inspections. Read-only on the dataset (thread-safe). */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "inspection/insp_internal.h"
#include "org/org_internal.h"

#define MAX_SET 64

typedef struct org_set {
    const carestat_org *o[MAX_SET];
    size_t n;
} org_set;

static void set_add(org_set *s, const carestat_org *o)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->o[i] == o) return;
    if (s->n < MAX_SET) s->o[s->n++] = o;
}

static int set_has(const org_set *s, const carestat_org *o)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->o[i] == o) return 1;
    return 0;
}

/* The organisation, its predecessors through code changes (and through every other non-PART link
 * with CARESTAT_HISTORY_LINEAGE), recursively; for a trust, every council it has delivered for. */
static void build_set(const carestat_dataset *ds, const carestat_org *o, unsigned flags, org_set *s, int depth)
{
    set_add(s, o);
    if (depth > 32 || s->n >= MAX_SET) return; /* bounded whatever the user's lineage looks like */
    if (o->kind == CARESTAT_ORG_TRUST) {
        size_t nd = cs_org_delivery_count(ds);
        for (size_t i = 0; i < nd; i++) {
            const carestat_trust_delivery *d = cs_org_delivery_get(ds, i);
            if (!cs_org_streq(d->trust_code, o->code)) continue;
            const carestat_org *c = cs_org_by_code(ds, d->council_code);
            if (c && !set_has(s, c)) build_set(ds, c, flags, s, depth + 1);
        }
        return;
    }
    size_t nl = cs_org_link_count(ds);
    for (size_t i = 0; i < nl; i++) {
        const carestat_lineage_link *l = cs_org_link_get(ds, i);
        if (!cs_org_streq(l->to_code, o->code) || l->kind == CARESTAT_LINK_PART) continue;
        if (l->kind != CARESTAT_LINK_RENAME && !(flags & CARESTAT_HISTORY_LINEAGE)) continue;
        const carestat_org *p = cs_org_by_code(ds, l->from_code);
        if (p && !set_has(s, p)) build_set(ds, p, flags, s, depth + 1);
    }
}

static int cmp_date(const void *pa, const void *pb)
{
    const carestat_inspection *a = *(const carestat_inspection *const *)pa;
    const carestat_inspection *b = *(const carestat_inspection *const *)pb;
    carestat_date da = carestat_inspection_date(a), db = carestat_inspection_date(b);
    if (da != db) return da < db ? -1 : 1;
    if (a->published != b->published) return a->published < b->published ? -1 : 1;
    int c = strcmp(a->org->code, b->org->code);
    if (c) return c;
    return a < b ? -1 : a > b;
}

/* Allocated list (cs_free) of the inspections of the set, in date order. */
static int collect(const carestat_dataset *ds, const carestat_org *o, unsigned flags,
                   const carestat_inspection ***list, size_t *n)
{
    *list = NULL;
    *n = 0;
    const cs_insp_store *st = cs_ds_slot(ds, CS_SLOT_INSPECTIONS);
    if (!st || st->n == 0) return CARESTAT_OK;
    org_set s;
    s.n = 0;
    build_set(ds, o, flags, &s, 0);
    size_t cnt = 0;
    for (size_t i = 0; i < st->n; i++) cnt += set_has(&s, st->items[i].org) ? 1u : 0u;
    if (!cnt) return CARESTAT_OK;
    const carestat_inspection **l = cs_malloc(cnt * sizeof *l);
    if (!l) return CARESTAT_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < st->n; i++)
        if (set_has(&s, st->items[i].org)) l[k++] = &st->items[i];
    qsort(l, k, sizeof *l, cmp_date);
    *list = l;
    *n = k;
    return CARESTAT_OK;
}

static const carestat_org *find_org(const carestat_dataset *ds, const char *code)
{
    return cs_org_lookup(ds, code, strlen(code), CARESTAT_DATE_NONE);
}

static carestat_grade area_grade(const carestat_inspection *in, carestat_judgement_area area)
{
    carestat_grade g = in->grades[area];
    if (g == CARESTAT_GRADE_NONE && area == CARESTAT_AREA_CHILDREN_IN_CARE)
        g = in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS];
    return g;
}

size_t carestat_dataset_inspection_count(const carestat_dataset *ds)
{
    const cs_insp_store *st = ds ? cs_ds_slot(ds, CS_SLOT_INSPECTIONS) : NULL;
    return st ? st->n : 0;
}

int carestat_dataset_inspection_at(const carestat_inspection **out, const carestat_dataset *ds, size_t index)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!ds) return CARESTAT_EINVAL;
    const cs_insp_store *st = cs_ds_slot(ds, CS_SLOT_INSPECTIONS);
    if (!st || index >= st->n) return CARESTAT_ERANGE;
    *out = &st->items[index];
    return CARESTAT_OK;
}

int carestat_dataset_org_inspections(const carestat_inspection **out, size_t cap, size_t *count,
                                     const carestat_dataset *ds, const char *code, unsigned flags)
{
    if (!count) return CARESTAT_EINVAL;
    *count = 0;
    if (!ds || !code || (cap && !out)) return CARESTAT_EINVAL;
    const carestat_org *o = find_org(ds, code);
    if (!o) return CARESTAT_ENOTFOUND;
    const carestat_inspection **l;
    size_t n;
    int rc = collect(ds, o, flags, &l, &n);
    if (rc) return rc;
    for (size_t i = 0; i < n && i < cap; i++) out[i] = l[i];
    cs_free(l);
    *count = n;
    return n > cap ? CARESTAT_EBUFFER : CARESTAT_OK;
}

static int latest(carestat_grade *grade, const carestat_inspection **insp, const carestat_dataset *ds,
                  const carestat_org *o, carestat_judgement_area area, carestat_date at, unsigned flags)
{
    *grade = CARESTAT_GRADE_NONE;
    if (insp) *insp = NULL;
    const carestat_inspection **l;
    size_t n;
    int rc = collect(ds, o, flags, &l, &n);
    if (rc) return rc;
    for (size_t i = n; i-- > 0;) {
        carestat_date d = carestat_inspection_date(l[i]);
        if (at != CARESTAT_DATE_NONE && d > at) continue;
        carestat_grade g = area_grade(l[i], area);
        if (g == CARESTAT_GRADE_NONE) continue;
        *grade = g;
        if (insp) *insp = l[i];
        break;
    }
    cs_free(l);
    return CARESTAT_OK;
}

int carestat_dataset_latest_grade(carestat_grade *grade, const carestat_inspection **insp, const carestat_dataset *ds,
                                  const char *code, carestat_judgement_area area, carestat_date at, unsigned flags)
{
    if (insp) *insp = NULL;
    if (!grade) return CARESTAT_EINVAL;
    *grade = CARESTAT_GRADE_NONE;
    if (!ds || !code || (unsigned)area >= CARESTAT_JUDGEMENT_AREA_COUNT) return CARESTAT_EINVAL;
    const carestat_org *o = find_org(ds, code);
    if (!o) return CARESTAT_ENOTFOUND;
    return latest(grade, insp, ds, o, area, at, flags);
}

int carestat_dataset_grade_changes(carestat_grade_change *out, size_t cap, size_t *count, const carestat_dataset *ds,
                                   const char *code, carestat_judgement_area area, unsigned flags)
{
    if (!count) return CARESTAT_EINVAL;
    *count = 0;
    if (!ds || !code || (cap && !out) || (unsigned)area >= CARESTAT_JUDGEMENT_AREA_COUNT) return CARESTAT_EINVAL;
    const carestat_org *o = find_org(ds, code);
    if (!o) return CARESTAT_ENOTFOUND;
    const carestat_inspection **l;
    size_t n;
    int rc = collect(ds, o, flags, &l, &n);
    if (rc) return rc;
    const carestat_inspection *prev = NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        carestat_grade g = area_grade(l[i], area);
        if (g == CARESTAT_GRADE_NONE) continue;
        if (prev) {
            if (k < cap) {
                carestat_grade_change *c = &out[k];
                c->from = prev;
                c->to = l[i];
                c->from_grade = area_grade(prev, area);
                c->to_grade = g;
                c->steps = (int)c->from_grade - (int)g;
                c->direction = c->steps > 0 ? CARESTAT_GRADE_IMPROVED
                               : c->steps < 0 ? CARESTAT_GRADE_DECLINED
                                              : CARESTAT_GRADE_UNCHANGED;
            }
            k++;
        }
        prev = l[i];
    }
    cs_free(l);
    *count = k;
    return k > cap ? CARESTAT_EBUFFER : CARESTAT_OK;
}

int carestat_dataset_days_since_graded(int32_t *days, const carestat_inspection **insp, const carestat_dataset *ds,
                                       const char *code, carestat_date at, unsigned flags)
{
    if (insp) *insp = NULL;
    if (!days) return CARESTAT_EINVAL;
    *days = -1;
    if (!ds || !code || at == CARESTAT_DATE_NONE) return CARESTAT_EINVAL;
    const carestat_org *o = find_org(ds, code);
    if (!o) return CARESTAT_ENOTFOUND;
    carestat_grade g;
    const carestat_inspection *in = NULL;
    int rc = latest(&g, &in, ds, o, CARESTAT_AREA_OVERALL, at, flags);
    if (rc) return rc;
    if (in) {
        *days = at - carestat_inspection_date(in);
        if (insp) *insp = in;
    }
    return CARESTAT_OK;
}

int carestat_dataset_grade_distribution(uint64_t *counts, size_t cap, const carestat_dataset *ds,
                                        carestat_judgement_area area, carestat_date at, unsigned flags)
{
    if (!counts || !ds || (unsigned)area >= CARESTAT_JUDGEMENT_AREA_COUNT || at == CARESTAT_DATE_NONE)
        return CARESTAT_EINVAL;
    if (cap < CARESTAT_GRADE_COUNT) return CARESTAT_EBUFFER;
    for (size_t g = 0; g < CARESTAT_GRADE_COUNT; g++) counts[g] = 0;
    size_t n = cs_org_list_count(ds);
    for (size_t i = 0; i < n; i++) {
        const carestat_org *o = cs_org_list_get(ds, i);
        if (o->kind != CARESTAT_ORG_COUNCIL || !carestat_org_exists_at(o, at)) continue;
        carestat_grade g;
        int rc = latest(&g, NULL, ds, o, area, at, flags);
        if (rc) return rc;
        counts[g]++;
    }
    return CARESTAT_OK;
}
