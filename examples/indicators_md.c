/* Print the indicator catalogue as Markdown: the text of docs/indicators.md.
 *
 *   build/examples/indicators_md > docs/indicators.md
 *
 * (unit.indicators fails when docs/indicators.md differs from this output.) */
#include <stdio.h>

#include "carestat.h"

int main(void)
{
    char *md = NULL;
    int rc = carestat_indicators_markdown(&md);
    if (rc != CARESTAT_OK) {
        fprintf(stderr, "indicators_md: %s\n", carestat_strerror(rc));
        return 1;
    }
    fputs(md, stdout);
    carestat_free(md);
    return 0;
}
