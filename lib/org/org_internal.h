/* Private to lib/org (and read by lib/inspection): the built-in registry tables and the dataset
 * slot holding user-defined organisations, lineage links, trust deliveries and neighbours. */
#ifndef CS_ORG_INTERNAL_H
#define CS_ORG_INTERNAL_H

#include <stddef.h>

#include "carestat/org.h"
#include "core/dataset_internal.h"

typedef struct cs_org_alias {
    const char *alias; /* another spelling of a name, or an alternative GSS code */
    const char *code;  /* canonical code it stands for */
} cs_org_alias;

/* Generated tables (org_registry_data.c). */
extern const carestat_org cs_org_builtin[];
extern const size_t cs_org_builtin_count;
extern const cs_org_alias cs_org_aliases[];
extern const size_t cs_org_alias_count;
extern const carestat_lineage_link cs_org_builtin_links[];
extern const size_t cs_org_builtin_link_count;
extern const carestat_trust_delivery cs_org_builtin_deliveries[];
extern const size_t cs_org_builtin_delivery_count;
extern const cs_org_alias cs_org_subregions[]; /* {council code, E13 sub-region code} */
extern const size_t cs_org_subregion_count;

/* CS_SLOT_ORGS */
typedef struct cs_org_user {
    carestat_org **orgs; /* every organisation added, owned, in order (never moved: pointers stay valid) */
    size_t norgs, orgs_cap;
    const carestat_org **eff; /* effective list: built-in (overrides in place) then new user orgs */
    size_t neff, eff_cap;
    carestat_lineage_link *links; /* user links, strings owned */
    size_t nlinks, links_cap;
    carestat_trust_delivery *dels; /* user deliveries, strings owned */
    size_t ndels, dels_cap;
} cs_org_user;

/* The effective organisation list of a dataset (ds may be NULL: the built-in registry). */
void cs_org_list(const carestat_dataset *ds, const carestat_org *const **list_or_null, size_t *n);
const carestat_org *cs_org_list_get(const carestat_dataset *ds, size_t i);
size_t cs_org_list_count(const carestat_dataset *ds);

/* Case-insensitive ASCII equality; the second string may have surrounding spaces trimmed by the caller. */
int cs_org_streq(const char *a, const char *b);
int cs_org_streqn(const char *a, const char *b, size_t blen);

/* Find by exact canonical code only (case-insensitive). NULL if none. */
const carestat_org *cs_org_by_code(const carestat_dataset *ds, const char *code);
/* Find by code, 3-digit code, name or alias (s[0..n), trimmed), preferring the org existing at `at`. */
const carestat_org *cs_org_lookup(const carestat_dataset *ds, const char *s, size_t n, carestat_date at);

/* All lineage links (user first, then built-in). */
size_t cs_org_link_count(const carestat_dataset *ds);
const carestat_lineage_link *cs_org_link_get(const carestat_dataset *ds, size_t i);
size_t cs_org_delivery_count(const carestat_dataset *ds);
const carestat_trust_delivery *cs_org_delivery_get(const carestat_dataset *ds, size_t i);

#endif
