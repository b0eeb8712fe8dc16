#include "core/diags.h"

#include "core/buf.h"

int cs_diags_vadd(cs_diags *d, carestat_severity sev, const char *source, uint64_t line, uint32_t column,
                  const char *code, const char *fmt, va_list ap)
{
    if (!d) return CARESTAT_OK;
    if (sev >= CARESTAT_SEV_ERROR) d->errors++;
    if (!d->list || (d->max && carestat_diag_list_count(d->list) >= d->max)) {
        d->dropped++;
        return CARESTAT_OK;
    }
    cs_buf b;
    cs_buf_init(&b);
    int rc = cs_buf_vprintf(&b, fmt, ap);
    if (!rc) rc = carestat_diag_list_add(d->list, sev, source, line, column, code, "%s", b.data);
    cs_buf_free(&b);
    if (rc) d->dropped++; /* out of memory: counted, so the loss is reported, never silent */
    return rc;
}

int cs_diags_add(cs_diags *d, carestat_severity sev, const char *source, uint64_t line, uint32_t column,
                 const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cs_diags_vadd(d, sev, source, line, column, code, fmt, ap);
    va_end(ap);
    return rc;
}
