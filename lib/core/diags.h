/* Internal diagnostics target: a list plus a cap. Past the cap, diagnostics are counted, not kept
 * (so a million bad rows cannot exhaust memory), and the count is reported. */
#ifndef CS_CORE_DIAGS_H
#define CS_CORE_DIAGS_H

#include <stdarg.h>

#include "carestat/diag.h"

typedef struct cs_diags {
    carestat_diag_list *list; /* may be NULL: nothing kept, only counted */
    size_t max;               /* 0 = no cap */
    uint64_t dropped;         /* not kept: past the cap, or no memory to store them */
    uint64_t errors;          /* diagnostics of severity >= error added through this target */
} cs_diags;

/* Add a diagnostic. d may be NULL (ignored). Returns 0 or CARESTAT_ENOMEM. */
int cs_diags_add(cs_diags *d, carestat_severity sev, const char *source, uint64_t line, uint32_t column,
                 const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
int cs_diags_vadd(cs_diags *d, carestat_severity sev, const char *source, uint64_t line, uint32_t column,
                  const char *code, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 0)))
#endif
    ;

#endif
