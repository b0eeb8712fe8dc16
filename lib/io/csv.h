/* Internal streaming CSV tokenizer (RFC 4180 plus what real exports do).
 *
 * - Quoted fields with embedded commas, quotes ("") and newlines; CRLF, LF and lone CR line ends,
 *   mixed in one file; a UTF-8 BOM at the start is skipped; a final line without a newline is read.
 * - Blank lines are skipped (they are not records). A line of only commas is a record.
 * - Streaming: the file is read in 64 KiB blocks; the current record lives in one reusable buffer,
 *   so there is no allocation per field (buffers grow geometrically, bounded by the limits).
 * - Problems become diagnostics with the file name, the line where the record started and the
 *   1-based column (field number): CSV_UNTERMINATED_QUOTE, CSV_BAD_QUOTE (text after a closing
 *   quote, kept), CSV_STRAY_QUOTE (a quote inside an unquoted field, kept), CSV_NUL_BYTE (dropped),
 *   CSV_INVALID_UTF8 (a warning: the bytes are kept), CSV_OPEN (cannot open, or a directory),
 *   and the limits CSV_FIELD_TOO_LONG, CSV_TOO_MANY_COLUMNS, CSV_TOO_MANY_ROWS (fatal, the read
 *   stops with CARESTAT_ELIMIT).
 */
#ifndef CS_IO_CSV_H
#define CS_IO_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "core/diags.h"

typedef struct cs_csv_limits {
    size_t max_field_bytes; /* default 65536 */
    size_t max_columns;     /* default 4096 */
    uint64_t max_rows;      /* default 50,000,000 records including the header */
} cs_csv_limits;

void cs_csv_limits_default(cs_csv_limits *lim);

typedef struct cs_csv cs_csv;

/* Open a file. name is used in diagnostics (NULL = path). On failure *out is NULL and, when
 * diags is given, an error diagnostic says why (CSV_OPEN: "cannot open: No such file..."). */
int cs_csv_open(cs_csv **out, const char *path, const cs_csv_limits *lim, cs_diags *diags);
/* Read from memory (not copied: data must outlive the reader). */
int cs_csv_open_memory(cs_csv **out, const char *name, const char *data, size_t len, const cs_csv_limits *lim,
                       cs_diags *diags);
void cs_csv_close(cs_csv *r);

/* Next record: 1 = a record is available, 0 = end of input, negative = CARESTAT_ELIMIT / EIO /
 * ENOMEM (sticky: later calls return the same). */
int cs_csv_next(cs_csv *r);

size_t cs_csv_nfields(const cs_csv *r);
/* Field i of the current record, NUL-terminated; "" (len 0) when i is past the end. */
const char *cs_csv_field(const cs_csv *r, size_t i, size_t *len);
/* 1 if every field of the current record is empty or only spaces. */
int cs_csv_record_is_empty(const cs_csv *r);
/* Line on which the current record started (1-based). */
uint64_t cs_csv_line(const cs_csv *r);
/* Number of records returned so far (the header is record 1). */
uint64_t cs_csv_records(const cs_csv *r);
/* Diagnostics of severity >= error raised while reading the current record. */
unsigned cs_csv_record_errors(const cs_csv *r);
const char *cs_csv_name(const cs_csv *r);
cs_diags *cs_csv_diags(cs_csv *r);

/* A diagnostic about the current record (line = its first line). column is 1-based, 0 = none. */
int cs_csv_diag(cs_csv *r, carestat_severity sev, uint32_t column, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Header mapping. names lists accepted spellings separated by '|' ("DECOM|START_DATE"); matching
 * is case-insensitive and ignores surrounding spaces. idx[i] receives the field index or -1.
 * Duplicate header names: the first wins, a CSV_DUPLICATE_COLUMN warning is added.
 * Missing required columns: one CSV_MISSING_COLUMN error naming them all, return CARESTAT_EPARSE.
 * quiet = 1 adds no diagnostics (to test whether a header looks like a table). Returns the
 * number of required columns missing through *missing when missing != NULL. */
typedef struct cs_csv_col {
    const char *names;
    int required;
} cs_csv_col;
int cs_csv_map_header(cs_csv *r, const cs_csv_col *cols, size_t ncols, int *idx, int quiet, size_t *missing);

/* Case-insensitive equality of a field (trimmed of spaces) with s. */
int cs_csv_field_equals(const char *field, size_t len, const char *s);

#endif
