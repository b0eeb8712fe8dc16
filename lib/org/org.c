/* Organisations: the built-in registry, user-defined organisations and look-ups. */
#include <string.h>

#include "core/alloc.h"
#include "org/org_internal.h"

const char *carestat_org_kind_name(carestat_org_kind kind)
{
    switch (kind) {
    case CARESTAT_ORG_COUNCIL: return "council";
    case CARESTAT_ORG_TRUST: return "trust";
    case CARESTAT_ORG_REGION: return "region";
    case CARESTAT_ORG_COUNTRY: return "country";
    }
    return "unknown";
}

const char *carestat_lineage_kind_name(carestat_lineage_kind kind)
{
    switch (kind) {
    case CARESTAT_LINK_RENAME: return "rename";
    case CARESTAT_LINK_MERGE: return "merge";
    case CARESTAT_LINK_SPLIT: return "split";
    case CARESTAT_LINK_PART: return "part";
    }
    return "unknown";
}

const char *carestat_expand_flag_name(carestat_expand_flag flag)
{
    switch (flag) {
    case CARESTAT_EXPAND_TRUST: return "trust";
    case CARESTAT_EXPAND_LINEAGE: return "lineage";
    case CARESTAT_EXPAND_WIDER: return "wider";
    case CARESTAT_EXPAND_NARROWER: return "narrower";
    case CARESTAT_EXPAND_AGGREGATE: return "aggregate";
    }
    return "unknown";
}

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

int cs_org_streqn(const char *a, const char *b, size_t blen)
{
    size_t i = 0;
    for (; i < blen; i++) {
        if (a[i] == '\0' || lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
    }
    return a[i] == '\0';
}

int cs_org_streq(const char *a, const char *b) { return cs_org_streqn(a, b, strlen(b)); }

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
        (*n)--;
}

static const cs_org_user *user_slot(const carestat_dataset *ds)
{
    return ds ? (const cs_org_user *)cs_ds_slot(ds, CS_SLOT_ORGS) : NULL;
}

size_t cs_org_list_count(const carestat_dataset *ds)
{
    const cs_org_user *u = user_slot(ds);
    return u ? u->neff : cs_org_builtin_count;
}

const carestat_org *cs_org_list_get(const carestat_dataset *ds, size_t i)
{
    const cs_org_user *u = user_slot(ds);
    if (u) return i < u->neff ? u->eff[i] : NULL;
    return i < cs_org_builtin_count ? &cs_org_builtin[i] : NULL;
}

void cs_org_list(const carestat_dataset *ds, const carestat_org *const **list_or_null, size_t *n)
{
    const cs_org_user *u = user_slot(ds);
    if (u) {
        *list_or_null = u->eff;
        *n = u->neff;
    } else {
        *list_or_null = NULL;
        *n = cs_org_builtin_count;
    }
}

int carestat_org_exists_at(const carestat_org *org, carestat_date at)
{
    if (!org || at == CARESTAT_DATE_NONE) return 0;
    if (org->start != CARESTAT_DATE_NONE && at < org->start) return 0;
    if (org->end != CARESTAT_DATE_NONE && at > org->end) return 0;
    return 1;
}

const carestat_org *cs_org_by_code(const carestat_dataset *ds, const char *code)
{
    size_t n = cs_org_list_count(ds);
    for (size_t i = 0; i < n; i++) {
        const carestat_org *o = cs_org_list_get(ds, i);
        if (cs_org_streq(o->code, code)) return o;
    }
    return NULL;
}

/* Preference among several organisations sharing a 3-digit code or a name. */
static int better(const carestat_org *cand, const carestat_org *best, carestat_date at)
{
    if (!best) return 1;
    int ca = carestat_org_exists_at(cand, at), ba = carestat_org_exists_at(best, at);
    if (ca != ba) return ca > ba;
    int cc = cand->end == CARESTAT_DATE_NONE, bc = best->end == CARESTAT_DATE_NONE;
    if (cc != bc) return cc > bc;
    if (!cc && cand->end != best->end) return cand->end > best->end;
    return cand->user_defined > best->user_defined;
}

const carestat_org *cs_org_lookup(const carestat_dataset *ds, const char *s, size_t n, carestat_date at)
{
    trim(&s, &n);
    if (n == 0) return NULL;
    size_t cnt = cs_org_list_count(ds);
    /* 1. canonical code */
    for (size_t i = 0; i < cnt; i++) {
        const carestat_org *o = cs_org_list_get(ds, i);
        if (cs_org_streqn(o->code, s, n)) return o;
    }
    /* 2. DfE 3-digit code, 3. exact name */
    for (int pass = 0; pass < 2; pass++) {
        const carestat_org *best = NULL;
        for (size_t i = 0; i < cnt; i++) {
            const carestat_org *o = cs_org_list_get(ds, i);
            const char *key = pass == 0 ? o->la_code : o->name;
            if (key && key[0] && cs_org_streqn(key, s, n) && better(o, best, at)) best = o;
        }
        if (best) return best;
    }
    /* 4. other spellings and alternative codes */
    for (size_t i = 0; i < cs_org_alias_count; i++) {
        if (cs_org_streqn(cs_org_aliases[i].alias, s, n)) {
            const carestat_org *o = cs_org_by_code(ds, cs_org_aliases[i].code);
            if (o) return o;
        }
    }
    return NULL;
}

int carestat_org_find(const carestat_org **out, const char *code_or_name)
{
    return carestat_org_find_at(out, code_or_name, CARESTAT_DATE_NONE);
}

int carestat_org_find_at(const carestat_org **out, const char *code_or_name, carestat_date at)
{
    return carestat_dataset_org_find_at(out, NULL, code_or_name, at);
}

int carestat_dataset_org_find(const carestat_org **out, const carestat_dataset *ds, const char *code_or_name)
{
    return carestat_dataset_org_find_at(out, ds, code_or_name, CARESTAT_DATE_NONE);
}

int carestat_dataset_org_find_at(const carestat_org **out, const carestat_dataset *ds, const char *code_or_name,
                                 carestat_date at)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!code_or_name) return CARESTAT_EINVAL;
    const carestat_org *o = cs_org_lookup(ds, code_or_name, strlen(code_or_name), at);
    if (!o) return CARESTAT_ENOTFOUND;
    *out = o;
    return CARESTAT_OK;
}

size_t carestat_org_count(void) { return cs_org_builtin_count; }

int carestat_org_at(const carestat_org **out, size_t index)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (index >= cs_org_builtin_count) return CARESTAT_ERANGE;
    *out = &cs_org_builtin[index];
    return CARESTAT_OK;
}

size_t carestat_dataset_org_count(const carestat_dataset *ds) { return cs_org_list_count(ds); }

int carestat_dataset_org_at(const carestat_org **out, const carestat_dataset *ds, size_t index)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (index >= cs_org_list_count(ds)) return CARESTAT_ERANGE;
    *out = cs_org_list_get(ds, index);
    return CARESTAT_OK;
}

int carestat_dataset_org_region(const carestat_org **out, const carestat_dataset *ds, const char *code)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!code) return CARESTAT_EINVAL;
    const carestat_org *o = cs_org_lookup(ds, code, strlen(code), CARESTAT_DATE_NONE);
    if (!o || !o->region_code || !o->region_code[0]) return CARESTAT_ENOTFOUND;
    const carestat_org *r = cs_org_by_code(ds, o->region_code);
    if (!r) return CARESTAT_ENOTFOUND;
    *out = r;
    return CARESTAT_OK;
}

/* ---- user-defined organisations ---- */

static void org_user_free(void *p)
{
    cs_org_user *u = p;
    if (!u) return;
    for (size_t i = 0; i < u->norgs; i++) {
        carestat_org *o = u->orgs[i];
        cs_free((char *)o->code);
        cs_free((char *)o->la_code);
        cs_free((char *)o->name);
        cs_free((char *)o->region_code);
        cs_free(o);
    }
    cs_free(u->orgs);
    cs_free(u->eff);
    for (size_t i = 0; i < u->nlinks; i++) {
        cs_free((char *)u->links[i].from_code);
        cs_free((char *)u->links[i].to_code);
    }
    cs_free(u->links);
    for (size_t i = 0; i < u->ndels; i++) {
        cs_free((char *)u->dels[i].trust_code);
        cs_free((char *)u->dels[i].council_code);
    }
    cs_free(u->dels);
    cs_free(u);
}

/* The dataset's user slot, created (with the built-in list as the effective list) on first use. */
static cs_org_user *user_slot_get(carestat_dataset *ds)
{
    cs_org_user *u = cs_ds_slot(ds, CS_SLOT_ORGS);
    if (u) return u;
    u = cs_calloc(1, sizeof *u);
    if (!u) return NULL;
    if (CS_GROW(u->eff, u->eff_cap, cs_org_builtin_count + 16)) {
        cs_free(u);
        return NULL;
    }
    for (size_t i = 0; i < cs_org_builtin_count; i++) u->eff[i] = &cs_org_builtin[i];
    u->neff = cs_org_builtin_count;
    cs_ds_set_slot(ds, CS_SLOT_ORGS, u, org_user_free);
    return u;
}

int carestat_dataset_org_add(carestat_dataset *ds, const carestat_org *org)
{
    if (!ds || !org) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    if (!org->code || !org->code[0] || !org->name || !org->name[0])
        return cs_ds_fail(ds, CARESTAT_EINVAL, "organisation code and name must be non-empty");
    if ((unsigned)org->kind > CARESTAT_ORG_COUNTRY)
        return cs_ds_fail(ds, CARESTAT_EINVAL, "organisation %s: unknown kind %d", org->code, (int)org->kind);
    if (org->start != CARESTAT_DATE_NONE && org->end != CARESTAT_DATE_NONE && org->end < org->start)
        return cs_ds_fail(ds, CARESTAT_EINVAL, "organisation %s ends before it starts", org->code);
    cs_org_user *u = user_slot_get(ds);
    if (!u) return CARESTAT_ENOMEM;
    if (CS_GROW(u->orgs, u->orgs_cap, u->norgs + 1) || CS_GROW(u->eff, u->eff_cap, u->neff + 1))
        return CARESTAT_ENOMEM;
    carestat_org *o = cs_calloc(1, sizeof *o);
    if (!o) return CARESTAT_ENOMEM;
    *o = *org;
    o->code = cs_strdup(org->code);
    o->la_code = cs_strdup(org->la_code ? org->la_code : "");
    o->name = cs_strdup(org->name);
    o->region_code = cs_strdup(org->region_code ? org->region_code : "");
    o->user_defined = 1;
    if (!o->code || !o->la_code || !o->name || !o->region_code) {
        cs_free((char *)o->code);
        cs_free((char *)o->la_code);
        cs_free((char *)o->name);
        cs_free((char *)o->region_code);
        cs_free(o);
        return CARESTAT_ENOMEM;
    }
    u->orgs[u->norgs++] = o;
    for (size_t i = 0; i < u->neff; i++) {
        if (cs_org_streq(u->eff[i]->code, o->code)) {
            u->eff[i] = o; /* override in place; the old one stays allocated (borrowed pointers remain valid) */
            return CARESTAT_OK;
        }
    }
    u->eff[u->neff++] = o;
    return CARESTAT_OK;
}

/* ---- lineage and trust tables ---- */

size_t cs_org_link_count(const carestat_dataset *ds)
{
    const cs_org_user *u = user_slot(ds);
    return (u ? u->nlinks : 0) + cs_org_builtin_link_count;
}

const carestat_lineage_link *cs_org_link_get(const carestat_dataset *ds, size_t i)
{
    const cs_org_user *u = user_slot(ds);
    size_t nu = u ? u->nlinks : 0;
    if (i < nu) return &u->links[i];
    i -= nu;
    return i < cs_org_builtin_link_count ? &cs_org_builtin_links[i] : NULL;
}

size_t cs_org_delivery_count(const carestat_dataset *ds)
{
    const cs_org_user *u = user_slot(ds);
    return (u ? u->ndels : 0) + cs_org_builtin_delivery_count;
}

const carestat_trust_delivery *cs_org_delivery_get(const carestat_dataset *ds, size_t i)
{
    const cs_org_user *u = user_slot(ds);
    size_t nu = u ? u->ndels : 0;
    if (i < nu) return &u->dels[i];
    i -= nu;
    return i < cs_org_builtin_delivery_count ? &cs_org_builtin_deliveries[i] : NULL;
}

int carestat_dataset_lineage_add(carestat_dataset *ds, const carestat_lineage_link *link)
{
    if (!ds || !link || !link->from_code || !link->to_code) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    if ((unsigned)link->kind > CARESTAT_LINK_PART || link->date == CARESTAT_DATE_NONE)
        return cs_ds_fail(ds, CARESTAT_EINVAL, "lineage link: unknown kind or missing date");
    const carestat_org *a = cs_org_lookup(ds, link->from_code, strlen(link->from_code), CARESTAT_DATE_NONE);
    const carestat_org *b = cs_org_lookup(ds, link->to_code, strlen(link->to_code), CARESTAT_DATE_NONE);
    if (!a || !b)
        return cs_ds_fail(ds, CARESTAT_ENOTFOUND, "lineage link: unknown organisation '%s'",
                          a ? link->to_code : link->from_code);
    if (a == b) return cs_ds_fail(ds, CARESTAT_EINVAL, "lineage link from %s to itself", a->code);
    cs_org_user *u = user_slot_get(ds);
    if (!u || CS_GROW(u->links, u->links_cap, u->nlinks + 1)) return CARESTAT_ENOMEM;
    carestat_lineage_link l = *link;
    l.from_code = cs_strdup(a->code);
    l.to_code = cs_strdup(b->code);
    if (!l.from_code || !l.to_code) {
        cs_free((char *)l.from_code);
        cs_free((char *)l.to_code);
        return CARESTAT_ENOMEM;
    }
    u->links[u->nlinks++] = l;
    return CARESTAT_OK;
}

int carestat_dataset_trust_add_council(carestat_dataset *ds, const carestat_trust_delivery *delivery)
{
    if (!ds || !delivery || !delivery->trust_code || !delivery->council_code) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    const carestat_org *t =
        cs_org_lookup(ds, delivery->trust_code, strlen(delivery->trust_code), CARESTAT_DATE_NONE);
    const carestat_org *c =
        cs_org_lookup(ds, delivery->council_code, strlen(delivery->council_code), CARESTAT_DATE_NONE);
    if (!t || !c)
        return cs_ds_fail(ds, CARESTAT_ENOTFOUND, "trust delivery: unknown organisation '%s'",
                          t ? delivery->council_code : delivery->trust_code);
    if (t->kind != CARESTAT_ORG_TRUST || c->kind != CARESTAT_ORG_COUNCIL)
        return cs_ds_fail(ds, CARESTAT_EINVAL, "trust delivery: %s must be a trust and %s a council", t->code,
                          c->code);
    if (delivery->start != CARESTAT_DATE_NONE && delivery->end != CARESTAT_DATE_NONE &&
        delivery->end < delivery->start)
        return cs_ds_fail(ds, CARESTAT_EINVAL, "trust delivery: ends before it starts");
    cs_org_user *u = user_slot_get(ds);
    if (!u || CS_GROW(u->dels, u->dels_cap, u->ndels + 1)) return CARESTAT_ENOMEM;
    carestat_trust_delivery d = *delivery;
    d.trust_code = cs_strdup(t->code);
    d.council_code = cs_strdup(c->code);
    if (!d.trust_code || !d.council_code) {
        cs_free((char *)d.trust_code);
        cs_free((char *)d.council_code);
        return CARESTAT_ENOMEM;
    }
    u->dels[u->ndels++] = d;
    return CARESTAT_OK;
}
