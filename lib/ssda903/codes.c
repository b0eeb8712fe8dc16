/* SSDA903 code lists and the collection years in which each code is valid.
 *
 * Sources (reference/domain.md section 1): validator rule 146 lists for lac2022_23 (base), lac2024_25
 * (adds K3) and lac2025_26 (drops H5, P2, Z1; adds Z11-Z14); rule 101 (SEX M/F/U from 2024-25);
 * liia-tools SSDA903_schema_2024.yml for the other lists; rule 133 (ACCOM: S1 and X1 are never valid).
 *
 * Years below are collection years (the year in which the reporting year ends: 2025 = 2024-25).
 * - K3 is accepted from 2024: supported accommodation became a registered setting on 28 Oct 2023, so
 *   2023-24 returns already carry it (domain.md: "K3 ... 2024 collection on").
 * - H5, P2 and Z1 are valid up to 2025 (they are in the lac2024_25 list, absent from lac2025_26).
 * - Legacy codes (LS V1/W1, PLACE Q1/Q2/A1/A2/M1-M3, REC E43/E44/E4, ACTIV F3/P3) are accepted up to
 *   2014 only. [U] The exact year each was withdrawn is not in the sources; the 2017+ schemas and the
 *   validator reject them, and the validator's fake data uses ACTIV P3 as a deliberate error.
 * A code that was withdrawn is still accepted on an episode that started while it was valid (the
 * validator's H5 -> K3 and Z1 -> Z11-Z14 carry-over in rule_utils.py), see cs903_code_valid(). */
#include <string.h>

#include "carestat/date.h"
#include "ssda903/internal.h"

typedef struct code_def {
    const char *text;
    int first; /* first valid collection year, 0 = always */
    int last;  /* last valid collection year, 0 = still valid */
} code_def;

#define LEGACY 0, 2014

/* Each list is in id order: entry k has id k + 2. */
static const code_def SEX[] = {{"M", 0, 0}, {"F", 0, 0}, {"U", 2025, 0}};
static const code_def ETHNIC[] = {
    {"WBRI", 0, 0}, {"WIRI", 0, 0}, {"WOTH", 0, 0}, {"WIRT", 0, 0}, {"WROM", 0, 0},
    {"MWBC", 0, 0}, {"MWBA", 0, 0}, {"MWAS", 0, 0}, {"MOTH", 0, 0},
    {"AIND", 0, 0}, {"APKN", 0, 0}, {"ABAN", 0, 0}, {"AOTH", 0, 0},
    {"BCRB", 0, 0}, {"BAFR", 0, 0}, {"BOTH", 0, 0},
    {"CHNE", 0, 0}, {"OOTH", 0, 0}, {"REFU", 0, 0}, {"NOBT", 0, 0}};
static const code_def RNE[] = {{"S", 0, 0}, {"L", 0, 0}, {"P", 0, 0}, {"T", 0, 0}, {"B", 0, 0}, {"U", 0, 0}};
static const code_def LS[] = {
    {"C1", 0, 0}, {"C2", 0, 0}, {"D1", 0, 0}, {"E1", 0, 0}, {"V2", 0, 0}, {"V3", 0, 0}, {"V4", 0, 0},
    {"L1", 0, 0}, {"L2", 0, 0}, {"L3", 0, 0}, {"J1", 0, 0}, {"J2", 0, 0}, {"J3", 0, 0},
    {"V1", LEGACY}, {"W1", LEGACY}};
static const code_def CIN[] = {{"N1", 0, 0}, {"N2", 0, 0}, {"N3", 0, 0}, {"N4", 0, 0},
                               {"N5", 0, 0}, {"N6", 0, 0}, {"N7", 0, 0}, {"N8", 0, 0}};
static const code_def PLACE[] = {
    {"A3", 0, 0}, {"A4", 0, 0}, {"A5", 0, 0}, {"A6", 0, 0},
    {"H5", 0, 2025}, {"K1", 0, 0}, {"K2", 0, 0}, {"K3", 2024, 0},
    {"P1", 0, 0}, {"P2", 0, 2025}, {"P3", 0, 0},
    {"R1", 0, 0}, {"R2", 0, 0}, {"R3", 0, 0}, {"R5", 0, 0}, {"S1", 0, 0},
    {"T0", 0, 0}, {"T1", 0, 0}, {"T2", 0, 0}, {"T3", 0, 0}, {"T4", 0, 0},
    {"U1", 0, 0}, {"U2", 0, 0}, {"U3", 0, 0}, {"U4", 0, 0}, {"U5", 0, 0}, {"U6", 0, 0},
    {"Z1", 0, 2025}, {"Z11", 2026, 0}, {"Z12", 2026, 0}, {"Z13", 2026, 0}, {"Z14", 2026, 0},
    {"Q1", LEGACY}, {"Q2", LEGACY}, {"A1", LEGACY}, {"A2", LEGACY},
    {"M1", LEGACY}, {"M2", LEGACY}, {"M3", LEGACY}};
static const code_def PROV[] = {{"PR0", 0, 0}, {"PR1", 0, 0}, {"PR2", 0, 0},
                                {"PR3", 0, 0}, {"PR4", 0, 0}, {"PR5", 0, 0}};
static const code_def REC[] = {
    {"X1", 0, 0},
    {"E11", 0, 0}, {"E12", 0, 0}, {"E13", 0, 0}, {"E14", 0, 0}, {"E15", 0, 0}, {"E16", 0, 0},
    {"E17", 0, 0}, {"E2", 0, 0}, {"E3", 0, 0}, {"E4A", 0, 0}, {"E4B", 0, 0}, {"E41", 0, 0},
    {"E45", 0, 0}, {"E46", 0, 0}, {"E47", 0, 0}, {"E48", 0, 0}, {"E5", 0, 0}, {"E6", 0, 0},
    {"E7", 0, 0}, {"E8", 0, 0}, {"E9", 0, 0},
    {"E43", LEGACY}, {"E44", LEGACY}, {"E4", LEGACY}};
static const code_def RPC[] = {
    {"CARPL", 0, 0}, {"CLOSE", 0, 0}, {"ALLEG", 0, 0}, {"STAND", 0, 0}, {"APPRR", 0, 0},
    {"CREQB", 0, 0}, {"CREQO", 0, 0}, {"CHILD", 0, 0}, {"LAREQ", 0, 0}, {"PLACE", 0, 0},
    {"CUSTOD", 0, 0}, {"OTHER", 0, 0}};
static const code_def TOUCH[] = {{"YES", 0, 0}, {"NO", 0, 0}, {"DIED", 0, 0},
                                 {"REFU", 0, 0}, {"NREQ", 0, 0}, {"RHOM", 0, 0}};
static const code_def ACTIV[] = {
    {"F1", 0, 0}, {"F2", 0, 0}, {"F4", 0, 0}, {"F5", 0, 0},
    {"P1", 0, 0}, {"P2", 0, 0}, {"P4", 0, 0}, {"P5", 0, 0},
    {"G4", 0, 0}, {"G5", 0, 0}, {"G6", 0, 0}, {"0", 0, 0},
    {"F3", LEGACY}, {"P3", LEGACY}};
/* ACCOM: "0", then letter x digit in CS903_ACCOM_LETTERS order (S1 and X1 are never valid). */
static const code_def ACCOM[] = {
    {"0", 0, 0},
    {"B1", 0, 0}, {"B2", 0, 0}, {"C1", 0, 0}, {"C2", 0, 0}, {"D1", 0, 0}, {"D2", 0, 0},
    {"E1", 0, 0}, {"E2", 0, 0}, {"G1", 0, 0}, {"G2", 0, 0}, {"H1", 0, 0}, {"H2", 0, 0},
    {"K1", 0, 0}, {"K2", 0, 0}, {"R1", 0, 0}, {"R2", 0, 0}, {"S1", 1, 0}, {"S2", 0, 0},
    {"T1", 0, 0}, {"T2", 0, 0}, {"U1", 0, 0}, {"U2", 0, 0}, {"V1", 0, 0}, {"V2", 0, 0},
    {"W1", 0, 0}, {"W2", 0, 0}, {"X1", 1, 0}, {"X2", 0, 0}, {"Y1", 0, 0}, {"Y2", 0, 0},
    {"Z1", 0, 0}, {"Z2", 0, 0}};
static const code_def SWR[] = {
    {"MANAGE", 2024, 0}, {"FCONTA", 2024, 0}, {"LEFTRL", 2024, 0}, {"ORGRST", 2024, 0},
    {"TSPROC", 2024, 0}, {"ABSENC", 2024, 0}, {"CHCHAN", 2024, 0}, {"PCCHAN", 2024, 0},
    {"SWDIED", 2024, 0}, {"OTHERS", 2024, 0}};
static const code_def RPCEASE[] = {{"RD1", 0, 0}, {"RD2", 0, 0}, {"RD3", 0, 0}, {"RD4", 0, 0}};
static const code_def SEXA[] = {{"M1", 0, 0}, {"F1", 0, 0}, {"MM", 0, 0}, {"FF", 0, 0}, {"MF", 0, 0}};
static const code_def LSA[] = {{"L0", 0, 0}, {"L11", 0, 0}, {"L12", 0, 0},
                               {"L2", 0, 0}, {"L3", 0, 0}, {"L4", 0, 0}};

#define LIST(a) {a, sizeof a / sizeof a[0]}
static const struct {
    const code_def *defs;
    size_t n;
} LISTS[CS903_FIELD_COUNT] = {
    [CS903_FIELD_SEX] = LIST(SEX),
    [CS903_FIELD_ETHNIC] = LIST(ETHNIC),
    [CS903_FIELD_RNE] = LIST(RNE),
    [CS903_FIELD_LS] = LIST(LS),
    [CS903_FIELD_CIN] = LIST(CIN),
    [CS903_FIELD_PLACE] = LIST(PLACE),
    [CS903_FIELD_PLACE_PROVIDER] = LIST(PROV),
    [CS903_FIELD_REC] = LIST(REC),
    [CS903_FIELD_REASON_PLACE_CHANGE] = LIST(RPC),
    [CS903_FIELD_IN_TOUCH] = LIST(TOUCH),
    [CS903_FIELD_ACTIV] = LIST(ACTIV),
    [CS903_FIELD_ACCOM] = LIST(ACCOM),
    [CS903_FIELD_SW_REASON] = LIST(SWR),
    [CS903_FIELD_REASON_PLACED_CEASED] = LIST(RPCEASE),
    [CS903_FIELD_SEX_ADOPTR] = LIST(SEXA),
    [CS903_FIELD_LS_ADOPTR] = LIST(LSA),
};

static char up(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }

/* Length-delimited, case-insensitive lookup (text already trimmed). */
cs903_code cs903_code_lookup(cs903_field field, const char *s, size_t n)
{
    if ((unsigned)field >= CS903_FIELD_COUNT) return CS903_UNKNOWN;
    if (n == 0) return CS903_NONE;
    if (field == CS903_FIELD_SEX) {
        /* Both codings: 1/2 (to 2023-24) and M/F/U (from 2024-25); "1.0" as written by spreadsheets. */
        if ((n == 1 || (n == 3 && s[1] == '.' && s[2] == '0')) && (s[0] == '1' || s[0] == '2'))
            return s[0] == '1' ? CS903_SEX_MALE : CS903_SEX_FEMALE;
    }
    const code_def *d = LISTS[field].defs;
    for (size_t k = 0; k < LISTS[field].n; k++) {
        const char *t = d[k].text;
        if (up(s[0]) != t[0]) continue;
        size_t i = 1;
        while (i < n && t[i] && up(s[i]) == t[i]) i++;
        if (i == n && t[i] == '\0') {
            if (d[k].first == 1) return CS903_UNKNOWN; /* never valid (ACCOM S1, X1) */
            return (cs903_code)(k + 2);
        }
    }
    return CS903_UNKNOWN;
}

cs903_code cs903_code_id(cs903_field field, const char *text)
{
    if (!text) return CS903_NONE;
    size_t b = 0, e = strlen(text);
    while (b < e && (text[b] == ' ' || text[b] == '\t')) b++;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) e--;
    return cs903_code_lookup(field, text + b, e - b);
}

const char *cs903_code_text(cs903_field field, cs903_code id)
{
    if (id == CS903_NONE) return "";
    if ((unsigned)field >= CS903_FIELD_COUNT || id < 2 || (size_t)(id - 2) >= LISTS[field].n) return "?";
    return LISTS[field].defs[id - 2].text;
}

int cs903_code_valid(cs903_field field, cs903_code id, int year, carestat_date decom)
{
    if ((unsigned)field >= CS903_FIELD_COUNT || id < 2 || (size_t)(id - 2) >= LISTS[field].n) return 0;
    const code_def *d = &LISTS[field].defs[id - 2];
    if (d->first == 1) return 0;
    if (year == 0) return 1;
    if (d->first && year < d->first) return 0;
    if (d->last && year > d->last) {
        /* carry-over: the episode started while the code was still valid */
        if (decom != CARESTAT_DATE_NONE && carestat_reporting_year_of(decom) <= d->last) return 1;
        return 0;
    }
    return 1;
}

/* Range of years of a code, for messages: first and last valid year (0 = open). 0 if not a code. */
int cs903_code_years(cs903_field field, cs903_code id, int *first, int *last)
{
    if ((unsigned)field >= CS903_FIELD_COUNT || id < 2 || (size_t)(id - 2) >= LISTS[field].n) return 0;
    *first = LISTS[field].defs[id - 2].first;
    *last = LISTS[field].defs[id - 2].last;
    return 1;
}

static const char *const FIELD_NAMES[CS903_FIELD_COUNT] = {
    "SEX", "ETHNIC", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE",
    "IN_TOUCH", "ACTIV", "ACCOM", "SW_REASON", "REASON_PLACED_CEASED", "SEX_ADOPTR", "LS_ADOPTR"};

const char *cs903_field_name(cs903_field field)
{
    return (unsigned)field < CS903_FIELD_COUNT ? FIELD_NAMES[field] : "?";
}

int cs903_field_from_name(const char *name)
{
    if (!name) return -1;
    for (int f = 0; f < CS903_FIELD_COUNT; f++) {
        const char *a = FIELD_NAMES[f], *b = name;
        while (*a && up(*b) == *a) a++, b++;
        if (!*a && !*b) return f;
    }
    return -1;
}
