#include "core/buf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carestat/common.h"
#include "core/alloc.h"

void cs_buf_init(cs_buf *b) { memset(b, 0, sizeof *b); }

void cs_buf_free(cs_buf *b)
{
    cs_free(b->data);
    cs_buf_init(b);
}

void cs_buf_reset(cs_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

static int reserve(cs_buf *b, size_t extra)
{
    if (b->err) return b->err;
    if (extra > (size_t)-1 - b->len - 1) return b->err = CARESTAT_ENOMEM;
    if (CS_GROW(b->data, b->cap, b->len + extra + 1) != CARESTAT_OK) return b->err = CARESTAT_ENOMEM;
    return CARESTAT_OK;
}

int cs_buf_append(cs_buf *b, const char *s, size_t n)
{
    if (reserve(b, n)) return b->err;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return CARESTAT_OK;
}

int cs_buf_puts(cs_buf *b, const char *s) { return cs_buf_append(b, s, strlen(s)); }
int cs_buf_putc(cs_buf *b, char c) { return cs_buf_append(b, &c, 1); }

int cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return b->err ? b->err : (b->err = CARESTAT_EINVAL);
    if (reserve(b, (size_t)n)) return b->err;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return CARESTAT_OK;
}

int cs_buf_printf(cs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cs_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int cs_buf_csv_field(cs_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) return cs_buf_puts(b, s);
    cs_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') cs_buf_putc(b, '"');
        cs_buf_putc(b, *p);
    }
    return cs_buf_putc(b, '"');
}

int cs_buf_json_string(cs_buf *b, const char *s)
{
    cs_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': cs_buf_puts(b, "\\\""); break;
        case '\\': cs_buf_puts(b, "\\\\"); break;
        case '\n': cs_buf_puts(b, "\\n"); break;
        case '\r': cs_buf_puts(b, "\\r"); break;
        case '\t': cs_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20) cs_buf_printf(b, "\\u%04x", (unsigned)*p);
            else cs_buf_putc(b, (char)*p);
        }
    }
    return cs_buf_putc(b, '"');
}

int cs_buf_number(cs_buf *b, double v, const char *missing)
{
    if (!isfinite(v)) return cs_buf_puts(b, missing);
    if (v == floor(v) && fabs(v) < 1e15) return cs_buf_printf(b, "%.0f", v);
    return cs_buf_printf(b, "%.10g", v);
}

char *cs_buf_take(cs_buf *b, size_t *len)
{
    if (!b->data && !b->err) cs_buf_append(b, "", 0);
    if (b->err) {
        cs_buf_free(b);
        return NULL;
    }
    char *d = b->data;
    if (len) *len = b->len;
    cs_buf_init(b);
    return d;
}
