/* Readers for Ofsted's published LA inspection outcome tables (CSV extracts). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "inspection/insp_internal.h"
#include "org/org_internal.h"

static void store_free(void *p)
{
    cs_insp_store *st = p;
    if (!st) return;
    cs_free(st->items);
    cs_strpool_free(&st->pool);
    cs_free(st);
}

static int cmp_insp(const void *pa, const void *pb)
{
    const carestat_inspection *a = pa, *b = pb;
    int c = strcmp(a->org->code, b->org->code);
    if (c) return c;
    carestat_date da = carestat_inspection_date(a), db = carestat_inspection_date(b);
    if (da != db) return da < db ? -1 : 1;
    if (a->published != b->published) return a->published < b->published ? -1 : 1;
    if (a->type != b->type) return a->type < b->type ? -1 : 1;
    return 0;
}

void cs_insp_sort(cs_insp_store *st)
{
    if (st->n > 1) qsort(st->items, st->n, sizeof *st->items, cmp_insp);
}

/* ---- reading context ---- */

/* Index of the store by (organisation, date) for finding the same inspection read earlier: each
 * inspection is entered under its publication date and its start date. Open addressing; lives for
 * one load (indices change when the store is sorted). */
typedef struct dd_slot {
    size_t idx1; /* item index + 1; 0 = empty */
    carestat_date date;
} dd_slot;

typedef struct dd_index {
    dd_slot *slots;
    size_t cap, used; /* cap is a power of two */
} dd_index;

typedef struct rd {
    carestat_dataset *ds;
    dd_index dd;
    cs_csv *r;
    cs_insp_store *st;
    const char *source; /* interned */
    unsigned row_errors;
    int stop; /* STOP mode hit an error */
} rd;

static void trimf(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
        (*n)--;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void row_error(rd *x, uint32_t col, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cs_csv_diag(x->r, CARESTAT_SEV_ERROR, col, code, "%s", msg);
    x->row_errors++;
    if (x->ds->opts.error_mode == CARESTAT_ROWS_STOP) x->stop = 1;
}

/* Field idx (0-based) as a date; "" is none. Bad text: diagnostic, none. */
static carestat_date field_date(rd *x, int idx)
{
    if (idx < 0) return CARESTAT_DATE_NONE;
    size_t len;
    const char *f = cs_csv_field(x->r, (size_t)idx, &len);
    trimf(&f, &len);
    if (len == 0) return CARESTAT_DATE_NONE;
    carestat_date d;
    if (carestat_date_parse(&d, f, len) != CARESTAT_OK) {
        row_error(x, (uint32_t)idx + 1, "INSPECTION_BAD_DATE", "not a date: '%.*s'", (int)len, f);
        return CARESTAT_DATE_NONE;
    }
    return d;
}

static carestat_grade field_grade(rd *x, int idx)
{
    if (idx < 0) return CARESTAT_GRADE_NONE;
    size_t len;
    const char *f = cs_csv_field(x->r, (size_t)idx, &len);
    carestat_grade g;
    if (carestat_grade_parse(&g, f) != CARESTAT_OK) {
        row_error(x, (uint32_t)idx + 1, "INSPECTION_UNKNOWN_GRADE", "unknown grade '%s'", f);
        return CARESTAT_GRADE_NONE;
    }
    return g;
}

static int parse_type(const char *f, size_t len, carestat_inspection_type *out)
{
    static const struct {
        const char *s;
        carestat_inspection_type t;
    } t[] = {
        {"ILACS Standard Inspection", CARESTAT_INSP_ILACS_STANDARD},
        {"ILACS Standard", CARESTAT_INSP_ILACS_STANDARD},
        {"Standard", CARESTAT_INSP_ILACS_STANDARD},
        {"ILACS Short Inspection", CARESTAT_INSP_ILACS_SHORT},
        {"ILACS Short", CARESTAT_INSP_ILACS_SHORT},
        {"Short", CARESTAT_INSP_ILACS_SHORT},
        {"ILACS Focused Visit", CARESTAT_INSP_FOCUSED_VISIT},
        {"Focused Visit", CARESTAT_INSP_FOCUSED_VISIT},
        {"LA Monitoring visit", CARESTAT_INSP_MONITORING_VISIT},
        {"Monitoring visit", CARESTAT_INSP_MONITORING_VISIT},
        {"Joint targeted area inspection", CARESTAT_INSP_JTAI},
        {"JTAI", CARESTAT_INSP_JTAI},
        {"SIF", CARESTAT_INSP_SIF},
        {"SLAC", CARESTAT_INSP_SLAC},
        {"CPI", CARESTAT_INSP_CPI},
        {"CPRI", CARESTAT_INSP_CPRI},
        {"TLAC", CARESTAT_INSP_TLAC},
    };
    trimf(&f, &len);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (cs_org_streqn(t[i].s, f, len)) {
            *out = t[i].t;
            return 1;
        }
    }
    return 0;
}

/* Follow code changes (RENAME links) to the organisation that existed on the date. */
static const carestat_org *remap(const carestat_dataset *ds, const carestat_org *o, carestat_date at)
{
    if (at == CARESTAT_DATE_NONE) return o;
    for (int depth = 0; depth < 8 && !carestat_org_exists_at(o, at); depth++) {
        int backward = o->start != CARESTAT_DATE_NONE && at < o->start;
        const carestat_org *next = NULL;
        size_t nl = cs_org_link_count(ds);
        for (size_t i = 0; i < nl && !next; i++) {
            const carestat_lineage_link *l = cs_org_link_get(ds, i);
            if (l->kind != CARESTAT_LINK_RENAME) continue;
            if (cs_org_streq(backward ? l->to_code : l->from_code, o->code))
                next = cs_org_by_code(ds, backward ? l->from_code : l->to_code);
        }
        if (!next) break;
        o = next;
    }
    return o;
}

/* A warning when the inspection's date falls outside the life of the organisation it names (the
 * inspection is kept, attached to that organisation). */
static void check_alive(rd *x, const carestat_org *o, carestat_date when, int col)
{
    if (when == CARESTAT_DATE_NONE || carestat_org_exists_at(o, when)) return;
    char d[16], s[16] = "", e[16] = "";
    carestat_date_format(d, sizeof d, when);
    if (o->start != CARESTAT_DATE_NONE) carestat_date_format(s, sizeof s, o->start);
    if (o->end != CARESTAT_DATE_NONE) carestat_date_format(e, sizeof e, o->end);
    cs_csv_diag(x->r, CARESTAT_SEV_WARNING, (uint32_t)(col + 1), "INSPECTION_ORG_NOT_EXISTING",
                "%s %s did not exist on %s (it existed from %s to %s); kept", o->code, o->name, d, s[0] ? s : "-",
                e[0] ? e : "-");
}

/* Put the children-in-care and care-leavers grades where they belong (see inspection.h). */
static void set_cic(carestat_inspection *in, carestat_grade cic, carestat_grade cl)
{
    if (cl != CARESTAT_GRADE_NONE) {
        in->grades[CARESTAT_AREA_CHILDREN_IN_CARE] = cic;
        in->grades[CARESTAT_AREA_CARE_LEAVERS] = cl;
    } else {
        in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS] = cic;
    }
}

static int ilacs_graded(carestat_inspection_type t)
{
    return t == CARESTAT_INSP_ILACS_STANDARD || t == CARESTAT_INSP_ILACS_SHORT;
}

/* Two records of the same inspection? Same organisation, compatible type, and the same publication
 * date; for ILACS standard/short inspections publication dates up to 92 days apart also match, and
 * a standard/short disagreement is allowed (both occur between Ofsted's own tables, e.g. Nottingham
 * 2022 and Merton 2022 in the 2023 history vs the 2025 ILACS history; a warning is given). */
static int same_inspection(const carestat_inspection *a, const carestat_inspection *b)
{
    if (a->org != b->org) return 0;
    int ilacs = ilacs_graded(a->type) && ilacs_graded(b->type);
    if (a->type != b->type && a->type != CARESTAT_INSP_UNKNOWN && b->type != CARESTAT_INSP_UNKNOWN && !ilacs)
        return 0;
    if (a->published != CARESTAT_DATE_NONE && b->published != CARESTAT_DATE_NONE) {
        int32_t diff = a->published > b->published ? a->published - b->published : b->published - a->published;
        return diff == 0 || (ilacs && diff <= 92);
    }
    return a->start != CARESTAT_DATE_NONE && a->start == b->start;
}

static size_t dd_hash(const carestat_org *o, carestat_date d)
{
    uint64_t h = (uint64_t)(uintptr_t)o * 0x9E3779B97F4A7C15u ^ ((uint64_t)(uint32_t)d * 0xC2B2AE3D27D4EB4Fu);
    h ^= h >> 29;
    return (size_t)h;
}

static int dd_put(rd *x, size_t idx, carestat_date d);

static int dd_grow(rd *x)
{
    dd_index old = x->dd;
    size_t cap = old.cap ? old.cap * 2 : 1024;
    dd_slot *slots = cs_calloc(cap, sizeof *slots);
    if (!slots) return CARESTAT_ENOMEM;
    x->dd.slots = slots;
    x->dd.cap = cap;
    x->dd.used = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].idx1) dd_put(x, old.slots[i].idx1 - 1, old.slots[i].date); /* cannot grow again */
    cs_free(old.slots);
    return CARESTAT_OK;
}

static int dd_put(rd *x, size_t idx, carestat_date d)
{
    if (d == CARESTAT_DATE_NONE) return CARESTAT_OK;
    if ((x->dd.used + 1) * 2 > x->dd.cap) {
        int rc = dd_grow(x);
        if (rc) return rc;
    }
    size_t mask = x->dd.cap - 1, i = dd_hash(x->st->items[idx].org, d) & mask;
    while (x->dd.slots[i].idx1) i = (i + 1) & mask;
    x->dd.slots[i].idx1 = idx + 1;
    x->dd.slots[i].date = d;
    x->dd.used++;
    return CARESTAT_OK;
}

/* An earlier record of the same inspection entered under date d, or NULL. */
static carestat_inspection *dd_find(rd *x, const carestat_inspection *in, carestat_date d)
{
    if (!x->dd.cap || d == CARESTAT_DATE_NONE) return NULL;
    size_t mask = x->dd.cap - 1, i = dd_hash(in->org, d) & mask;
    for (; x->dd.slots[i].idx1; i = (i + 1) & mask) {
        carestat_inspection *e = &x->st->items[x->dd.slots[i].idx1 - 1];
        if (x->dd.slots[i].date == d && e->org == in->org && same_inspection(e, in)) return e;
    }
    return NULL;
}

static int dd_build(rd *x)
{
    for (size_t i = 0; i < x->st->n; i++) {
        int rc = dd_put(x, i, x->st->items[i].published);
        if (!rc && x->st->items[i].start != x->st->items[i].published) rc = dd_put(x, i, x->st->items[i].start);
        if (rc) return rc;
    }
    return CARESTAT_OK;
}

/* Add (or merge into an earlier copy of the same inspection). */
static int add_inspection(rd *x, carestat_inspection *in)
{
    cs_insp_store *st = x->st;
    carestat_inspection *e = dd_find(x, in, in->published);
    if (!e) e = dd_find(x, in, in->start);
    if (!e && ilacs_graded(in->type) && in->published != CARESTAT_DATE_NONE)
        for (int32_t k = 1; k <= 92 && !e; k++) {
            e = dd_find(x, in, in->published - k);
            if (!e) e = dd_find(x, in, in->published + k);
        }
    if (e) {
        if (e->type != in->type && e->type != CARESTAT_INSP_UNKNOWN && in->type != CARESTAT_INSP_UNKNOWN)
            cs_csv_diag(x->r, CARESTAT_SEV_WARNING, 0, "INSPECTION_CONFLICT",
                        "%s: type '%s' here but '%s' in %s line %llu (kept)", e->org->code,
                        carestat_inspection_type_name(in->type), carestat_inspection_type_name(e->type), e->source,
                        (unsigned long long)e->line);
        if (e->published != in->published && e->published != CARESTAT_DATE_NONE && in->published != CARESTAT_DATE_NONE) {
            char d1[16], d2[16];
            carestat_date_format(d1, sizeof d1, in->published);
            carestat_date_format(d2, sizeof d2, e->published);
            cs_csv_diag(x->r, CARESTAT_SEV_WARNING, 0, "INSPECTION_CONFLICT",
                        "%s: publication date %s here but %s in %s line %llu (kept)", e->org->code, d1, d2,
                        e->source, (unsigned long long)e->line);
        }
        if (e->start == CARESTAT_DATE_NONE) e->start = in->start;
        if (e->published == CARESTAT_DATE_NONE) e->published = in->published;
        if (e->type == CARESTAT_INSP_UNKNOWN) e->type = in->type;
        if (!e->theme[0]) e->theme = in->theme;
        for (int a = 0; a < CARESTAT_JUDGEMENT_AREA_COUNT; a++) {
            if (in->grades[a] == CARESTAT_GRADE_NONE) continue;
            if (e->grades[a] == CARESTAT_GRADE_NONE) {
                e->grades[a] = in->grades[a];
            } else if (e->grades[a] != in->grades[a]) {
                cs_csv_diag(x->r, CARESTAT_SEV_WARNING, 0, "INSPECTION_CONFLICT",
                            "%s %s: '%s' here but '%s' in %s line %llu (kept)", e->org->code,
                            carestat_judgement_area_key((carestat_judgement_area)a), carestat_grade_name(in->grades[a]),
                            carestat_grade_name(e->grades[a]), e->source, (unsigned long long)e->line);
            }
        }
        return CARESTAT_OK;
    }
    if (CS_GROW(st->items, st->cap, st->n + 1)) return CARESTAT_ENOMEM;
    size_t idx = st->n++;
    st->items[idx] = *in;
    int rc = dd_put(x, idx, in->published);
    if (!rc && in->start != in->published) rc = dd_put(x, idx, in->start);
    return rc;
}

static void init_insp(rd *x, carestat_inspection *in)
{
    memset(in, 0, sizeof *in);
    in->start = CARESTAT_DATE_NONE;
    in->published = CARESTAT_DATE_NONE;
    in->theme = "";
    in->source = x->source;
    in->line = cs_csv_line(x->r);
}

/* ---- layout A: one row per inspection ---- */

enum { A_CODE, A_NAME, A_START, A_PUB, A_TYPE, A_THEME, A_OE, A_LEAD, A_HP, A_CIC, A_CL, A_N };
static const cs_csv_col a_cols[A_N] = {
    {"Local authority area code|LA area code|new_la_code|LTLA23CD", 1},
    {"Local authority name|la_name|Local Authority", 0},
    {"Inspection date|Inspection/Visit date|Inspection Start Date", 0},
    {"Publication date", 0},
    {"Inspection type|Inspection/Visit type|Inspection Framework", 0},
    {"Visit Theme", 0},
    {"Overall effectiveness|Overall Effectiveness Grade", 1},
    {"The impact of leaders on social work practice with children and families|Impact Of Leaders Grade", 0},
    {"The experiences and progress of children who need help and protection|Help And Protection Grade", 0},
    {"The experiences and progress of children in care|In Care Grade", 0},
    {"The experiences and progress of care leavers|Care Leavers Grade", 0},
};

static int read_row_a(rd *x, const int *idx, int *accepted)
{
    *accepted = 0;
    size_t len;
    const char *code = cs_csv_field(x->r, (size_t)idx[A_CODE], &len);
    carestat_inspection in;
    init_insp(x, &in);
    in.start = field_date(x, idx[A_START]);
    in.published = field_date(x, idx[A_PUB]);
    carestat_date when = in.start != CARESTAT_DATE_NONE ? in.start : in.published;
    const carestat_org *o = cs_org_lookup(x->ds, code, len, when);
    if (!o) {
        const char *name = idx[A_NAME] >= 0 ? cs_csv_field(x->r, (size_t)idx[A_NAME], &len) : "";
        if (name[0]) o = cs_org_lookup(x->ds, name, len, when);
        if (!o) {
            row_error(x, (uint32_t)idx[A_CODE] + 1, "INSPECTION_UNKNOWN_ORG", "unknown local authority '%s'", code);
            return CARESTAT_OK;
        }
    }
    in.org = remap(x->ds, o, when);
    check_alive(x, in.org, when, idx[A_CODE]);
    if (idx[A_TYPE] >= 0) {
        const char *t = cs_csv_field(x->r, (size_t)idx[A_TYPE], &len);
        const char *tt = t;
        size_t tl = len;
        trimf(&tt, &tl);
        if (tl && !parse_type(t, len, &in.type))
            row_error(x, (uint32_t)idx[A_TYPE] + 1, "INSPECTION_UNKNOWN_TYPE", "unknown inspection type '%s'", t);
    }
    if (idx[A_THEME] >= 0) {
        const char *t = cs_csv_field(x->r, (size_t)idx[A_THEME], &len);
        trimf(&t, &len);
        uint32_t id;
        if (cs_strpool_intern(&x->st->pool, t, len, &id)) return CARESTAT_ENOMEM;
        in.theme = cs_strpool_get(&x->st->pool, id);
    }
    in.grades[CARESTAT_AREA_OVERALL] = field_grade(x, idx[A_OE]);
    in.grades[CARESTAT_AREA_LEADERS] = field_grade(x, idx[A_LEAD]);
    in.grades[CARESTAT_AREA_HELP_PROTECTION] = field_grade(x, idx[A_HP]);
    carestat_grade cic = field_grade(x, idx[A_CIC]), cl = field_grade(x, idx[A_CL]);
    set_cic(&in, cic, cl);
    if (in.start == CARESTAT_DATE_NONE && in.published == CARESTAT_DATE_NONE) {
        row_error(x, (uint32_t)(idx[A_START] >= 0 ? idx[A_START] : idx[A_PUB] >= 0 ? idx[A_PUB] : 0) + 1,
                  "INSPECTION_NO_DATE", "inspection of %s has no usable date: row rejected", in.org->code);
        return CARESTAT_OK;
    }
    if (x->row_errors && x->ds->opts.error_mode != CARESTAT_ROWS_KEEP) return CARESTAT_OK;
    int rc = add_inspection(x, &in);
    if (!rc) *accepted = 1;
    return rc;
}

/* ---- layout B: the 2009-2023 wide history ---- */

enum { G_SLAC, G_SLAC_RS, G_SLAC_RC, G_CPI, G_CPRI, G_TLAC, G_SIF, G_SIFR, G_ILACS1, G_ILACS2, G_N };
enum { R_DATE, R_TYPE, R_GRADE, R_CIC, R_CL };

typedef struct wide_def {
    const char *name; /* normalised header (single spaces) */
    int group, role, area;
} wide_def;

static const wide_def wide_defs[] = {
    {"Safeguarding & Looked After Children (SLAC) Inspection publication date", G_SLAC, R_DATE, 0},
    {"SLAC Safeguarding Overall effectiveness (OE)", G_SLAC, R_GRADE, CARESTAT_AREA_SLAC_SAFEGUARDING},
    {"SLAC Looked After Children Overall Effectiveness (OE)", G_SLAC, R_GRADE, CARESTAT_AREA_SLAC_LOOKED_AFTER},
    {"SLAC re-inspection of Safeguarding publication date", G_SLAC_RS, R_DATE, 0},
    {"SLAC re-inspection Safeguarding OE", G_SLAC_RS, R_GRADE, CARESTAT_AREA_SLAC_SAFEGUARDING},
    {"SLAC re-inspection of services for Children Looked After publication date", G_SLAC_RC, R_DATE, 0},
    {"SLAC re-inspection of services Children Looked After OE", G_SLAC_RC, R_GRADE, CARESTAT_AREA_SLAC_LOOKED_AFTER},
    {"Child Protection Inspections (CPI) publication date", G_CPI, R_DATE, 0},
    {"CPI Overall Effectiveness (OE)", G_CPI, R_GRADE, CARESTAT_AREA_OVERALL},
    {"Child Protection Re-Inspection (CPRI) publication date", G_CPRI, R_DATE, 0},
    {"CPRI Overall Effectiveness (OE)", G_CPRI, R_GRADE, CARESTAT_AREA_OVERALL},
    {"Targeted Looked After Children (TLAC) inspection publication date", G_TLAC, R_DATE, 0},
    {"TLAC Overall Effectiveness (OE)", G_TLAC, R_GRADE, CARESTAT_AREA_OVERALL},
    {"Single Inspection of LA Children's Services (SIF) First SIF publication date", G_SIF, R_DATE, 0},
    {"First SIF Overall Judgement (OE)", G_SIF, R_GRADE, CARESTAT_AREA_OVERALL},
    {"First SIF children who need help and protection", G_SIF, R_GRADE, CARESTAT_AREA_SIF_HELP_PROTECTION},
    {"First SIF children looked after and achieving permanence", G_SIF, R_GRADE, CARESTAT_AREA_SIF_LOOKED_AFTER},
    {"First SIF CLA Sub: Adoption Performance", G_SIF, R_GRADE, CARESTAT_AREA_SIF_ADOPTION},
    {"First SIF CLA Sub: Experiences and progress of care leavers", G_SIF, R_GRADE, CARESTAT_AREA_SIF_CARE_LEAVERS},
    {"First SIF leadership, management and governance", G_SIF, R_GRADE, CARESTAT_AREA_SIF_LEADERSHIP},
    {"LSCB Overall Effectiveness", G_SIF, R_GRADE, CARESTAT_AREA_LSCB},
    {"Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date", G_SIFR, R_DATE, 0},
    {"SIF Re-inspection Overall Judgement (OE)", G_SIFR, R_GRADE, CARESTAT_AREA_OVERALL},
    {"SIF Re-inspection children who need help and protection", G_SIFR, R_GRADE, CARESTAT_AREA_SIF_HELP_PROTECTION},
    {"SIF Re-inspection children looked after and achieving permanence", G_SIFR, R_GRADE,
     CARESTAT_AREA_SIF_LOOKED_AFTER},
    {"SIF Re-inspection CLA Sub: Adoption Performance", G_SIFR, R_GRADE, CARESTAT_AREA_SIF_ADOPTION},
    {"SIF Re-inspection CLA Sub: Experiences and progress of care leavers", G_SIFR, R_GRADE,
     CARESTAT_AREA_SIF_CARE_LEAVERS},
    {"SIF Re-inspection leadership, management and governance", G_SIFR, R_GRADE, CARESTAT_AREA_SIF_LEADERSHIP},
};

static const struct {
    const char *suffix;
    int role, area;
} ilacs_suffixes[] = {
    {"inspection type", R_TYPE, 0},
    {"publication date", R_DATE, 0},
    {"overall effectiveness", R_GRADE, CARESTAT_AREA_OVERALL},
    {"impact of leaders", R_GRADE, CARESTAT_AREA_LEADERS},
    {"experiences and progress of children who need help and protection", R_GRADE, CARESTAT_AREA_HELP_PROTECTION},
    {"experiences and progress of children in care and care leavers", R_GRADE, CARESTAT_AREA_CIC_AND_CARE_LEAVERS},
    {"experiences and progress of children in care", R_CIC, 0},
    {"experiences and progress of care leavers", R_CL, 0},
};

/* Collapse runs of white space (including the newlines inside some headers) into one space. */
static void normalise(char *dst, size_t cap, const char *src, size_t len)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len && o + 1 < cap; i++) {
        char c = src[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && o) dst[o++] = ' ';
        space = 0;
        if (o + 1 < cap) dst[o++] = c;
    }
    dst[o] = '\0';
}

typedef struct wide_map {
    int date[G_N], type[G_N], cic[G_N], cl[G_N];
    int grade[G_N][CARESTAT_JUDGEMENT_AREA_COUNT];
    int name;
} wide_map;

static int map_wide(cs_csv *r, wide_map *m)
{
    for (int g = 0; g < G_N; g++) {
        m->date[g] = m->type[g] = m->cic[g] = m->cl[g] = -1;
        for (int a = 0; a < CARESTAT_JUDGEMENT_AREA_COUNT; a++) m->grade[g][a] = -1;
    }
    m->name = -1;
    int ndates = 0;
    char buf[256];
    size_t nf = cs_csv_nfields(r);
    for (size_t i = 0; i < nf && i < 100000; i++) {
        size_t len;
        const char *f = cs_csv_field(r, i, &len);
        normalise(buf, sizeof buf, f, len);
        int col = (int)i;
        if (cs_org_streq(buf, "Local authority name")) {
            m->name = col;
            continue;
        }
        int done = 0;
        for (size_t k = 0; k < sizeof wide_defs / sizeof wide_defs[0] && !done; k++) {
            if (!cs_org_streq(wide_defs[k].name, buf)) continue;
            const wide_def *d = &wide_defs[k];
            if (d->role == R_DATE) m->date[d->group] = col, ndates++;
            else m->grade[d->group][d->area] = col;
            done = 1;
        }
        if (done) continue;
        static const struct {
            const char *prefix;
            int group;
        } pre[] = {{"First ILACS framework ", G_ILACS1}, {"Second ILACS framework ", G_ILACS2},
                   {"ILACS framework ", G_ILACS1}};
        for (size_t p = 0; p < 3 && !done; p++) {
            size_t pl = strlen(pre[p].prefix);
            if (strlen(buf) <= pl || !cs_org_streqn(pre[p].prefix, buf, pl)) continue;
            const char *rest = buf + pl;
            for (size_t s = 0; s < sizeof ilacs_suffixes / sizeof ilacs_suffixes[0]; s++) {
                if (!cs_org_streq(ilacs_suffixes[s].suffix, rest)) continue;
                int g = pre[p].group;
                switch (ilacs_suffixes[s].role) {
                case R_TYPE: m->type[g] = col; break;
                case R_DATE: m->date[g] = col, ndates++; break;
                case R_CIC: m->cic[g] = col; break;
                case R_CL: m->cl[g] = col; break;
                default: m->grade[g][ilacs_suffixes[s].area] = col; break;
                }
                done = 1;
                break;
            }
        }
    }
    return m->name >= 0 && ndates > 0;
}

static const carestat_inspection_type group_type[G_N] = {
    CARESTAT_INSP_SLAC, CARESTAT_INSP_SLAC_REINSPECTION, CARESTAT_INSP_SLAC_REINSPECTION, CARESTAT_INSP_CPI,
    CARESTAT_INSP_CPRI, CARESTAT_INSP_TLAC, CARESTAT_INSP_SIF, CARESTAT_INSP_SIF_REINSPECTION,
    CARESTAT_INSP_UNKNOWN, CARESTAT_INSP_UNKNOWN,
};

static int read_row_b(rd *x, const wide_map *m, int *accepted)
{
    *accepted = 0;
    size_t len;
    const char *name = cs_csv_field(x->r, (size_t)m->name, &len);
    /* resolve once without a date to report unknown names; each inspection resolves with its date */
    if (!cs_org_lookup(x->ds, name, len, CARESTAT_DATE_NONE)) {
        row_error(x, (uint32_t)m->name + 1, "INSPECTION_UNKNOWN_ORG", "unknown local authority '%s'", name);
        return CARESTAT_OK;
    }
    carestat_inspection found[G_N];
    int nfound = 0;
    for (int g = 0; g < G_N; g++) {
        if (m->date[g] < 0) continue;
        const char *df = cs_csv_field(x->r, (size_t)m->date[g], &len);
        trimf(&df, &len);
        carestat_inspection in;
        init_insp(x, &in);
        in.published = field_date(x, m->date[g]);
        in.type = group_type[g];
        if (m->type[g] >= 0) {
            size_t tl;
            const char *t = cs_csv_field(x->r, (size_t)m->type[g], &tl);
            const char *tt = t;
            size_t ttl = tl;
            trimf(&tt, &ttl);
            if (ttl && !parse_type(t, tl, &in.type))
                row_error(x, (uint32_t)m->type[g] + 1, "INSPECTION_UNKNOWN_TYPE", "unknown inspection type '%s'", t);
        }
        int any = 0;
        for (int a = 0; a < CARESTAT_JUDGEMENT_AREA_COUNT; a++) {
            if (m->grade[g][a] < 0) continue;
            in.grades[a] = field_grade(x, m->grade[g][a]);
            any |= in.grades[a] != CARESTAT_GRADE_NONE;
        }
        if (m->cic[g] >= 0 || m->cl[g] >= 0) {
            carestat_grade cic = field_grade(x, m->cic[g]), cl = field_grade(x, m->cl[g]);
            set_cic(&in, cic, cl);
            any |= cic != CARESTAT_GRADE_NONE || cl != CARESTAT_GRADE_NONE;
        }
        if (len == 0) {
            if (any)
                row_error(x, (uint32_t)m->date[g] + 1, "INSPECTION_NO_DATE",
                          "grades without a publication date for this inspection (%s): skipped",
                          carestat_inspection_type_name(in.type));
            continue;
        }
        if (in.published == CARESTAT_DATE_NONE) continue; /* bad date: diagnostic given */
        const carestat_org *o = cs_org_lookup(x->ds, name, strlen(name), in.published);
        in.org = remap(x->ds, o, in.published);
        check_alive(x, in.org, in.published, m->name);
        found[nfound++] = in;
    }
    if (x->row_errors && x->ds->opts.error_mode != CARESTAT_ROWS_KEEP) return CARESTAT_OK;
    for (int i = 0; i < nfound; i++) {
        int rc = add_inspection(x, &found[i]);
        if (rc) return rc;
    }
    *accepted = 1;
    return CARESTAT_OK;
}

int carestat_dataset_load_inspections(carestat_dataset *ds, const char *path)
{
    if (!ds || !path) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    cs_csv *r = NULL;
    int rc = cs_ds_open_csv(ds, &r, path, CARESTAT_EUNSUPPORTED);
    if (rc) return rc;
    int idx[A_N];
    size_t missing = 0;
    int layout = 0;
    wide_map *wm = NULL;
    if (cs_csv_map_header(r, a_cols, A_N, idx, 1, &missing) == CARESTAT_OK && missing == 0) {
        layout = 1;
    } else {
        wm = cs_calloc(1, sizeof *wm);
        if (!wm) {
            cs_csv_close(r);
            return CARESTAT_ENOMEM;
        }
        if (map_wide(r, wm)) layout = 2;
    }
    if (!layout) {
        cs_free(wm);
        cs_csv_close(r);
        return cs_ds_fail(ds, CARESTAT_EUNSUPPORTED,
                          "%s:1: not a recognised Ofsted outcomes layout (expected 'Local authority area code' and "
                          "'Overall effectiveness', or the 2009-2023 history with 'Local authority name' and "
                          "publication date columns)",
                          path);
    }
    cs_insp_store *st = cs_ds_slot(ds, CS_SLOT_INSPECTIONS);
    if (!st) {
        st = cs_calloc(1, sizeof *st);
        if (!st) {
            cs_free(wm);
            cs_csv_close(r);
            return CARESTAT_ENOMEM;
        }
        cs_strpool_init(&st->pool);
        cs_ds_set_slot(ds, CS_SLOT_INSPECTIONS, st, store_free);
    }
    rd x = {ds, {NULL, 0, 0}, r, st, NULL, 0, 0};
    uint32_t sid;
    int status = cs_strpool_intern(&st->pool, path, strlen(path), &sid);
    if (!status) x.source = cs_strpool_get(&st->pool, sid);
    if (!status) status = dd_build(&x);
    uint64_t nread = 0, nacc = 0, nrej = 0;
    while (!status && (rc = cs_csv_next(r)) > 0) {
        if (cs_csv_record_is_empty(r)) continue;
        nread++;
        x.row_errors = cs_csv_record_errors(r);
        if (x.row_errors && ds->opts.error_mode == CARESTAT_ROWS_STOP) x.stop = 1; /* a CSV error in the record */
        int acc = 0;
        status = layout == 1 ? read_row_a(&x, idx, &acc) : read_row_b(&x, wm, &acc);
        if (acc) nacc++;
        else nrej++;
        if (x.stop) status = CARESTAT_EPARSE;
    }
    if (rc < 0 && !status) status = rc;
    cs_free(wm);
    cs_free(x.dd.slots);
    cs_insp_sort(st);
    int s2 = cs_ds_add_summary(ds, path, "inspections", nread, nacc, nrej);
    cs_csv_close(r);
    if (!status && s2) status = s2;
    if (status == CARESTAT_EPARSE) return cs_ds_fail(ds, status, "%s: stopped at the first error", path);
    if (status) return cs_ds_fail(ds, status, "%s: %s", path, carestat_strerror(status));
    return CARESTAT_OK;
}
