/* DfE's workforce formulae on published counts (see workforce.h; domain.md section 3). */
#include <math.h>

#include "carestat/date.h"
#include "carestat/workforce.h"

int carestat_workforce_working_days(int census_year) { return carestat_date_is_leap_year(census_year) ? 254 : 253; }

static int bad(double x) { return isnan(x) || isinf(x) || x < 0; }

/* out = 100 * num / den, with the argument checks every formula shares. */
static int pct(double *out, double num, double den)
{
    if (!out || bad(num) || bad(den)) return CARESTAT_EINVAL;
    if (den == 0) return CARESTAT_ERANGE;
    *out = 100.0 * num / den;
    return CARESTAT_OK;
}

int carestat_workforce_turnover_rate(double *out, double leavers_fte, double inpost_fte)
{
    return pct(out, leavers_fte, inpost_fte);
}

int carestat_workforce_agency_rate(double *out, double agency_fte, double inpost_fte)
{
    if (bad(agency_fte) || bad(inpost_fte)) return CARESTAT_EINVAL;
    return pct(out, agency_fte, agency_fte + inpost_fte);
}

int carestat_workforce_vacancy_rate(double *out, double vacancy_fte, double inpost_fte)
{
    if (bad(vacancy_fte) || bad(inpost_fte)) return CARESTAT_EINVAL;
    return pct(out, vacancy_fte, vacancy_fte + inpost_fte);
}

int carestat_workforce_absence_rate(double *out, double days_lost, double inpost_fte, int census_year)
{
    if (bad(inpost_fte)) return CARESTAT_EINVAL;
    return pct(out, days_lost, inpost_fte * (double)carestat_workforce_working_days(census_year));
}

int carestat_workforce_caseload(double *out, double cases, double case_holder_fte)
{
    if (!out || bad(cases) || bad(case_holder_fte)) return CARESTAT_EINVAL;
    if (case_holder_fte == 0) return CARESTAT_ERANGE;
    *out = cases / case_holder_fte;
    return CARESTAT_OK;
}
