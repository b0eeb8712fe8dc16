/* Internal growable byte buffer (always NUL-terminated) for writers and messages. */
#ifndef CS_CORE_BUF_H
#define CS_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cs_buf {
    char *data; /* NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    int err; /* sticky: first failure (CARESTAT_ENOMEM); later appends do nothing */
} cs_buf;

void cs_buf_init(cs_buf *b);
void cs_buf_free(cs_buf *b);
void cs_buf_reset(cs_buf *b); /* len = 0, keeps memory */
int cs_buf_append(cs_buf *b, const char *s, size_t n);
int cs_buf_puts(cs_buf *b, const char *s);
int cs_buf_putc(cs_buf *b, char c);
int cs_buf_printf(cs_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
/* Append a CSV field, quoted when it holds a comma, quote, CR or LF. */
int cs_buf_csv_field(cs_buf *b, const char *s);
/* Append a JSON string literal (with quotes), escaping as RFC 8259 requires. */
int cs_buf_json_string(cs_buf *b, const char *s);
/* Append a double: "" (csv) or "null" (json) for NaN/inf, integers without decimals,
 * otherwise up to 10 significant digits. */
int cs_buf_number(cs_buf *b, double v, const char *missing);
/* Hand the data to the caller (who frees it with cs_free); the buffer is left empty. */
char *cs_buf_take(cs_buf *b, size_t *len);

#endif
