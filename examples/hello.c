/* The smallest carestat program: print the library version and parse a date. */
#include <stdio.h>
#include <string.h>

#include <carestat.h>

int main(int argc, char **argv)
{
    const char *text = argc > 1 ? argv[1] : "29/07/2019";
    printf("carestat %s (headers %s)\n", carestat_version_string(), CARESTAT_VERSION_STRING);
    carestat_date d;
    int rc = carestat_date_parse(&d, text, strlen(text));
    if (rc != CARESTAT_OK) {
        fprintf(stderr, "hello: '%s' is not a date: %s\n", text, carestat_strerror(rc));
        return 1;
    }
    char iso[16];
    carestat_date_format(iso, sizeof iso, d);
    printf("%s is %s, day %d since 1970-01-01, in the reporting year ending 31 March %d\n", text, iso, (int)d,
           carestat_reporting_year_of(d));
    return 0;
}
