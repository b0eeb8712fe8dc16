#include "carestat/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/strpool.h"

/* Columnar store; strings interned (org codes, names, indicator ids and sources repeat a lot). */
struct carestat_table {
    size_t count, cap;
    uint32_t *org_code, *org_name, *indicator, *source;
    carestat_date *start, *end;
    double *num, *den, *val, *lo, *hi;
    uint32_t *flags;
    cs_strpool strings;
};

int carestat_table_new(carestat_table **out)
{
    if (!out) return CARESTAT_EINVAL;
    carestat_table *t = cs_calloc(1, sizeof *t);
    if (!t) return CARESTAT_ENOMEM;
    cs_strpool_init(&t->strings);
    *out = t;
    return CARESTAT_OK;
}

void carestat_table_free(carestat_table *t)
{
    if (!t) return;
    cs_free(t->org_code);
    cs_free(t->org_name);
    cs_free(t->indicator);
    cs_free(t->source);
    cs_free(t->start);
    cs_free(t->end);
    cs_free(t->num);
    cs_free(t->den);
    cs_free(t->val);
    cs_free(t->lo);
    cs_free(t->hi);
    cs_free(t->flags);
    cs_strpool_free(&t->strings);
    cs_free(t);
}

/* Grow every column to hold `need` rows. */
static int reserve(carestat_table *t, size_t need)
{
    if (need <= t->cap) return CARESTAT_OK;
    size_t ncap = t->cap ? t->cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return CARESTAT_ENOMEM;
        ncap *= 2;
    }
#define GROWCOL(col)                                                                                         \
    do {                                                                                                     \
        void *p_ = cs_reallocarray(t->col, ncap, sizeof *t->col);                                            \
        if (!p_) return CARESTAT_ENOMEM;                                                                     \
        t->col = p_;                                                                                         \
    } while (0)
    GROWCOL(org_code);
    GROWCOL(org_name);
    GROWCOL(indicator);
    GROWCOL(source);
    GROWCOL(start);
    GROWCOL(end);
    GROWCOL(num);
    GROWCOL(den);
    GROWCOL(val);
    GROWCOL(lo);
    GROWCOL(hi);
    GROWCOL(flags);
#undef GROWCOL
    t->cap = ncap;
    return CARESTAT_OK;
}

static int intern(carestat_table *t, const char *s, uint32_t *id)
{
    if (!s) s = "";
    return cs_strpool_intern(&t->strings, s, strlen(s), id);
}

int carestat_table_append(carestat_table *t, const carestat_observation *o)
{
    if (!t || !o) return CARESTAT_EINVAL;
    uint32_t oc, on, ind, src;
    if (reserve(t, t->count + 1) || intern(t, o->org_code, &oc) || intern(t, o->org_name, &on) ||
        intern(t, o->indicator, &ind) || intern(t, o->source, &src))
        return CARESTAT_ENOMEM;
    size_t i = t->count;
    t->org_code[i] = oc;
    t->org_name[i] = on;
    t->indicator[i] = ind;
    t->source[i] = src;
    t->start[i] = o->period_start;
    t->end[i] = o->period_end;
    t->num[i] = o->numerator;
    t->den[i] = o->denominator;
    t->val[i] = o->value;
    t->lo[i] = o->lower;
    t->hi[i] = o->upper;
    t->flags[i] = o->flags;
    t->count++;
    return CARESTAT_OK;
}

size_t carestat_table_count(const carestat_table *t) { return t ? t->count : 0; }

static void get_row(carestat_observation *o, const carestat_table *t, size_t i)
{
    o->org_code = cs_strpool_get(&t->strings, t->org_code[i]);
    o->org_name = cs_strpool_get(&t->strings, t->org_name[i]);
    o->indicator = cs_strpool_get(&t->strings, t->indicator[i]);
    o->source = cs_strpool_get(&t->strings, t->source[i]);
    o->period_start = t->start[i];
    o->period_end = t->end[i];
    o->numerator = t->num[i];
    o->denominator = t->den[i];
    o->value = t->val[i];
    o->lower = t->lo[i];
    o->upper = t->hi[i];
    o->flags = t->flags[i];
}

int carestat_table_get(carestat_observation *out, const carestat_table *t, size_t index)
{
    if (!out || !t) return CARESTAT_EINVAL;
    if (index >= t->count) return CARESTAT_ERANGE;
    get_row(out, t, index);
    return CARESTAT_OK;
}

int carestat_table_append_table(carestat_table *dst, const carestat_table *src)
{
    if (!dst || !src) return CARESTAT_EINVAL;
    size_t n = src->count, before = dst->count;
    if (reserve(dst, before + n)) return CARESTAT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        get_row(&o, src, i);
        if (carestat_table_append(dst, &o)) {
            dst->count = before;
            return CARESTAT_ENOMEM;
        }
    }
    return CARESTAT_OK;
}

int64_t carestat_table_column_double(double *buf, size_t cap, const carestat_table *t, carestat_column column)
{
    if (!t || (!buf && cap)) return CARESTAT_EINVAL;
    const double *col;
    switch (column) {
    case CARESTAT_COL_NUMERATOR: col = t->num; break;
    case CARESTAT_COL_DENOMINATOR: col = t->den; break;
    case CARESTAT_COL_VALUE: col = t->val; break;
    case CARESTAT_COL_LOWER: col = t->lo; break;
    case CARESTAT_COL_UPPER: col = t->hi; break;
    default: return CARESTAT_EINVAL;
    }
    size_t n = t->count < cap ? t->count : cap;
    if (n) memcpy(buf, col, n * sizeof *buf);
    return (int64_t)t->count;
}

int64_t carestat_table_column_date(carestat_date *buf, size_t cap, const carestat_table *t, int which_end)
{
    if (!t || (!buf && cap) || (which_end != 0 && which_end != 1)) return CARESTAT_EINVAL;
    size_t n = t->count < cap ? t->count : cap;
    if (n) memcpy(buf, which_end ? t->end : t->start, n * sizeof *buf);
    return (int64_t)t->count;
}

int64_t carestat_table_column_flags(uint32_t *buf, size_t cap, const carestat_table *t)
{
    if (!t || (!buf && cap)) return CARESTAT_EINVAL;
    size_t n = t->count < cap ? t->count : cap;
    if (n) memcpy(buf, t->flags, n * sizeof *buf);
    return (int64_t)t->count;
}

int carestat_table_filter(carestat_table **out, const carestat_table *t, const char *org_code,
                          const char *indicator)
{
    if (!out || !t) return CARESTAT_EINVAL;
    *out = NULL;
    uint32_t oid = 0, iid = 0;
    int have_org = 1, have_ind = 1;
    if (org_code) have_org = cs_strpool_find(&t->strings, org_code, strlen(org_code), &oid);
    if (indicator) have_ind = cs_strpool_find(&t->strings, indicator, strlen(indicator), &iid);
    carestat_table *r;
    int rc = carestat_table_new(&r);
    if (rc) return rc;
    if (have_org && have_ind) {
        for (size_t i = 0; i < t->count; i++) {
            if (org_code && t->org_code[i] != oid) continue;
            if (indicator && t->indicator[i] != iid) continue;
            carestat_observation o;
            get_row(&o, t, i);
            if ((rc = carestat_table_append(r, &o))) {
                carestat_table_free(r);
                return rc;
            }
        }
    }
    *out = r;
    return CARESTAT_OK;
}

/* Sorting: an index permutation, then every column is permuted. */
static int cmp_rows(const carestat_table *t, size_t a, size_t b)
{
    int c = strcmp(cs_strpool_get(&t->strings, t->org_code[a]), cs_strpool_get(&t->strings, t->org_code[b]));
    if (c) return c;
    c = strcmp(cs_strpool_get(&t->strings, t->indicator[a]), cs_strpool_get(&t->strings, t->indicator[b]));
    if (c) return c;
    if (t->end[a] != t->end[b]) return t->end[a] < t->end[b] ? -1 : 1;
    if (t->start[a] != t->start[b]) return t->start[a] < t->start[b] ? -1 : 1;
    return 0;
}

/* Stable merge sort of idx[0..n) using tmp. */
static void msort(const carestat_table *t, size_t *idx, size_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    msort(t, idx, tmp, h);
    msort(t, idx + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp_rows(t, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
    while (i < h) tmp[k++] = idx[i++];
    while (j < n) tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

static int permute(carestat_table *t, const size_t *idx)
{
    size_t n = t->count;
    if (!n) return CARESTAT_OK;
    size_t sz = sizeof(double) > sizeof(uint32_t) ? sizeof(double) : sizeof(uint32_t);
    unsigned char *tmp = cs_malloc(n * sz);
    if (!tmp) return CARESTAT_ENOMEM;
#define PERM(col)                                                                                            \
    do {                                                                                                     \
        for (size_t i_ = 0; i_ < n; i_++) memcpy(tmp + i_ * sizeof *t->col, &t->col[idx[i_]], sizeof *t->col); \
        memcpy(t->col, tmp, n * sizeof *t->col);                                                             \
    } while (0)
    PERM(org_code);
    PERM(org_name);
    PERM(indicator);
    PERM(source);
    PERM(start);
    PERM(end);
    PERM(num);
    PERM(den);
    PERM(val);
    PERM(lo);
    PERM(hi);
    PERM(flags);
#undef PERM
    cs_free(tmp);
    return CARESTAT_OK;
}

int carestat_table_sort(carestat_table *t)
{
    if (!t) return CARESTAT_EINVAL;
    size_t n = t->count;
    if (n < 2) return CARESTAT_OK;
    size_t *idx = cs_calloc(n, sizeof *idx), *tmp = cs_calloc(n, sizeof *tmp);
    if (!idx || !tmp) {
        cs_free(idx);
        cs_free(tmp);
        return CARESTAT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) idx[i] = i;
    msort(t, idx, tmp, n);
    int rc = permute(t, idx);
    cs_free(idx);
    cs_free(tmp);
    return rc;
}

int carestat_table_series(carestat_table **out, const carestat_table *t, const char *org_code,
                          const char *indicator)
{
    if (!out || !t || !org_code || !indicator) return CARESTAT_EINVAL;
    carestat_table *f;
    int rc = carestat_table_filter(&f, t, org_code, indicator);
    if (rc) return rc;
    if ((rc = carestat_table_sort(f))) {
        carestat_table_free(f);
        return rc;
    }
    /* keep the last appended row for each period end: after a stable sort that is the last of a run */
    size_t w = 0;
    for (size_t i = 0; i < f->count; i++) {
        if (i + 1 < f->count && f->end[i + 1] == f->end[i]) continue;
        if (w != i) {
            f->org_code[w] = f->org_code[i];
            f->org_name[w] = f->org_name[i];
            f->indicator[w] = f->indicator[i];
            f->source[w] = f->source[i];
            f->start[w] = f->start[i];
            f->end[w] = f->end[i];
            f->num[w] = f->num[i];
            f->den[w] = f->den[i];
            f->val[w] = f->val[i];
            f->lo[w] = f->lo[i];
            f->hi[w] = f->hi[i];
            f->flags[w] = f->flags[i];
        }
        w++;
    }
    f->count = w;
    *out = f;
    return CARESTAT_OK;
}

static const struct {
    uint32_t bit;
    const char *sym;
} FLAGS[] = {
    {CARESTAT_FLAG_SUPPRESSED, "c"},     {CARESTAT_FLAG_NOT_AVAILABLE, "x"}, {CARESTAT_FLAG_NOT_APPLICABLE, "z"},
    {CARESTAT_FLAG_ROUNDS_TO_ZERO, "k"}, {CARESTAT_FLAG_UNRELIABLE, "u"},    {CARESTAT_FLAG_LOW, "low"},
    {CARESTAT_FLAG_COMBINED, "combined"}, {CARESTAT_FLAG_NO_INTERVAL, "noci"}, {CARESTAT_FLAG_REVISED, "revised"},
};
#define NFLAGS (sizeof FLAGS / sizeof FLAGS[0])

int carestat_flags_format(char *buf, size_t cap, uint32_t flags)
{
    if (!buf && cap) return CARESTAT_EINVAL;
    size_t need = 0;
    if (cap) buf[0] = '\0';
    for (size_t i = 0; i < NFLAGS; i++) {
        if (!(flags & FLAGS[i].bit)) continue;
        size_t l = strlen(FLAGS[i].sym) + (need ? 1 : 0);
        if (need + l < cap) {
            if (need) buf[need] = ';';
            memcpy(buf + need + (need ? 1 : 0), FLAGS[i].sym, strlen(FLAGS[i].sym) + 1);
        }
        need += l;
    }
    if (cap && need >= cap) buf[cap - 1] = '\0';
    return (int)need;
}

int carestat_flag_parse(uint32_t *out, const char *text)
{
    if (!out || !text) return CARESTAT_EINVAL;
    size_t b = 0, e = strlen(text);
    while (b < e && text[b] == ' ') b++;
    while (e > b && text[e - 1] == ' ') e--;
    for (size_t i = 0; i < NFLAGS; i++) {
        if (strlen(FLAGS[i].sym) == e - b && memcmp(FLAGS[i].sym, text + b, e - b) == 0) {
            *out = FLAGS[i].bit;
            return CARESTAT_OK;
        }
    }
    return CARESTAT_ENOTFOUND;
}

static int render_csv(cs_buf *b, const carestat_table *t)
{
    cs_buf_puts(b, "org_code,org_name,period_start,period_end,indicator,numerator,denominator,value,lower,upper,flags\n");
    char d1[16], d2[16], fl[128];
    for (size_t i = 0; i < t->count && !b->err; i++) {
        carestat_observation o;
        get_row(&o, t, i);
        carestat_date_format(d1, sizeof d1, o.period_start);
        carestat_date_format(d2, sizeof d2, o.period_end);
        carestat_flags_format(fl, sizeof fl, o.flags);
        cs_buf_csv_field(b, o.org_code);
        cs_buf_putc(b, ',');
        cs_buf_csv_field(b, o.org_name);
        cs_buf_printf(b, ",%s,%s,", d1, d2);
        cs_buf_csv_field(b, o.indicator);
        const double nums[5] = {o.numerator, o.denominator, o.value, o.lower, o.upper};
        for (int k = 0; k < 5; k++) {
            cs_buf_putc(b, ',');
            cs_buf_number(b, nums[k], "");
        }
        cs_buf_putc(b, ',');
        cs_buf_csv_field(b, fl);
        cs_buf_putc(b, '\n');
    }
    return b->err;
}

static int render_json(cs_buf *b, const carestat_table *t)
{
    static const char *const keys[5] = {"numerator", "denominator", "value", "lower", "upper"};
    char d1[16], d2[16];
    cs_buf_putc(b, '[');
    for (size_t i = 0; i < t->count && !b->err; i++) {
        carestat_observation o;
        get_row(&o, t, i);
        carestat_date_format(d1, sizeof d1, o.period_start);
        carestat_date_format(d2, sizeof d2, o.period_end);
        cs_buf_puts(b, i ? ",\n {" : "\n {");
        cs_buf_puts(b, "\"org_code\": ");
        cs_buf_json_string(b, o.org_code);
        cs_buf_puts(b, ", \"org_name\": ");
        cs_buf_json_string(b, o.org_name);
        cs_buf_puts(b, ", \"period_start\": ");
        if (o.period_start == CARESTAT_DATE_NONE) cs_buf_puts(b, "null");
        else cs_buf_json_string(b, d1);
        cs_buf_puts(b, ", \"period_end\": ");
        if (o.period_end == CARESTAT_DATE_NONE) cs_buf_puts(b, "null");
        else cs_buf_json_string(b, d2);
        cs_buf_puts(b, ", \"indicator\": ");
        cs_buf_json_string(b, o.indicator);
        const double nums[5] = {o.numerator, o.denominator, o.value, o.lower, o.upper};
        for (int k = 0; k < 5; k++) {
            cs_buf_printf(b, ", \"%s\": ", keys[k]);
            cs_buf_number(b, nums[k], "null");
        }
        cs_buf_puts(b, ", \"flags\": [");
        int first = 1;
        for (size_t k = 0; k < NFLAGS; k++) {
            if (!(o.flags & FLAGS[k].bit)) continue;
            if (!first) cs_buf_puts(b, ", ");
            cs_buf_json_string(b, FLAGS[k].sym);
            first = 0;
        }
        cs_buf_puts(b, "], \"source\": ");
        cs_buf_json_string(b, o.source);
        cs_buf_putc(b, '}');
    }
    cs_buf_puts(b, t->count ? "\n]\n" : "]\n");
    return b->err;
}

static int to_text(char **out, size_t *len, const carestat_table *t, int (*render)(cs_buf *, const carestat_table *))
{
    if (!out || !t) return CARESTAT_EINVAL;
    cs_buf b;
    cs_buf_init(&b);
    if (render(&b, t)) {
        cs_buf_free(&b);
        return CARESTAT_ENOMEM;
    }
    *out = cs_buf_take(&b, len);
    return *out ? CARESTAT_OK : CARESTAT_ENOMEM;
}

static int to_file(const carestat_table *t, const char *path, int (*render)(cs_buf *, const carestat_table *))
{
    if (!t || !path) return CARESTAT_EINVAL;
    char *text;
    size_t len;
    int rc = to_text(&text, &len, t, render);
    if (rc) return rc;
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        cs_free(text);
        return CARESTAT_EIO;
    }
    size_t w = fwrite(text, 1, len, fp);
    int bad = (w != len) | (fclose(fp) != 0);
    cs_free(text);
    return bad ? CARESTAT_EIO : CARESTAT_OK;
}

int carestat_table_to_csv(char **out, size_t *len, const carestat_table *t) { return to_text(out, len, t, render_csv); }
int carestat_table_to_json(char **out, size_t *len, const carestat_table *t) { return to_text(out, len, t, render_json); }
int carestat_table_write_csv(const carestat_table *t, const char *path) { return to_file(t, path, render_csv); }
int carestat_table_write_json(const carestat_table *t, const char *path) { return to_file(t, path, render_json); }
