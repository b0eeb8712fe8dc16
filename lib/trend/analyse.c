/* Trend and benchmark of one series (carestat_series_analyse) and the CSV forms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/indicator.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "trend/trend_internal.h"

#define TREND_POINTS 5

int carestat_trend_options_init(carestat_trend_options *opts, unsigned version)
{
    if (!opts) return CARESTAT_EINVAL;
    if (version != CARESTAT_TREND_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->level = 0.95;
    opts->polarity = -1;
    opts->continued = 1;
    return CARESTAT_OK;
}

/* A point of the series. */
typedef struct pt {
    int year;
    carestat_date end;
    double value, num, den, lo, hi, precise;
    uint32_t flags;
} pt;

static int year_of(carestat_date d)
{
    int y, m, dd;
    return carestat_date_to_ymd(d, &y, &m, &dd) == CARESTAT_OK ? y : 0;
}

static int is_whole(double x) { return isfinite(x) && x >= 0 && floor(x) == x; }

/* Value from the counts where possible (published values are rounded). */
static double precise_of(double value, double num, double den, double mult)
{
    if (mult > 0 && isfinite(num) && isfinite(den) && den > 0) return num / den * mult;
    return value;
}

/* Interval of a point: the table's own, else Wilson (percent), Poisson (rates, counts). */
static void point_ci(pt *p, int unit, double mult, double level)
{
    if (isfinite(p->lo) && isfinite(p->hi)) return;
    p->lo = p->hi = NAN;
    if (mult == 100 && isfinite(p->num) && isfinite(p->den) && p->den > 0 && p->num >= 0 && p->num <= p->den) {
        double v;
        if (carestat_proportion_ci(&v, &p->lo, &p->hi, p->num, p->den, 100, level) != CARESTAT_OK) p->lo = p->hi = NAN;
    } else if (mult > 1 && isfinite(p->num) && isfinite(p->den) && p->den > 0 && p->num >= 0) {
        double v;
        int method;
        if (carestat_rate_ci(&v, &p->lo, &p->hi, &method, p->num, p->den, mult, level) != CARESTAT_OK)
            p->lo = p->hi = NAN;
    } else if (mult == 0 && unit == CARESTAT_UNIT_COUNT && is_whole(p->value)) {
        int method;
        if (carestat_poisson_ci(&p->lo, &p->hi, &method, p->value, level) != CARESTAT_OK) p->lo = p->hi = NAN;
    }
}

/* Value of the last row of (code, indicator, end) in t, from the counts where possible; NaN if none. */
static double comparator_value(const carestat_table *t, const char *code, const char *indicator, carestat_date end,
                               double mult, int precise)
{
    double v = NAN;
    size_t n = carestat_table_count(t);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        if (o.period_end != end || strcmp(o.org_code, code) != 0 || strcmp(o.indicator, indicator) != 0) continue;
        v = precise ? precise_of(o.value, o.numerator, o.denominator, mult) : o.value;
    }
    return v;
}

#define MAX_NEIGHBOURS 32

/* Region compared with: the option, else the region of the organisation (of its first member for a
 * combined code). "" if none. */
static void region_of(char *out, size_t cap, const carestat_dataset *ds, const carestat_org *org, const char *code,
                      const carestat_trend_options *opts)
{
    out[0] = '\0';
    if (opts->region_code && *opts->region_code) {
        snprintf(out, cap, "%s", opts->region_code);
        return;
    }
    const carestat_org *reg = NULL;
    char first[32];
    snprintf(first, sizeof first, "%s", code);
    char *plus = strchr(first, '+');
    if (plus) *plus = '\0';
    if (carestat_dataset_org_region(&reg, ds, first) == CARESTAT_OK && reg)
        snprintf(out, cap, "%s", reg->code);
    else if (org && org->region_code && *org->region_code)
        snprintf(out, cap, "%s", org->region_code);
}

/* Codes of the statistical neighbours: the option's (resolved), else the dataset's. */
static int neighbours_of(const char **out, size_t *n, const carestat_dataset *ds, const char *code,
                         const carestat_trend_options *opts)
{
    *n = 0;
    if (opts->neighbours) {
        for (size_t i = 0; i < opts->n_neighbours && *n < MAX_NEIGHBOURS; i++) {
            if (!opts->neighbours[i]) continue;
            const carestat_org *no = cs_trend_org(ds, opts->neighbours[i]);
            out[(*n)++] = no ? no->code : opts->neighbours[i];
        }
        return CARESTAT_OK;
    }
    if (!ds) return CARESTAT_OK;
    carestat_neighbour nb[MAX_NEIGHBOURS];
    size_t cnt = 0;
    int rc = carestat_dataset_neighbours(nb, MAX_NEIGHBOURS, &cnt, ds, code);
    if (rc == CARESTAT_ENOMEM) return rc;
    if (rc == CARESTAT_OK || rc == CARESTAT_EBUFFER)
        for (size_t i = 0; i < cnt && i < MAX_NEIGHBOURS; i++) out[(*n)++] = nb[i].org->code;
    return CARESTAT_OK;
}

/* Simple mean of the neighbours' values for one period (as DfE's LAIT); NaN if none has a value. */
static double neighbours_mean(size_t *used, const carestat_table *t, const char *const *codes, size_t n,
                              const char *indicator, carestat_date end)
{
    double sum = 0;
    *used = 0;
    for (size_t i = 0; i < n; i++) {
        double v = comparator_value(t, codes[i], indicator, end, 0, 0);
        if (isfinite(v)) sum += v, (*used)++;
    }
    return *used ? sum / (double)*used : NAN;
}

static int compare_with(int *judgement, const pt *p, double comparator, int polarity)
{
    *judgement = CARESTAT_JUDGEMENT_NOT_COMPARED;
    if (!isfinite(comparator) || !isfinite(p->lo) || !isfinite(p->hi) || !isfinite(p->precise)) return 0;
    double lo = p->lo < p->precise ? p->lo : p->precise, hi = p->hi > p->precise ? p->hi : p->precise;
    int rel;
    return carestat_compare(&rel, judgement, p->precise, lo, hi, comparator, polarity);
}

static int is_council(const carestat_dataset *ds, const char *code)
{
    const carestat_org *o = cs_trend_org(ds, code);
    if (o) return o->kind == CARESTAT_ORG_COUNCIL;
    return strncmp(code, "E06", 3) == 0 || strncmp(code, "E08", 3) == 0 || strncmp(code, "E09", 3) == 0 ||
           strncmp(code, "E10", 3) == 0;
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* Quartile band of the organisation among councils with a value that period. One pass over the
 * table: the rows of (indicator, period), sorted by code then row, the last row of each code kept. */
typedef struct coderow {
    const char *code;
    size_t row;
    double value;
} coderow;

static int cmp_coderow(const void *a, const void *b)
{
    const coderow *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c) return c;
    return x->row < y->row ? -1 : x->row > y->row;
}

static int quartile(carestat_series_report *r, const carestat_table *t, const carestat_dataset *ds,
                    const char *code, const pt *p, int polarity)
{
    size_t n = carestat_table_count(t);
    coderow *rows = cs_calloc(n + 1, sizeof *rows);
    double *vals = cs_calloc(n + 1, sizeof *vals);
    int *bands = cs_calloc(n + 1, sizeof *bands);
    int rc = CARESTAT_OK;
    if (!rows || !vals || !bands) {
        rc = CARESTAT_ENOMEM;
        goto done;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        if (o.period_end != p->end || strcmp(o.indicator, r->indicator) != 0) continue;
        rows[m].code = o.org_code;
        rows[m].row = i;
        rows[m].value = o.value;
        m++;
    }
    qsort(rows, m, sizeof *rows, cmp_coderow);
    size_t nv = 0;
    for (size_t i = 0; i < m; i++) {
        if (i + 1 < m && strcmp(rows[i].code, rows[i + 1].code) == 0) continue; /* not the last of its code */
        if (strcmp(rows[i].code, code) == 0 || !is_council(ds, rows[i].code)) continue;
        if (isfinite(rows[i].value)) vals[nv++] = rows[i].value;
    }
    size_t self = nv;
    vals[nv++] = p->value;
    if (nv < 4) goto done;
    int hf = polarity == CARESTAT_POLARITY_LOWER_BETTER ? 0 : 1;
    int qrc = carestat_quantile_bands(bands, vals, nv, 4, hf);
    if (qrc == CARESTAT_OK) {
        r->quartile = bands[self];
        r->quartile_of = nv;
    } else if (qrc == CARESTAT_ENOMEM) {
        rc = qrc;
    }
done:
    cs_free(rows);
    cs_free(vals);
    cs_free(bands);
    return rc;
}

int carestat_series_analyse(carestat_series_report *out, const carestat_table *t, const carestat_dataset *ds,
                            const char *org_code, const char *indicator, const carestat_trend_options *opts)
{
    if (!out || !t || !org_code || !indicator) return CARESTAT_EINVAL;
    carestat_trend_options def;
    if (!opts) {
        carestat_trend_options_init(&def, CARESTAT_TREND_OPTIONS_VERSION);
        opts = &def;
    }
    if (opts->version != CARESTAT_TREND_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    double level = opts->level;
    if (isnan(level)) return CARESTAT_EINVAL;
    if (!(level >= 0.9 && level < 1)) return CARESTAT_ERANGE;
    if (opts->polarity < -1 || opts->polarity > 2 || opts->year < 0) return CARESTAT_EINVAL;
    if (opts->n_neighbours && !opts->neighbours) return CARESTAT_EINVAL;

    const carestat_org *org = cs_trend_org(ds, org_code);
    const char *code = org ? org->code : org_code;
    carestat_table *s = NULL;
    int rc = opts->continued ? carestat_series_continued(&s, t, ds, code, indicator)
                             : carestat_table_series(&s, t, code, indicator);
    if (rc) return rc;
    size_t n = carestat_table_count(s);
    pt *pts = cs_calloc(n ? n : 1, sizeof *pts);
    if (!pts) {
        carestat_table_free(s);
        return CARESTAT_ENOMEM;
    }
    carestat_series_report r;
    memset(&r, 0, sizeof r);
    r.version = CARESTAT_SERIES_REPORT_VERSION;
    snprintf(r.org_code, sizeof r.org_code, "%s", code);
    snprintf(r.indicator, sizeof r.indicator, "%s", indicator);

    /* unit, multiplier and polarity */
    int unit;
    double mult = cs_trend_unit_multiplier(indicator, &unit);
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, s, i);
        if (isnan(o.value)) continue;
        pt *p = &pts[np++];
        p->year = year_of(o.period_end);
        p->end = o.period_end;
        p->value = o.value;
        p->num = o.numerator;
        p->den = o.denominator;
        p->lo = o.lower;
        p->hi = o.upper;
        p->flags = o.flags;
        if (isnan(mult)) mult = cs_trend_infer_multiplier(o.value, o.numerator, o.denominator);
    }
    if (isnan(mult)) mult = 0;
    if (unit < 0) unit = mult == 100 ? CARESTAT_UNIT_PERCENT
                       : mult == 10000 ? CARESTAT_UNIT_RATE
                       : mult == 0 ? CARESTAT_UNIT_COUNT
                                   : CARESTAT_UNIT_RATIO;
    int polarity = opts->polarity;
    if (polarity < 0) {
        size_t idx;
        polarity = carestat_indicator_find(&idx, indicator) == CARESTAT_OK ? carestat_indicator_polarity(idx)
                                                                            : CARESTAT_POLARITY_NONE;
        if (polarity < 0) polarity = CARESTAT_POLARITY_NONE;
    }
    r.unit = unit;
    r.polarity = polarity;
    r.multiplier = mult;

    /* the period assessed */
    long target = -1;
    for (size_t i = 0; i < np; i++)
        if (!opts->year || pts[i].year == opts->year) target = (long)i;
    if (target < 0) {
        rc = CARESTAT_ENOTFOUND;
        goto done;
    }
    np = (size_t)target + 1; /* the series up to the period */
    for (size_t i = 0; i < np; i++) {
        point_ci(&pts[i], unit, mult, level);
        pts[i].precise = precise_of(pts[i].value, pts[i].num, pts[i].den, mult);
    }
    pt *p = &pts[target];
    r.year = p->year;
    r.period_end = p->end;
    r.value = p->value;
    r.numerator = p->num;
    r.denominator = p->den;
    r.lower = p->lo;
    r.upper = p->hi;
    r.flags = p->flags;
    r.points = np;

    /* change from the previous year */
    r.previous_value = NAN;
    r.change = NAN;
    r.change_p_value = NAN;
    r.change_relation = CARESTAT_RELATION_NOT_COMPARED;
    r.change_judgement = CARESTAT_JUDGEMENT_NOT_COMPARED;
    if (target > 0 && pts[target - 1].year == p->year - 1) {
        const pt *q = &pts[target - 1];
        r.has_previous = 1;
        r.previous_value = q->value;
        r.change = p->value - q->value;
        carestat_change_result cr;
        int trc = CARESTAT_EINVAL;
        if (mult == 100 && is_whole(q->num) && is_whole(p->num) && q->den > 0 && p->den > 0)
            trc = carestat_change_test(&cr, CARESTAT_CHANGE_PROPORTION, q->num, q->den, p->num, p->den, 100, level);
        else if (mult > 1 && is_whole(q->num) && is_whole(p->num) && q->den > 0 && p->den > 0)
            trc = carestat_change_test(&cr, CARESTAT_CHANGE_RATE, q->num, q->den, p->num, p->den, mult, level);
        else if (mult == 0 && unit == CARESTAT_UNIT_COUNT && is_whole(q->value) && is_whole(p->value))
            trc = carestat_change_test(&cr, CARESTAT_CHANGE_RATE, q->value, 1, p->value, 1, 1, level);
        if (trc == CARESTAT_ENOMEM) {
            rc = trc;
            goto done;
        }
        if (trc == CARESTAT_OK) {
            r.change_tested = 1;
            r.change_p_value = cr.p_value;
            r.change_relation = cr.relation;
            carestat_judge(&r.change_judgement, cr.relation, polarity);
        } else if (trc == CARESTAT_EUNSUPPORTED) {
            r.change_tested = 1; /* nothing changed (e.g. 0 of n both years) */
            r.change_p_value = 1;
            r.change_relation = CARESTAT_RELATION_SIMILAR;
            r.change_judgement = CARESTAT_JUDGEMENT_SIMILAR;
        }
    }

    /* recent trend over the last 5 points */
    {
        size_t k = np < TREND_POINTS ? np : TREND_POINTS;
        const pt *last = &pts[np - k];
        double tt[TREND_POINTS], c[TREND_POINTS], d[TREND_POINTS], v[TREND_POINTS], lo[TREND_POINTS],
            hi[TREND_POINTS];
        int proportion = mult == 100;
        for (size_t i = 0; i < k; i++) {
            tt[i] = last[i].year;
            c[i] = last[i].num;
            d[i] = last[i].den;
            v[i] = last[i].precise;
            lo[i] = last[i].lo;
            hi[i] = last[i].hi;
            if (!(isfinite(c[i]) && isfinite(d[i]))) proportion = 0;
        }
        int trc = carestat_recent_trend(&r.trend, proportion ? CARESTAT_TREND_PROPORTION : CARESTAT_TREND_WEIGHTED,
                                        tt, c, d, v, lo, hi, k, polarity, level);
        if (trc == CARESTAT_ENOMEM) {
            rc = trc;
            goto done;
        }
        if (trc != CARESTAT_OK) {
            memset(&r.trend, 0, sizeof r.trend);
            r.trend.marker = CARESTAT_TREND_CANNOT_BE_CALCULATED;
            r.trend.label = CARESTAT_TREND_LABEL_CANNOT_BE_CALCULATED;
            r.trend.reason = CARESTAT_TREND_REASON_MISSING_VALUES;
            r.trend.chi2 = r.trend.slope = NAN;
            r.trend.points = k;
        }
    }

    /* SPC XmR over every point up to the period */
    r.spc_rule = -1;
    if (np >= 2) {
        double *y = cs_calloc(np, sizeof *y);
        int *rules = cs_calloc(np, sizeof *rules);
        if (!y || !rules) {
            cs_free(y);
            cs_free(rules);
            rc = CARESTAT_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < np; i++) y[i] = pts[i].value;
        carestat_spc_options so;
        carestat_spc_options_init(&so);
        so.improvement = polarity;
        int src = carestat_spc_xmr(&r.spc, rules, NULL, np, y, np, &so);
        if (src == CARESTAT_OK) {
            r.spc_done = 1;
            r.spc_rule = rules[np - 1];
        }
        cs_free(y);
        cs_free(rules);
        if (src == CARESTAT_ENOMEM) {
            rc = src;
            goto done;
        }
    }

    /* England, region, statistical neighbours: not for counts (a council's count against England's
     * says nothing), only for percentages, rates and ratios */
    r.england_value = r.region_value = r.neighbours_value = NAN;
    if (unit == CARESTAT_UNIT_COUNT || unit == CARESTAT_UNIT_FTE) goto done;
    const char *eng = opts->england_code && *opts->england_code ? opts->england_code : "E92000001";
    r.england_value = comparator_value(t, eng, indicator, p->end, mult, 1);
    if ((rc = compare_with(&r.vs_england, p, r.england_value, polarity))) goto done;
    r.region_value = NAN;
    region_of(r.region_code, sizeof r.region_code, ds, org, code, opts);
    if (r.region_code[0]) r.region_value = comparator_value(t, r.region_code, indicator, p->end, mult, 1);
    if ((rc = compare_with(&r.vs_region, p, r.region_value, polarity))) goto done;

    r.neighbours_value = NAN;
    {
        const char *nbc[MAX_NEIGHBOURS];
        size_t nnb = 0;
        if ((rc = neighbours_of(nbc, &nnb, ds, code, opts))) goto done;
        r.neighbours_value = neighbours_mean(&r.neighbours_used, t, nbc, nnb, indicator, p->end);
    }
    if ((rc = compare_with(&r.vs_neighbours, p, r.neighbours_value, polarity))) goto done;

    rc = quartile(&r, t, ds, code, p, polarity);
done:
    cs_free(pts);
    carestat_table_free(s);
    if (rc == CARESTAT_OK) *out = r;
    return rc;
}

/* Rows of (code, indicator, end) in t: the last one, copied into out; 1 if found. */
static int last_obs(carestat_observation *out, const carestat_table *t, const char *code, const char *indicator,
                    carestat_date end)
{
    int found = 0;
    size_t n = carestat_table_count(t);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        if (o.period_end == end && !strcmp(o.org_code, code) && !strcmp(o.indicator, indicator)) *out = o, found = 1;
    }
    return found;
}

int carestat_series_benchmarks(carestat_table **out, const carestat_table *t, const carestat_dataset *ds,
                               const char *org_code, const char *indicator, const carestat_trend_options *opts)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!t || !org_code || !indicator) return CARESTAT_EINVAL;
    carestat_trend_options def;
    if (!opts) {
        carestat_trend_options_init(&def, CARESTAT_TREND_OPTIONS_VERSION);
        opts = &def;
    }
    if (opts->version != CARESTAT_TREND_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    if (opts->n_neighbours && !opts->neighbours) return CARESTAT_EINVAL;
    const carestat_org *org = cs_trend_org(ds, org_code);
    const char *code = org ? org->code : org_code;
    carestat_table *f = NULL, *s = NULL, *res = NULL;
    int rc = carestat_table_filter(&f, t, NULL, indicator);
    if (rc) return rc;
    rc = opts->continued ? carestat_series_continued(&s, f, ds, code, indicator)
                         : carestat_table_series(&s, f, code, indicator);
    if (rc) goto done;
    if ((rc = carestat_table_new(&res))) goto done;
    if ((rc = carestat_table_append_table(res, s))) goto done;
    const char *eng = opts->england_code && *opts->england_code ? opts->england_code : "E92000001";
    char region[16];
    region_of(region, sizeof region, ds, org, code, opts);
    const char *nbc[MAX_NEIGHBOURS];
    size_t nnb = 0;
    if ((rc = neighbours_of(nbc, &nnb, ds, code, opts))) goto done;
    char nbcode[96], nbname[64];
    snprintf(nbcode, sizeof nbcode, "neighbours:%s", code);
    for (size_t i = 0; i < carestat_table_count(s); i++) {
        carestat_observation o, c;
        carestat_table_get(&o, s, i);
        if (strcmp(eng, code) != 0 && last_obs(&c, f, eng, indicator, o.period_end) &&
            (rc = carestat_table_append(res, &c)))
            goto done;
        if (region[0] && strcmp(region, code) != 0 && last_obs(&c, f, region, indicator, o.period_end) &&
            (rc = carestat_table_append(res, &c)))
            goto done;
        if (nnb) {
            size_t used;
            double mean = neighbours_mean(&used, f, nbc, nnb, indicator, o.period_end);
            carestat_observation m = o;
            m.org_code = nbcode;
            snprintf(nbname, sizeof nbname, "Statistical neighbours (mean of %zu)", used);
            m.org_name = nbname;
            m.numerator = m.denominator = m.lower = m.upper = NAN;
            m.value = mean;
            m.flags = used ? 0 : CARESTAT_FLAG_NOT_AVAILABLE;
            m.source = "mean";
            if ((rc = carestat_table_append(res, &m))) goto done;
        }
    }
    rc = carestat_table_sort(res);
done:
    carestat_table_free(f);
    carestat_table_free(s);
    if (rc) {
        carestat_table_free(res);
        return rc;
    }
    *out = res;
    return CARESTAT_OK;
}

const char *carestat_series_report_text(const carestat_series_report *r, const char *part)
{
    if (!r || !part) return "";
    if (!strcmp(part, "change")) return carestat_relation_text(r->change_relation);
    if (!strcmp(part, "change_judgement")) return carestat_judgement_text(r->change_judgement);
    if (!strcmp(part, "trend")) return carestat_trend_label_text(r->trend.label);
    if (!strcmp(part, "trend_reason")) return carestat_trend_reason_text(r->trend.reason);
    if (!strcmp(part, "spc")) return r->spc_done ? carestat_spc_point_type_text(r->spc.variation) : "";
    if (!strcmp(part, "spc_rule")) return r->spc_done ? carestat_spc_rule_text(r->spc_rule) : "";
    if (!strcmp(part, "spc_assurance")) return r->spc_done ? carestat_spc_assurance_text(r->spc.assurance) : "";
    if (!strcmp(part, "vs_england")) return carestat_judgement_text(r->vs_england);
    if (!strcmp(part, "vs_region")) return carestat_judgement_text(r->vs_region);
    if (!strcmp(part, "vs_neighbours")) return carestat_judgement_text(r->vs_neighbours);
    if (!strcmp(part, "polarity")) return carestat_polarity_text(r->polarity);
    return "";
}

static void put_num(cs_buf *b, double v)
{
    cs_buf_putc(b, ',');
    cs_buf_number(b, v, "");
}

static void put_text(cs_buf *b, const char *s)
{
    cs_buf_putc(b, ',');
    cs_buf_csv_field(b, s);
}

static void render_report(cs_buf *b, const carestat_series_report *r)
{
    char date[16], flags[64];
    carestat_date_format(date, sizeof date, r->period_end);
    carestat_flags_format(flags, sizeof flags, r->flags);
    cs_buf_csv_field(b, r->org_code);
    put_text(b, r->indicator);
    put_text(b, date);
    put_num(b, r->value);
    put_num(b, r->numerator);
    put_num(b, r->denominator);
    put_num(b, r->lower);
    put_num(b, r->upper);
    put_text(b, flags);
    put_num(b, r->previous_value);
    put_num(b, r->change);
    put_num(b, r->change_p_value);
    put_text(b, r->has_previous && r->change_tested ? carestat_series_report_text(r, "change") : "");
    put_text(b, carestat_series_report_text(r, "trend"));
    put_text(b, carestat_series_report_text(r, "trend_reason"));
    put_text(b, carestat_series_report_text(r, "spc"));
    put_text(b, carestat_series_report_text(r, "spc_rule"));
    put_num(b, r->england_value);
    put_text(b, carestat_series_report_text(r, "vs_england"));
    put_text(b, r->region_code);
    put_num(b, r->region_value);
    put_text(b, carestat_series_report_text(r, "vs_region"));
    put_num(b, r->neighbours_value);
    cs_buf_printf(b, ",%zu", r->neighbours_used);
    put_text(b, carestat_series_report_text(r, "vs_neighbours"));
    if (r->quartile)
        cs_buf_printf(b, ",%d,%zu\n", r->quartile, r->quartile_of);
    else
        cs_buf_puts(b, ",,\n");
}

static const char CSV_HEADER[] =
    "org_code,indicator,period_end,value,numerator,denominator,lower,upper,flags,previous_value,change,"
    "change_p_value,change_relation,trend,trend_reason,spc,spc_rule,england_value,vs_england,region_code,"
    "region_value,vs_region,neighbours_value,neighbours_used,vs_neighbours,quartile,quartile_of\n";

static int finish(cs_buf *b, char **out, size_t *len)
{
    if (b->err) {
        int e = b->err;
        cs_buf_free(b);
        return e;
    }
    *out = cs_buf_take(b, len);
    return *out ? CARESTAT_OK : CARESTAT_ENOMEM;
}

int carestat_series_reports_to_csv(char **out, size_t *len, const carestat_series_report *reports, size_t count)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!reports && count) return CARESTAT_EINVAL;
    cs_buf b;
    cs_buf_init(&b);
    cs_buf_puts(&b, CSV_HEADER);
    for (size_t i = 0; i < count; i++) render_report(&b, &reports[i]);
    return finish(&b, out, len);
}

int carestat_trend_csv(char **out, size_t *len, const carestat_table *t, const carestat_dataset *ds,
                       const char *const *orgs, size_t n_orgs, const char *const *indicators, size_t n_indicators,
                       const carestat_trend_options *opts)
{
    if (!out) return CARESTAT_EINVAL;
    *out = NULL;
    if (!t || (!orgs && n_orgs) || (!indicators && n_indicators)) return CARESTAT_EINVAL;
    /* indicators: given, or every id in the table (sorted, distinct) */
    const char **ids = NULL;
    size_t nids = n_indicators;
    if (!indicators || !n_indicators) {
        size_t n = carestat_table_count(t);
        ids = cs_calloc(n ? n : 1, sizeof *ids);
        if (!ids) return CARESTAT_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            carestat_observation o;
            carestat_table_get(&o, t, i);
            ids[i] = o.indicator;
        }
        qsort(ids, n, sizeof *ids, cmp_cstr);
        nids = 0;
        for (size_t i = 0; i < n; i++)
            if (!nids || strcmp(ids[nids - 1], ids[i]) != 0) ids[nids++] = ids[i];
        indicators = ids;
    }
    cs_buf b;
    cs_buf_init(&b);
    cs_buf_puts(&b, CSV_HEADER);
    int rc = CARESTAT_OK;
    carestat_series_report *reps = cs_calloc(n_orgs * (nids ? nids : 1) + 1, sizeof *reps);
    int *have = cs_calloc(n_orgs * (nids ? nids : 1) + 1, sizeof *have);
    if (!reps || !have) rc = CARESTAT_ENOMEM;
    /* one indicator at a time on its own rows (every part of the analysis is per indicator) */
    for (size_t j = 0; j < nids && !rc; j++) {
        carestat_table *f;
        if ((rc = carestat_table_filter(&f, t, NULL, indicators[j]))) break;
        for (size_t i = 0; i < n_orgs; i++) {
            int e = carestat_series_analyse(&reps[i * nids + j], f, ds, orgs[i], indicators[j], opts);
            if (e == CARESTAT_ENOTFOUND) continue;
            if (e) {
                rc = e;
                break;
            }
            have[i * nids + j] = 1;
        }
        carestat_table_free(f);
    }
    for (size_t i = 0; i < n_orgs * nids && !rc; i++)
        if (have[i]) render_report(&b, &reps[i]);
    cs_free(reps);
    cs_free(have);
    cs_free(ids);
    if (rc) {
        cs_buf_free(&b);
        return rc;
    }
    return finish(&b, out, len);
}
