#include "hostile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EPISODES_HEADER "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
#define EP_ROW1 "101,01/04/2024,S,C2,N1,U1,PR1,,,,AB1,CD2,SC000001\n"

/* A NUL byte in the middle of the PLACE field of the first row. */
#define NUL_TEXT EPISODES_HEADER "101,01/04/2024,S,C2,N1,U\0" "1,PR1,,,,AB1,CD2,SC000001\n"

static const hostile_case CASES[] = {
    {"empty.csv", "", 0, 0},
    {"header_only.csv", EPISODES_HEADER, 0, 0},
    {"truncated.csv", EPISODES_HEADER EP_ROW1 "102,01/05/2024,S,C2,N1,U3,PR1,31/0", 0, 0},
    {"nul_byte.csv", NUL_TEXT, sizeof NUL_TEXT - 1, 0}, /* the whole literal, the NUL inside included */
    {"invalid_utf8.csv", EPISODES_HEADER "1\xff\xfe" "01,01/04/2024,S,C2,N1,U1,PR1,,,,AB\xc3\x28,CD2,SC000001\n", 0, 0},
    {"field_1mb.csv", NULL, 0, 1},
    {"million_columns.csv", NULL, 0, 2},
    {"duplicate_headers.csv", "CHILD,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
                              "101,999,01/04/2024,S,C2,N1,U1,PR1,,,,AB1,CD2,SC000001\n", 0, 0},
    {"unterminated_quote.csv", EPISODES_HEADER EP_ROW1 "102,\"01/05/2024,S,C2,N1,U3,PR1,,,,AB1,CD2,SC000002\n", 0, 0},
    {"bad_dates.csv", EPISODES_HEADER "101,31/02/2020,S,C2,N1,U1,PR1,99/99/9999,E11,,AB1,CD2,SC000001\n"
                      "102,2020-13-01,S,C2,N1,U1,PR1,,,,AB1,CD2,SC000001\n", 0, 0},
    {"numbers.csv", "org,year,population\nE06000061,2023,-5\nE06000062,2023,1e308\nE06000061,2022,99999999999999999999\n"
                    "E06000062,2022,12.5\nE06000061,2021,abc\n", 0, 0},
    {"trailing_spaces.csv", EPISODES_HEADER "101 ,01/04/2024,S ,C2 ,N1,U1 ,PR1,,,,AB1,CD2,SC000001\n", 0, 0},
    {"mixed_line_endings.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
                               "101,01/04/2024,S,C2,N1,U1,PR1,,,,AB1,CD2,SC000001\r"
                               "102,01/05/2024,S,C2,N1,U3,PR1,,,,AB1,CD2,SC000002\n", 0, 0},
    {"garbage.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary, not, a CSV \"at all", 29, 0},
    {"a_directory", NULL, 0, 3},
    {"unreadable.csv", NULL, 0, 4},
};

const hostile_case *hostile_cases(size_t *n)
{
    *n = sizeof CASES / sizeof CASES[0];
    return CASES;
}

const char *hostile_write(const char *dir, const hostile_case *c)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, c->name);
    if (c->generate == 3) {
        mkdir(path, 0700);
        return path;
    }
    if (c->generate == 4 && geteuid() == 0) return NULL; /* root reads anything */
    FILE *fp = fopen(path, "wb");
    if (!fp) return NULL;
    if (c->generate == 0) {
        fwrite(c->text, 1, c->len ? c->len : strlen(c->text), fp);
    } else if (c->generate == 1) {
        fputs(EPISODES_HEADER "101,01/04/2024,S,C2,N1,U1,PR1,,,,AB1,CD2,\"", fp);
        for (int i = 0; i < (1 << 20); i++) fputc('x', fp);
        fputs("\"\n", fp);
    } else if (c->generate == 2) {
        fputs("CHILD", fp);
        for (int i = 0; i < 1000000; i++) fputs(",", fp);
        fputs("\n1\n", fp);
    } else if (c->generate == 4) {
        fputs(EPISODES_HEADER EP_ROW1, fp);
    }
    fclose(fp);
    if (c->generate == 4) chmod(path, 0);
    return path;
}
