#include "io/csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"

#define BLOCK 65536u

struct cs_csv {
    FILE *fp;
    const char *mem; /* memory input, or NULL */
    size_t mem_len;
    char *in; /* input block (file input) */
    const char *cur;
    size_t cur_len, cur_pos;
    int eof;
    char *rec; /* current record: fields back to back, each NUL-terminated */
    size_t rec_len, rec_cap;
    size_t *fstart;
    size_t nf, fcap;
    uint64_t line;     /* line of the next character */
    uint64_t rec_line; /* line where the current record started */
    uint64_t nrec;
    unsigned rec_errors;
    int nonascii; /* the current field has a byte >= 0x80 (checked for UTF-8 at its end) */
    int failed;
    int started;
    char *name;
    cs_csv_limits lim;
    cs_diags *diags;
};

void cs_csv_limits_default(cs_csv_limits *lim)
{
    lim->max_field_bytes = 65536;
    lim->max_columns = 4096;
    lim->max_rows = 50000000;
}

static int make(cs_csv **out, const char *name, const cs_csv_limits *lim, cs_diags *diags)
{
    cs_csv *r = cs_calloc(1, sizeof *r);
    if (!r) return CARESTAT_ENOMEM;
    r->name = cs_strdup(name ? name : "<memory>");
    if (!r->name) {
        cs_free(r);
        return CARESTAT_ENOMEM;
    }
    if (lim) r->lim = *lim;
    else cs_csv_limits_default(&r->lim);
    if (!r->lim.max_field_bytes) r->lim.max_field_bytes = (size_t)-1 / 4;
    if (!r->lim.max_columns) r->lim.max_columns = (size_t)-1 / 4;
    if (!r->lim.max_rows) r->lim.max_rows = UINT64_MAX;
    r->diags = diags;
    r->line = 1;
    *out = r;
    return CARESTAT_OK;
}

int cs_csv_open(cs_csv **out, const char *path, const cs_csv_limits *lim, cs_diags *diags)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        int e = errno;
        cs_diags_add(diags, CARESTAT_SEV_ERROR, path, 0, 0, "CSV_OPEN", "cannot open: %s", strerror(e));
        return CARESTAT_EIO;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        cs_diags_add(diags, CARESTAT_SEV_ERROR, path, 0, 0, "CSV_OPEN", "cannot read: it is a directory, not a file");
        return CARESTAT_EIO;
    }
    cs_csv *r = NULL;
    int rc = make(&r, path, lim, diags);
    if (rc) {
        fclose(fp);
        return rc;
    }
    r->fp = fp;
    r->in = cs_malloc(BLOCK);
    if (!r->in) {
        cs_csv_close(r);
        return CARESTAT_ENOMEM;
    }
    *out = r;
    return CARESTAT_OK;
}

int cs_csv_open_memory(cs_csv **out, const char *name, const char *data, size_t len, const cs_csv_limits *lim,
                       cs_diags *diags)
{
    *out = NULL;
    cs_csv *r;
    int rc = make(&r, name, lim, diags);
    if (rc) return rc;
    r->mem = data;
    r->mem_len = len;
    r->cur = data;
    r->cur_len = len;
    r->eof = 1; /* no more blocks after this one */
    *out = r;
    return CARESTAT_OK;
}

void cs_csv_close(cs_csv *r)
{
    if (!r) return;
    if (r->fp) fclose(r->fp);
    cs_free(r->in);
    cs_free(r->rec);
    cs_free(r->fstart);
    cs_free(r->name);
    cs_free(r);
}

/* -1 at end of input, -2 on read error */
static int refill(cs_csv *r)
{
    if (r->eof) return -1;
    size_t n = fread(r->in, 1, BLOCK, r->fp);
    if (n == 0) {
        r->eof = 1;
        if (ferror(r->fp)) return -2;
        return -1;
    }
    r->cur = r->in;
    r->cur_len = n;
    r->cur_pos = 0;
    return 0;
}

static inline int peekc(cs_csv *r)
{
    if (r->cur_pos >= r->cur_len) {
        int rc = refill(r);
        if (rc) return rc;
    }
    return (unsigned char)r->cur[r->cur_pos];
}

static inline void skipc(cs_csv *r) { r->cur_pos++; }

int cs_csv_diag(cs_csv *r, carestat_severity sev, uint32_t column, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (sev >= CARESTAT_SEV_ERROR) r->rec_errors++;
    int rc = cs_diags_vadd(r->diags, sev, r->name, r->rec_line, column, code, fmt, ap);
    va_end(ap);
    return rc;
}

static int put(cs_csv *r, char c)
{
    size_t flen = r->rec_len - r->fstart[r->nf - 1];
    if (flen >= r->lim.max_field_bytes) {
        cs_csv_diag(r, CARESTAT_SEV_FATAL, (uint32_t)r->nf, "CSV_FIELD_TOO_LONG",
                    "field is longer than the limit of %zu bytes (max_field_bytes)", r->lim.max_field_bytes);
        return CARESTAT_ELIMIT;
    }
    if (r->rec_len + 2 > r->rec_cap && CS_GROW(r->rec, r->rec_cap, r->rec_len + 2)) return CARESTAT_ENOMEM;
    r->rec[r->rec_len++] = c;
    r->nonascii |= (unsigned char)c >= 0x80;
    return CARESTAT_OK;
}

/* Is s[0..n) well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF)? */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > n) return 0;
        unsigned cp = c & (0x7Fu >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += len;
    }
    return 1;
}

static int start_field(cs_csv *r)
{
    r->nonascii = 0;
    if (r->nf >= r->lim.max_columns) {
        cs_csv_diag(r, CARESTAT_SEV_FATAL, 0, "CSV_TOO_MANY_COLUMNS",
                    "record has more than the limit of %zu columns (max_columns)", r->lim.max_columns);
        return CARESTAT_ELIMIT;
    }
    if (CS_GROW(r->fstart, r->fcap, r->nf + 1)) return CARESTAT_ENOMEM;
    r->fstart[r->nf++] = r->rec_len;
    return CARESTAT_OK;
}

static int end_field(cs_csv *r)
{
    if (r->nonascii) {
        size_t start = r->fstart[r->nf - 1];
        if (!valid_utf8((const unsigned char *)r->rec + start, r->rec_len - start))
            cs_csv_diag(r, CARESTAT_SEV_WARNING, (uint32_t)r->nf, "CSV_INVALID_UTF8",
                        "field is not valid UTF-8 (kept as it is; was the file saved in another encoding?)");
    }
    if (r->rec_len + 1 > r->rec_cap && CS_GROW(r->rec, r->rec_cap, r->rec_len + 1)) return CARESTAT_ENOMEM;
    r->rec[r->rec_len++] = '\0';
    return CARESTAT_OK;
}

/* Consume a line end at the current position (CRLF, LF or CR); c is the peeked char. */
static void eat_eol(cs_csv *r, int c)
{
    skipc(r);
    if (c == '\r' && peekc(r) == '\n') skipc(r);
    r->line++;
}

static int read_record(cs_csv *r)
{
    int c;
    for (;;) { /* skip blank lines */
        c = peekc(r);
        if (c == -2) return CARESTAT_EIO;
        if (c == -1) return 0;
        if (!r->started) {
            r->started = 1;
            /* UTF-8 byte order mark */
            if (c == 0xEF && r->cur_len - r->cur_pos >= 3 && (unsigned char)r->cur[r->cur_pos + 1] == 0xBB &&
                (unsigned char)r->cur[r->cur_pos + 2] == 0xBF) {
                r->cur_pos += 3;
                continue;
            }
        }
        if (c == '\n' || c == '\r') {
            eat_eol(r, c);
            continue;
        }
        break;
    }
    if (r->nrec >= r->lim.max_rows) {
        r->rec_line = r->line;
        cs_csv_diag(r, CARESTAT_SEV_FATAL, 0, "CSV_TOO_MANY_ROWS",
                    "file has more than the limit of %llu rows (max_rows)", (unsigned long long)r->lim.max_rows);
        return CARESTAT_ELIMIT;
    }
    r->rec_line = r->line;
    r->rec_len = 0;
    r->nf = 0;
    r->rec_errors = 0;
    int rc;
    for (;;) { /* one field per iteration */
        if ((rc = start_field(r))) return rc;
        uint32_t col = (uint32_t)r->nf;
        c = peekc(r);
        if (c == '"') {
            uint64_t qline = r->line;
            skipc(r);
            int closed = 0, bad = 0;
            for (;;) {
                c = peekc(r);
                if (c == -2) return CARESTAT_EIO;
                if (c == -1) break;
                if (c == '"') {
                    skipc(r);
                    if (peekc(r) == '"') {
                        skipc(r);
                        if ((rc = put(r, '"'))) return rc;
                        continue;
                    }
                    closed = 1;
                    break;
                }
                if (c == 0) {
                    skipc(r);
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, col, "CSV_NUL_BYTE", "NUL byte in field (dropped)");
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    skipc(r);
                    if ((rc = put(r, (char)c))) return rc;
                    if (c == '\r' && peekc(r) == '\n') {
                        skipc(r);
                        if ((rc = put(r, '\n'))) return rc;
                    }
                    r->line++;
                    continue;
                }
                skipc(r);
                if ((rc = put(r, (char)c))) return rc;
            }
            if (!closed) {
                cs_csv_diag(r, CARESTAT_SEV_ERROR, col, "CSV_UNTERMINATED_QUOTE",
                            "quoted field opened on line %llu is never closed (reached the end of the file)",
                            (unsigned long long)qline);
                if ((rc = end_field(r))) return rc;
                return 1;
            }
            /* after the closing quote: text up to the delimiter is kept, with a diagnostic */
            for (;;) {
                c = peekc(r);
                if (c == -2) return CARESTAT_EIO;
                if (c == -1 || c == ',' || c == '\n' || c == '\r') break;
                if (!bad) {
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, col, "CSV_BAD_QUOTE",
                                "unexpected text after a closing quote (expected a comma or a line end)");
                    bad = 1;
                }
                skipc(r);
                if (c == 0) continue;
                if ((rc = put(r, (char)c))) return rc;
            }
        } else {
            int stray = 0;
            for (;;) {
                c = peekc(r);
                if (c == -2) return CARESTAT_EIO;
                if (c == -1 || c == ',' || c == '\n' || c == '\r') break;
                skipc(r);
                if (c == 0) {
                    cs_csv_diag(r, CARESTAT_SEV_ERROR, col, "CSV_NUL_BYTE", "NUL byte in field (dropped)");
                    continue;
                }
                if (c == '"' && !stray) {
                    cs_csv_diag(r, CARESTAT_SEV_WARNING, col, "CSV_STRAY_QUOTE",
                                "quote character inside an unquoted field (kept as text)");
                    stray = 1;
                }
                if ((rc = put(r, (char)c))) return rc;
            }
        }
        if ((rc = end_field(r))) return rc;
        if (c == ',') {
            skipc(r);
            continue;
        }
        if (c == '\n' || c == '\r') eat_eol(r, c);
        return 1;
    }
}

int cs_csv_next(cs_csv *r)
{
    if (r->failed) return r->failed;
    int rc = read_record(r);
    if (rc < 0) {
        if (rc == CARESTAT_EIO)
            cs_diags_add(r->diags, CARESTAT_SEV_FATAL, r->name, r->line, 0, "CSV_READ", "read error");
        r->failed = rc;
        r->nf = 0;
        return rc;
    }
    if (rc == 1) r->nrec++;
    else r->nf = 0;
    return rc;
}

size_t cs_csv_nfields(const cs_csv *r) { return r->nf; }

const char *cs_csv_field(const cs_csv *r, size_t i, size_t *len)
{
    if (i >= r->nf) {
        if (len) *len = 0;
        return "";
    }
    size_t s = r->fstart[i];
    size_t e = (i + 1 < r->nf ? r->fstart[i + 1] : r->rec_len) - 1; /* minus the NUL */
    if (len) *len = e - s;
    return r->rec + s;
}

int cs_csv_record_is_empty(const cs_csv *r)
{
    for (size_t i = 0; i < r->nf; i++) {
        size_t len;
        const char *f = cs_csv_field(r, i, &len);
        for (size_t k = 0; k < len; k++)
            if (f[k] != ' ' && f[k] != '\t') return 0;
    }
    return 1;
}

uint64_t cs_csv_line(const cs_csv *r) { return r->rec_line; }
uint64_t cs_csv_records(const cs_csv *r) { return r->nrec; }
unsigned cs_csv_record_errors(const cs_csv *r) { return r->rec_errors; }
const char *cs_csv_name(const cs_csv *r) { return r->name; }
cs_diags *cs_csv_diags(cs_csv *r) { return r->diags; }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t')) (*len)--;
}

static int eq_ci(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) return 0;
    for (size_t i = 0; i < alen; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
    return 1;
}

int cs_csv_field_equals(const char *field, size_t len, const char *s)
{
    trim(&field, &len);
    return eq_ci(field, len, s, strlen(s));
}

/* Does field f match one of the '|'-separated names? */
static int matches(const char *f, size_t flen, const char *names)
{
    const char *p = names;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (eq_ci(f, flen, p, n)) return 1;
        if (!bar) return 0;
        p = bar + 1;
    }
}

int cs_csv_map_header(cs_csv *r, const cs_csv_col *cols, size_t ncols, int *idx, int quiet, size_t *missing)
{
    size_t nmiss = 0;
    for (size_t c = 0; c < ncols; c++) {
        idx[c] = -1;
        for (size_t i = 0; i < r->nf; i++) {
            size_t len;
            const char *f = cs_csv_field(r, i, &len);
            trim(&f, &len);
            if (!matches(f, len, cols[c].names)) continue;
            if (idx[c] < 0) idx[c] = (int)i;
            else if (!quiet)
                cs_csv_diag(r, CARESTAT_SEV_WARNING, (uint32_t)(i + 1), "CSV_DUPLICATE_COLUMN",
                            "column '%.*s' appears again (column %d is used)", (int)len, f, idx[c] + 1);
        }
        if (idx[c] < 0 && cols[c].required) nmiss++;
    }
    if (missing) *missing = nmiss;
    if (!nmiss) return CARESTAT_OK;
    if (!quiet) {
        char list[1024];
        size_t used = 0;
        list[0] = '\0';
        for (size_t c = 0; c < ncols; c++) {
            if (idx[c] >= 0 || !cols[c].required) continue;
            const char *bar = strchr(cols[c].names, '|');
            int n = bar ? (int)(bar - cols[c].names) : (int)strlen(cols[c].names);
            int w = snprintf(list + used, sizeof list - used, "%s%.*s", used ? ", " : "", n, cols[c].names);
            if (w < 0 || (size_t)w >= sizeof list - used) break;
            used += (size_t)w;
        }
        cs_csv_diag(r, CARESTAT_SEV_ERROR, 0, "CSV_MISSING_COLUMN", "missing required column%s: %s",
                    nmiss > 1 ? "s" : "", list);
    }
    return CARESTAT_EPARSE;
}
