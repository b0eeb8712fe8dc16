/* Private to lib/inspection: the CS_SLOT_INSPECTIONS store. */
#ifndef CS_INSP_INTERNAL_H
#define CS_INSP_INTERNAL_H

#include "carestat/inspection.h"
#include "core/dataset_internal.h"
#include "core/strpool.h"

typedef struct cs_insp_store {
    carestat_inspection *items; /* sorted by (org code, date, publication date) after each load */
    size_t n, cap;
    cs_strpool pool; /* themes and source names */
} cs_insp_store;

/* Sort the store (after a load). */
void cs_insp_sort(cs_insp_store *st);

#endif
