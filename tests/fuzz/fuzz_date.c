/* Fuzz target: the date parser, formatter and age arithmetic must agree with each other. */
#include <stdlib.h>
#include <string.h>

#include "carestat/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    carestat_date d;
    if (carestat_date_parse(&d, (const char *)data, size) == CARESTAT_OK) {
        char iso[16];
        if (carestat_date_format(iso, sizeof iso, d) != CARESTAT_OK) abort();
        carestat_date back;
        if (carestat_date_parse(&back, iso, strlen(iso)) != CARESTAT_OK || back != d) abort();
        int y, m, dd;
        if (carestat_date_to_ymd(d, &y, &m, &dd) != CARESTAT_OK) abort();
        if (carestat_age_years(d, d) != 0) abort();
        carestat_date later = carestat_date_add_years(d, 18);
        if (later != CARESTAT_DATE_NONE && carestat_age_years(d, later) != 18) abort();
        (void)carestat_reporting_year_of(d);
    }
    return 0;
}
