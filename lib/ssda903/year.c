/* Collection years: resolve the year of each file read by a load call, then check every code against
 * the code list of its row's year. See ssda903.h for the rules. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "ssda903/internal.h"

int cs903_mark_bad(cs903_load *L, uint8_t *bad, uint8_t *dead, uint32_t src)
{
    *bad = 1;
    if (L->mode == CARESTAT_ROWS_DROP && !*dead) {
        *dead = 1;
        L->slot->src[src].rejected++;
    }
    if (L->mode == CARESTAT_ROWS_STOP) {
        L->stopped = 1;
        return CARESTAT_EPARSE;
    }
    return CARESTAT_OK;
}

int cs903_flag_old(cs903_load *L, uint8_t *bad)
{
    if (*bad) return CARESTAT_OK;
    if (CS_GROW(L->undo, L->cap_undo, L->nundo + 1)) return CARESTAT_ENOMEM;
    L->undo[L->nundo++] = bad;
    *bad = 1;
    return CARESTAT_OK;
}

const char *cs903_year_label(int year, char buf[16])
{
    if (year <= 0) snprintf(buf, 16, "unknown year");
    else snprintf(buf, 16, "%d-%02d", year - 1, year % 100);
    return buf;
}

static size_t dir_len(const char *p)
{
    size_t n = 0;
    for (size_t i = 0; p[i]; i++)
        if (p[i] == '/' || p[i] == '\\') n = i;
    return n;
}

static int same_group(const cs903_source *a, const cs903_source *b)
{
    size_t na = dir_len(a->name), nb = dir_len(b->name);
    return na == nb && memcmp(a->name, b->name, na) == 0 && a->org == b->org && a->name_year == b->name_year;
}

int cs903_resolve_years(cs903_load *L, size_t first_src)
{
    cs903_slot *S = L->slot;
    char b1[16], b2[16], d1[16];
    /* groups */
    for (size_t i = first_src; i < S->nsrc; i++) S->src[i].group = UINT32_MAX;
    for (size_t i = first_src; i < S->nsrc; i++) {
        cs903_source *s = &S->src[i];
        if (s->table >= T_NUSED || s->year_per_row || s->group != UINT32_MAX) continue;
        /* a new group led by source i */
        carestat_date max_decom = CARESTAT_DATE_NONE, min_dec = CARESTAT_DATE_NONE, max_dec = CARESTAT_DATE_NONE;
        size_t ep_src = SIZE_MAX;
        for (size_t j = i; j < S->nsrc; j++) {
            cs903_source *t = &S->src[j];
            if (t->table >= T_NUSED || t->year_per_row || t->group != UINT32_MAX || !same_group(s, t)) continue;
            t->group = (uint32_t)i;
            if (t->table == T_EPISODES && t->max_decom != CARESTAT_DATE_NONE) {
                if (ep_src == SIZE_MAX) ep_src = j;
                if (max_decom == CARESTAT_DATE_NONE || t->max_decom > max_decom) max_decom = t->max_decom;
                if (t->min_dec != CARESTAT_DATE_NONE && (min_dec == CARESTAT_DATE_NONE || t->min_dec < min_dec))
                    min_dec = t->min_dec;
                if (t->max_dec != CARESTAT_DATE_NONE && (max_dec == CARESTAT_DATE_NONE || t->max_dec > max_dec))
                    max_dec = t->max_dec;
            }
        }
        /* the year of the latest date: an episode start, or an end (a DEC of 1 April, the day after
         * the year, is written by some tools for an episode open on 31 March) */
        carestat_date latest = max_decom, shown = max_decom;
        if (max_dec != CARESTAT_DATE_NONE && max_dec - 1 > latest) latest = max_dec - 1, shown = max_dec;
        int y_dates = latest != CARESTAT_DATE_NONE ? carestat_reporting_year_of(latest) : 0;
        int longitudinal = 0;
        if (y_dates) {
            carestat_date ystart;
            (void)carestat_period_year_to_march(&ystart, NULL, y_dates);
            longitudinal = min_dec != CARESTAT_DATE_NONE && min_dec < ystart;
        }
        int year = 0;
        uint32_t msg_src = (uint32_t)(ep_src != SIZE_MAX ? ep_src : i);
        if (L->opt_year) {
            year = L->opt_year;
            if (y_dates && !longitudinal && y_dates != year) {
                (void)carestat_date_format(d1, sizeof d1, shown);
                cs903_diag(L, CARESTAT_SEV_WARNING, msg_src, 0, 0, "903_YEAR_MISMATCH",
                           "collection year %s was given, but the latest episode date (%s) falls in %s",
                           cs903_year_label(year, b1), d1, cs903_year_label(y_dates, b2));
            }
        } else if (y_dates && longitudinal) {
            year = 0;
            (void)carestat_date_format(d1, sizeof d1, min_dec);
            cs903_diag(L, CARESTAT_SEV_NOTE, msg_src, 0, 0, "903_LONGITUDINAL",
                       "episodes end as early as %s, before the %s collection year: read as a longitudinal history "
                       "(collection year unknown%s)",
                       d1, cs903_year_label(y_dates, b1), s->name_year ? "; the year in the name is not used" : "");
            longitudinal = 1;
        } else if (y_dates) {
            year = y_dates;
            (void)carestat_date_format(d1, sizeof d1, shown);
            if (s->name_year && s->name_year != y_dates)
                cs903_diag(L, CARESTAT_SEV_WARNING, msg_src, 0, 0, "903_YEAR_MISMATCH",
                           "the name says %d but the latest episode date (%s) falls in the %s collection year: "
                           "%s is used",
                           s->name_year, d1, cs903_year_label(y_dates, b1), cs903_year_label(y_dates, b2));
            else if (!s->name_year)
                cs903_diag(L, CARESTAT_SEV_NOTE, msg_src, 0, 0, "903_YEAR_INFERRED",
                           "collection year %s inferred from the latest episode date (%s)",
                           cs903_year_label(y_dates, b1), d1);
        } else if (s->name_year) {
            year = s->name_year;
        } else {
            cs903_diag(L, CARESTAT_SEV_WARNING, msg_src, 0, 0, "903_YEAR_UNKNOWN",
                       "collection year unknown (none given, none in the file or folder name, no episodes to infer "
                       "it from): codes are checked against every year's list");
        }
        for (size_t j = i; j < S->nsrc; j++)
            if (S->src[j].group == (uint32_t)i) {
                S->src[j].year = year;
                S->src[j].longitudinal = longitudinal;
            }
    }
    /* stamp rows */
#define STAMP(arr)                                                                          \
    for (size_t k = 0; k < S->n_##arr; k++) {                                               \
        if (S->arr[k].src < first_src || S->src[S->arr[k].src].year_per_row) continue;       \
        S->arr[k].year = (int16_t)S->src[S->arr[k].src].year;                               \
    }
    STAMP(hdr) STAMP(ep) STAMP(oc3) STAMP(uasc) STAMP(ad1) STAMP(pfa) STAMP(sw)
#undef STAMP
    return CARESTAT_OK;
}

static int check(cs903_load *L, cs903_field f, uint8_t id, int year, carestat_date decom, uint32_t src, uint32_t line,
                 uint8_t *bad, uint8_t *dead)
{
    if (id < 2 || cs903_code_valid(f, id, year, decom)) return CARESTAT_OK;
    int first = 0, last = 0;
    (void)cs903_code_years(f, id, &first, &last);
    char b1[16], b2[16];
    if (last && year > last)
        cs903_diag(L, CARESTAT_SEV_ERROR, src, line, L->slot->src[src].fcol[f], "903_CODE_YEAR",
                   "%s '%s' is not valid in the %s collection (last valid in %s)", cs903_field_name(f),
                   cs903_code_text(f, id), cs903_year_label(year, b1), cs903_year_label(last, b2));
    else
        cs903_diag(L, CARESTAT_SEV_ERROR, src, line, L->slot->src[src].fcol[f], "903_CODE_YEAR",
                   "%s '%s' is not valid in the %s collection (valid from %s)", cs903_field_name(f),
                   cs903_code_text(f, id), cs903_year_label(year, b1), cs903_year_label(first, b2));
    return cs903_mark_bad(L, bad, dead, src);
}

static void sex_coding(cs903_load *L, uint8_t sex, uint8_t numeric, int year, uint32_t src, uint32_t line)
{
    if (!year || (sex != CS903_SEX_MALE && sex != CS903_SEX_FEMALE)) return;
    char b[16];
    if (numeric && year >= 2025)
        cs903_diag(L, CARESTAT_SEV_WARNING, src, line, L->slot->src[src].fcol[CS903_FIELD_SEX], "903_SEX_CODING",
                   "SEX '%c' uses the coding of returns before 2024-25 (1/2); %s returns use M/F/U: read as %s",
                   sex == CS903_SEX_MALE ? '1' : '2', cs903_year_label(year, b),
                   sex == CS903_SEX_MALE ? "male" : "female");
    else if (!numeric && year < 2025)
        cs903_diag(L, CARESTAT_SEV_WARNING, src, line, L->slot->src[src].fcol[CS903_FIELD_SEX], "903_SEX_CODING",
                   "SEX '%c' uses the coding of returns from 2024-25 (M/F/U); %s returns use 1/2: read as %s",
                   sex == CS903_SEX_MALE ? 'M' : 'F', cs903_year_label(year, b),
                   sex == CS903_SEX_MALE ? "male" : "female");
}

int cs903_validate_codes(cs903_load *L, size_t first_src)
{
    cs903_slot *S = L->slot;
    int rc;
#define CK(f, field, yr, dc, row)                                                                 \
    if ((rc = check(L, f, (row)->field, yr, dc, (row)->src, (row)->line, &(row)->bad, &(row)->dead))) \
        return rc;
    for (size_t k = 0; k < S->n_ep; k++) {
        raw_ep *e = &S->ep[k];
        if (e->src < first_src) continue;
        CK(CS903_FIELD_RNE, rne, e->year, e->decom, e)
        CK(CS903_FIELD_LS, ls, e->year, e->decom, e)
        CK(CS903_FIELD_CIN, cin, e->year, e->decom, e)
        CK(CS903_FIELD_PLACE, place, e->year, e->decom, e)
        CK(CS903_FIELD_PLACE_PROVIDER, prov, e->year, e->decom, e)
        CK(CS903_FIELD_REC, rec, e->year, e->decom, e)
        CK(CS903_FIELD_REASON_PLACE_CHANGE, rpc, e->year, e->decom, e)
    }
    for (size_t k = 0; k < S->n_hdr; k++) {
        raw_hdr *h = &S->hdr[k];
        if (h->src < first_src) continue;
        CK(CS903_FIELD_SEX, sex, h->year, CARESTAT_DATE_NONE, h)
        sex_coding(L, h->sex, h->sex_numeric, h->year, h->src, h->line);
    }
    for (size_t k = 0; k < S->n_uasc; k++) {
        raw_uasc *u = &S->uasc[k];
        if (u->src < first_src) continue;
        CK(CS903_FIELD_SEX, sex, u->year, CARESTAT_DATE_NONE, u)
        sex_coding(L, u->sex, u->sex_numeric, u->year, u->src, u->line);
    }
    for (size_t k = 0; k < S->n_oc3; k++) {
        raw_oc3 *o = &S->oc3[k];
        if (o->src < first_src) continue;
        CK(CS903_FIELD_IN_TOUCH, in_touch, o->year, CARESTAT_DATE_NONE, o)
        CK(CS903_FIELD_ACTIV, activ, o->year, CARESTAT_DATE_NONE, o)
        CK(CS903_FIELD_ACCOM, accom, o->year, CARESTAT_DATE_NONE, o)
    }
    for (size_t k = 0; k < S->n_sw; k++) {
        raw_sw *w = &S->sw[k];
        if (w->src < first_src) continue;
        CK(CS903_FIELD_SW_REASON, reason, w->year, CARESTAT_DATE_NONE, w)
    }
#undef CK
    return CARESTAT_OK;
}
