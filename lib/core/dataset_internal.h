/* Private view of carestat_dataset shared by the modules.
 *
 * Each module keeps its loaded data in a slot it owns: it creates the slot's object on first
 * load, registers a free function, and is the only code that knows the object's layout. The
 * dataset only frees slots. Modules reach each other's data through their own internal headers. */
#ifndef CS_CORE_DATASET_INTERNAL_H
#define CS_CORE_DATASET_INTERNAL_H

#include <stdarg.h>

#include "carestat/dataset.h"
#include "core/diags.h"
#include "io/csv.h"

typedef enum cs_slot {
    CS_SLOT_ORGS = 0,     /* user-defined organisations, trusts (lib/org) */
    CS_SLOT_NEIGHBOURS,   /* statistical neighbour groupings (lib/org) */
    CS_SLOT_903,          /* SSDA903 returns (lib/ssda903) */
    CS_SLOT_WORKFORCE,    /* CSWW worker records and LA figures (lib/workforce) */
    CS_SLOT_POPULATION,   /* population denominators (lib/population) */
    CS_SLOT_INSPECTIONS,  /* Ofsted inspections (lib/inspection) */
    CS_SLOT_PUBLISHED,    /* published observations (lib/published) */
    CS_SLOT_EXTRA1,       /* spare slots for later modules */
    CS_SLOT_EXTRA2,
    CS_SLOT_COUNT
} cs_slot;

typedef struct cs_load_summary_rec {
    char *source;
    const char *table; /* static text */
    uint64_t read, accepted, rejected;
} cs_load_summary_rec;

struct carestat_dataset {
    carestat_dataset_options opts;
    carestat_diag_list *diag_list;
    cs_diags diags; /* target for every loader: list + cap */
    char errmsg[1024];
    cs_load_summary_rec *summaries;
    size_t nsummaries, summaries_cap;
    void *slot[CS_SLOT_COUNT];
    void (*slot_free[CS_SLOT_COUNT])(void *);
};

/* Set the dataset's error message (printf-style) and return code (for `return cs_ds_fail(...)`). */
int cs_ds_fail(carestat_dataset *ds, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Clear the error message (call at the start of each public call that can fail). */
void cs_ds_clear_error(carestat_dataset *ds);

/* CSV limits from the dataset options. */
void cs_ds_csv_limits(const carestat_dataset *ds, cs_csv_limits *lim);

/* Open a CSV file for a loader and read its header row: on success *out is the reader, positioned
 * on the header (record 1), and the caller closes it. On failure *out is NULL and the dataset's
 * message says why, from the tokenizer's own diagnostic where it made one ("cannot open: No such file
 * or directory", "it is a directory", a limit exceeded, naming it); an empty file fails with
 * empty_rc and "empty file (no header row)". Returns CARESTAT_OK or the failure's code. */
int cs_ds_open_csv(carestat_dataset *ds, cs_csv **out, const char *path, int empty_rc);

/* The message of the newest diagnostic added since the list held n0 entries, or NULL (for a failure
 * message that gives the tokenizer's own reason). */
const char *cs_ds_newest_message(const carestat_dataset *ds, size_t n0);

/* Record a load summary (read must equal accepted + rejected). */
int cs_ds_add_summary(carestat_dataset *ds, const char *source, const char *table, uint64_t read,
                      uint64_t accepted, uint64_t rejected);

/* Slots. cs_ds_slot returns NULL when the module has loaded nothing. */
static inline void *cs_ds_slot(const carestat_dataset *ds, cs_slot s) { return ds->slot[s]; }
void cs_ds_set_slot(carestat_dataset *ds, cs_slot s, void *obj, void (*free_fn)(void *));

#endif
