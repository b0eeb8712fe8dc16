/* The children-in-care indicator family: one linear sweep over the SSDA903 store (children sorted by
 * organisation, episodes by child and start date) producing per-(organisation, year) tallies, then
 * one observation per requested indicator, organisation group and year.
 *
 * Definitions: cla_defs.c (and reference/domain.md section 2). Counting rules, in short:
 * - short-break episodes (LS V3/V4, legacy V1) are removed before anything else;
 * - a period of care starts with RNE S, with the child's first episode, or after a gap;
 * - placements (stability): see build_placements(); carer spells (long-term stability): build_spells().
 */
#include <math.h>
#include <string.h>

#include "carestat/date.h"
#include "carestat/org.h"
#include "carestat/population.h"
#include "core/alloc.h"
#include "measures/cla_internal.h"
#include "measures/measures_internal.h"
#include "population/population_internal.h"
#include "ssda903/store.h"

/* Per (group, year): numerator and denominator of every indicator. For counts only num is used;
 * for averages of days num is the sum of days and den the number of children. */
typedef struct tally {
    double num[CLA_NIND];
    double den[CLA_NIND];
    double sumsq[CLA_NIND]; /* averages of days: sum of squared days (for the interval) */
    double a1_sum, a1_sumsq; /* perm.adoption_days without the foster-carer adjustment (A1) */
    double sw_rows;          /* social worker episodes overlapping the year (0: SW data not collected) */
    double sw_rows_prev;     /* ... overlapping the previous year (for the 2-year variant) */
} tally;

/* Scratch space for one child (sized for the largest child). */
typedef struct scratch {
    uint32_t *ep;          /* store indices of the child's episodes, short breaks removed */
    carestat_date *pstart; /* start of the period of care of each episode */
    /* placements (stability) */
    carestat_date *pl_start, *pl_end;
    unsigned char *pl_counted;
    size_t npl;
    /* carer spell index of each episode, and spells */
    uint32_t *ep_spell;
    carestat_date *sp_start;
    size_t nsp;
    size_t n, cap;
} scratch;

static void scratch_free(scratch *w)
{
    cs_free(w->ep);
    cs_free(w->pstart);
    cs_free(w->pl_start);
    cs_free(w->pl_end);
    cs_free(w->pl_counted);
    cs_free(w->ep_spell);
    cs_free(w->sp_start);
}

static int scratch_alloc(scratch *w, size_t cap)
{
    memset(w, 0, sizeof *w);
    if (cap == 0) cap = 1;
    w->cap = cap;
    w->ep = cs_calloc(cap, sizeof *w->ep);
    w->pstart = cs_calloc(cap, sizeof *w->pstart);
    w->pl_start = cs_calloc(cap, sizeof *w->pl_start);
    w->pl_end = cs_calloc(cap, sizeof *w->pl_end);
    w->pl_counted = cs_calloc(cap, 1);
    w->ep_spell = cs_calloc(cap, sizeof *w->ep_spell);
    w->sp_start = cs_calloc(cap, sizeof *w->sp_start);
    if (!w->ep || !w->pstart || !w->pl_start || !w->pl_end || !w->pl_counted || !w->ep_spell || !w->sp_start) {
        scratch_free(w);
        memset(w, 0, sizeof *w); /* the caller frees it again */
        return CARESTAT_ENOMEM;
    }
    return CARESTAT_OK;
}

/* Is episode e open on day d? An episode left open in one return whose child a later return of the
 * same council does not mention (CS903_EPF_OPEN_NOT_CONTINUED) ended on an unknown day after 31 March
 * of its return's year: every return lists all children looked after during its year, so the child
 * was no longer looked after in the next one. It counts as open up to that 31 March only. */
static int is_open_at(const cs903_store *s, uint32_t e, carestat_date d)
{
    if (s->ep_decom[e] > d) return 0;
    if (s->ep_dec[e] != CARESTAT_DATE_NONE) return s->ep_dec[e] > d;
    if ((s->ep_flags[e] & CS903_EPF_OPEN_NOT_CONTINUED) && s->ep_year[e] > 0) {
        carestat_date last;
        if (carestat_period_year_to_march(NULL, &last, s->ep_year[e]) == CARESTAT_OK && d > last) return 0;
    }
    return 1;
}

/* Episode k (position in w->ep) continues the previous episode (same period of care). */
static int continues(const cs903_store *s, const scratch *w, size_t k)
{
    if (k == 0) return 0;
    uint32_t e = w->ep[k], p = w->ep[k - 1];
    if (s->ep_rne[e] == CS903_RNE_S) return 0;
    return s->ep_dec[p] != CARESTAT_DATE_NONE && s->ep_dec[p] == s->ep_decom[e];
}

/* Placements for the stability indicators.
 * Default rule (LAIT measure 372; domain.md 2.2): an episode starts a new placement when its RNE is
 * S, P, B, T or U, except a T/U move into adoption with the current carer (A3/A5); L never does; a
 * blank or unknown RNE starts one when PLACE or PL_POST changes. Temporary placements (T0-T4) are not
 * counted, and a P episode returning to the PLACE and PL_POST held before the temporary one continues
 * the earlier placement (validator rule 383). Placements shorter than 24 hours (ending the day they
 * started) are not counted. Each exception can be switched off with a CARESTAT_RULE_* bit. */
static void build_placements(const cs903_store *s, scratch *w, unsigned rules)
{
    const int spb_only = (rules & CARESTAT_RULE_PLACEMENTS_SPB_ONLY) != 0;
    const int count_temp = (rules & CARESTAT_RULE_PLACEMENTS_COUNT_TEMPORARY) != 0;
    const int count_short = (rules & CARESTAT_RULE_PLACEMENTS_COUNT_SHORT) != 0;
    const int count_adopt = (rules & CARESTAT_RULE_PLACEMENTS_COUNT_ADOPTION_SAME_CARER) != 0;
    w->npl = 0;
    size_t cur = 0;           /* current placement */
    size_t before_temp = 0;   /* placement held before a temporary one */
    int in_temp = 0;
    uint32_t last_nontemp_ep = 0;
    for (size_t k = 0; k < w->n; k++) {
        uint32_t e = w->ep[k];
        cs903_code rne = s->ep_rne[e], place = s->ep_place[e];
        int change;
        if (!continues(s, w, k)) {
            change = 1;
            in_temp = 0;
        } else if (rne == CS903_RNE_L) {
            change = 0;
        } else if (rne == CS903_RNE_S || rne == CS903_RNE_P || rne == CS903_RNE_B) {
            change = 1;
        } else if (rne == CS903_RNE_T || rne == CS903_RNE_U) {
            change = !spb_only;
            if (change && !count_adopt && cs903_place_is_adoption_with_carer(place)) change = 0;
        } else { /* blank or unknown RNE */
            uint32_t p = w->ep[k - 1];
            change = s->ep_place[p] != place || s->ep_pl_post[p] != s->ep_pl_post[e];
        }
        int temp = cs903_place_is_temporary(place);
        if (change) {
            if (!count_temp && in_temp && !temp && continues(s, w, k) && place == s->ep_place[last_nontemp_ep] &&
                s->ep_pl_post[e] == s->ep_pl_post[last_nontemp_ep]) {
                /* return from a temporary placement to the one held before it */
                cur = before_temp;
                in_temp = 0;
                if (s->ep_dec[e] == CARESTAT_DATE_NONE || w->pl_end[cur] == CARESTAT_DATE_NONE ||
                    s->ep_dec[e] > w->pl_end[cur])
                    w->pl_end[cur] = s->ep_dec[e];
                last_nontemp_ep = e;
                continue;
            }
            if (!count_temp && temp && !in_temp && k > 0 && continues(s, w, k)) before_temp = cur;
            cur = w->npl++;
            w->pl_start[cur] = s->ep_decom[e];
            w->pl_end[cur] = s->ep_dec[e];
            w->pl_counted[cur] = (unsigned char)(count_temp || !temp);
            in_temp = !count_temp && temp;
        } else {
            w->pl_end[cur] = s->ep_dec[e];
        }
        if (!temp) last_nontemp_ep = e;
    }
    if (!count_short)
        for (size_t i = 0; i < w->npl; i++)
            if (w->pl_end[i] != CARESTAT_DATE_NONE && w->pl_end[i] - w->pl_start[i] < 1) w->pl_counted[i] = 0;
}

/* Counted placements overlapping [from, to] (open on or after from, starting on or before to). */
static int placements_in(const scratch *w, carestat_date from, carestat_date to)
{
    int n = 0;
    for (size_t i = 0; i < w->npl; i++)
        if (w->pl_counted[i] && w->pl_start[i] <= to && (w->pl_end[i] == CARESTAT_DATE_NONE || w->pl_end[i] >= from))
            n++;
    return n;
}

/* Carer spells for long-term stability (LAIT measure 393; domain.md 2.3): consecutive episodes whose
 * RNE is L, T or U (same carer) are one spell (only L with CARESTAT_RULE_LONGTERM_SAME_PLACEMENT);
 * temporary placements and the return from them do not break a spell. */
static void build_spells(const cs903_store *s, scratch *w, unsigned rules)
{
    const int only_l = (rules & CARESTAT_RULE_LONGTERM_SAME_PLACEMENT) != 0;
    w->nsp = 0;
    int in_temp = 0;
    for (size_t k = 0; k < w->n; k++) {
        uint32_t e = w->ep[k];
        cs903_code rne = s->ep_rne[e];
        int temp = cs903_place_is_temporary(s->ep_place[e]);
        int same;
        if (!continues(s, w, k)) {
            same = 0;
            in_temp = 0;
        } else if (temp || in_temp) {
            same = 1; /* into, during, or back from a temporary placement */
        } else if (rne == CS903_RNE_L) {
            same = 1;
        } else if (rne == CS903_RNE_T || rne == CS903_RNE_U) {
            same = !only_l;
        } else if (rne == CS903_RNE_S || rne == CS903_RNE_P || rne == CS903_RNE_B) {
            same = 0;
        } else {
            uint32_t p = w->ep[k - 1];
            same = s->ep_place[p] == s->ep_place[e] && s->ep_pl_post[p] == s->ep_pl_post[e];
        }
        in_temp = temp;
        if (!same) w->sp_start[w->nsp++] = s->ep_decom[e];
        w->ep_spell[k] = (uint32_t)(w->nsp ? w->nsp - 1 : 0);
        if (!w->nsp) w->sp_start[w->nsp++] = s->ep_decom[e];
    }
}

/* Start of the carer spell that holds position k, with the adoption rule: a child placed for
 * adoption counts the adoptive placement together with the previous placement (LAIT 393). */
static carestat_date longterm_start(const cs903_store *s, const scratch *w, size_t k)
{
    uint32_t sp = w->ep_spell[k];
    carestat_date st = w->sp_start[sp];
    if (!cs903_place_is_adoption(s->ep_place[w->ep[k]]) || sp == 0) return st;
    /* first position of this spell */
    size_t f = k;
    while (f > 0 && w->ep_spell[f - 1] == sp) f--;
    if (f > 0 && continues(s, w, f) && cs903_place_is_adoption(s->ep_place[w->ep[f]])) return w->sp_start[sp - 1];
    return st;
}

typedef struct yrange {
    int from, to; /* inclusive; from > to = none */
} yrange;

/* One output group: an organisation of the store, or several combined (a trust, a former council,
 * a region). member[i * nyears + (Y - years.from)] says whether store org orgs[i] counts in year Y. */
typedef struct group {
    const char *code;
    const char *name;
    int combined;
    size_t *orgs; /* store org indices (union over the years) */
    size_t norgs;
    yrange years;
    unsigned char *member;
    tally *t; /* years.to - years.from + 1 tallies */
} group;

static size_t nyears(const group *g) { return g->years.from <= g->years.to ? (size_t)(g->years.to - g->years.from + 1) : 0; }

static int is_member(const group *g, size_t i, int Y)
{
    return g->member[i * nyears(g) + (size_t)(Y - g->years.from)] != 0;
}

static yrange org_years(const cs903_store *s, size_t o)
{
    yrange y = {s->org_year_first[o], s->org_year_last[o]};
    if (y.from <= 0 || y.to <= 0) {
        int last = s->org_data_end[o] == CARESTAT_DATE_NONE ? 0 : carestat_reporting_year_of(s->org_data_end[o]);
        y.from = y.to = last;
        if (last == 0) y.from = 1, y.to = 0;
    }
    return y;
}

/* Number of distinct social workers (SW_ID) with an episode overlapping [from, to]. */
static int distinct_sw(const cs903_store *s, uint32_t c, carestat_date from, carestat_date to)
{
    int n = 0;
    uint32_t f = s->child_sw_first[c], l = f + s->child_sw_count[c];
    for (uint32_t i = f; i < l; i++) {
        if (s->sw_decom[i] > to || (s->sw_dec[i] != CARESTAT_DATE_NONE && s->sw_dec[i] < from)) continue;
        int dup = 0;
        for (uint32_t j = f; j < i && !dup; j++)
            if (s->sw_id[j] == s->sw_id[i] &&
                !(s->sw_decom[j] > to || (s->sw_dec[j] != CARESTAT_DATE_NONE && s->sw_dec[j] < from)))
                dup = 1;
        if (!dup) n++;
    }
    return n;
}

/* Add one child's contributions for year Y to tally t. */
static void child_year(const cs903_store *s, const scratch *w, uint32_t c, int Y, tally *t)
{
    carestat_date S, E, S2, lt25;
    carestat_period_year_to_march(&S, &E, Y);
    carestat_period_year_to_march(&S2, NULL, Y - 1);
    carestat_date_from_ymd(&lt25, Y - 3, 10, 1); /* looked after from this date = 2.5 years on 31 March */

    /* episode open on 31 March, starts, last exit */
    long at_end = -1, last_exit = -1;
    int started = 0;
    for (size_t k = 0; k < w->n; k++) {
        uint32_t e = w->ep[k];
        if (is_open_at(s, e, E)) at_end = (long)k;
        if (s->ep_rne[e] == CS903_RNE_S && s->ep_decom[e] >= S && s->ep_decom[e] <= E) started = 1;
        if (cs903_rec_is_ceased(s->ep_rec[e]) && s->ep_dec[e] != CARESTAT_DATE_NONE && s->ep_dec[e] >= S &&
            s->ep_dec[e] <= E)
            last_exit = (long)k;
    }
    if (started) t->num[CLA_STARTS] += 1;
    if (last_exit >= 0) {
        uint32_t e = w->ep[last_exit];
        cs903_code rec = s->ep_rec[e];
        t->num[CLA_CEASED] += 1;
        int ind[] = {CLA_CEASED_ADOPTED, CLA_CEASED_SGO, CLA_CEASED_CAO, CLA_CEASED_RETURNED_HOME};
        for (size_t i = 0; i < sizeof ind / sizeof ind[0]; i++) t->den[ind[i]] += 1;
        if (cs903_rec_is_adopted(rec)) t->num[CLA_CEASED_ADOPTED] += 1;
        if (cs903_rec_is_sgo(rec)) t->num[CLA_CEASED_SGO] += 1;
        if (rec == CS903_REC_E41) t->num[CLA_CEASED_CAO] += 1;
        if (rec == CS903_REC_E4A || rec == CS903_REC_E4B || rec == CS903_REC_E4) t->num[CLA_CEASED_RETURNED_HOME] += 1;
        if (rec == CS903_REC_E45 || rec == CS903_REC_E47) t->num[CLA_KINSHIP_SGO_EXITS] += 1;

        if (cs903_rec_is_adopted(rec)) {
            size_t k = (size_t)last_exit;
            carestat_date pstart = w->pstart[k];
            /* first episode of the adoptive placement: walk back over adoption placements */
            size_t f = k;
            int adoptive = cs903_place_is_adoption(s->ep_place[e]);
            while (adoptive && f > 0 && continues(s, w, f) && cs903_place_is_adoption(s->ep_place[w->ep[f - 1]])) f--;
            /* AD1: the latest row with each date */
            carestat_date dint = CARESTAT_DATE_NONE, dmatch = CARESTAT_DATE_NONE;
            int foster = -1;
            for (uint32_t a = s->child_ad1_first[c]; a < s->child_ad1_first[c] + s->child_ad1_count[c]; a++) {
                if (s->ad1_date_int[a] != CARESTAT_DATE_NONE) dint = s->ad1_date_int[a];
                if (s->ad1_date_match[a] != CARESTAT_DATE_NONE) dmatch = s->ad1_date_match[a];
                if (s->ad1_foster_care[a] >= 0) foster = s->ad1_foster_care[a];
            }
            if (dint == CARESTAT_DATE_NONE)
                for (uint32_t a = s->child_pfa_first[c]; a < s->child_pfa_first[c] + s->child_pfa_count[c]; a++)
                    if (s->pfa_date_placed[a] != CARESTAT_DATE_NONE &&
                        s->pfa_date_placed_ceased[a] == CARESTAT_DATE_NONE)
                        dint = s->pfa_date_placed[a];
            if (adoptive) {
                uint32_t fe = w->ep[f];
                carestat_date placed = s->ep_decom[fe]; /* moved in with the adoptive family (A1) */
                carestat_date moved_in = placed;
                cs903_code frne = s->ep_rne[fe];
                int with_carer = cs903_place_is_adoption_with_carer(s->ep_place[fe]) || frne == CS903_RNE_T ||
                                 frne == CS903_RNE_U || foster == 1;
                if (with_carer && f > 0 && continues(s, w, f)) {
                    /* A10: the clock stops when the child moved in with the carers who adopted them, the
                     * start of the carer spell held just before the adoptive placement */
                    size_t g = f - 1;
                    uint32_t sp = w->ep_spell[g];
                    while (g > 0 && w->ep_spell[g - 1] == sp) g--;
                    moved_in = s->ep_decom[w->ep[g]];
                }
                double d10 = (double)(moved_in - pstart), d1 = (double)(placed - pstart);
                t->num[CLA_PERM_ADOPTION_DAYS] += d10;
                t->sumsq[CLA_PERM_ADOPTION_DAYS] += d10 * d10;
                t->a1_sum += d1;
                t->a1_sumsq += d1 * d1;
                t->den[CLA_PERM_ADOPTION_DAYS] += 1;
                if (dint != CARESTAT_DATE_NONE) {
                    t->den[CLA_PERM_ADOPTED_WITHIN_12M] += 1;
                    carestat_date lim = carestat_date_add_years(dint, 1);
                    if (lim != CARESTAT_DATE_NONE && placed <= lim) t->num[CLA_PERM_ADOPTED_WITHIN_12M] += 1;
                }
            }
            /* A2: placement order (first E1/D1 in the period of care) to match */
            carestat_date po = CARESTAT_DATE_NONE;
            for (size_t j = 0; j <= k; j++) {
                uint32_t ej = w->ep[j];
                if (w->pstart[j] != pstart) continue;
                if (s->ep_ls[ej] == CS903_LS_E1 || s->ep_ls[ej] == CS903_LS_D1) {
                    po = s->ep_decom[ej];
                    break;
                }
            }
            if (po != CARESTAT_DATE_NONE && dmatch != CARESTAT_DATE_NONE) {
                double d = (double)(dmatch - po);
                if (d < 0) d = 0; /* matched before the authority: 0 days */
                t->num[CLA_PERM_MATCH_DAYS] += d;
                t->sumsq[CLA_PERM_MATCH_DAYS] += d * d;
                t->den[CLA_PERM_MATCH_DAYS] += 1;
            }
        }
    }
    for (uint32_t i = s->child_sw_first[c]; i < s->child_sw_first[c] + s->child_sw_count[c]; i++) {
        if (s->sw_decom[i] <= E && (s->sw_dec[i] == CARESTAT_DATE_NONE || s->sw_dec[i] >= S)) t->sw_rows += 1;
        if (s->sw_decom[i] < S && (s->sw_dec[i] == CARESTAT_DATE_NONE || s->sw_dec[i] >= S2)) t->sw_rows_prev += 1;
    }
    if (at_end >= 0) {
        size_t k = (size_t)at_end;
        uint32_t e = w->ep[k];
        t->num[CLA_LOOKED_AFTER] += 1;
        int at31[] = {CLA_KINSHIP, CLA_OTHER_PLACEMENTS, CLA_STABILITY_PLACEMENTS3PLUS, CLA_SW_CHANGES3PLUS};
        for (size_t i = 0; i < sizeof at31 / sizeof at31[0]; i++) t->den[at31[i]] += 1;
        if (cs903_place_is_kinship_foster(s->ep_place[e])) t->num[CLA_KINSHIP] += 1;
        if (cs903_place_is_foster(s->ep_place[e])) {
            t->den[CLA_KINSHIP_OF_FOSTER] += 1;
            if (cs903_place_is_kinship_foster(s->ep_place[e])) t->num[CLA_KINSHIP_OF_FOSTER] += 1;
        }
        if (cs903_place_is_other(s->ep_place[e])) t->num[CLA_OTHER_PLACEMENTS] += 1;
        if (placements_in(w, S, E) >= 3) t->num[CLA_STABILITY_PLACEMENTS3PLUS] += 1;
        if (w->pstart[k] <= S2) {
            t->den[CLA_STABILITY_PLACEMENTS3PLUS_2YR] += 1;
            if (placements_in(w, S2, E) >= 3) t->num[CLA_STABILITY_PLACEMENTS3PLUS_2YR] += 1;
        }
        int age = carestat_age_years(s->child_dob[c], E);
        if (age >= 0 && age < 16 && w->pstart[k] <= lt25) {
            t->den[CLA_STABILITY_LONGTERM] += 1;
            if (longterm_start(s, w, k) <= S2) t->num[CLA_STABILITY_LONGTERM] += 1;
        }
        /* distinct social workers with an episode overlapping the year (A, B, A counts 2) */
        if (distinct_sw(s, c, S, E) >= 3) t->num[CLA_SW_CHANGES3PLUS] += 1;
        if (w->pstart[k] <= S2) {
            t->den[CLA_SW_CHANGES3PLUS_2YR] += 1;
            if (distinct_sw(s, c, S2, E) >= 3) t->num[CLA_SW_CHANGES3PLUS_2YR] += 1;
        }
    }
}

/* Care leavers: OC3 rows of collection year Y. */
static void child_leavers(const cs903_store *s, const scratch *w, uint32_t c, int Y, tally *t, int short_break_only)
{
    if (short_break_only) return;
    carestat_date S, E;
    carestat_period_year_to_march(&S, &E, Y);
    int uasc = s->child_uasc_count[c] > 0;
    (void)w;
    for (uint32_t r = s->child_oc3_first[c]; r < s->child_oc3_first[c] + s->child_oc3_count[c]; r++) {
        if (s->oc3_year[r] != Y) continue;
        carestat_date dob = s->child_dob[c] != CARESTAT_DATE_NONE ? s->child_dob[c] : s->oc3_dob[r];
        int agegrp = -1; /* 0: 17-18, 1: 19-21 */
        for (int a = 17; a <= 21; a++) {
            carestat_date bd = carestat_date_add_years(dob, a);
            if (bd != CARESTAT_DATE_NONE && bd >= S && bd <= E) agegrp = a <= 18 ? 0 : 1;
        }
        if (agegrp < 0) continue;
        cs903_code touch = s->oc3_in_touch[r];
        if (touch == CS903_TOUCH_DIED || touch == CS903_TOUCH_RHOM) continue;
        static const int ids[2][2][3] = {
            {{CLA_LEAVERS_IN_TOUCH_17TO18, CLA_LEAVERS_SUITABLE_ACCOMMODATION_17TO18, CLA_LEAVERS_EET_17TO18},
             {CLA_LEAVERS_IN_TOUCH_19TO21, CLA_LEAVERS_SUITABLE_ACCOMMODATION_19TO21, CLA_LEAVERS_EET_19TO21}},
            {{CLA_LEAVERS_IN_TOUCH_17TO18_UASC, CLA_LEAVERS_SUITABLE_ACCOMMODATION_17TO18_UASC,
              CLA_LEAVERS_EET_17TO18_UASC},
             {CLA_LEAVERS_IN_TOUCH_19TO21_UASC, CLA_LEAVERS_SUITABLE_ACCOMMODATION_19TO21_UASC,
              CLA_LEAVERS_EET_19TO21_UASC}}};
        char letter = cs903_accom_letter(s->oc3_accom[r]);
        int accom_excluded = letter == 'G' || letter == 'H' || letter == 'R';
        for (int u = 0; u <= uasc; u++) {
            const int *id = ids[u][agegrp];
            t->den[id[0]] += 1;
            if (touch == CS903_TOUCH_YES) t->num[id[0]] += 1;
            if (!accom_excluded) {
                t->den[id[1]] += 1;
                if (cs903_accom_suitability(s->oc3_accom[r]) == 1) t->num[id[1]] += 1;
            }
            t->den[id[2]] += 1;
            if (cs903_activ_is_eet(s->oc3_activ[r])) t->num[id[2]] += 1;
        }
    }
}

/* Load child c's episodes into the scratch (short breaks removed) and derive periods, placements
 * and spells. Returns 1 if the child had episodes and all were short breaks. */
static int load_child(const cs903_store *s, scratch *w, uint32_t c, unsigned rules)
{
    w->n = 0;
    uint32_t f = s->child_ep_first[c], cnt = s->child_ep_count[c];
    for (uint32_t e = f; e < f + cnt; e++)
        if (!cs903_ls_is_short_break(s->ep_ls[e])) w->ep[w->n++] = e;
    for (size_t k = 0; k < w->n; k++)
        w->pstart[k] = continues(s, w, k) ? w->pstart[k - 1] : s->ep_decom[w->ep[k]];
    build_placements(s, w, rules);
    build_spells(s, w, rules);
    return cnt > 0 && w->n == 0;
}

static int emit(carestat_table *out, const carestat_dataset *ds, const cs903_store *s, const group *g, int Y, const tally *t, int ind,
                const carestat_request *req)
{
    carestat_observation o;
    memset(&o, 0, sizeof o);
    o.org_code = g->code;
    o.org_name = g->name;
    carestat_period_year_to_march(&o.period_start, &o.period_end, Y);
    o.indicator = cs_cla_defs[ind].id;
    o.source = "computed";
    o.flags = g->combined ? CARESTAT_FLAG_COMBINED : 0;
    /* Multi-year measures need earlier returns: an annual return holds only the episodes open during its
     * year, so without the returns of the previous year (2-year measures) or two years (long-term
     * stability) the cohort is understated: flag "u". Longitudinal files (year unknown) are complete. */
    int back = (ind == CLA_STABILITY_PLACEMENTS3PLUS_2YR || ind == CLA_SW_CHANGES3PLUS_2YR) ? 1
               : ind == CLA_STABILITY_LONGTERM                                                ? 2
                                                                                               : 0;
    for (size_t i = 0; back && i < g->norgs; i++)
        if (is_member(g, i, Y) && s->org_year_first[g->orgs[i]] > 0 && s->org_year_first[g->orgs[i]] > Y - back)
            o.flags |= CARESTAT_FLAG_UNRELIABLE;
    o.numerator = o.denominator = o.value = o.lower = o.upper = NAN;
    const carestat_unit unit = cs_cla_defs[ind].unit;
    switch (unit) {
    case CARESTAT_UNIT_COUNT:
        o.numerator = o.value = t->num[ind];
        break;
    case CARESTAT_UNIT_RATE: {
        int base = ind == CLA_LOOKED_AFTER_RATE ? CLA_LOOKED_AFTER : ind == CLA_STARTS_RATE ? CLA_STARTS : CLA_CEASED;
        o.numerator = t->num[base];
        double pop = 0;
        int ok = 1;
        for (size_t i = 0; i < g->norgs && ok; i++) {
            double p;
            if (!is_member(g, i, Y)) continue;
            if (cs_measures_population(ds, s->org_code[g->orgs[i]], carestat_population_midyear_for(Y), &p)) pop += p;
            else ok = 0;
        }
        if (ok && pop > 0) {
            o.denominator = pop;
            o.value = o.numerator / pop * 10000.0;
        } else {
            o.flags |= CARESTAT_FLAG_NOT_AVAILABLE;
        }
        break;
    }
    case CARESTAT_UNIT_PERCENT:
        o.numerator = t->num[ind];
        o.denominator = t->den[ind];
        if ((ind == CLA_SW_CHANGES3PLUS && t->sw_rows == 0) ||
            (ind == CLA_SW_CHANGES3PLUS_2YR && (t->sw_rows == 0 || t->sw_rows_prev == 0))) {
            /* no social worker episodes in the year (collected from 2023-24): not available, not 0% */
            o.numerator = o.denominator = NAN;
            o.flags |= CARESTAT_FLAG_NOT_AVAILABLE;
        } else if (o.denominator > 0) {
            o.value = 100.0 * o.numerator / o.denominator;
        } else {
            o.flags |= CARESTAT_FLAG_NOT_AVAILABLE;
        }
        break;
    case CARESTAT_UNIT_DAYS: {
        double sum = t->num[ind], sumsq = t->sumsq[ind];
        if (ind == CLA_PERM_ADOPTION_DAYS && (req->rules & CARESTAT_RULE_ADOPTION_NO_FOSTER_ADJUST)) {
            sum = t->a1_sum;
            sumsq = t->a1_sumsq;
        }
        o.numerator = sum;
        o.denominator = t->den[ind];
        if (o.denominator > 0) {
            o.value = sum / o.denominator;
            cs_measures_mean_interval(&o, sumsq, req->level);
        } else {
            o.flags |= CARESTAT_FLAG_NOT_AVAILABLE;
        }
        break;
    }
    default: break;
    }
    if (isfinite(o.value) && unit != CARESTAT_UNIT_DAYS) cs_measures_interval(&o, (int)unit, req->level);
    return carestat_table_append(out, &o);
}

static int cla_compute(carestat_table *out, const carestat_dataset *ds, const carestat_request *req,
                       const char *const *ids, size_t nids)
{
    const cs903_store *s = cs_measures_store(ds);
    int want[CLA_NIND];
    memset(want, 0, sizeof want);
    for (size_t i = 0; i < nids; i++)
        for (int k = 0; k < CLA_NIND; k++)
            if (cs_cla_defs[k].id && strcmp(ids[i], cs_cla_defs[k].id) == 0) want[k] = 1;
    if (!s || s->norgs == 0) return CARESTAT_OK; /* nothing loaded: no observations */

    /* the years: as requested, else the union of every organisation's collection years */
    yrange all = {1, 0};
    for (size_t o = 0; o < s->norgs; o++) {
        yrange oy = org_years(s, o);
        if (oy.from > oy.to) continue;
        if (all.from > all.to) all = oy;
        else {
            if (oy.from < all.from) all.from = oy.from;
            if (oy.to > all.to) all.to = oy.to;
        }
    }
    yrange want_y = {req->year_from ? req->year_from : all.from, req->year_to ? req->year_to : all.to};
    if (all.from > all.to && (!req->year_from || !req->year_to)) return CARESTAT_OK;
    if (want_y.from > want_y.to) return CARESTAT_OK;
    const size_t ny = (size_t)(want_y.to - want_y.from + 1);

    size_t nreq = req->n_orgs ? req->n_orgs : s->norgs;
    group *groups = cs_calloc(nreq, sizeof *groups);
    size_t ngroups = 0;
    int rc = groups ? CARESTAT_OK : CARESTAT_ENOMEM;
    for (size_t q = 0; q < nreq && !rc; q++) {
        group *g = &groups[ngroups];
        g->years = want_y;
        g->orgs = cs_calloc(s->norgs, sizeof *g->orgs);
        g->member = cs_calloc(s->norgs * ny, 1);
        if (!g->orgs || !g->member) {
            cs_free(g->orgs);
            cs_free(g->member);
            g->orgs = NULL;
            g->member = NULL;
            rc = CARESTAT_ENOMEM;
            break;
        }
        if (!req->n_orgs) {
            g->code = s->org_code[q];
            g->name = s->org_name[q];
            g->orgs[0] = q;
            g->norgs = 1;
            yrange oy = org_years(s, q);
            for (int Y = want_y.from; Y <= want_y.to; Y++)
                g->member[Y - want_y.from] = (unsigned char)(Y >= oy.from && Y <= oy.to);
        } else {
            rc = cs_measures_resolve_org(ds, s, req->orgs[q], want_y.from, want_y.to, &g->code, &g->name, g->orgs,
                                         &g->norgs, g->member, &g->combined);
            if (rc == CARESTAT_ENOTFOUND) rc = CARESTAT_OK; /* no children-in-care data for it */
        }
        /* keep a year only where some member has data for it */
        int any = 0;
        for (size_t i = 0; i < g->norgs; i++) {
            yrange oy = org_years(s, g->orgs[i]);
            for (int Y = want_y.from; Y <= want_y.to; Y++) {
                unsigned char *m = &g->member[i * ny + (size_t)(Y - want_y.from)];
                if (Y < oy.from || Y > oy.to) *m = 0; /* outside the organisation's returns */
                if (*m) any = 1;
            }
        }
        if (rc || !any) {
            cs_free(g->orgs);
            cs_free(g->member);
            g->orgs = NULL;
            g->member = NULL;
            continue;
        }
        g->t = cs_calloc(ny, sizeof *g->t);
        if (!g->t) rc = CARESTAT_ENOMEM;
        ngroups++;
    }
    size_t maxeps = 1;
    for (size_t gi = 0; gi < ngroups; gi++)
        for (size_t i = 0; i < groups[gi].norgs; i++) {
            size_t o = groups[gi].orgs[i];
            for (uint32_t c = s->org_child_first[o]; c < s->org_child_first[o] + s->org_child_count[o]; c++)
                if (s->child_ep_count[c] > maxeps) maxeps = s->child_ep_count[c];
        }
    scratch w;
    memset(&w, 0, sizeof w);
    if (!rc) rc = scratch_alloc(&w, maxeps);
    /* the sweep */
    for (size_t gi = 0; gi < ngroups && !rc; gi++) {
        group *g = &groups[gi];
        if (g->years.from > g->years.to) continue;
        for (size_t i = 0; i < g->norgs; i++) {
            size_t o = g->orgs[i];
            for (uint32_t c = s->org_child_first[o]; c < s->org_child_first[o] + s->org_child_count[o]; c++) {
                int sb_only = load_child(s, &w, c, req->rules);
                for (int Y = g->years.from; Y <= g->years.to; Y++) {
                    if (!is_member(g, i, Y)) continue;
                    tally *t = &g->t[Y - g->years.from];
                    child_year(s, &w, c, Y, t);
                    child_leavers(s, &w, c, Y, t, sb_only);
                }
            }
        }
    }
    scratch_free(&w);
    /* output: by indicator, then group, then year */
    for (int k = 0; k < CLA_NIND && !rc; k++) {
        if (!want[k]) continue;
        for (size_t gi = 0; gi < ngroups && !rc; gi++) {
            const group *g = &groups[gi];
            for (int Y = g->years.from; Y <= g->years.to && !rc; Y++) {
                int any = 0;
                for (size_t i = 0; i < g->norgs && !any; i++) any = is_member(g, i, Y);
                if (any) rc = emit(out, ds, s, g, Y, &g->t[Y - g->years.from], k, req);
            }
        }
    }
    for (size_t gi = 0; gi < ngroups; gi++) {
        cs_free(groups[gi].t);
        cs_free(groups[gi].orgs);
        cs_free(groups[gi].member);
    }
    cs_free(groups);
    return rc;
}

const cs_family cs_family_cla = {"children in care", cs_cla_defs, CLA_NIND, cla_compute};
