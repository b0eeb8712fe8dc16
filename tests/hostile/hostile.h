/* The hostile-input corpus: each case is a file that real exports, hand edits in Excel or an
 * attacker could produce, written into a temporary folder by the tests (large ones are generated,
 * so nothing big is committed). */
#ifndef CARESTAT_TESTS_HOSTILE_H
#define CARESTAT_TESTS_HOSTILE_H

#include <stddef.h>

typedef struct hostile_case {
    const char *name;     /* file name and label */
    const char *text;     /* content, or NULL when generated */
    size_t len;           /* length of text (0 = strlen) */
    int generate;         /* 0: text; 1: 1 MB field; 2: a million columns; 3: directory; 4: unreadable */
} hostile_case;

/* Every case; count in *n. */
const hostile_case *hostile_cases(size_t *n);
/* Write case c into dir; returns the path (static buffer) or NULL if the case cannot be made here
 * (e.g. unreadable permissions when running as root). */
const char *hostile_write(const char *dir, const hostile_case *c);

#endif
