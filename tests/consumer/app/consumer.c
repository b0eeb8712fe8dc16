/* A program built against an installed carestat, found through find_package or pkg-config. */
#include <stdio.h>
#include <string.h>

#include <carestat.h>

int main(void)
{
    if (carestat_version() != CARESTAT_VERSION_NUMBER) {
        fprintf(stderr, "header/library mismatch: %d vs %d\n", carestat_version(), CARESTAT_VERSION_NUMBER);
        return 1;
    }
    carestat_date d;
    if (carestat_date_parse(&d, "31/03/2025", 10) != CARESTAT_OK || carestat_reporting_year_of(d) != 2025) return 1;
    printf("consumer ok: carestat %s\n", carestat_version_string());
    return 0;
}
