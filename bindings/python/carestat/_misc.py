"""Small pure functions of ssda903.h, population.h and workforce.h."""

from ctypes import byref, c_double

from ._lib import lib
from ._util import as_bytes, as_int, as_real


def code_valid_903(field, code, year=0):
    """Whether ``code`` is valid for SSDA903 ``field`` ("PLACE", "LS", "RNE", ...) in a collection
    year (0 = any year); Error(CARESTAT_EINVAL) for an unknown field."""
    return lib.carestat_903_code_valid(as_bytes(field, "field"), as_bytes(code, "code"), as_int(year, "year")) == 1


def population_midyear_for(reporting_year):
    """The mid-year whose estimate DfE uses for the reporting year ending 31 March (year - 1)."""
    return lib.carestat_population_midyear_for(as_int(reporting_year, "reporting_year"))


def workforce_working_days(census_year):
    """Working days DfE's absence rate uses: 253, or 254 in a leap census year."""
    return lib.carestat_workforce_working_days(as_int(census_year, "census_year"))


def _rate(fn, *args):
    out = c_double()
    fn(byref(out), *args)
    return out.value


def workforce_turnover_rate(leavers, in_post):
    """Turnover (%) = leavers / in post x 100."""
    return _rate(lib.carestat_workforce_turnover_rate, as_real(leavers, "leavers"), as_real(in_post, "in_post"))


def workforce_agency_rate(agency, in_post):
    """Agency rate (%) = agency / (agency + employed in post) x 100."""
    return _rate(lib.carestat_workforce_agency_rate, as_real(agency, "agency"), as_real(in_post, "in_post"))


def workforce_vacancy_rate(vacancies, in_post):
    """Vacancy rate (%) = vacancies / (vacancies + employed in post) x 100."""
    return _rate(lib.carestat_workforce_vacancy_rate, as_real(vacancies, "vacancies"), as_real(in_post, "in_post"))


def workforce_absence_rate(days_lost, in_post, census_year):
    """Absence rate (%) = days lost / (FTE in post x working days of the census year) x 100."""
    return _rate(lib.carestat_workforce_absence_rate, as_real(days_lost, "days_lost"), as_real(in_post, "in_post"),
                 as_int(census_year, "census_year"))


def workforce_caseload(cases, case_holder_fte):
    """Average caseload = cases / case-holding FTE."""
    return _rate(lib.carestat_workforce_caseload, as_real(cases, "cases"),
                 as_real(case_holder_fte, "case_holder_fte"))
