/* Internal: the catalogue over every indicator family. */
#ifndef CS_MEASURES_CATALOGUE_INTERNAL_H
#define CS_MEASURES_CATALOGUE_INTERNAL_H

#include "measures/family.h"

#define CS_MAX_FAMILIES 8

/* The families present in this build, in catalogue order; returns how many (at most cap written). */
size_t cs_catalogue_families(const cs_family **fams, size_t cap);
/* Definition at a catalogue index (and its family); NULL when out of range. */
const cs_indicator_def *cs_catalogue_def(size_t index, const cs_family **fam);
/* Every known CARESTAT_RULE_* bit. */
unsigned cs_rules_all(void);

#endif
