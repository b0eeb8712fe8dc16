#include "carestat/date.h"

#include <stdio.h>

carestat_date carestat_date_none(void) { return CARESTAT_DATE_NONE; }

int carestat_date_is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int carestat_date_days_in_month(int year, int month)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && carestat_date_is_leap_year(year)) return 29;
    return dim[month - 1];
}

/* Days since 1970-01-01 of a valid civil date: count days in 400-year eras from 0000-03-01. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                 /* [0, 399] */
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return (int32_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(int32_t z0, int *y, int *m, int *d)
{
    const int32_t z = z0 + 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int32_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int carestat_date_from_ymd(carestat_date *out, int year, int month, int day)
{
    if (!out) return CARESTAT_EINVAL;
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > carestat_date_days_in_month(year, month))
        return CARESTAT_ERANGE;
    *out = days_from_civil(year, month, day);
    return CARESTAT_OK;
}

int carestat_date_to_ymd(carestat_date date, int *year, int *month, int *day)
{
    if (date == CARESTAT_DATE_NONE) return CARESTAT_EINVAL;
    int y, m, d;
    civil_from_days(date, &y, &m, &d);
    if (year) *year = y;
    if (month) *month = m;
    if (day) *day = d;
    return CARESTAT_OK;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Read 1..maxd digits at s[*i]; at least mind. */
static int read_num(const char *s, size_t len, size_t *i, int mind, int maxd, int *val)
{
    int n = 0, v = 0;
    while (*i < len && n < maxd && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    if (n < mind) return 0;
    if (*i < len && is_digit(s[*i])) return 0; /* too many digits */
    *val = v;
    return 1;
}

int carestat_date_parse(carestat_date *out, const char *text, size_t len)
{
    if (!out || !text) return CARESTAT_EINVAL;
    size_t b = 0, e = len;
    while (b < e && (text[b] == ' ' || text[b] == '\t')) b++;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) e--;
    const char *s = text + b;
    size_t n = e - b, i = 0;
    int y = 0, m = 0, d = 0;
    if (n >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && n > 4 &&
        s[4] == '-') {
        /* yyyy-mm-dd[(T| )hh:mm[:ss[.fff]][Z|+hh:mm]] */
        if (!read_num(s, n, &i, 4, 4, &y) || i >= n || s[i++] != '-') return CARESTAT_EPARSE;
        if (!read_num(s, n, &i, 2, 2, &m) || i >= n || s[i++] != '-') return CARESTAT_EPARSE;
        if (!read_num(s, n, &i, 2, 2, &d)) return CARESTAT_EPARSE;
        if (i < n) {
            if (s[i] != 'T' && s[i] != ' ') return CARESTAT_EPARSE;
            i++;
            int hh, mi, ss = 0;
            if (!read_num(s, n, &i, 2, 2, &hh) || i >= n || s[i++] != ':') return CARESTAT_EPARSE;
            if (!read_num(s, n, &i, 2, 2, &mi)) return CARESTAT_EPARSE;
            if (i < n && s[i] == ':') {
                i++;
                if (!read_num(s, n, &i, 2, 2, &ss)) return CARESTAT_EPARSE;
                if (i < n && s[i] == '.') {
                    i++;
                    size_t f0 = i;
                    while (i < n && is_digit(s[i])) i++;
                    if (i == f0) return CARESTAT_EPARSE;
                }
            }
            if (i < n && s[i] == 'Z') i++;
            else if (i < n && (s[i] == '+' || s[i] == '-')) {
                int oh, om;
                i++;
                if (!read_num(s, n, &i, 2, 2, &oh) || i >= n || s[i++] != ':') return CARESTAT_EPARSE;
                if (!read_num(s, n, &i, 2, 2, &om)) return CARESTAT_EPARSE;
            }
            if (i != n) return CARESTAT_EPARSE;
            if (hh > 23 || mi > 59 || ss > 60) return CARESTAT_ERANGE;
        }
    } else {
        /* d/m/yyyy */
        if (!read_num(s, n, &i, 1, 2, &d) || i >= n || s[i++] != '/') return CARESTAT_EPARSE;
        if (!read_num(s, n, &i, 1, 2, &m) || i >= n || s[i++] != '/') return CARESTAT_EPARSE;
        if (!read_num(s, n, &i, 4, 4, &y) || i != n) return CARESTAT_EPARSE;
    }
    return carestat_date_from_ymd(out, y, m, d);
}

int carestat_date_format(char *buf, size_t cap, carestat_date date)
{
    if (!buf) return CARESTAT_EINVAL;
    if (date == CARESTAT_DATE_NONE) {
        if (cap < 1) return CARESTAT_EBUFFER;
        buf[0] = '\0';
        return CARESTAT_OK;
    }
    if (cap < 11) return CARESTAT_EBUFFER;
    int y, m, d;
    civil_from_days(date, &y, &m, &d);
    if (y < 0 || y > 9999) return CARESTAT_ERANGE;
    snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    return CARESTAT_OK;
}

int carestat_age_years(carestat_date dob, carestat_date at)
{
    if (dob == CARESTAT_DATE_NONE || at == CARESTAT_DATE_NONE) return -1;
    int by, bm, bd, ay, am, ad;
    civil_from_days(dob, &by, &bm, &bd);
    civil_from_days(at, &ay, &am, &ad);
    /* 29 February birthdays fall on 28 February in common years. */
    if (bm == 2 && bd == 29 && !carestat_date_is_leap_year(ay)) bd = 28;
    int age = ay - by;
    if (am < bm || (am == bm && ad < bd)) age--;
    return age;
}

carestat_date carestat_date_add_years(carestat_date date, int years)
{
    if (date == CARESTAT_DATE_NONE) return CARESTAT_DATE_NONE;
    int y, m, d;
    civil_from_days(date, &y, &m, &d);
    if (years > 9999 || years < -9999) return CARESTAT_DATE_NONE;
    y += years;
    if (m == 2 && d == 29 && !carestat_date_is_leap_year(y)) d = 28;
    carestat_date out;
    if (carestat_date_from_ymd(&out, y, m, d) != CARESTAT_OK) return CARESTAT_DATE_NONE;
    return out;
}

int carestat_period_year_to_march(carestat_date *start, carestat_date *end, int year)
{
    if (year < 2 || year > 9999) return CARESTAT_ERANGE;
    if (start) *start = days_from_civil(year - 1, 4, 1);
    if (end) *end = days_from_civil(year, 3, 31);
    return CARESTAT_OK;
}

int carestat_period_year_to_september(carestat_date *start, carestat_date *end, int year)
{
    if (year < 2 || year > 9999) return CARESTAT_ERANGE;
    if (start) *start = days_from_civil(year - 1, 10, 1);
    if (end) *end = days_from_civil(year, 9, 30);
    return CARESTAT_OK;
}

int carestat_reporting_year_of(carestat_date date)
{
    if (date == CARESTAT_DATE_NONE) return 0;
    int y, m, d;
    civil_from_days(date, &y, &m, &d);
    return m >= 4 ? y + 1 : y;
}
