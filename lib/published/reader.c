/* Published DfE files (EES long layout and the old wide SFR layout) into observations. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dataset_internal.h"
#include "core/strpool.h"
#include "published/published_internal.h"

#define MAXDEN 4 /* columns summed for one denominator */

typedef struct colsum {
    int idx[MAXDEN];
    int n;
} colsum;

typedef struct mstate {
    const carestat_published_measure *m;
    int fcol, f2col, ccol, vcol;
    colsum den;
} mstate;

/* One matched row for one measure: role 0 = numerator row, 1 = denominator ("Total") row. */
typedef struct prec {
    uint32_t measure, org, name;
    int year, role;
    double count, value, den;
    uint32_t flags, count_flags, den_flags;
    uint64_t line;
} prec;

typedef struct reader {
    cs_csv *csv;
    cs_diags *diags;
    const carestat_dataset *ds;
    cs_strpool pool;
    mstate *ms;
    size_t nms;
    prec *recs;
    size_t nrecs, recs_cap;
    /* geography / time columns */
    int c_time, c_level, c_country, c_region, c_region_name, c_new, c_old, c_name, c_country_name;
    int file_year;
    int max_year;
    uint64_t bad_line;    /* a bad cell is reported once per row and column */
    uint64_t bad_cols[4]; /* columns 0-255 already reported on bad_line */
} reader;

/* ---------------------------------------------------------------- small text helpers */

static void trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && isspace((unsigned char)p[0])) p++, n--;
    while (n && isspace((unsigned char)p[n - 1])) n--;
    *s = p;
    *len = n;
}

static int ieq(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) return 0;
    for (size_t i = 0; i < alen; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return 0;
    return 1;
}

/* Does text match one of the '|'-separated patterns (case-insensitive, trimmed, '*' suffix = prefix)? */
static int match_alts(const char *text, size_t tlen, const char *alts)
{
    trim(&text, &tlen);
    const char *p = alts;
    while (p) {
        const char *bar = strchr(p, '|');
        size_t plen = bar ? (size_t)(bar - p) : strlen(p);
        const char *q = p;
        trim(&q, &plen);
        if (plen && q[plen - 1] == '*') {
            size_t pre = plen - 1;
            if (tlen >= pre && ieq(text, pre, q, pre)) return 1;
        } else if (ieq(text, tlen, q, plen)) {
            return 1;
        }
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* Column index for '|'-separated aliases: the first alias (in order) found in the header wins. */
static int find_col(cs_csv *csv, const char *aliases, size_t aliases_len)
{
    size_t nf = cs_csv_nfields(csv);
    const char *p = aliases, *end = aliases + aliases_len;
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        size_t plen = bar ? (size_t)(bar - p) : (size_t)(end - p);
        const char *q = p;
        trim(&q, &plen);
        int prefix = plen && q[plen - 1] == '*';
        size_t cmp = prefix ? plen - 1 : plen;
        for (size_t i = 0; plen && i < nf; i++) {
            size_t flen;
            const char *f = cs_csv_field(csv, i, &flen);
            trim(&f, &flen);
            if (prefix ? (flen >= cmp && ieq(f, cmp, q, cmp)) : ieq(f, flen, q, cmp)) return (int)i;
        }
        p = bar ? bar + 1 : end;
    }
    return -1;
}

static int find_col_z(cs_csv *csv, const char *aliases) { return aliases ? find_col(csv, aliases, strlen(aliases)) : -1; }

/* ---------------------------------------------------------------- cells */

/* Parse a published cell. Returns 0 (number, symbol or empty) or -1 (not a number). */
static int parse_cell(const char *s, size_t len, double *v, uint32_t *flags)
{
    *v = NAN;
    *flags = 0;
    trim(&s, &len);
    if (len == 0) return 0;
    static const struct {
        const char *sym;
        uint32_t flag;
    } SYMS[] = {{"c", CARESTAT_FLAG_SUPPRESSED},    {"x", CARESTAT_FLAG_NOT_AVAILABLE},
                {"z", CARESTAT_FLAG_NOT_APPLICABLE}, {"k", CARESTAT_FLAG_ROUNDS_TO_ZERO},
                {"u", CARESTAT_FLAG_UNRELIABLE},     {"low", CARESTAT_FLAG_LOW},
                {"..", CARESTAT_FLAG_NOT_AVAILABLE}, {":", CARESTAT_FLAG_NOT_AVAILABLE},
                {"-", CARESTAT_FLAG_NOT_AVAILABLE}};
    for (size_t i = 0; i < sizeof SYMS / sizeof SYMS[0]; i++) {
        if (ieq(s, len, SYMS[i].sym, strlen(SYMS[i].sym))) {
            *flags = SYMS[i].flag;
            return 0;
        }
    }
    char tmp[64];
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',') continue; /* thousands separator */
        if (s[i] == '%' && i == len - 1) break;
        if (w + 1 >= sizeof tmp) return -1;
        tmp[w++] = s[i];
    }
    tmp[w] = '\0';
    if (w == 0) return -1;
    char *endp;
    double d = strtod(tmp, &endp);
    if (*endp != '\0' || !isfinite(d)) return -1;
    /* reject hex and inf/nan spellings strtod accepts */
    for (size_t i = 0; i < w; i++)
        if (!(isdigit((unsigned char)tmp[i]) || tmp[i] == '.' || tmp[i] == '-' || tmp[i] == '+' || tmp[i] == 'e' ||
              tmp[i] == 'E'))
            return -1;
    *v = d;
    return 0;
}

/* Read a numeric cell of the current record; a bad number is a diagnostic and counts as "x". */
static double cell(reader *r, int col, uint32_t *flags)
{
    *flags = 0;
    if (col < 0) return NAN;
    size_t len;
    const char *s = cs_csv_field(r->csv, (size_t)col, &len);
    double v;
    if (parse_cell(s, len, &v, flags) != 0) {
        uint64_t line = cs_csv_line(r->csv);
        if (line != r->bad_line) {
            r->bad_line = line;
            memset(r->bad_cols, 0, sizeof r->bad_cols);
        }
        unsigned c = (unsigned)col;
        *flags = CARESTAT_FLAG_NOT_AVAILABLE;
        if (c < 256) {
            if (r->bad_cols[c / 64] & (1ull << (c % 64))) return NAN;
            r->bad_cols[c / 64] |= 1ull << (c % 64);
        }
        cs_csv_diag(r->csv, CARESTAT_SEV_ERROR, (uint32_t)col + 1, "PUB_BAD_NUMBER",
                    "'%.*s' is neither a number nor a DfE symbol; kept as not available (x)", (int)(len > 40 ? 40 : len),
                    s);
        *flags = CARESTAT_FLAG_NOT_AVAILABLE;
        return NAN;
    }
    return v;
}

int cs_pub_working_days(int year)
{
    /* the census year runs 1 October (year-1) to 30 September year: it holds February of `year` */
    return carestat_date_is_leap_year(year) ? 254 : 253;
}

/* ---------------------------------------------------------------- geography */

enum { LV_NATIONAL = 1, LV_REGION = 2, LV_LA = 3 };

static int level_of(const char *s, size_t len)
{
    trim(&s, &len);
    if (match_alts(s, len, "National|England|Country")) return LV_NATIONAL;
    if (match_alts(s, len, "Regional|Region|GOR")) return LV_REGION;
    if (match_alts(s, len, "Local authority|LA")) return LV_LA;
    return 0;
}

static int looks_gss(const char *s, size_t len)
{
    if (len != 9 || !isalpha((unsigned char)s[0])) return 0;
    for (size_t i = 1; i < 9; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* Resolve one code (GSS, 3-digit or name) into out (cap bytes). Returns 1 if resolved. */
static int resolve_one(reader *r, const char *s, size_t len, char *out, size_t cap)
{
    trim(&s, &len);
    if (len == 0 || len >= cap) return 0;
    if (looks_gss(s, len)) {
        for (size_t i = 0; i < len; i++) out[i] = (char)toupper((unsigned char)s[i]);
        out[len] = '\0';
        return 1;
    }
    char key[128];
    if (len >= sizeof key) return 0;
    memcpy(key, s, len);
    key[len] = '\0';
    const char *code;
    if (!cs_pub_org_code(r->ds, key, &code)) return 0;
    snprintf(out, cap, "%s", code);
    return 1;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* Resolve a possibly combined code ("940 / 941"). Returns 1 resolved, 0 not; *combined set. */
static int resolve_code(reader *r, const char *s, size_t len, char *out, size_t cap, int *combined)
{
    *combined = 0;
    trim(&s, &len);
    if (!memchr(s, '/', len)) return resolve_one(r, s, len, out, cap);
    char parts[8][32];
    const char *ptr[8];
    size_t np = 0;
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *sl = memchr(p, '/', (size_t)(end - p));
        size_t plen = sl ? (size_t)(sl - p) : (size_t)(end - p);
        if (np == 8 || !resolve_one(r, p, plen, parts[np], sizeof parts[np])) return 0;
        ptr[np] = parts[np];
        np++;
        p = sl ? sl + 1 : end;
    }
    qsort(ptr, np, sizeof ptr[0], cmp_str);
    size_t w = 0;
    for (size_t i = 0; i < np; i++) {
        size_t l = strlen(ptr[i]);
        if (w + l + 2 > cap) return 0;
        if (i) out[w++] = '+';
        memcpy(out + w, ptr[i], l);
        w += l;
    }
    out[w] = '\0';
    *combined = np > 1;
    return 1;
}

static const char *field(reader *r, int col, size_t *len)
{
    if (col < 0) {
        *len = 0;
        return "";
    }
    const char *s = cs_csv_field(r->csv, (size_t)col, len);
    trim(&s, len);
    return s;
}

/* Organisation of the current row: code and name. 0 = ok, -1 = rejected (diagnostic added). */
static int row_org(reader *r, char *code, size_t cap, const char **name, size_t *name_len, int *combined)
{
    size_t llen;
    const char *lv = field(r, r->c_level, &llen);
    int level = level_of(lv, llen);
    *combined = 0;
    size_t len;
    const char *s;
    switch (level) {
    case LV_NATIONAL:
        s = field(r, r->c_country, &len);
        if (!len || !looks_gss(s, len)) s = "E92000001", len = 9;
        snprintf(code, cap, "%.*s", (int)len, s);
        *name = field(r, r->c_country_name, name_len);
        if (!*name_len) *name = field(r, r->c_name, name_len);
        if (!*name_len) *name = "England", *name_len = 7;
        return 0;
    case LV_REGION: {
        *name = field(r, r->c_region_name, name_len);
        if (!*name_len) *name = field(r, r->c_name, name_len);
        s = field(r, r->c_region, &len);
        if (!len || !looks_gss(s, len)) s = field(r, r->c_new, &len);
        if (match_alts(*name, *name_len, "Inner London|Outer London") && !(len && looks_gss(s, len) && s[2] == '3')) {
            /* old files give Inner and Outer London London's own code (E12000007), or none */
            cs_csv_diag(r->csv, CARESTAT_SEV_NOTE, 0, "PUB_SUBREGION",
                        "'%.*s' has no organisation code of its own (E13...) in this file; row not used",
                        (int)*name_len, *name);
            return -1;
        }
        if (len && looks_gss(s, len)) {
            snprintf(code, cap, "%.*s", (int)len, s);
            return 0;
        }
        if (*name_len && resolve_one(r, *name, *name_len, code, cap)) return 0;
        cs_csv_diag(r->csv, CARESTAT_SEV_ERROR, 0, "PUB_UNKNOWN_REGION", "region '%.*s' has no code and is not known",
                    (int)*name_len, *name);
        return -1;
    }
    case LV_LA: {
        *name = field(r, r->c_name, name_len);
        s = field(r, r->c_new, &len);
        int col = r->c_new;
        if (!len) s = field(r, r->c_old, &len), col = r->c_old;
        if (len && resolve_code(r, s, len, code, cap, combined)) return 0;
        if (!len || r->c_old < 0 || col == r->c_old) {
            cs_csv_diag(r->csv, CARESTAT_SEV_ERROR, col >= 0 ? (uint32_t)col + 1 : 0, "PUB_UNKNOWN_ORG",
                        "local authority code '%.*s' (%.*s) is not known", (int)len, s, (int)*name_len, *name);
            return -1;
        }
        /* the new code did not resolve: try the old one */
        s = field(r, r->c_old, &len);
        if (len && resolve_code(r, s, len, code, cap, combined)) return 0;
        cs_csv_diag(r->csv, CARESTAT_SEV_ERROR, (uint32_t)r->c_old + 1, "PUB_UNKNOWN_ORG",
                    "local authority code '%.*s' (%.*s) is not known", (int)len, s, (int)*name_len, *name);
        return -1;
    }
    default:
        cs_csv_diag(r->csv, CARESTAT_SEV_WARNING, r->c_level >= 0 ? (uint32_t)r->c_level + 1 : 0, "PUB_LEVEL",
                    "geographic level '%.*s' is not national, regional or local authority; row not used",
                    (int)(llen > 60 ? 60 : llen), lv);
        return -1;
    }
}

/* Year of the current row: 2025 or 202425 (= 2025). 0 if bad. */
static int row_year(reader *r)
{
    if (r->c_time < 0) return r->file_year;
    size_t len;
    const char *s = field(r, r->c_time, &len);
    int y = 0;
    for (size_t i = 0; i < len; i++) {
        if (!isdigit((unsigned char)s[i])) return 0;
        if (i < 4) y = y * 10 + (s[i] - '0');
    }
    if (len == 4) return y;
    if (len == 6) return y + 1;
    return 0;
}

/* ---------------------------------------------------------------- measures */

static int resolve_measure(reader *r, mstate *st, const carestat_published_measure *m)
{
    memset(st, 0, sizeof *st);
    st->m = m;
    st->fcol = st->f2col = st->ccol = st->vcol = -1;
    if (!m->indicator || !*m->indicator) return 0;
    if (m->filter_column && *m->filter_column) {
        if ((st->fcol = find_col_z(r->csv, m->filter_column)) < 0) return 0;
    }
    if (m->filter2_column && *m->filter2_column) {
        if ((st->f2col = find_col_z(r->csv, m->filter2_column)) < 0) return 0;
    }
    if (m->count_column && *m->count_column) {
        if ((st->ccol = find_col_z(r->csv, m->count_column)) < 0) return 0;
    }
    if (m->value_column && *m->value_column) {
        if ((st->vcol = find_col_z(r->csv, m->value_column)) < 0) return 0;
    }
    if (st->ccol < 0 && st->vcol < 0) return 0;
    if (m->denominator_column && *m->denominator_column) {
        const char *p = m->denominator_column;
        while (*p) {
            const char *plus = strchr(p, '+');
            size_t plen = plus ? (size_t)(plus - p) : strlen(p);
            if (st->den.n == MAXDEN) return 0;
            int c = find_col(r->csv, p, plen);
            if (c < 0) return 0;
            st->den.idx[st->den.n++] = c;
            p = plus ? plus + 1 : p + plen;
        }
    }
    if (m->denominator_row && *m->denominator_row && st->f2col < 0) return 0;
    if (m->denominator_row && *m->denominator_row && st->ccol < 0) return 0;
    return 1;
}

static int filter_ok(reader *r, int col, const char *vals)
{
    if (col < 0) return 1;
    size_t len;
    const char *s = field(r, col, &len);
    return match_alts(s, len, vals);
}

static int push(reader *r, const prec *p)
{
    if (CS_GROW(r->recs, r->recs_cap, r->nrecs + 1)) return CARESTAT_ENOMEM;
    r->recs[r->nrecs++] = *p;
    return 0;
}

/* One data row: returns 1 if some measure used it, 0 if none, -1 if rejected, <-1 error code. */
static int do_row(reader *r)
{
    char code[160];
    const char *name;
    size_t name_len;
    int combined;
    int year = row_year(r);
    if (year < 1900 || year > 2200) {
        size_t len;
        const char *s = field(r, r->c_time, &len);
        cs_csv_diag(r->csv, CARESTAT_SEV_ERROR, r->c_time >= 0 ? (uint32_t)r->c_time + 1 : 0, "PUB_BAD_PERIOD",
                    "time_period '%.*s' is not a year (2025) or financial year (202425)", (int)(len > 20 ? 20 : len), s);
        return -1;
    }
    if (row_org(r, code, sizeof code, &name, &name_len, &combined) != 0) return -1;
    uint32_t org_id, name_id;
    if (cs_strpool_intern(&r->pool, code, strlen(code), &org_id) ||
        cs_strpool_intern(&r->pool, name, name_len, &name_id))
        return CARESTAT_ENOMEM;
    int used = 0;
    for (size_t k = 0; k < r->nms; k++) {
        mstate *st = &r->ms[k];
        const carestat_published_measure *m = st->m;
        if (!filter_ok(r, st->fcol, m->filter_value)) continue;
        int role = -1;
        if (st->f2col < 0 || filter_ok(r, st->f2col, m->filter2_value ? m->filter2_value : ""))
            role = 0;
        else if (m->denominator_row && *m->denominator_row && filter_ok(r, st->f2col, m->denominator_row))
            role = 1;
        if (role < 0) continue;
        prec p;
        memset(&p, 0, sizeof p);
        p.measure = (uint32_t)k;
        p.org = org_id;
        p.name = name_id;
        p.year = year;
        p.role = role;
        p.line = cs_csv_line(r->csv);
        p.count = cell(r, st->ccol, &p.count_flags);
        if (role == 0) {
            if (st->vcol >= 0) {
                p.value = cell(r, st->vcol, &p.flags);
            } else {
                p.value = p.count;
                p.flags = p.count_flags;
            }
            if (combined) p.flags |= CARESTAT_FLAG_COMBINED;
            p.den = NAN;
            if (st->den.n) {
                double sum = 0;
                for (int j = 0; j < st->den.n; j++) {
                    uint32_t f;
                    double d = cell(r, st->den.idx[j], &f);
                    p.den_flags |= f;
                    sum += d; /* NaN propagates */
                }
                double scale = m->denominator_scale;
                if (scale < 0)
                    scale = cs_pub_working_days(year);
                else if (scale == 0)
                    scale = 1;
                p.den = sum * scale;
            }
        }
        if (push(r, &p)) return CARESTAT_ENOMEM;
        used = 1;
    }
    if (year > r->max_year) r->max_year = year;
    return used;
}

static int cmp_prec(const void *a, const void *b)
{
    const prec *x = a, *y = b;
    if (x->measure != y->measure) return x->measure < y->measure ? -1 : 1;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    if (x->role != y->role) return x->role < y->role ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return 0;
}

static int emit(reader *r, carestat_table *t, const char *edition)
{
    if (r->nrecs > 1) qsort(r->recs, r->nrecs, sizeof r->recs[0], cmp_prec);
    size_t i = 0;
    while (i < r->nrecs) {
        size_t j = i;
        while (j < r->nrecs && r->recs[j].measure == r->recs[i].measure && r->recs[j].year == r->recs[i].year &&
               r->recs[j].org == r->recs[i].org)
            j++;
        /* [i, j): rows of one (measure, year, org); numerator rows first */
        const prec *num = NULL, *den = NULL;
        for (size_t k = i; k < j; k++) {
            const prec *p = &r->recs[k];
            const prec **slot = p->role == 0 ? &num : &den;
            if (*slot) {
                cs_diags_add(r->diags, CARESTAT_SEV_WARNING, cs_csv_name(r->csv), p->line, 0, "PUB_DUPLICATE_ROW",
                             "a second row for %s, %s, %d (first on line %llu); the first is kept",
                             r->ms[p->measure].m->indicator, cs_strpool_get(&r->pool, p->org), p->year,
                             (unsigned long long)(*slot)->line);
                continue;
            }
            *slot = p;
        }
        if (num) {
            const mstate *st = &r->ms[num->measure];
            carestat_observation o;
            memset(&o, 0, sizeof o);
            o.org_code = cs_strpool_get(&r->pool, num->org);
            o.org_name = cs_strpool_get(&r->pool, num->name);
            o.indicator = st->m->indicator;
            if (st->m->period_kind == 1)
                carestat_period_year_to_september(&o.period_start, &o.period_end, num->year);
            else
                carestat_period_year_to_march(&o.period_start, &o.period_end, num->year);
            o.numerator = num->count;
            o.denominator = den ? den->count : num->den;
            o.value = num->value;
            o.lower = o.upper = NAN;
            o.flags = num->flags;
            if (st->vcol >= 0 && st->ccol >= 0) o.flags |= num->count_flags & ~(uint32_t)CARESTAT_FLAG_ROUNDS_TO_ZERO;
            if (st->m->unit == CARESTAT_UNIT_COUNT) o.denominator = NAN;
            if (st->vcol < 0 && st->m->unit != CARESTAT_UNIT_COUNT && st->m->unit != CARESTAT_UNIT_FTE) {
                /* no published value column: the value is worked out from the published counts */
                double mult = st->m->unit == CARESTAT_UNIT_PERCENT ? 100 : st->m->unit == CARESTAT_UNIT_RATE ? 10000 : 1;
                o.value = (isfinite(o.numerator) && isfinite(o.denominator) && o.denominator > 0)
                              ? o.numerator / o.denominator * mult
                              : NAN;
                if (den) o.flags |= den->count_flags & ~(uint32_t)CARESTAT_FLAG_ROUNDS_TO_ZERO;
                else o.flags |= num->den_flags & ~(uint32_t)CARESTAT_FLAG_ROUNDS_TO_ZERO;
            }
            if (isnan(o.value) && !(o.flags & ~(uint32_t)CARESTAT_FLAG_COMBINED)) o.flags |= CARESTAT_FLAG_NOT_AVAILABLE;
            o.source = edition;
            if (carestat_table_append(t, &o)) return CARESTAT_ENOMEM;
        }
        i = j;
    }
    return 0;
}

/* ---------------------------------------------------------------- entry */

static int year_from_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (!isdigit((unsigned char)b[i])) return 0;
        y = y * 10 + (b[i] - '0');
    }
    return (y >= 1990 && y <= 2200) ? y : 0;
}

int cs_pub_read(carestat_table *t, const char *path, const carestat_published_options *opts,
                const carestat_dataset *ds, carestat_error_mode mode, cs_diags *diags, cs_pub_counts *counts,
                char *err, size_t errcap)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.diags = diags;
    r.ds = ds;
    cs_strpool_init(&r.pool);
    cs_pub_mapfile mf;
    memset(&mf, 0, sizeof mf);
    memset(counts, 0, sizeof *counts);
    err[0] = '\0';
    int rc = 0;

    /* measures: caller's struct, a mapping file, or the built-in list */
    const carestat_published_measure *user = opts->measures;
    size_t nuser = opts->n_measures;
    if (!user && opts->mapping_path && *opts->mapping_path) {
        rc = cs_pub_mapfile_load(&mf, opts->mapping_path, diags);
        if (rc) {
            snprintf(err, errcap, "%s: cannot use the mapping file (see diagnostics)", opts->mapping_path);
            goto done;
        }
        user = mf.measures;
        nuser = mf.n;
    }

    cs_csv_limits lim;
    cs_csv_limits_default(&lim);
    if (ds) cs_ds_csv_limits(ds, &lim);
    rc = cs_csv_open(&r.csv, path, &lim, diags);
    if (rc) {
        snprintf(err, errcap, "%s: cannot open", path);
        goto done;
    }
    rc = cs_csv_next(r.csv);
    if (rc <= 0) {
        if (rc == 0) rc = CARESTAT_EPARSE;
        snprintf(err, errcap, "%s: no header row", path);
        goto done;
    }
    r.c_time = find_col_z(r.csv, "time_period");
    r.c_level = find_col_z(r.csv, "geographic_level|geog_l");
    r.c_country = find_col_z(r.csv, "country_code");
    r.c_country_name = find_col_z(r.csv, "country_name");
    r.c_region = find_col_z(r.csv, "region_code");
    r.c_region_name = find_col_z(r.csv, "region_name");
    r.c_new = find_col_z(r.csv, "new_la_code|New_geog_code|la_code_gss");
    r.c_old = find_col_z(r.csv, "old_la_code|geog_c|la_code");
    r.c_name = find_col_z(r.csv, "la_name|geog_n");
    if (r.c_level < 0 || (r.c_new < 0 && r.c_old < 0)) {
        cs_csv_diag(r.csv, CARESTAT_SEV_FATAL, 0, "PUB_NO_GEOGRAPHY",
                    "no geographic_level/geog_l and new_la_code/old_la_code/geog_c columns: not a DfE published table");
        snprintf(err, errcap, "%s: line 1: no geography columns (geographic_level, new_la_code or old_la_code)", path);
        rc = CARESTAT_EPARSE;
        goto done;
    }
    if (r.c_time < 0) {
        r.file_year = opts->year > 0 ? opts->year : year_from_name(path);
        if (!r.file_year) {
            cs_csv_diag(r.csv, CARESTAT_SEV_FATAL, 0, "PUB_NO_YEAR",
                        "no time_period column and no year: set the options' year or name the file YYYY_...");
            snprintf(err, errcap, "%s: line 1: no time_period column; give the year in the options", path);
            rc = CARESTAT_EPARSE;
            goto done;
        }
    }
    const carestat_published_measure *list = user;
    size_t nlist = nuser;
    r.ms = cs_calloc(user ? (nuser ? nuser : 1) : cs_pub_nbuiltins, sizeof *r.ms);
    if (!r.ms) {
        rc = CARESTAT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < (user ? nlist : cs_pub_nbuiltins); i++) {
        const carestat_published_measure *m = user ? &list[i] : &cs_pub_builtins[i].m;
        if (resolve_measure(&r, &r.ms[r.nms], m)) r.nms++;
    }
    if (r.nms == 0) {
        cs_csv_diag(r.csv, CARESTAT_SEV_FATAL, 0, "PUB_UNKNOWN_LAYOUT",
                    "no measure of the %s mapping fits this file's columns; describe it with a mapping file",
                    user ? "given" : "built-in");
        snprintf(err, errcap, "%s: no measure of the %s mapping fits the columns (see docs/published.md)", path,
                 user ? "given" : "built-in");
        rc = CARESTAT_EUNSUPPORTED;
        goto done;
    }
    for (;;) {
        int n = cs_csv_next(r.csv);
        if (n < 0) {
            rc = n;
            snprintf(err, errcap, "%s: line %llu: read failed (%s)", path, (unsigned long long)cs_csv_line(r.csv),
                     carestat_strerror(n));
            goto done;
        }
        if (n == 0) break;
        counts->read++;
        size_t before = r.nrecs;
        int u = do_row(&r);
        if (u < -1) {
            rc = u;
            goto done;
        }
        if (cs_csv_record_errors(r.csv) > 0) {
            if (mode == CARESTAT_ROWS_STOP) {
                snprintf(err, errcap, "%s: line %llu: error in the row (see diagnostics); stopped", path,
                         (unsigned long long)cs_csv_line(r.csv));
                rc = CARESTAT_EPARSE;
                goto done;
            }
            if (mode == CARESTAT_ROWS_DROP && u >= 0) {
                r.nrecs = before; /* forget what the row gave */
                u = -1;
            }
        }
        if (u < 0)
            counts->rejected++;
        else {
            counts->accepted++;
            if (u == 0) counts->unused++;
        }
    }
    if (counts->unused)
        cs_diags_add(diags, CARESTAT_SEV_NOTE, path, 0, 0, "PUB_ROWS_UNUSED",
                     "%llu of %llu rows matched no measure of the mapping (other breakdowns)",
                     (unsigned long long)counts->unused, (unsigned long long)counts->read);
    {
        char ed[16];
        const char *edition = opts->edition && *opts->edition ? opts->edition : ed;
        snprintf(ed, sizeof ed, "%d", r.max_year ? r.max_year : r.file_year);
        rc = emit(&r, t, edition);
    }
done:
    cs_csv_close(r.csv);
    cs_free(r.ms);
    cs_free(r.recs);
    cs_strpool_free(&r.pool);
    cs_pub_mapfile_free(&mf);
    return rc;
}
