/* Synthetic SSDA903 returns, workforce records and populations for fictional councils.
 *
 * The model, per council: children enter care (Poisson, monthly, at a rate per 10,000 children aged
 * 0-17 that depends on the council, the year and, in story mode, the trajectory), with an age at entry
 * drawn from DfE's published age mix of starts. At entry each child gets a route out of care (return
 * home, adoption, special guardianship, child arrangements order, staying until 18, other) with a
 * duration; placements change at a hazard that depends on the placement type, the child's age and the
 * time since entry; legal status changes (interim to full care order, placement orders for adoption,
 * police protection and emergency orders ending). Events are merged into SSDA903 episodes obeying the
 * return's rules (RNE, continuation dates, REASON_PLACE_CHANGE on the ending episode, provider and URN
 * rules by placement type, period ends at the 18th birthday). The simulation starts 19 years before the
 * first reporting year so that the children in care at its start have realistic histories.
 * Care leavers (OC3) are derived from the histories: eligible young people (13 weeks in care after
 * their 14th birthday, some of it after their 16th) on their 17th to 21st birthdays after leaving care.
 * The rates are calibrated to the published England figures (see synth.h and reference/domain.md s5). */
#include "carestat/synth.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "carestat/date.h"
#include "core/alloc.h"
#include "synth/rng.h"

#if defined(_WIN32)
#include <direct.h>
#define cs_mkdir(p) _mkdir(p)
#else
#define cs_mkdir(p) mkdir((p), 0777)
#endif

/* ---- code tables ------------------------------------------------------------------------------ */

enum { RNE_S, RNE_L, RNE_P, RNE_T, RNE_U, RNE_B };
static const char *const RNE_CODE[] = {"S", "L", "P", "T", "U", "B"};

enum { LS_C1, LS_C2, LS_E1, LS_V2, LS_L1, LS_L2, LS_J1 };
static const char *const LS_CODE[] = {"C1", "C2", "E1", "V2", "L1", "L2", "J1"};

static const char *const CIN_CODE[] = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
static const double CIN_W[] = {64, 3, 3, 7, 13, 1.5, 0.3, 8.2};

enum {
    PL_U1, PL_U2, PL_U3, PL_U4, PL_U5, PL_U6, PL_A3, PL_A4, PL_A5, PL_A6, PL_K1, PL_K2, PL_K3, PL_H5,
    PL_P1, PL_P2, PL_P3, PL_R1, PL_R2, PL_R3, PL_R5, PL_S1, PL_Z1, PL_T1, PL_T2, PL_T3, PL_T4, PL_N
};
static const char *const PL_CODE[] = {"U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5", "A6", "K1", "K2",
                                      "K3", "H5", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "Z1",
                                      "T1", "T2", "T3", "T4"};
static const char *const Z1_SPLIT[] = {"Z11", "Z12", "Z13", "Z14"};

/* Placement change hazard per year once settled (after the first 60 days). */
static const double PL_HAZ[PL_N] = {0.20, 0.30, 0.26, 0.12, 0.30, 0.42, 0, 0, 0, 0, 0.8, 0.62,
                                    0.45, 0.45, 0.25, 0.5, 0.5, 0.6, 1.5, 2.5, 1.0, 0.3, 1.4, 0, 0, 0, 0};

static const char *const PROV_CODE[] = {"", "PR0", "PR1", "PR2", "PR3", "PR4", "PR5"};

enum {
    REC_NONE, REC_X1, REC_E11, REC_E12, REC_E13, REC_E14, REC_E15, REC_E16, REC_E17, REC_E2, REC_E3,
    REC_E4A, REC_E4B, REC_E41, REC_E45, REC_E46, REC_E47, REC_E48, REC_E5, REC_E6, REC_E7, REC_E8, REC_E9
};
static const char *const REC_CODE[] = {"",    "X1",  "E11", "E12", "E13", "E14", "E15", "E16",
                                       "E17", "E2",  "E3",  "E4A", "E4B", "E41", "E45", "E46",
                                       "E47", "E48", "E5",  "E6",  "E7",  "E8",  "E9"};

static const char *const RPC_CODE[] = {"",      "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
                                       "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"};
static const double RPC_W[] = {0, 42, 6, 3, 4, 1, 12, 8, 5, 4, 3, 1, 11};

static const char *const SWR_CODE[] = {"MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC",
                                       "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"};
static const double SWR_W[] = {14, 0, 34, 6, 24, 4, 0.4, 1.2, 0.02, 16};

static const char *const ETH_CODE[] = {"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA",
                                       "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
                                       "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
static const double ETH_W[] = {66, 0.4, 5, 0.3, 0.6, 4, 1.5, 2, 4, 0.5, 1.5, 0.5, 1.6, 1.5, 3.5, 2, 0.1, 3.5, 0.3, 1.2};
static const double ETH_UASC_W[] = {0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 0, 35, 2, 0, 30, 0, 0};

/* ---- per-year calibration ----------------------------------------------------------------------- */

/* England starts per 10,000 by reporting year relative to the 26.5 base (domain.md 5.1: 24, 26, 28,
 * 27, 26 for 2021-2025; 2020 slightly lower; the pandemic year 2021 lowest). */
static double year_entry_factor(int y)
{
    switch (y) {
    case 2020: return 0.97;
    case 2021: return 0.90;
    case 2022: return 0.98;
    case 2023: return 1.05;
    case 2024: return 1.03;
    case 2025: return 0.99;
    default: return 1.0;
    }
}

/* Other placements (Z1) by reporting year: 600, 710, 1,180, 4,020, 2,050 children at 31 March
 * 2021-2025 (domain.md 5.4): the 2024 rise is the unregistered supported accommodation rule. */
static double year_other_factor(int y)
{
    if (y <= 2021) return 0.55;
    switch (y) {
    case 2022: return 0.65;
    case 2023: return 1.0;
    case 2024: return 3.3;
    case 2025: return 1.75;
    default: return 1.6;
    }
}

/* Kinship foster care grew by about 18% over five years to 2024 (domain.md 5.4). */
static double year_kin_factor(int y)
{
    double f = 1.0 + 0.035 * (double)(y - 2024);
    return f < 0.75 ? 0.75 : (f > 1.25 ? 1.25 : f);
}

/* England workforce turnover and agency rates by census year (domain.md 5.7). */
static double year_turnover(int y)
{
    static const double t[] = {13.4, 15.1, 15.0, 13.5, 15.4, 17.2, 15.9, 13.9, 11.8};
    if (y < 2017) return 14.0;
    if (y > 2025) return 11.8;
    return t[y - 2017];
}
static double year_agency(int y)
{
    static const double t[] = {15.8, 15.4, 15.8, 15.4, 15.5, 17.6, 17.9, 16.2, 13.0};
    if (y < 2017) return 15.5;
    if (y > 2025) return 13.0;
    return t[y - 2017];
}

/* ---- simulation state ---------------------------------------------------------------------------- */

typedef struct ep {
    int32_t decom, dec; /* dec = CARESTAT_DATE_NONE when open at the end of the data */
    uint8_t rne, ls, cin, place, prov, rec, rpc;
    uint32_t pl_post, urn;
} ep;

typedef struct swep {
    int32_t start, end;
    uint32_t worker;
    uint8_t reason;
} swep;

enum { ROUTE_HOME, ROUTE_ADOPT, ROUTE_SGO, ROUTE_CAO, ROUTE_LONG, ROUTE_OTHER };

typedef struct child {
    uint32_t id;
    int32_t dob;
    uint8_t sex; /* 1 male, 2 female */
    uint8_t eth, uasc, mother;
    int32_t mc_dob;
    uint32_t home_post;
    uint32_t ep_first, ep_n;
    uint32_t sw_first, sw_n;
    /* adoption */
    int32_t adm, match, placed_ad, reversed;
    uint8_t adopted, foster_care, reverse_reason, nb_adoptr, sex_adoptr, ls_adoptr;
    uint8_t emit;
} child;

typedef struct ev {
    int32_t day;
    int8_t place; /* new placement type, -1 none, -2 back from a temporary placement */
    int8_t same_carer;
    int8_t ls; /* new legal status, -1 none */
} ev;

typedef struct org_params {
    int index;
    double pop0;      /* 0-17 population at mid-year year_from-1 */
    double growth;    /* population growth per year */
    double entry;     /* council factor on care entry */
    double kin, other, move, sw, resid; /* council factors */
    double wf_turn, wf_agency;          /* council factors on workforce rates */
    int story;
} org_params;

typedef struct gen {
    const carestat_synth_options *o;
    cs_rng r;
    org_params p;
    int32_t end;        /* 31 March year_to */
    int32_t win_start;  /* 1 April year_from-1 */
    child *ch;
    size_t nch, capch;
    ep *eps;
    size_t neps, capeps;
    swep *sws;
    size_t nsws, capsws;
    ev evs[512];
    int nev;
} gen;

static int32_t ymd(int y, int m, int d)
{
    carestat_date out = CARESTAT_DATE_NONE;
    if (d > 28) {
        int dim = carestat_date_days_in_month(y, m);
        if (d > dim) d = dim;
    }
    (void)carestat_date_from_ymd(&out, y, m, d);
    return out;
}

static int year_of_date(int32_t d) { return carestat_reporting_year_of(d); }

/* Story trajectory: 0 in year_from (and before), 1 in year_to. */
static double story_s(const gen *g, int y)
{
    if (!g->p.story) return 0;
    int a = g->o->year_from, b = g->o->year_to;
    if (b <= a) return 1;
    double s = (double)(y - a) / (double)(b - a);
    return s < 0 ? 0 : (s > 1 ? 1 : s);
}

static double entry_rate(const gen *g, int y) /* starts per 10,000 per year */
{
    double base = 28.0 * g->p.entry * year_entry_factor(y);
    if (g->p.story) base = 28.0 * (1.30 - 0.48 * story_s(g, y));
    return base;
}
static double kin_factor(const gen *g, int y)
{
    if (g->p.story) return 0.70 + 0.95 * story_s(g, y);
    return g->p.kin * year_kin_factor(y);
}
static double other_factor(const gen *g, int y)
{
    if (g->p.story) return 2.6 - 2.3 * story_s(g, y);
    return g->p.other * year_other_factor(y);
}
static double move_factor(const gen *g, int y)
{
    if (g->p.story) return 1.30 - 0.50 * story_s(g, y);
    return g->p.move;
}
static double sw_factor(const gen *g, int y)
{
    if (g->p.story) return 1.45 - 0.85 * story_s(g, y);
    return g->p.sw;
}

static double pop_mid(const gen *g, int midyear)
{
    return g->p.pop0 * pow(1.0 + g->p.growth, (double)(midyear - (g->o->year_from - 1)));
}

/* Placement type for a child of the given age (years) at a date. */
static int draw_place(gen *g, double age, int32_t day, int uasc)
{
    double w[PL_N];
    memset(w, 0, sizeof w);
    int y = year_of_date(day);
    double kin = kin_factor(g, y), oth = other_factor(g, y), res = g->p.resid;
    if (age < 5) {
        w[PL_U6] = 44; w[PL_U4] = 9; w[PL_U5] = 3; w[PL_U3] = 15 * kin; w[PL_U1] = 4 * kin; w[PL_U2] = 1.2 * kin;
        w[PL_P1] = 9; w[PL_R3] = age < 1 ? 4 : 0.2; w[PL_K2] = 0.3 * res; w[PL_Z1] = 0.3 * oth;
    } else if (age < 10) {
        w[PL_U6] = 34; w[PL_U4] = 20; w[PL_U3] = 9 * kin; w[PL_U1] = 7 * kin; w[PL_P1] = 8;
        w[PL_K2] = 8 * res; w[PL_R1] = 0.5; w[PL_S1] = 0.3; w[PL_Z1] = 0.9 * oth; w[PL_R2] = 0.2;
    } else if (age < 16) {
        w[PL_U6] = 25; w[PL_U4] = 19; w[PL_U3] = 6 * kin; w[PL_U1] = 4 * kin; w[PL_K2] = 28 * res;
        w[PL_K1] = 0.8; w[PL_P1] = 6; w[PL_R1] = 1.2; w[PL_S1] = 0.25; w[PL_Z1] = 4.0 * oth; w[PL_R5] = 0.3;
        w[PL_R2] = 0.4;
    } else {
        w[PL_U6] = 14; w[PL_U4] = 8; w[PL_U3] = 3 * kin; w[PL_U1] = 1.5 * kin; w[PL_K2] = 16 * res;
        w[PL_K1] = 0.5; w[PL_P1] = 3; w[PL_R1] = 1; w[PL_R5] = 1.2; w[PL_Z1] = 7.0 * oth; w[PL_P2] = 5;
        w[PL_P3] = 0.2; w[PL_R2] = 0.4;
        /* semi-independent (H5) until 31 March 2023, registered supported accommodation (K3) after */
        if (day < ymd(2023, 4, 1)) w[PL_H5] = 62; else w[PL_K3] = 62;
        if (uasc) { w[PL_U6] += 10; w[PL_U3] = 0; w[PL_U1] = 0; }
    }
    if (uasc && age < 16) { w[PL_U3] = 0; w[PL_U1] = 0; w[PL_P1] = 0; w[PL_U6] += 12; }
    /* P2 is not valid from 2025-26, nor H5 after 2023-24 */
    if (day >= ymd(2025, 4, 1)) { w[PL_K3] += w[PL_P2]; w[PL_P2] = 0; }
    return cs_rng_pick(&g->r, w, PL_N);
}

static int draw_provider(gen *g, int place)
{
    double u = cs_rng_unif(&g->r);
    switch (place) {
    case PL_U1: case PL_U2: case PL_U3: return 2;
    case PL_U4: case PL_U5: case PL_U6: return u < 0.6 ? 2 : (u < 0.95 ? 5 : 6);
    case PL_A3: case PL_A4: case PL_A5: case PL_A6: return u < 0.6 ? 2 : (u < 0.8 ? 3 : 6);
    case PL_K1: return u < 0.5 ? 2 : 3;
    case PL_K2: return u < 0.15 ? 2 : (u < 0.95 ? 5 : 6);
    case PL_K3: case PL_H5: case PL_P2: return u < 0.2 ? 2 : (u < 0.9 ? 5 : 6);
    case PL_P1: return 1;
    case PL_P3: return 5;
    case PL_R1: return u < 0.8 ? 5 : 6;
    case PL_R2: case PL_R5: return 4;
    case PL_R3: return 5;
    case PL_S1: return u < 0.6 ? 5 : 6;
    default: return 0; /* Z1: no provider */
    }
}

/* URN: none for placements exempt from rule 218; SC + 6 digits for registered settings checked against
 * the placement postcode; 7 digits for fostering and adoption agencies. Stored as a number; 0 = blank. */
static uint32_t draw_urn(gen *g, int place)
{
    switch (place) {
    case PL_P1: case PL_P2: case PL_P3: case PL_R1: case PL_R2: case PL_R5: case PL_Z1: case PL_H5:
    case PL_T1: case PL_T2: case PL_T3: case PL_T4: return 0;
    case PL_K1: case PL_K2: case PL_K3: case PL_R3: case PL_S1: return 1000000u + cs_rng_below(&g->r, 900000u);
    default: return 10000000u + cs_rng_below(&g->r, 9000000u);
    }
}

static uint32_t draw_post(gen *g) { return (uint32_t)(cs_rng_next(&g->r) >> 32) | 1u; }

static int is_kin(int place) { return place == PL_U1 || place == PL_U2 || place == PL_U3; }
static int is_foster(int place) { return place <= PL_U6; }

static int add_ev(gen *g, int32_t day, int place, int same_carer, int ls)
{
    if (g->nev >= (int)(sizeof g->evs / sizeof g->evs[0])) return 0;
    g->evs[g->nev].day = day;
    g->evs[g->nev].place = (int8_t)place;
    g->evs[g->nev].same_carer = (int8_t)same_carer;
    g->evs[g->nev].ls = (int8_t)ls;
    g->nev++;
    return 1;
}

static void sort_evs(gen *g)
{
    for (int i = 1; i < g->nev; i++) { /* insertion sort: few events, stable */
        ev e = g->evs[i];
        int j = i - 1;
        while (j >= 0 && g->evs[j].day > e.day) {
            g->evs[j + 1] = g->evs[j];
            j--;
        }
        g->evs[j + 1] = e;
    }
}

static int push_ep(gen *g, const ep *e)
{
    if (CS_GROW(g->eps, g->capeps, g->neps + 1)) return CARESTAT_ENOMEM;
    g->eps[g->neps++] = *e;
    return CARESTAT_OK;
}

static int push_sw(gen *g, const swep *s)
{
    if (CS_GROW(g->sws, g->capsws, g->nsws + 1)) return CARESTAT_ENOMEM;
    g->sws[g->nsws++] = *s;
    return CARESTAT_OK;
}

static double years_between(int32_t a, int32_t b) { return (double)(b - a) / 365.25; }

static int rec_at_18(gen *g)
{
    static const double w[] = {40, 31, 8, 10, 2, 9};
    static const int r[] = {REC_E17, REC_E5, REC_E6, REC_E8, REC_E7, REC_E13};
    return r[cs_rng_pick(&g->r, w, 6)];
}

/* Social worker episodes for one period of care, from shortly before it starts to its end. */
static int sim_sw(gen *g, child *c, int32_t t0, int32_t te, int32_t prev_end)
{
    int32_t s = t0 - cs_rng_range(&g->r, 0, 45);
    if (s <= prev_end) s = prev_end + 1;
    if (s < c->dob) s = c->dob;
    if (s > t0) s = t0;
    uint32_t pool = 60u + (uint32_t)(g->p.pop0 / 400.0);
    uint32_t worker = cs_rng_below(&g->r, pool);
    int reason = 1; /* FCONTA */
    int32_t stop = te == CARESTAT_DATE_NONE ? g->end : te;
    int first = 1;
    for (;;) {
        double rate = 1.05 * sw_factor(g, year_of_date(s));
        double dt = cs_rng_exp(&g->r, 365.25 / rate);
        if (first) { /* transfer from the assessment team to the children in care team */
            first = 0;
            if (cs_rng_bern(&g->r, 0.30)) { dt = 20 + cs_rng_exp(&g->r, 40); }
        }
        int32_t next = s + (int32_t)(dt < 1 ? 1 : (dt > 30000 ? 30000 : dt));
        swep e;
        e.start = s;
        e.worker = worker;
        e.reason = (uint8_t)reason;
        if (next >= stop) {
            e.end = te == CARESTAT_DATE_NONE ? CARESTAT_DATE_NONE : te;
            if (e.end != CARESTAT_DATE_NONE && e.end <= e.start) e.end = e.start + 1;
            if (push_sw(g, &e)) return CARESTAT_ENOMEM;
            c->sw_n++;
            break;
        }
        e.end = next;
        if (push_sw(g, &e)) return CARESTAT_ENOMEM;
        c->sw_n++;
        uint32_t w2 = cs_rng_below(&g->r, pool);
        if (w2 == worker) w2 = (w2 + 1) % pool;
        worker = w2;
        reason = cs_rng_pick(&g->r, SWR_W, 10);
        s = next;
    }
    return CARESTAT_OK;
}

/* One period of care starting at t0. Returns the end date (CARESTAT_DATE_NONE if still open at the end
 * of the data) through *out_end and the reason through *out_rec. */
static int sim_period(gen *g, child *c, int32_t t0, int32_t *out_end, int *out_rec)
{
    cs_rng *r = &g->r;
    int32_t t18 = carestat_date_add_years(c->dob, 18);
    double age0 = years_between(c->dob, t0);
    int grp = age0 < 1 ? 0 : age0 < 5 ? 1 : age0 < 10 ? 2 : age0 < 16 ? 3 : 4;
    static const double route_w[5][6] = {
        /* home adopt sgo cao long other */
        {22, 34, 23, 4, 12, 6},
        {32, 22, 23, 5, 13, 6},
        {44, 2.5, 18, 5, 28, 4.5},
        {48, 0, 4.5, 1.5, 42, 7},
        {28, 0, 1, 0.5, 60, 10.5},
    };
    int route = cs_rng_pick(r, route_w[grp], 6);
    if (c->uasc) route = cs_rng_bern(r, 0.82) ? ROUTE_LONG : ROUTE_OTHER;

    /* legal status at entry */
    int ls;
    if (c->uasc) ls = cs_rng_bern(r, 0.95) ? LS_V2 : LS_C1;
    else {
        double w[7] = {42, 0, 0, 44, 4, 5, age0 >= 10 ? (age0 >= 14 ? 8 : 3) : 0};
        if (route == ROUTE_ADOPT) { w[LS_V2] = 12; w[LS_C1] = 70; }
        ls = cs_rng_pick(r, w, 7);
    }
    if (ls == LS_J1) route = ROUTE_OTHER;

    double dur;
    int32_t adm = 0, match = 0, placed = 0, reversal = 0;
    switch (route) {
    case ROUTE_HOME: {
        static const double med[5] = {240, 260, 230, 150, 110};
        dur = cs_rng_lognorm(r, med[grp], 1.15);
        break;
    }
    case ROUTE_ADOPT:
        adm = t0 + (int32_t)cs_rng_lognorm(r, 290, 0.35);
        match = adm + (int32_t)cs_rng_lognorm(r, 230, 0.45);
        placed = match + cs_rng_range(r, 10, 60);
        dur = (double)(placed - t0) + cs_rng_lognorm(r, 210, 0.3);
        if (cs_rng_bern(r, 0.08)) reversal = adm + (int32_t)cs_rng_lognorm(r, 200, 0.4);
        break;
    case ROUTE_SGO: dur = cs_rng_lognorm(r, 620, 0.5); break;
    case ROUTE_CAO: dur = cs_rng_lognorm(r, 420, 0.5); break;
    case ROUTE_LONG: dur = 1e9; break;
    default: dur = ls == LS_J1 ? cs_rng_lognorm(r, 35, 0.6) : cs_rng_lognorm(r, 140, 1.0); break;
    }
    if (reversal && reversal >= (int32_t)(t0 + dur - 1)) reversal = 0;
    if (reversal) { /* the plan for adoption is reversed: the child stays or leaves by SGO */
        route = cs_rng_bern(r, 0.5) ? ROUTE_SGO : ROUTE_LONG;
        dur = route == ROUTE_SGO ? (double)(reversal - t0) + cs_rng_lognorm(r, 400, 0.4) : 1e9;
        match = placed = 0;
    }
    if (dur < 1) dur = 1;
    int32_t te = (double)t0 + dur >= (double)t18 ? t18 : t0 + (int32_t)dur;
    if (te <= t0) te = t0 + 1;
    int reached18 = te == t18;

    /* events: legal changes */
    g->nev = 0;
    if (ls == LS_L1) add_ev(g, t0 + cs_rng_range(r, 1, 3), -1, 0, cs_rng_bern(r, 0.5) ? LS_C1 : LS_V2);
    else if (ls == LS_L2) add_ev(g, t0 + cs_rng_range(r, 5, 21), -1, 0, LS_C1);
    int32_t tc1 = ls == LS_L2 ? t0 + 21 : t0;
    if (ls == LS_C1 || ls == LS_L2 || (ls == LS_L1)) {
        add_ev(g, tc1 + (int32_t)cs_rng_lognorm(r, 210, 0.4), -1, 0, LS_C2);
    } else if (ls == LS_V2 && age0 < 12 && cs_rng_bern(r, 0.3)) {
        int32_t d = t0 + (int32_t)cs_rng_lognorm(r, 90, 0.6);
        add_ev(g, d, -1, 0, LS_C1);
        add_ev(g, d + (int32_t)cs_rng_lognorm(r, 200, 0.4), -1, 0, LS_C2);
    }
    int consent = ls == LS_V2;
    if (route == ROUTE_ADOPT && !consent) add_ev(g, adm + cs_rng_range(r, 20, 120), -1, 0, LS_E1);

    /* placements */
    int y0 = year_of_date(t0);
    int place = draw_place(g, age0, t0, c->uasc);
    if (route == ROUTE_ADOPT && age0 < 2 && cs_rng_bern(r, 0.14)) place = cs_rng_bern(r, 0.85) ? PL_U5 : PL_U2;
    int cur = place;
    int32_t t = t0;
    int made_long_term = 0;
    double mv = move_factor(g, y0);
    int32_t last_move_limit = route == ROUTE_ADOPT ? placed : te;
    for (;;) {
        double age = years_between(c->dob, t);
        double amult = age < 5 ? 0.75 : (age < 10 ? 0.9 : (age < 16 ? 1.3 : 1.15));
        double rate = 0.9 * PL_HAZ[cur] * amult * mv;
        if (t - t0 < 60) rate += 1.45 * mv; /* early moves: emergency placement, then a planned one */
        if (rate <= 0) break;
        double dt = cs_rng_exp(r, 365.25 / rate);
        if (dt < 1) dt = 1;
        if ((double)t + dt >= (double)last_move_limit - 1) break;
        t += (int32_t)dt;
        mv = move_factor(g, year_of_date(t));
        /* a short-term foster placement becoming long-term with the same carers */
        if (!made_long_term && (cur == PL_U6 || cur == PL_U3) && t - t0 > 240 && cs_rng_bern(r, 0.25)) {
            made_long_term = 1;
            cur = cur == PL_U6 ? PL_U4 : PL_U1;
            add_ev(g, t, cur, 1, -1);
            continue;
        }
        int np = draw_place(g, years_between(c->dob, t), t, c->uasc);
        if (np == cur && cs_rng_bern(r, 0.5)) np = draw_place(g, years_between(c->dob, t), t, c->uasc);
        cur = np;
        add_ev(g, t, cur, 0, -1);
    }
    /* the adoptive placement */
    uint8_t fc = 0;
    if (route == ROUTE_ADOPT && placed < te) {
        int same = cur == PL_U5 || cur == PL_U2 || (is_foster(cur) && cs_rng_bern(r, 0.10));
        fc = (uint8_t)same;
        cur = same ? (consent ? PL_A3 : PL_A5) : (consent ? PL_A4 : PL_A6);
        add_ev(g, placed, cur, same, -1);
    }
    /* kinship carers assessed before a special guardianship order */
    int rec;
    if (route == ROUTE_SGO && !reached18 && !is_kin(cur) && cs_rng_bern(r, 0.5)) {
        int32_t d = te - (int32_t)cs_rng_lognorm(r, 180, 0.4);
        if (d > t0 + 30) {
            /* drop later placement events so the kinship placement is the last */
            int k = 0;
            for (int i = 0; i < g->nev; i++)
                if (!(g->evs[i].place >= 0 && g->evs[i].day >= d)) g->evs[k++] = g->evs[i];
            g->nev = k;
            cur = PL_U3;
            add_ev(g, d, cur, 0, -1);
        }
    }
    sort_evs(g);
    /* the final placement type decides the SGO code */
    int last_place = place;
    for (int i = 0; i < g->nev; i++)
        if (g->evs[i].place >= 0 && g->evs[i].day < te) last_place = g->evs[i].place;

    if (reached18) rec = rec_at_18(g);
    else switch (route) {
        case ROUTE_HOME: {
            double u = cs_rng_unif(r);
            rec = u < 0.70 ? REC_E4A : (u < 0.80 ? REC_E4B : REC_E13);
            break;
        }
        case ROUTE_ADOPT: rec = cs_rng_bern(r, 0.85) ? REC_E11 : REC_E12; break;
        case ROUTE_SGO:
            if (is_kin(last_place)) rec = cs_rng_bern(r, 0.8) ? REC_E45 : REC_E47;
            else {
                double u = cs_rng_unif(r);
                rec = u < 0.6 ? REC_E46 : (u < 0.85 ? REC_E47 : REC_E48);
            }
            break;
        case ROUTE_CAO: rec = REC_E41; break;
        default: {
            if (ls == LS_J1) { rec = REC_E14; break; }
            if (c->uasc) { rec = cs_rng_bern(r, 0.6) ? REC_E15 : REC_E8; break; }
            static const double w[] = {45, 16, 5, 10, 1.2, 22};
            static const int rr[] = {REC_E8, REC_E3, REC_E16, REC_E9, REC_E2, REC_E13};
            rec = rr[cs_rng_pick(r, w, 6)];
            if (rec == REC_E9 && age0 < 10) rec = REC_E8;
        }
        }

    /* temporary placements (T1-T4: hospital, holiday, carers' holiday, a week or less), about one per 20
     * child-years, never at the start or end of a period (rules 380, 381), nor during an adoptive
     * placement; the child then returns to the placement before (rule 383: RNE P, same PLACE and PL_POST) */
    {
        int32_t last = te < g->end ? te : g->end;
        double years = (double)(last - t0) / 365.25;
        int ntemp = years > 0.2 ? cs_rng_poisson(r, 0.05 * years) : 0;
        for (int k = 0; k < ntemp; k++) {
            static const double tw[] = {20, 15, 20, 45};
            static const int tcode[] = {PL_T1, PL_T2, PL_T3, PL_T4};
            static const int tmax[] = {42, 14, 21, 7};
            int tt = cs_rng_pick(r, tw, 4);
            int tdur = cs_rng_range(r, 1, tmax[tt]);
            int32_t lo = t0 + 14, hi = last - tdur - 14;
            if (hi <= lo) continue;
            int32_t d = lo + (int32_t)cs_rng_below(r, (uint32_t)(hi - lo));
            int clash = 0, here = place;
            for (int q = 0; q < g->nev; q++) {
                if (g->evs[q].day >= d - 2 && g->evs[q].day <= d + tdur + 2) clash = 1;
                if (g->evs[q].day <= d && g->evs[q].place >= 0) here = g->evs[q].place;
            }
            if (clash || (here >= PL_A3 && here <= PL_A6) || here >= PL_T1) continue;
            add_ev(g, d, tcode[tt], 0, -1);
            add_ev(g, d + tdur, -2, 0, -1);
            sort_evs(g);
        }
    }

    /* episodes */
    int cin = cs_rng_pick(r, CIN_W, 8);
    if (c->uasc) cin = 7; /* N8 absent parenting */
    ep e;
    memset(&e, 0, sizeof e);
    e.decom = t0;
    e.rne = RNE_S;
    e.ls = (uint8_t)ls;
    e.cin = (uint8_t)cin;
    e.place = (uint8_t)place;
    e.prov = (uint8_t)draw_provider(g, place);
    e.pl_post = place == PL_P1 ? c->home_post : draw_post(g);
    e.urn = draw_urn(g, place);
    int i = 0;
    int32_t data_end = g->end;
    ep saved = e; /* the placement before a temporary one */
    for (;;) {
        /* gather the events of the next change day */
        while (i < g->nev && (g->evs[i].day <= e.decom)) i++;
        if (i >= g->nev || g->evs[i].day >= te || g->evs[i].day > data_end) break;
        int32_t d = g->evs[i].day;
        int np = -1, same = 0, nls = -1, back = 0;
        while (i < g->nev && g->evs[i].day == d) {
            if (g->evs[i].place == -2) back = 1;
            if (g->evs[i].place >= 0) { np = g->evs[i].place; same = g->evs[i].same_carer; }
            if (g->evs[i].ls >= 0) nls = g->evs[i].ls;
            i++;
        }
        if (nls == (int)e.ls) nls = -1;
        if (back) {
            ep n = saved;
            n.ls = e.ls;
            n.cin = e.cin;
            n.decom = d;
            n.rne = RNE_P;
            e.dec = d;
            e.rec = REC_X1;
            e.rpc = 0; /* not needed for a temporary placement (rule 226) */
            if (push_ep(g, &e)) return CARESTAT_ENOMEM;
            c->ep_n++;
            e = n;
            e.dec = 0;
            e.rec = 0;
            e.rpc = 0;
            continue;
        }
        if (np >= PL_T1) {
            saved = e;
            ep n = e;
            n.decom = d;
            n.rne = RNE_P;
            n.place = (uint8_t)np;
            n.prov = 0;
            n.urn = 0;
            n.pl_post = draw_post(g);
            e.dec = d;
            e.rec = REC_X1;
            e.rpc = 0;
            if (push_ep(g, &e)) return CARESTAT_ENOMEM;
            c->ep_n++;
            e = n;
            e.dec = 0;
            e.rec = 0;
            e.rpc = 0;
            continue;
        }
        if (np < 0 && nls < 0) continue;
        ep n = e;
        n.decom = d;
        e.dec = d;
        e.rec = REC_X1;
        e.rpc = 0;
        if (np >= 0 && nls >= 0) n.rne = same ? RNE_U : RNE_B;
        else if (np >= 0) n.rne = same ? RNE_T : RNE_P;
        else n.rne = RNE_L;
        if (np >= 0) {
            int rp = cs_rng_pick(r, RPC_W, 13);
            if (rp == 11 && years_between(c->dob, d) < 10) rp = 12; /* CUSTOD not under 10 */
            if (same) rp = 10; /* change in the status of the placement only */
            if (np >= PL_A3 && np <= PL_A6) rp = 1; /* implementation of the care plan */
            e.rpc = (uint8_t)rp;
            n.place = (uint8_t)np;
            if (!same) {
                n.prov = (uint8_t)draw_provider(g, np);
                n.pl_post = np == PL_P1 ? c->home_post : draw_post(g);
                n.urn = draw_urn(g, np);
            } else {
                n.prov = (uint8_t)draw_provider(g, np);
                if (np >= PL_A3 && np <= PL_A6 && n.prov == 4) n.prov = 2;
                n.urn = draw_urn(g, np);
            }
        }
        if (nls >= 0) n.ls = (uint8_t)nls;
        if (push_ep(g, &e)) return CARESTAT_ENOMEM;
        c->ep_n++;
        e = n;
        e.dec = 0;
        e.rec = 0;
        e.rpc = 0;
    }
    if (te > data_end) {
        e.dec = CARESTAT_DATE_NONE;
        e.rec = REC_NONE;
        *out_end = CARESTAT_DATE_NONE;
    } else {
        e.dec = te;
        e.rec = (uint8_t)rec;
        *out_end = te;
    }
    e.rpc = 0;
    if (push_ep(g, &e)) return CARESTAT_ENOMEM;
    c->ep_n++;
    *out_rec = te > data_end ? REC_NONE : rec;

    if (route == ROUTE_ADOPT || reversal) {
        c->adm = adm <= data_end ? adm : 0;
        c->match = match && match <= data_end ? match : 0;
        c->placed_ad = placed && placed <= data_end && placed < te ? placed : 0;
        c->reversed = reversal && reversal <= data_end ? reversal : 0;
        c->reverse_reason = (uint8_t)cs_rng_range(r, 1, 4);
        c->adopted = (uint8_t)(te <= data_end && (rec == REC_E11 || rec == REC_E12));
        c->foster_care = fc;
        c->nb_adoptr = (uint8_t)(cs_rng_bern(r, 0.85) ? 2 : 1);
        c->sex_adoptr = (uint8_t)cs_rng_range(r, 0, 2);
        c->ls_adoptr = (uint8_t)cs_rng_range(r, 0, 2);
    }
    return CARESTAT_OK;
}

static int new_child(gen *g, int32_t t0, int uasc_ok)
{
    cs_rng *r = &g->r;
    if (CS_GROW(g->ch, g->capch, g->nch + 1)) return CARESTAT_ENOMEM;
    child *c = &g->ch[g->nch];
    memset(c, 0, sizeof *c);
    c->id = 100000u + (uint32_t)g->nch;
    /* age at entry: DfE's starts by age, roughly 19% under 1, 14% 1-4, 15% 5-9, 33% 10-15, 19% 16-17 */
    static const double aw[] = {19, 14, 15, 33, 19};
    static const double lo[] = {0, 1, 5, 10, 16}, hi[] = {1, 5, 10, 16, 17.9};
    int ag = cs_rng_pick(r, aw, 5);
    double age = lo[ag] + (hi[ag] - lo[ag]) * cs_rng_unif(r);
    if (ag == 0 && cs_rng_bern(r, 0.35)) age = cs_rng_unif(r) * 0.05; /* at or soon after birth */
    c->uasc = (uint8_t)(uasc_ok && age >= 14 && cs_rng_bern(r, ag == 4 ? 0.30 : 0.12));
    c->dob = t0 - (int32_t)(age * 365.25);
    c->sex = (uint8_t)(c->uasc ? (cs_rng_bern(r, 0.93) ? 1 : 2) : (cs_rng_bern(r, 0.55) ? 1 : 2));
    c->eth = (uint8_t)cs_rng_pick(r, c->uasc ? ETH_UASC_W : ETH_W, 20);
    c->home_post = draw_post(g);
    c->ep_first = (uint32_t)g->neps;
    c->sw_first = (uint32_t)g->nsws;
    c->mc_dob = CARESTAT_DATE_NONE;
    g->nch++;

    int32_t t = t0;
    int32_t prev_sw_end = c->dob - 1;
    for (int period = 0; period < 4; period++) {
        int32_t te;
        int rec;
        child *cc = &g->ch[g->nch - 1];
        if (sim_period(g, cc, t, &te, &rec)) return CARESTAT_ENOMEM;
        cc = &g->ch[g->nch - 1];
        if (sim_sw(g, cc, t, te, prev_sw_end)) return CARESTAT_ENOMEM;
        if (te == CARESTAT_DATE_NONE) break;
        prev_sw_end = te;
        /* re-entry after a return home */
        if (!(rec == REC_E4A || rec == REC_E4B || rec == REC_E13 || rec == REC_E41)) break;
        if (!cs_rng_bern(r, 0.13)) break;
        int32_t t2 = te + 30 + (int32_t)cs_rng_exp(r, 330);
        int32_t t18 = carestat_date_add_years(cc->dob, 18);
        if (t2 >= t18 - 30 || t2 > g->end) break;
        t = t2;
    }
    return CARESTAT_OK;
}

/* ---- output ----------------------------------------------------------------------------------- */

typedef struct wbuf {
    FILE *f;
    char *buf;
    size_t len, cap;
    int err;
} wbuf;

#define WB_CAP (1u << 20)

static int wb_open(wbuf *w, const char *path)
{
    memset(w, 0, sizeof *w);
    w->f = fopen(path, "wb");
    if (!w->f) return CARESTAT_EIO;
    w->buf = cs_malloc(WB_CAP);
    if (!w->buf) {
        fclose(w->f);
        w->f = NULL;
        return CARESTAT_ENOMEM;
    }
    w->cap = WB_CAP;
    return CARESTAT_OK;
}

static void wb_flush(wbuf *w)
{
    if (w->len && w->f && !w->err) {
        if (fwrite(w->buf, 1, w->len, w->f) != w->len) w->err = CARESTAT_EIO;
    }
    w->len = 0;
}

static int wb_close(wbuf *w)
{
    if (!w->f) {
        cs_free(w->buf);
        w->buf = NULL;
        return w->err;
    }
    wb_flush(w);
    if (fclose(w->f) != 0 && !w->err) w->err = CARESTAT_EIO;
    w->f = NULL;
    cs_free(w->buf);
    w->buf = NULL;
    return w->err;
}

static void wb_str(wbuf *w, const char *s)
{
    size_t n = strlen(s);
    if (w->len + n + 1 > w->cap) wb_flush(w);
    if (n >= w->cap) return; /* never: every field is short */
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void wb_ch(wbuf *w, char c)
{
    if (w->len + 1 > w->cap) wb_flush(w);
    w->buf[w->len++] = c;
}

static void wb_uint(wbuf *w, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    if (w->len + (size_t)n + 1 > w->cap) wb_flush(w);
    while (n) w->buf[w->len++] = tmp[--n];
}

/* Fixed decimals (d = 1 or 2) of a non-negative value. */
static void wb_fixed(wbuf *w, double v, int d)
{
    double scale = d == 1 ? 10.0 : 100.0;
    if (v < 0) { wb_ch(w, '-'); v = -v; }
    uint64_t x = (uint64_t)floor(v * scale + 0.5);
    wb_uint(w, x / (uint64_t)scale);
    wb_ch(w, '.');
    uint64_t frac = x % (uint64_t)scale;
    if (d == 2 && frac < 10) wb_ch(w, '0');
    wb_uint(w, frac);
}

static void wb_2d(wbuf *w, int v)
{
    wb_ch(w, (char)('0' + v / 10));
    wb_ch(w, (char)('0' + v % 10));
}

/* dd/mm/yyyy; nothing for a missing date. */
static void wb_date(wbuf *w, int32_t d)
{
    int y, m, dd;
    if (d == CARESTAT_DATE_NONE || carestat_date_to_ymd(d, &y, &m, &dd) != CARESTAT_OK) return;
    wb_2d(w, dd);
    wb_ch(w, '/');
    wb_2d(w, m);
    wb_ch(w, '/');
    wb_uint(w, (uint64_t)y);
}

static void wb_nl(wbuf *w)
{
    wb_ch(w, '\n');
    if (w->len > w->cap - 4096) wb_flush(w);
}

/* Fictional postcodes: the letter Q is never the first letter of a real UK postcode. */
static void wb_post(wbuf *w, uint32_t v)
{
    static const char area[] = "ABCDEFGHJKLMNOPRSTUWY";
    static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";
    wb_ch(w, 'Q');
    wb_ch(w, area[v % 21u]);
    v /= 21u;
    wb_uint(w, 1u + v % 29u);
    v /= 29u;
    wb_ch(w, ' ');
    wb_ch(w, (char)('0' + (int)(v % 10u)));
    v /= 10u;
    wb_ch(w, inward[v % 20u]);
    v /= 20u;
    wb_ch(w, inward[v % 20u]);
}

/* UPN: check letter + 12 digits, the check letter by DfE's modulus-23 rule over positions 2-13. */
static void wb_upn(wbuf *w, uint64_t v)
{
    static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
    char d[12];
    unsigned sum = 0;
    for (int i = 0; i < 12; i++) {
        d[i] = (char)('0' + (int)(v % 10));
        v /= 10;
        sum += (unsigned)(d[i] - '0') * (unsigned)(i + 2);
    }
    wb_ch(w, letters[sum % 23u]);
    for (int i = 0; i < 12; i++) wb_ch(w, d[i]);
}

/* ---- per council ---------------------------------------------------------------------------------- */

static const char *const STORY_NAMES[] = {"Northvale (fictional)", "Westvale (fictional)"};
static const char *const STORY_TRUST = "Vale Children's Trust (fictional)";

int carestat_synth_org_code(char *buf, size_t cap, int index)
{
    if (!buf) return CARESTAT_EINVAL;
    if (index < -1 || index > 998) return CARESTAT_ERANGE;
    if (cap < 7) return CARESTAT_EBUFFER;
    if (index < 0) snprintf(buf, cap, "SYNT01");
    else snprintf(buf, cap, "SYN%03d", index + 1);
    return CARESTAT_OK;
}

int carestat_synth_org_name(char *buf, size_t cap, int index, int story)
{
    if (!buf) return CARESTAT_EINVAL;
    if (index < -1 || index > 998) return CARESTAT_ERANGE;
    int n;
    if (index < 0) n = snprintf(buf, cap, "%s", STORY_TRUST);
    else if (story && index < 2) n = snprintf(buf, cap, "%s", STORY_NAMES[index]);
    else n = snprintf(buf, cap, "Synthetic Council %03d (fictional)", index + 1);
    if (n < 0 || (size_t)n >= cap) {
        if (cap) buf[0] = '\0';
        return CARESTAT_EBUFFER;
    }
    return CARESTAT_OK;
}

int carestat_synth_options_init(carestat_synth_options *opts, unsigned version)
{
    if (!opts) return CARESTAT_EINVAL;
    if (version != CARESTAT_SYNTH_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    memset(opts, 0, sizeof *opts);
    opts->version = CARESTAT_SYNTH_OPTIONS_VERSION;
    opts->n_orgs = 3;
    opts->year_from = 2021;
    opts->year_to = 2025;
    opts->seed = 1;
    return CARESTAT_OK;
}

static void org_params_for(org_params *p, const carestat_synth_options *o, int index)
{
    cs_rng r;
    cs_rng_seed(&r, o->seed, (uint64_t)0x5EEDu + (uint64_t)index * 7919u);
    memset(p, 0, sizeof *p);
    p->index = index;
    p->story = o->story && index < 2;
    /* council sizes: 0-17 populations of English councils run from about 25,000 to 300,000 */
    double pop = cs_rng_lognorm(&r, 68000, 0.55);
    if (pop < 22000) pop = 22000 + cs_rng_unif(&r) * 5000;
    if (pop > 320000) pop = 300000 + cs_rng_unif(&r) * 20000;
    p->growth = 0.004 + 0.006 * cs_rng_unif(&r);
    double e = cs_rng_lognorm(&r, 0.97, 0.30);
    p->entry = e < 0.45 ? 0.45 : (e > 2.6 ? 2.6 : e);
    p->kin = cs_rng_lognorm(&r, 1.0, 0.3);
    p->other = cs_rng_lognorm(&r, 1.0, 0.6);
    p->move = cs_rng_lognorm(&r, 1.0, 0.18);
    p->sw = cs_rng_lognorm(&r, 1.0, 0.2);
    p->resid = cs_rng_lognorm(&r, 1.0, 0.25);
    p->wf_turn = cs_rng_lognorm(&r, 1.0, 0.25);
    p->wf_agency = cs_rng_lognorm(&r, 1.0, 0.45);
    if (p->story) {
        pop = index == 0 ? 80000 : 94000;
        p->entry = 1;
        p->kin = p->other = p->move = p->sw = p->resid = 1;
    }
    if (o->children_per_org > 0) /* children looked after = pop x about 69 per 10,000 */
        pop = (double)o->children_per_org / (69e-4 * (p->story ? 1.0 : p->entry));
    p->pop0 = pop;
}

typedef struct outset {
    wbuf header, episodes, uasc, ad1, pfa, sw;
} outset;

static int path_join(char *out, size_t cap, const char *a, const char *b)
{
    int n = snprintf(out, cap, "%s/%s", a, b);
    return n < 0 || (size_t)n >= cap ? CARESTAT_EINVAL : CARESTAT_OK;
}

static int make_dir(const char *path)
{
    if (cs_mkdir(path) == 0) return CARESTAT_OK;
    if (errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return CARESTAT_OK;
    }
    return CARESTAT_EIO;
}

/* Dirty mode: a separate stream decides the faults so clean rows are the same as in clean mode. */
typedef struct dirt {
    int on;
    cs_rng r;
    uint64_t n;
} dirt;

static int dirty_hit(dirt *d, double p)
{
    if (!d->on) return 0;
    return cs_rng_bern(&d->r, p);
}

static int write_episode(wbuf *w, const child *c, const ep *e, int32_t prev_dec, dirt *d, const gen *g)
{
    int fault = -1;
    if (dirty_hit(d, 0.012)) fault = (int)cs_rng_below(&d->r, 8);
    int32_t decom = e->decom, dec = e->dec;
    if (fault == 3 && dec != CARESTAT_DATE_NONE && dec - decom > 2) { int32_t t = decom; decom = dec; dec = t; }
    if (fault == 4 && prev_dec != CARESTAT_DATE_NONE && e->rne != RNE_S) decom = prev_dec - 15;
    else if (fault == 4) fault = -1;
    if (fault == 3 && decom == e->decom) fault = -1;
    if (fault == 5 && (dec == CARESTAT_DATE_NONE || e->rec == REC_X1)) fault = -1;
    if (fault >= 0) d->n++;
    for (int rep = 0; rep < (fault == 6 ? 2 : 1); rep++) {
        wb_uint(w, c->id);
        wb_ch(w, ',');
        if (fault == 0) {
            int y = 0;
            (void)carestat_date_to_ymd(decom, &y, NULL, NULL);
            wb_str(w, "31/02/");
            wb_uint(w, (uint64_t)y);
        } else if (fault == 7) wb_str(w, "2019/13/45");
        else wb_date(w, decom);
        wb_ch(w, ',');
        wb_str(w, fault == 1 ? "Q" : RNE_CODE[e->rne]);
        wb_ch(w, ',');
        wb_str(w, fault == 2 ? "C9" : LS_CODE[e->ls]);
        wb_ch(w, ',');
        wb_str(w, CIN_CODE[e->cin]);
        wb_ch(w, ',');
        if (e->place == PL_Z1 && decom >= ymd(2025, 4, 1)) wb_str(w, Z1_SPLIT[e->urn % 4u]);
        else wb_str(w, PL_CODE[e->place]);
        wb_ch(w, ',');
        wb_str(w, PROV_CODE[e->prov]);
        wb_ch(w, ',');
        if (fault != 5) wb_date(w, dec);
        wb_ch(w, ',');
        wb_str(w, REC_CODE[e->rec]);
        wb_ch(w, ',');
        wb_str(w, RPC_CODE[e->rpc]);
        wb_ch(w, ',');
        wb_post(w, c->home_post);
        wb_ch(w, ',');
        wb_post(w, e->pl_post);
        wb_ch(w, ',');
        if (e->urn) {
            if (e->urn < 10000000u) {
                wb_str(w, "SC");
                uint32_t v = e->urn - 1000000u + 100000u;
                wb_uint(w, v);
            } else wb_uint(w, e->urn - 10000000u + 1000000u);
        }
        wb_nl(w);
    }
    (void)g;
    return fault == 6 ? 2 : 1;
}

static int in_care_on(const gen *g, const child *c, int32_t day)
{
    for (uint32_t i = 0; i < c->ep_n; i++) {
        const ep *e = &g->eps[c->ep_first + i];
        if (e->decom <= day && (e->dec == CARESTAT_DATE_NONE || e->dec > day)) return 1;
    }
    return 0;
}

/* Days in care on or after `from` (to the end of the data). */
static int64_t days_in_care_from(const gen *g, const child *c, int32_t from)
{
    int64_t tot = 0;
    for (uint32_t i = 0; i < c->ep_n; i++) {
        const ep *e = &g->eps[c->ep_first + i];
        int32_t s = e->decom > from ? e->decom : from;
        int32_t t = e->dec == CARESTAT_DATE_NONE ? g->end + 1 : e->dec;
        if (t > s) tot += t - s;
    }
    return tot;
}

/* Whether the child appears in the data: looked after at some time in the window. */
static int overlaps_window(const gen *g, const child *c)
{
    for (uint32_t i = 0; i < c->ep_n; i++) {
        const ep *e = &g->eps[c->ep_first + i];
        if (e->dec == CARESTAT_DATE_NONE || e->dec >= g->win_start) return 1;
    }
    return 0;
}

static int32_t last_end(const gen *g, const child *c)
{
    return g->eps[c->ep_first + c->ep_n - 1].dec;
}

/* OC3 row of a care leaver at a birthday (age 17..21). */
static void write_oc3_row(wbuf *w, gen *g, const child *c, int age, int year, dirt *d)
{
    cs_rng *r = &g->r;
    int young = age <= 18;
    static const char *const IT[] = {"YES", "NO", "REFU", "NREQ", "DIED", "RHOM"};
    static const double it_y[] = {93.2, 2.2, 1.6, 1.0, 0.2, 1.8}, it_o[] = {89.5, 4.2, 2.0, 3.8, 0.2, 0.3};
    int it = cs_rng_pick(r, young ? it_y : it_o, 6);
    const char *activ = "0", *accom = "0";
    static const char *const ACT[] = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"};
    static const double act_y[] = {1.5, 0.2, 43, 4, 5, 0.5, 11, 3, 6.5, 19, 5};
    static const double act_o[] = {8, 1.2, 14, 3, 5, 0.6, 19, 7, 11, 27, 6.2};
    static const char *const ACC_OK[] = {"B1", "C1", "D1", "E1", "K1", "T1", "U1", "Z1", "Y1"};
    static const double acc_y[] = {14, 6, 32, 11, 1, 4, 8, 22, 2}, acc_o[] = {12, 2, 12, 6, 2, 4, 48, 7, 7};
    static const char *const ACC_BAD[] = {"S2", "X2", "W2", "V2", "D2", "B2", "U2"};
    static const double acc_bad[] = {15, 20, 10, 10, 20, 10, 15};
    int info = it == 0 || ((it == 2 || it == 3) && cs_rng_bern(r, 0.5));
    if (info) {
        activ = ACT[cs_rng_pick(r, young ? act_y : act_o, 11)];
        if (cs_rng_bern(r, young ? 0.955 : 0.96)) {
            accom = ACC_OK[cs_rng_pick(r, young ? acc_y : acc_o, 9)];
            if (age == 17 && accom[0] == 'Z') accom = "D1"; /* with former foster carers: 18+ only */
        } else accom = ACC_BAD[cs_rng_pick(r, acc_bad, 7)];
    }
    wb_uint(w, c->id);
    wb_ch(w, ',');
    wb_date(w, c->dob);
    wb_ch(w, ',');
    wb_str(w, IT[it]);
    wb_ch(w, ',');
    wb_str(w, activ);
    wb_ch(w, ',');
    if (dirty_hit(d, 0.01)) { wb_str(w, "01"); d->n++; }
    else wb_str(w, accom);
    wb_ch(w, ',');
    wb_uint(w, (uint64_t)year);
    wb_nl(w);
}

static int write_org(gen *g, const char *dir, carestat_synth_summary *sum, dirt *d)
{
    const carestat_synth_options *o = g->o;
    char code[16], path[4096], odir[4096];
    int rc = carestat_synth_org_code(code, sizeof code, g->p.index);
    if (rc) return rc;
    if ((rc = path_join(odir, sizeof odir, dir, code))) return rc;
    if ((rc = make_dir(odir))) return rc;

    outset out;
    memset(&out, 0, sizeof out);
    static const char *const names[] = {"header.csv", "episodes.csv", "uasc.csv", "ad1.csv",
                                        "placed_for_adoption.csv", "sw_episodes.csv"};
    wbuf *ws[] = {&out.header, &out.episodes, &out.uasc, &out.ad1, &out.pfa, &out.sw};
    for (int i = 0; i < 6 && !rc; i++) {
        if ((rc = path_join(path, sizeof path, odir, names[i]))) break;
        rc = wb_open(ws[i], path);
    }
    if (rc) {
        for (int i = 0; i < 6; i++) wb_close(ws[i]);
        return rc;
    }
    wb_str(&out.header, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
    wb_str(&out.episodes, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
    wb_str(&out.uasc, "CHILD,SEX,DOB,DUC\n");
    wb_str(&out.ad1, "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n");
    wb_str(&out.pfa, "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n");
    wb_str(&out.sw, "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n");

    int mf = o->year_to >= 2025;
    cs_rng *r = &g->r;
    /* which children appear: in care in the window, or care leavers of the window's OC3 cohorts */
    int nyears = o->year_to - o->year_from + 1;
    for (size_t k = 0; k < g->nch; k++) {
        child *c = &g->ch[k];
        c->emit = (uint8_t)overlaps_window(g, c);
    }
    /* OC3: one file, the collection year of each row in a YEAR column */
    wbuf w;
    if ((rc = path_join(path, sizeof path, odir, "oc3.csv")) || (rc = wb_open(&w, path))) {
        for (int i = 0; i < 6; i++) wb_close(ws[i]);
        return rc;
    }
    wb_str(&w, "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,YEAR\n");
    for (int yi = 0; yi < nyears && !rc; yi++) {
        int y = o->year_from + yi;
        int32_t ys = ymd(y - 1, 4, 1), ye = ymd(y, 3, 31);
        for (size_t k = 0; k < g->nch; k++) {
            child *c = &g->ch[k];
            int32_t le = last_end(g, c);
            if (le == CARESTAT_DATE_NONE) continue;
            int32_t b14 = carestat_date_add_years(c->dob, 14), b16 = carestat_date_add_years(c->dob, 16);
            for (int age = 17; age <= 21; age++) {
                int32_t bd = carestat_date_add_years(c->dob, age);
                if (bd < ys || bd > ye) continue;
                if (le > bd) break;
                if (in_care_on(g, c, bd)) break;
                /* eligible: 13 weeks in care after the 14th birthday, some of it after the 16th */
                if (days_in_care_from(g, c, b14) - days_in_care_from(g, c, le) < 91) break;
                if (days_in_care_from(g, c, b16) - days_in_care_from(g, c, le) <= 0) break;
                write_oc3_row(&w, g, c, age, y, d);
                c->emit = 1;
                sum->oc3++;
                break;
            }
        }
    }
    {
        int rcw = wb_close(&w);
        if (!rc) rc = rcw;
    }

    for (size_t k = 0; k < g->nch && !rc; k++) {
        child *c = &g->ch[k];
        if (!c->emit) continue;
        /* header (a dirty return sometimes lacks a child, or has a bad sex code); the random values
         * are drawn either way so that the other rows are those of clean mode */
        int age_end = carestat_age_years(c->dob, g->end);
        uint64_t upn = cs_rng_next(r) % 1000000000000ull;
        int mother = 0;
        int32_t mc = CARESTAT_DATE_NONE;
        if (c->sex == 2 && age_end >= 12) {
            mother = age_end >= 15 && cs_rng_bern(r, 0.02);
            if (mother) mc = g->end - cs_rng_range(r, 30, 600);
            if (mc != CARESTAT_DATE_NONE && mc < carestat_date_add_years(c->dob, 14)) {
                mother = 0;
                mc = CARESTAT_DATE_NONE;
            }
        }
        int drop = dirty_hit(d, 0.003);
        if (drop) d->n++;
        else {
            sum->children++;
            wb_uint(&out.header, c->id);
            wb_ch(&out.header, ',');
            if (dirty_hit(d, 0.003)) { wb_str(&out.header, "7"); d->n++; }
            else wb_str(&out.header, mf ? (c->sex == 1 ? "M" : "F") : (c->sex == 1 ? "1" : "2"));
            wb_ch(&out.header, ',');
            wb_date(&out.header, c->dob);
            wb_ch(&out.header, ',');
            wb_str(&out.header, ETH_CODE[c->eth]);
            wb_ch(&out.header, ',');
            if (age_end < 4) wb_str(&out.header, "UN1");
            else if (c->uasc && (c->id & 1u)) wb_str(&out.header, "UN2");
            else wb_upn(&out.header, upn);
            wb_ch(&out.header, ',');
            if (c->sex == 2 && age_end >= 12) wb_ch(&out.header, mother ? '1' : '0');
            wb_ch(&out.header, ',');
            wb_date(&out.header, mc);
            wb_nl(&out.header);
        }
        int32_t prev = CARESTAT_DATE_NONE;
        for (uint32_t i = 0; i < c->ep_n; i++) {
            const ep *e = &g->eps[c->ep_first + i];
            sum->episodes += (uint64_t)write_episode(&out.episodes, c, e, prev, d, g);
            prev = e->dec;
        }
        if (c->uasc) {
            wb_uint(&out.uasc, c->id);
            wb_ch(&out.uasc, ',');
            wb_str(&out.uasc, mf ? (c->sex == 1 ? "M" : "F") : (c->sex == 1 ? "1" : "2"));
            wb_ch(&out.uasc, ',');
            wb_date(&out.uasc, c->dob);
            wb_ch(&out.uasc, ',');
            wb_date(&out.uasc, carestat_date_add_years(c->dob, 18));
            wb_nl(&out.uasc);
            sum->uasc++;
        }
        if (c->adm) {
            wb_uint(&out.pfa, c->id);
            wb_ch(&out.pfa, ',');
            wb_date(&out.pfa, c->dob);
            wb_ch(&out.pfa, ',');
            wb_date(&out.pfa, c->adm);
            wb_ch(&out.pfa, ',');
            if (c->reversed) {
                wb_date(&out.pfa, c->reversed);
                wb_str(&out.pfa, ",RD");
                wb_uint(&out.pfa, c->reverse_reason);
            } else wb_ch(&out.pfa, ',');
            wb_nl(&out.pfa);
            sum->placed_adoption++;
        }
        if (c->adopted && c->adm) {
            static const char *const SEXA2[] = {"MF", "MF", "FF"};
            static const char *const LSA2[] = {"L11", "L2", "L3"};
            wb_uint(&out.ad1, c->id);
            wb_ch(&out.ad1, ',');
            wb_date(&out.ad1, c->dob);
            wb_ch(&out.ad1, ',');
            wb_date(&out.ad1, c->adm);
            wb_ch(&out.ad1, ',');
            wb_date(&out.ad1, c->match ? c->match : c->adm);
            wb_ch(&out.ad1, ',');
            wb_ch(&out.ad1, c->foster_care ? '1' : '0');
            wb_ch(&out.ad1, ',');
            if (c->nb_adoptr == 1) wb_str(&out.ad1, c->sex_adoptr == 0 ? "1,M1,L0" : "1,F1,L0");
            else {
                const char *sx = SEXA2[c->sex_adoptr % 3u];
                const char *lsx = LSA2[c->ls_adoptr % 3u];
                if (sx[0] == sx[1]) lsx = c->ls_adoptr == 0 ? "L12" : (c->ls_adoptr == 1 ? "L2" : "L4");
                wb_str(&out.ad1, "2,");
                wb_str(&out.ad1, sx);
                wb_ch(&out.ad1, ',');
                wb_str(&out.ad1, lsx);
            }
            wb_nl(&out.ad1);
            sum->ad1++;
        }
        for (uint32_t i = 0; i < c->sw_n; i++) {
            const swep *s = &g->sws[c->sw_first + i];
            wb_uint(&out.sw, c->id);
            wb_ch(&out.sw, ',');
            wb_date(&out.sw, c->dob);
            wb_str(&out.sw, ",SW");
            wb_uint(&out.sw, 100000u + (uint64_t)g->p.index * 1000u + s->worker);
            wb_ch(&out.sw, ',');
            wb_date(&out.sw, s->start);
            wb_ch(&out.sw, ',');
            wb_date(&out.sw, s->end);
            wb_ch(&out.sw, ',');
            if (dirty_hit(d, 0.002)) { wb_str(&out.sw, "SWLAZY"); d->n++; }
            else wb_str(&out.sw, SWR_CODE[s->reason]);
            wb_nl(&out.sw);
            sum->sw_episodes++;
        }
    }
    for (int i = 0; i < 6; i++) {
        int rc2 = wb_close(ws[i]);
        if (!rc) rc = rc2;
    }
    return rc;
}

/* Worker-level workforce records for one council, census years year_from..year_to (30 September), in
 * the layout of docs/workforce.md, and the council's LA-level vacancy and agency figures. */
static int write_workforce(gen *g, wbuf *w, wbuf *wla, carestat_synth_summary *sum, double cla)
{
    const carestat_synth_options *o = g->o;
    cs_rng wr;
    cs_rng_seed(&wr, o->seed, (uint64_t)2000003u + (uint64_t)g->p.index);
    cs_rng *r = &wr;
    char code[16];
    (void)carestat_synth_org_code(code, sizeof code, g->p.index);
    /* about 0.44 FTE social workers per child looked after in England (36,186 FTE, 81,770 CLA in 2025) */
    int n = (int)(cla * 0.44 + 0.5);
    if (n < 8) n = 8;
    typedef struct wk {
        uint32_t id;
        int32_t start, dob;
        double fte;
        uint8_t role, gender, eth, qual, origin;
    } wk;
    /* workforce ethnicity (CSWW codes; no WIRT/WROM in the census list) and start origins */
    static const char *const WETH[] = {"WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
                                       "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
    static const double WETH_W[] = {62, 1, 6, 1.5, 0.8, 0.8, 1, 2, 1.5, 0.6, 1, 3, 9, 1.5, 0.3, 1.5, 2, 4};
    static const double ORIGIN_W[] = {30, 22, 6, 14, 5, 12, 3, 4, 4};
    size_t cap = (size_t)n * 2 + 64;
    wk *pool = cs_calloc(cap, sizeof *pool);
    if (!pool) return CARESTAT_ENOMEM;
    size_t np = 0;
    uint32_t next_id = 1;
    int32_t first_census = ymd(o->year_from - 1, 9, 30);
    static const double rw[] = {1, 6, 11, 14, 62, 6};
    for (int i = 0; i < n; i++) {
        wk *k = &pool[np++];
        k->id = next_id++;
        k->start = first_census - 1 - (int32_t)cs_rng_exp(r, 365.25 * 5.5);
        k->dob = k->start - (int32_t)(365.25 * (23.0 + cs_rng_exp(r, 9)));
        k->fte = cs_rng_bern(r, 0.82) ? 1.0 : 0.5 + 0.1 * cs_rng_range(r, 0, 4);
        k->role = (uint8_t)(1 + cs_rng_pick(r, rw, 6));
        k->gender = (uint8_t)(cs_rng_bern(r, 0.84) ? 2 : 1);
        k->eth = (uint8_t)cs_rng_pick(r, WETH_W, 18);
        k->qual = (uint8_t)(cs_rng_bern(r, 0.55) ? 1 : (cs_rng_bern(r, 0.9) ? 2 : 3));
        k->origin = (uint8_t)(1 + cs_rng_pick(r, ORIGIN_W, 9));
    }
    static const double leave_w[] = {70, 1, 1, 4, 8, 0.1, 6, 6, 4};
    for (int y = o->year_from; y <= o->year_to; y++) {
        int32_t cstart = ymd(y - 1, 10, 1), census = ymd(y, 9, 30);
        double s = story_s(g, y);
        double turn = g->p.story ? 23.0 - 12.5 * s : year_turnover(y) * g->p.wf_turn;
        double agency = g->p.story ? 31.0 - 17.0 * s : 0.85 * year_agency(y) * g->p.wf_agency;
        double vac = g->p.story ? 36.0 - 12.0 * s : 1.05 * (year_agency(y) + 1.3) * g->p.wf_agency;
        if (agency > 60) agency = 60;
        if (vac > 60) vac = 60;
        size_t k2 = 0;
        double efte = 0;
        for (size_t i = 0; i < np; i++) {
            wk *k = &pool[i];
            int leaves = cs_rng_bern(r, 0.82 * turn / 100.0);
            int32_t ld = CARESTAT_DATE_NONE;
            if (leaves) {
                int32_t lo = k->start + 1 > cstart ? k->start + 1 : cstart;
                ld = lo >= census ? census : lo + cs_rng_range(r, 0, census - lo);
            }
            wb_str(w, "SW");
            wb_uint(w, 1000000u + (uint64_t)g->p.index * 20000u + k->id);
            wb_ch(w, ',');
            wb_str(w, code);
            wb_ch(w, ',');
            wb_uint(w, (uint64_t)y);
            wb_str(w, ",0,");
            wb_fixed(w, k->fte, 2);
            wb_ch(w, ',');
            wb_uint(w, k->role);
            wb_ch(w, ',');
            wb_date(w, k->start);
            wb_ch(w, ',');
            wb_date(w, ld);
            wb_ch(w, ',');
            if (leaves) wb_uint(w, (uint64_t)(1 + cs_rng_pick(r, leave_w, 9)));
            wb_ch(w, ',');
            /* working days lost to sickness: most none, a few long absences; about 3.3% of days */
            double days = 0;
            if (cs_rng_bern(r, 0.5)) days = cs_rng_exp(r, 7);
            if (cs_rng_bern(r, 0.08)) days += cs_rng_exp(r, 60);
            if (days > 253) days = 253;
            wb_fixed(w, days * k->fte, 1);
            wb_ch(w, ',');
            if (!leaves && (k->role == 5 || k->role == 4))
                wb_uint(w, (uint64_t)(cs_rng_lognorm(r, 16.0 * k->fte, 0.3) + 0.5));
            else if (!leaves) wb_ch(w, '0');
            wb_ch(w, ',');
            wb_uint(w, k->gender);
            wb_ch(w, ',');
            wb_str(w, WETH[k->eth]);
            wb_ch(w, ',');
            wb_date(w, k->dob);
            wb_ch(w, ',');
            wb_uint(w, k->qual);
            wb_ch(w, ',');
            wb_uint(w, k->origin);
            wb_nl(w);
            sum->workers++;
            if (!leaves) {
                efte += k->fte;
                pool[k2++] = *k;
            }
        }
        np = k2;
        /* agency workers in post at the census: agency% of (agency + employed) FTE */
        int na = (int)(efte * agency / (100.0 - agency) + 0.5);
        for (int i = 0; i < na; i++) {
            wb_str(w, "SW");
            wb_uint(w, 5000000u + (uint64_t)g->p.index * 20000u + (uint64_t)(y % 20) * 1000u + (uint64_t)i);
            wb_ch(w, ',');
            wb_str(w, code);
            wb_ch(w, ',');
            wb_uint(w, (uint64_t)y);
            wb_str(w, ",1,1.00,5,");
            wb_date(w, census - cs_rng_range(r, 20, 600));
            wb_str(w, ",,,,");
            wb_uint(w, (uint64_t)(cs_rng_lognorm(r, 16.0, 0.3) + 0.5));
            wb_str(w, cs_rng_bern(r, 0.8) ? ",2," : ",1,");
            wb_str(w, WETH[cs_rng_pick(r, WETH_W, 18)]);
            wb_str(w, ",,,");
            wb_nl(w);
            sum->workers++;
        }
        /* LA-level figures: vacancies (FTE) and agency workers */
        wb_str(wla, code);
        wb_ch(wla, ',');
        wb_uint(wla, (uint64_t)y);
        wb_ch(wla, ',');
        wb_fixed(wla, efte * vac / (100.0 - vac), 1);
        wb_ch(wla, ',');
        wb_fixed(wla, (double)na, 1);
        wb_ch(wla, ',');
        wb_uint(wla, (uint64_t)na);
        wb_nl(wla);
        /* starters of the next census year replace the leavers; the workforce grows slowly */
        size_t want = (size_t)((double)n * (1.0 + 0.02 * (double)(y + 1 - o->year_from)) + 0.5);
        int32_t nstart = ymd(y, 10, 1);
        while (np < want && np < cap) {
            wk *k = &pool[np++];
            k->id = next_id++;
            k->start = nstart + cs_rng_range(r, 0, 364);
            k->dob = k->start - (int32_t)(365.25 * (22.0 + cs_rng_exp(r, 8)));
            k->fte = cs_rng_bern(r, 0.85) ? 1.0 : 0.6;
            k->role = (uint8_t)(cs_rng_bern(r, 0.85) ? 5 : 4);
            k->gender = (uint8_t)(cs_rng_bern(r, 0.86) ? 2 : 1);
            k->eth = (uint8_t)cs_rng_pick(r, WETH_W, 18);
            k->qual = (uint8_t)(cs_rng_bern(r, 0.5) ? 1 : 2);
            k->origin = (uint8_t)(1 + cs_rng_pick(r, ORIGIN_W, 9));
        }
    }
    cs_free(pool);
    return CARESTAT_OK;
}

static int check_opts(const carestat_synth_options *o)
{
    if (o->version != CARESTAT_SYNTH_OPTIONS_VERSION) return CARESTAT_EUNSUPPORTED;
    if (o->n_orgs < 1 || o->n_orgs > 999) return CARESTAT_EINVAL;
    if (o->year_from < 2000 || o->year_to > 2040 || o->year_to < o->year_from || o->year_to - o->year_from > 30)
        return CARESTAT_EINVAL;
    if (o->children_per_org < 0 || o->children_per_org > 100000) return CARESTAT_EINVAL;
    if (o->children_per_org > 0 && o->children_per_org < 10) return CARESTAT_EINVAL;
    if (o->dirty < 0 || o->dirty > 1 || o->story < 0 || o->story > 1) return CARESTAT_EINVAL;
    if (o->story && o->n_orgs < 2) return CARESTAT_EINVAL;
    return CARESTAT_OK;
}

static void write_story_inspections(wbuf *w, const carestat_synth_options *o)
{
    (void)o;
    wb_str(w, "Web link,Local authority area code,Local authority name,Local authority status,Ofsted region,"
              "Inspection date,Publication date,Inspection type,Overall effectiveness,"
              "The impact of leaders on social work practice with children and families,"
              "The experiences and progress of children who need help and protection,"
              "The experiences and progress of children in care,The experiences and progress of care leavers\n");
    static const char *const RI = "Requires improvement to be good";
    for (int i = 0; i < 2; i++) {
        const char *code = i == 0 ? "SYN001" : "SYN002";
        const char *name = STORY_NAMES[i];
        /* 2019: the predecessor service judged inadequate (children in care and care leavers one judgement) */
        wb_str(w, "Fictional,");
        wb_str(w, code); wb_ch(w, ','); wb_str(w, name);
        wb_str(w, ",Current,Fictional,2019-06-17T00:00:00,2019-07-29T00:00:00,ILACS Standard Inspection,"
                  "Inadequate,Inadequate,Inadequate,Inadequate,\n");
        wb_str(w, "Fictional,");
        wb_str(w, code); wb_ch(w, ','); wb_str(w, name);
        wb_str(w, ",Current,Fictional,2022-10-03T00:00:00,2022-11-25T00:00:00,ILACS Standard Inspection,");
        wb_str(w, RI); wb_ch(w, ','); wb_str(w, RI); wb_ch(w, ','); wb_str(w, RI); wb_ch(w, ',');
        wb_str(w, RI); wb_str(w, ",\n");
        wb_str(w, "Fictional,");
        wb_str(w, code); wb_ch(w, ','); wb_str(w, name);
        wb_str(w, ",Current,Fictional,2025-02-10T00:00:00,2025-03-28T00:00:00,ILACS Standard Inspection,"
                  "Good,Good,");
        wb_str(w, RI);
        wb_str(w, ",Good,Good\n");
    }
}

int carestat_synth_write_summary(carestat_synth_summary *summary, const char *dir, const carestat_synth_options *opts)
{
    carestat_synth_summary local;
    carestat_synth_summary *sum = summary ? summary : &local;
    memset(sum, 0, sizeof *sum);
    if (!dir || !*dir) return CARESTAT_EINVAL;
    carestat_synth_options def;
    if (!opts) {
        (void)carestat_synth_options_init(&def, CARESTAT_SYNTH_OPTIONS_VERSION);
        opts = &def;
    }
    int rc = check_opts(opts);
    if (rc) return rc;
    if ((rc = make_dir(dir))) return rc;

    char path[4096];
    wbuf pop, wf, wfla, orgs;
    memset(&pop, 0, sizeof pop);
    memset(&wfla, 0, sizeof wfla);
    memset(&wf, 0, sizeof wf);
    memset(&orgs, 0, sizeof orgs);
    if ((rc = path_join(path, sizeof path, dir, "population.csv")) || (rc = wb_open(&pop, path))) goto done;
    if ((rc = path_join(path, sizeof path, dir, "workforce.csv")) || (rc = wb_open(&wf, path))) goto done;
    if ((rc = path_join(path, sizeof path, dir, "workforce_la.csv")) || (rc = wb_open(&wfla, path))) goto done;
    if ((rc = path_join(path, sizeof path, dir, "orgs.csv")) || (rc = wb_open(&orgs, path))) goto done;
    wb_str(&pop, "org,year,population\n");
    wb_str(&wf, "worker_id,la_code,census_year,agency,fte,role,start_date,end_date,reason_leave,days_absent,cases,"
                   "gender,ethnicity,birth_date,qual_level,start_origin\n");
    wb_str(&wfla, "la_code,census_year,vacancy_fte,agency_fte,agency_headcount\n");
    wb_str(&orgs, "code,name,kind,delivered_by\n");

    gen g;
    memset(&g, 0, sizeof g);
    g.o = opts;
    g.end = ymd(opts->year_to, 3, 31);
    g.win_start = ymd(opts->year_from - 1, 4, 1);
    for (int oi = 0; oi < opts->n_orgs && !rc; oi++) {
        org_params_for(&g.p, opts, oi);
        cs_rng_seed(&g.r, opts->seed, (uint64_t)1000003u + (uint64_t)oi);
        g.nch = g.neps = g.nsws = 0;
        dirt d;
        memset(&d, 0, sizeof d);
        d.on = opts->dirty;
        cs_rng_seed(&d.r, opts->seed ^ (uint64_t)0xD1E7u, (uint64_t)77u + (uint64_t)oi);

        /* entries month by month from 19 years before the window */
        int y0 = opts->year_from - 20;
        for (int y = y0; y <= opts->year_to && !rc; y++) {
            double rate = entry_rate(&g, y) / 1.10; /* about 10% of starts are re-entries */
            double pop_y = pop_mid(&g, y - 1);
            double per_month = pop_y * rate * 1e-4 / 12.0;
            for (int m = 0; m < 12 && !rc; m++) {
                int mon = m < 9 ? m + 4 : m - 8;
                int yy = m < 9 ? y - 1 : y;
                int32_t ms = ymd(yy, mon, 1);
                int dim = carestat_date_days_in_month(yy, mon);
                int k = cs_rng_poisson(&g.r, per_month);
                for (int i = 0; i < k && !rc; i++) {
                    int32_t t0 = ms + cs_rng_range(&g.r, 0, dim - 1);
                    if (t0 > g.end) continue;
                    rc = new_child(&g, t0, 1);
                }
            }
        }
        if (rc) break;
        char code[16], name[96];
        (void)carestat_synth_org_code(code, sizeof code, oi);
        (void)carestat_synth_org_name(name, sizeof name, oi, opts->story);
        for (int my = opts->year_from - 2; my <= opts->year_to; my++) {
            wb_str(&pop, code);
            wb_ch(&pop, ',');
            wb_uint(&pop, (uint64_t)my);
            wb_ch(&pop, ',');
            wb_uint(&pop, (uint64_t)(pop_mid(&g, my) + 0.5));
            wb_nl(&pop);
        }
        wb_str(&orgs, code);
        wb_ch(&orgs, ',');
        wb_str(&orgs, name);
        wb_str(&orgs, ",council,");
        if (g.p.story) wb_str(&orgs, "SYNT01");
        wb_nl(&orgs);
        rc = write_org(&g, dir, sum, &d);
        sum->faults += d.n;
        if (!rc) {
            /* children looked after at the end, for the workforce size */
            double cla = 0;
            for (size_t k = 0; k < g.nch; k++) {
                const child *c = &g.ch[k];
                if (last_end(&g, c) == CARESTAT_DATE_NONE) cla += 1;
            }
            rc = write_workforce(&g, &wf, &wfla, sum, cla);
        }
    }
    if (!rc && opts->story) {
        wb_str(&orgs, "SYNT01,");
        wb_str(&orgs, STORY_TRUST);
        wb_str(&orgs, ",trust,\n");
        wbuf ins;
        if (!(rc = path_join(path, sizeof path, dir, "inspections.csv")) && !(rc = wb_open(&ins, path))) {
            write_story_inspections(&ins, opts);
            rc = wb_close(&ins);
        }
    }
    cs_free(g.ch);
    cs_free(g.eps);
    cs_free(g.sws);
done:;
    int r1 = wb_close(&pop), r2 = wb_close(&wf), r3 = wb_close(&orgs), r4 = wb_close(&wfla);
    if (!rc) rc = r1 ? r1 : (r2 ? r2 : (r3 ? r3 : r4));
    return rc;
}

int carestat_synth_write(const char *dir, const carestat_synth_options *opts)
{
    return carestat_synth_write_summary(NULL, dir, opts);
}
