/* Statistical process control: Making Data Count XmR charts as NHSRplotthedots v0.2.2 computes them
 * (ptd_spc_standard.R, ptd_calculate_point_type.R, ptd_calculate_assurance_type.R). See stats.h. */
#include <math.h>

#include "carestat/stats.h"
#include "core/alloc.h"
#include "stats/stats_internal.h"

#define RUN_LENGTH 7

void cs_spc_seven_point_one_side(int *out, const int *v, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] != 0 && i > 0 && v[i] == v[i - 1]) {
            run++;
        } else {
            run = v[i] != 0 ? 1 : 0;
        }
        out[i] = run >= RUN_LENGTH ? 1 : 0;
    }
}

void cs_spc_part_of_seven(int *out, const int *marks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hit = 0;
        for (size_t j = i; j < n && j < i + RUN_LENGTH; j++)
            if (marks[j] != 0) hit = 1;
        out[i] = hit;
    }
}

void cs_spc_seven_point_trend(int *out, const double *y, size_t n)
{
    /* run of equal nonzero signs of successive differences */
    size_t run = 0;
    int prev = 0;
    for (size_t i = 0; i < n; i++) {
        int s = 0;
        if (i > 0) s = (y[i] > y[i - 1]) - (y[i] < y[i - 1]);
        if (s != 0 && s == prev) {
            run++;
        } else {
            run = s != 0 ? 1 : 0;
        }
        prev = s;
        out[i] = run >= RUN_LENGTH - 1 ? s : 0;
    }
}

void cs_spc_two_in_three(int *out, const int *close, const int *side, size_t n)
{
    for (size_t i = 0; i < n; i++) out[i] = 0;
    for (size_t i = 2; i < n; i++) {
        int c = close[i - 2] + close[i - 1] + close[i];
        if (c >= 2 && side[i] != 0 && side[i - 2] == side[i] && side[i - 1] == side[i]) {
            out[i - 2] = 1;
            out[i - 1] = 1;
            out[i] = 1;
        }
    }
}

void cs_spc_part_of_two_in_three(int *out, const int *two, const int *close, size_t n)
{
    for (size_t i = 0; i < n; i++) out[i] = two[i] && close[i];
}

int carestat_spc_options_init(carestat_spc_options *opts)
{
    if (!opts) return CARESTAT_EINVAL;
    opts->version = CARESTAT_SPC_OPTIONS_VERSION;
    opts->improvement = CARESTAT_POLARITY_NONE;
    opts->screen_outliers = 1;
    opts->target = NAN;
    opts->fix_after_n_points = 0;
    return CARESTAT_OK;
}

int carestat_spc_xmr(carestat_spc_summary *summary, int *rule, int *point_type, size_t cap, const double *y,
                     size_t n, const carestat_spc_options *opts)
{
    carestat_spc_options def;
    carestat_spc_options_init(&def);
    if (!opts) opts = &def;
    if (!summary || !y || n < 2) return CARESTAT_EINVAL;
    if (opts->version != CARESTAT_SPC_OPTIONS_VERSION) return CARESTAT_EINVAL;
    if (opts->improvement != CARESTAT_POLARITY_NONE && opts->improvement != CARESTAT_POLARITY_HIGHER_BETTER &&
        opts->improvement != CARESTAT_POLARITY_LOWER_BETTER)
        return CARESTAT_EINVAL;
    if (opts->screen_outliers != 0 && opts->screen_outliers != 1) return CARESTAT_EINVAL;
    if (isinf(opts->target)) return CARESTAT_EINVAL;
    if (opts->fix_after_n_points != 0 && (opts->fix_after_n_points < 12 || opts->fix_after_n_points > n))
        return CARESTAT_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!cs_finite(y[i])) return CARESTAT_EINVAL;
    if ((rule || point_type) && cap < n) return CARESTAT_EBUFFER;

    size_t m = opts->fix_after_n_points ? opts->fix_after_n_points : n;
    double mean = 0.0;
    for (size_t i = 0; i < m; i++) mean += y[i];
    mean /= (double)m;
    double amr = 0.0;
    for (size_t i = 1; i < m; i++) amr += fabs(y[i] - y[i - 1]);
    amr /= (double)(m - 1);
    if (opts->screen_outliers) {
        double cut = 3.267 * amr, s = 0.0;
        size_t k = 0;
        for (size_t i = 1; i < m; i++) {
            double mr = fabs(y[i] - y[i - 1]);
            if (mr < cut) {
                s += mr;
                k++;
            }
        }
        if (k > 0) amr = s / (double)k;
    }
    carestat_spc_summary sm;
    sm.mean = mean;
    sm.amr = amr;
    sm.lpl = mean - 2.66 * amr;
    sm.upl = mean + 2.66 * amr;
    sm.near_lpl = mean - (2.0 / 3.0) * 2.66 * amr;
    sm.near_upl = mean + (2.0 / 3.0) * 2.66 * amr;
    sm.points = n;
    sm.trial_limits = n < 13 ? 1 : 0;

    /* work arrays: side, close, marks, parts (5 ints per point) */
    int *work = cs_malloc(5 * n * sizeof *work);
    if (!work) return CARESTAT_ENOMEM;
    int *side = work, *close = work + n, *tmp = work + 2 * n, *trend = work + 3 * n, *part = work + 4 * n;
    for (size_t i = 0; i < n; i++) {
        side[i] = (y[i] > mean) - (y[i] < mean);
        int outside = y[i] > sm.upl || y[i] < sm.lpl;
        close[i] = !outside && (y[i] < sm.near_lpl || y[i] > sm.near_upl);
    }
    int imp = opts->improvement == CARESTAT_POLARITY_HIGHER_BETTER  ? 1
              : opts->improvement == CARESTAT_POLARITY_LOWER_BETTER ? -1
                                                                    : 0;
    int last_type = CARESTAT_SPC_POINT_COMMON_CAUSE;
    /* rule per point, in precedence order; stored in a temporary pass */
    cs_spc_seven_point_trend(trend, y, n);
    int *rules = cs_malloc(n * sizeof *rules);
    if (!rules) {
        cs_free(work);
        return CARESTAT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) rules[i] = CARESTAT_SPC_COMMON_CAUSE;
    /* shift (lowest precedence first, later rules overwrite) */
    cs_spc_seven_point_one_side(tmp, side, n);
    cs_spc_part_of_seven(part, tmp, n);
    for (size_t i = 0; i < n; i++)
        if (part[i]) rules[i] = side[i] > 0 ? CARESTAT_SPC_SHIFT_ABOVE : CARESTAT_SPC_SHIFT_BELOW;
    /* two in three */
    cs_spc_two_in_three(tmp, close, side, n);
    cs_spc_part_of_two_in_three(part, tmp, close, n);
    for (size_t i = 0; i < n; i++)
        if (part[i]) rules[i] = side[i] > 0 ? CARESTAT_SPC_TWO_IN_THREE_ABOVE : CARESTAT_SPC_TWO_IN_THREE_BELOW;
    /* seven-point trend: each point of a run takes the direction of the run it belongs to */
    for (size_t i = 0; i < n; i++) {
        int dir = 0;
        for (size_t j = i; j < n && j < i + RUN_LENGTH && dir == 0; j++) dir = trend[j];
        if (dir) rules[i] = dir > 0 ? CARESTAT_SPC_TREND_INCREASING : CARESTAT_SPC_TREND_DECREASING;
    }
    /* outside the limits */
    for (size_t i = 0; i < n; i++) {
        if (y[i] > sm.upl) rules[i] = CARESTAT_SPC_ABOVE_UCL;
        if (y[i] < sm.lpl) rules[i] = CARESTAT_SPC_BELOW_LCL;
    }
    for (size_t i = 0; i < n; i++) {
        int v = 0;
        switch (rules[i]) {
        case CARESTAT_SPC_ABOVE_UCL:
        case CARESTAT_SPC_TREND_INCREASING:
        case CARESTAT_SPC_TWO_IN_THREE_ABOVE:
        case CARESTAT_SPC_SHIFT_ABOVE: v = 1; break;
        case CARESTAT_SPC_COMMON_CAUSE: v = 0; break;
        default: v = -1; break;
        }
        int type;
        if (v == 0) {
            type = CARESTAT_SPC_POINT_COMMON_CAUSE;
        } else if (imp == 0) {
            type = v > 0 ? CARESTAT_SPC_POINT_NEUTRAL_HIGH : CARESTAT_SPC_POINT_NEUTRAL_LOW;
        } else {
            type = v * imp > 0 ? CARESTAT_SPC_POINT_IMPROVEMENT : CARESTAT_SPC_POINT_CONCERN;
        }
        if (rule) rule[i] = rules[i];
        if (point_type) point_type[i] = type;
        last_type = type;
    }
    sm.variation = last_type;
    sm.assurance = CARESTAT_SPC_ASSURANCE_NONE;
    if (!isnan(opts->target) && imp != 0) {
        if (opts->target > sm.upl) {
            sm.assurance = imp > 0 ? CARESTAT_SPC_ASSURANCE_CONSISTENT_FAIL : CARESTAT_SPC_ASSURANCE_CONSISTENT_PASS;
        } else if (opts->target < sm.lpl) {
            sm.assurance = imp > 0 ? CARESTAT_SPC_ASSURANCE_CONSISTENT_PASS : CARESTAT_SPC_ASSURANCE_CONSISTENT_FAIL;
        } else {
            sm.assurance = CARESTAT_SPC_ASSURANCE_INCONSISTENT;
        }
    }
    cs_free(rules);
    cs_free(work);
    *summary = sm;
    return CARESTAT_OK;
}
