#include "carestat/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/strpool.h"

struct carestat_diag_list {
    carestat_diag *items;
    size_t count, cap;
    cs_strpool strings; /* sources, codes and messages (sources and codes repeat a lot) */
};

int carestat_diag_list_new(carestat_diag_list **out)
{
    if (!out) return CARESTAT_EINVAL;
    carestat_diag_list *l = cs_calloc(1, sizeof *l);
    if (!l) return CARESTAT_ENOMEM;
    cs_strpool_init(&l->strings);
    *out = l;
    return CARESTAT_OK;
}

void carestat_diag_list_free(carestat_diag_list *list)
{
    if (!list) return;
    cs_strpool_free(&list->strings);
    cs_free(list->items);
    cs_free(list);
}

size_t carestat_diag_list_count(const carestat_diag_list *list) { return list ? list->count : 0; }

size_t carestat_diag_list_count_at_least(const carestat_diag_list *list, carestat_severity min_severity)
{
    size_t n = 0;
    if (!list) return 0;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].severity >= min_severity) n++;
    return n;
}

const carestat_diag *carestat_diag_list_get(const carestat_diag_list *list, size_t index)
{
    if (!list || index >= list->count) return NULL;
    return &list->items[index];
}

static const char *intern(carestat_diag_list *l, const char *s, int *rc)
{
    uint32_t id;
    if (!s) s = "";
    if (cs_strpool_intern(&l->strings, s, strlen(s), &id)) {
        *rc = CARESTAT_ENOMEM;
        return NULL;
    }
    return cs_strpool_get(&l->strings, id);
}

int carestat_diag_list_add(carestat_diag_list *list, carestat_severity severity, const char *source,
                           uint64_t line, uint32_t column, const char *code, const char *fmt, ...)
{
    if (!list || !fmt) return CARESTAT_EINVAL;
    cs_buf msg;
    cs_buf_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    int rc = cs_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (rc) {
        cs_buf_free(&msg);
        return rc;
    }
    if (CS_GROW(list->items, list->cap, list->count + 1)) {
        cs_buf_free(&msg);
        return CARESTAT_ENOMEM;
    }
    rc = CARESTAT_OK;
    carestat_diag d;
    d.severity = severity;
    d.line = line;
    d.column = column;
    d.source = intern(list, source, &rc);
    d.code = rc ? NULL : intern(list, code, &rc);
    d.message = rc ? NULL : intern(list, msg.data, &rc);
    cs_buf_free(&msg);
    if (rc) return rc;
    list->items[list->count++] = d;
    return CARESTAT_OK;
}

void carestat_diag_list_clear(carestat_diag_list *list)
{
    if (!list) return;
    list->count = 0;
    cs_strpool_free(&list->strings);
}

const char *carestat_severity_name(carestat_severity severity)
{
    switch (severity) {
    case CARESTAT_SEV_NOTE: return "note";
    case CARESTAT_SEV_WARNING: return "warning";
    case CARESTAT_SEV_ERROR: return "error";
    case CARESTAT_SEV_FATAL: return "fatal";
    default: return "unknown";
    }
}

int carestat_diag_format(char *buf, size_t cap, const carestat_diag *d)
{
    if (!d || (!buf && cap > 0)) return CARESTAT_EINVAL;
    int n;
    if (d->line && d->column)
        n = snprintf(buf, cap, "%s:%llu:%u: %s: %s: %s", d->source, (unsigned long long)d->line,
                     (unsigned)d->column, carestat_severity_name(d->severity), d->code, d->message);
    else if (d->line)
        n = snprintf(buf, cap, "%s:%llu: %s: %s: %s", d->source, (unsigned long long)d->line,
                     carestat_severity_name(d->severity), d->code, d->message);
    else
        n = snprintf(buf, cap, "%s: %s: %s: %s", d->source, carestat_severity_name(d->severity), d->code,
                     d->message);
    return n < 0 ? CARESTAT_EINVAL : n;
}
