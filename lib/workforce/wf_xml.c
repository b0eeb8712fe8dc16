/* CSWW XML return reader (the DfE census message: Header, LALevelVacancies, CSWWWorker*; schema in
 * data/synthetic_csww/social_work_workforce_2022.xsd). A small non-validating XML reader: elements and
 * text only (attributes, comments, processing instructions and DOCTYPE are skipped; CDATA and the
 * five predefined and numeric character references are decoded). Worker values go through the same
 * validation as the CSV reader (cs_wf_parse_worker). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/workforce.h"
#include "core/alloc.h"
#include "core/dataset_internal.h"
#include "workforce/wf_internal.h"

#define XML_MAX_DEPTH 64
#define XML_MAX_NAME 64
#define XML_MAX_TEXT 256
#define XML_MAX_BYTES ((size_t)1 << 30)

typedef struct xml_state {
    carestat_dataset *ds;
    wf_store *st;
    const char *src;
    const char *p, *end;
    uint64_t line;
    char stack[XML_MAX_DEPTH][XML_MAX_NAME];
    int depth;
    char text[XML_MAX_TEXT];
    size_t tlen;
    int text_truncated;
    /* header */
    char year[16], ref[32], lea[64];
    uint64_t lea_line;
    /* LA-level */
    double vac, agfte, aghc;
    int la_seen;
    uint64_t la_line;
    /* current worker */
    char wv[C_NCOLS][XML_MAX_TEXT];
    size_t wl[C_NCOLS];
    const char *vp[C_NCOLS];
    uint64_t vl[C_NCOLS];
    char fte30[XML_MAX_TEXT];
    size_t fte30_len;
    uint64_t fte30_line, worker_line;
    int have_fte30;
    /* counts */
    uint64_t w_read, w_acc, w_rej, l_read, l_acc, l_rej;
} xml_state;

static int xfail(xml_state *x, const char *code, const char *what)
{
    cs_diags_add(&x->ds->diags, CARESTAT_SEV_FATAL, x->src, x->line, 0, code, "%s", what);
    return cs_ds_fail(x->ds, CARESTAT_EPARSE, "%s:%llu: %s", x->src, (unsigned long long)x->line, what);
}

/* Advance to just after `tok`, counting lines; 0 if not found. */
static int skip_past(xml_state *x, const char *tok)
{
    size_t n = strlen(tok);
    while (x->p + n <= x->end) {
        if (memcmp(x->p, tok, n) == 0) {
            x->p += n;
            return 1;
        }
        if (*x->p == '\n') x->line++;
        x->p++;
    }
    return 0;
}

static void text_add(xml_state *x, const char *s, size_t n)
{
    if (x->tlen + n >= XML_MAX_TEXT) {
        x->text_truncated = 1;
        n = XML_MAX_TEXT - 1 - x->tlen;
    }
    memcpy(x->text + x->tlen, s, n);
    x->tlen += n;
    x->text[x->tlen] = '\0';
}

static void text_add_cp(xml_state *x, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    text_add(x, u, n);
}

/* Decode a character reference at x->p ('&'); returns 0 on a malformed one. */
static int entity(xml_state *x)
{
    const char *semi = memchr(x->p, ';', (size_t)(x->end - x->p) < 12 ? (size_t)(x->end - x->p) : 12);
    if (!semi) return 0;
    const char *e = x->p + 1;
    size_t n = (size_t)(semi - e);
    static const struct {
        const char *name;
        char c;
    } k[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        if (n == strlen(k[i].name) && memcmp(e, k[i].name, n) == 0) {
            text_add(x, &k[i].c, 1);
            x->p = semi + 1;
            return 1;
        }
    if (n >= 2 && e[0] == '#') {
        unsigned long cp = 0;
        int hex = e[1] == 'x' || e[1] == 'X';
        const char *d = e + 1 + hex;
        if (d == semi) return 0;
        for (; d < semi; d++) {
            int v;
            if (*d >= '0' && *d <= '9') v = *d - '0';
            else if (hex && *d >= 'a' && *d <= 'f') v = *d - 'a' + 10;
            else if (hex && *d >= 'A' && *d <= 'F') v = *d - 'A' + 10;
            else return 0;
            cp = cp * (hex ? 16u : 10u) + (unsigned long)v;
            if (cp > 0x10FFFF) return 0;
        }
        if (cp == 0) return 0;
        text_add_cp(x, cp);
        x->p = semi + 1;
        return 1;
    }
    return 0;
}

static int col_of(const char *name)
{
    static const struct {
        const char *el;
        int col;
    } m[] = {{"AgencyWorker", C_AGENCY},      {"SWENo", C_WORKER},           {"FTE", C_FTE},
             {"PersonBirthDate", C_BIRTH},    {"GenderCurrent", C_GENDER},   {"Ethnicity", C_ETH},
             {"QualLevel", C_QUAL},           {"OrgRole", C_ROLE},           {"RoleStartDate", C_START},
             {"StartOrigin", C_ORIGIN},       {"RoleEndDate", C_END},        {"LeaverDestination", C_DEST},
             {"ReasonLeave", C_REASON},       {"Cases30", C_CASES},          {"WorkingDaysLost", C_DAYS},
             {"CFKSSstatus", C_CFKSS}};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        if (strcmp(name, m[i].el) == 0) return m[i].col;
    return -1;
}

static void worker_reset(xml_state *x)
{
    for (int i = 0; i < C_NCOLS; i++) {
        x->vp[i] = NULL;
        x->wl[i] = 0;
        x->vl[i] = 0;
    }
    x->have_fte30 = 0;
}

static void copy_text(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int census_year_text(xml_state *x, char *out, size_t cap)
{
    if (x->year[0]) {
        copy_text(out, cap, x->year, strlen(x->year));
        return 1;
    }
    if (strlen(x->ref) >= 4) { /* ReferenceDate yyyy-mm-dd */
        copy_text(out, cap, x->ref, 4);
        return 1;
    }
    return 0;
}

static int worker_emit(xml_state *x)
{
    char yearbuf[16];
    x->w_read++;
    if (census_year_text(x, yearbuf, sizeof yearbuf)) {
        x->vp[C_YEAR] = yearbuf;
        x->wl[C_YEAR] = strlen(yearbuf);
    }
    if (x->lea[0]) {
        x->vp[C_ORG] = x->lea;
        x->wl[C_ORG] = strlen(x->lea);
        x->vl[C_ORG] = x->lea_line;
    }
    if (!x->vp[C_FTE] && x->have_fte30) { /* FTE missing: the FTE at 30 September */
        x->vp[C_FTE] = x->fte30;
        x->wl[C_FTE] = x->fte30_len;
        x->vl[C_FTE] = x->fte30_line;
    }
    cs_wf_row c;
    memset(&c, 0, sizeof c);
    c.val = x->vp;
    c.len = x->wl;
    c.vline = x->vl;
    c.diags = &x->ds->diags;
    c.source = x->src;
    c.line = x->worker_line;
    uint64_t errs0 = x->ds->diags.errors;
    wf_rec rec;
    int usable = cs_wf_parse_worker(&c, x->st, &rec);
    if (usable < 0) return cs_ds_fail(x->ds, usable, "out of memory");
    int had_error = x->ds->diags.errors > errs0;
    carestat_error_mode mode = x->ds->opts.error_mode;
    if (had_error && mode == CARESTAT_ROWS_STOP)
        return cs_ds_fail(x->ds, CARESTAT_EPARSE, "%s:%llu: stopped at the first worker with an error", x->src,
                          (unsigned long long)x->worker_line);
    if (!usable || (had_error && mode == CARESTAT_ROWS_DROP)) {
        x->w_rej++;
        return CARESTAT_OK;
    }
    if (CS_GROW(x->st->recs, x->st->cap, x->st->n + 1)) return cs_ds_fail(x->ds, CARESTAT_ENOMEM, "out of memory");
    x->st->recs[x->st->n++] = rec;
    x->w_acc++;
    return CARESTAT_OK;
}

static double la_number(xml_state *x, const char *what)
{
    double v;
    int rc = cs_wf_parse_number(x->text, x->tlen, &v);
    if (rc == 0) return NAN;
    if (rc < 0 || v < 0) {
        cs_diags_add(&x->ds->diags, CARESTAT_SEV_ERROR, x->src, x->line, 0, "WF_BAD_NUMBER",
                     "%s '%s' is not a number >= 0", what, x->text);
        return NAN;
    }
    return v;
}

static int la_emit(xml_state *x)
{
    x->l_read++;
    char yearbuf[16];
    long y = 0;
    uint64_t errs0 = x->ds->diags.errors;
    int usable = 1;
    if (!census_year_text(x, yearbuf, sizeof yearbuf) || cs_wf_parse_int(yearbuf, strlen(yearbuf), &y) != 1 ||
        y < 1990 || y > 2200) {
        cs_diags_add(&x->ds->diags, CARESTAT_SEV_ERROR, x->src, x->la_line, 0, "WF_MISSING_VALUE",
                     "no valid census year in the header (CollectionDetails/Year or ReferenceDate)");
        usable = 0;
    }
    if (!x->lea[0]) {
        cs_diags_add(&x->ds->diags, CARESTAT_SEV_ERROR, x->src, x->la_line, 0, "WF_MISSING_VALUE",
                     "no local authority in the header (Source/LEA)");
        usable = 0;
    }
    int had_error = x->ds->diags.errors > errs0;
    if (had_error && x->ds->opts.error_mode == CARESTAT_ROWS_STOP)
        return cs_ds_fail(x->ds, CARESTAT_EPARSE, "%s:%llu: stopped at the first error", x->src,
                          (unsigned long long)x->la_line);
    if (!usable || isnan(x->vac)) {
        if (usable)
            cs_diags_add(&x->ds->diags, CARESTAT_SEV_ERROR, x->src, x->la_line, 0, "WF_MISSING_VALUE",
                         "LALevelVacancies has no valid NumberOfVacancies");
        x->l_rej++;
        return CARESTAT_OK;
    }
    wf_la_rec r;
    memset(&r, 0, sizeof r);
    if (cs_strpool_intern(&x->st->pool, x->lea, strlen(x->lea), &r.org))
        return cs_ds_fail(x->ds, CARESTAT_ENOMEM, "out of memory");
    r.census_year = (int32_t)y;
    r.vacancy_fte = x->vac;
    r.agency_fte = x->agfte;
    r.agency_headcount = x->aghc;
    r.agency_cover_fte = NAN;
    r.line = x->la_line;
    if (CS_GROW(x->st->la, x->st->la_cap, x->st->nla + 1)) return cs_ds_fail(x->ds, CARESTAT_ENOMEM, "out of memory");
    x->st->la[x->st->nla++] = r;
    x->l_acc++;
    return CARESTAT_OK;
}

static const char *parent(const xml_state *x) { return x->depth >= 2 ? x->stack[x->depth - 2] : ""; }

/* The element on top of the stack has ended (its text is in x->text). */
static int end_element(xml_state *x)
{
    const char *e = x->stack[x->depth - 1], *par = parent(x);
    if (strcmp(par, "CollectionDetails") == 0) {
        if (strcmp(e, "Year") == 0) copy_text(x->year, sizeof x->year, x->text, x->tlen);
        if (strcmp(e, "ReferenceDate") == 0) copy_text(x->ref, sizeof x->ref, x->text, x->tlen);
    } else if (strcmp(par, "Source") == 0 && strcmp(e, "LEA") == 0) {
        copy_text(x->lea, sizeof x->lea, x->text, x->tlen);
        x->lea_line = x->line;
    } else if (strcmp(par, "LALevelVacancies") == 0) {
        if (strcmp(e, "NumberOfVacancies") == 0) x->vac = la_number(x, "NumberOfVacancies");
        if (strcmp(e, "NoAgencyFTE") == 0) x->agfte = la_number(x, "NoAgencyFTE");
        if (strcmp(e, "NoAgencyHeadcount") == 0) x->aghc = la_number(x, "NoAgencyHeadcount");
    } else if (strcmp(par, "CSWWWorker") == 0) {
        int col = col_of(e);
        if (x->text_truncated && (col >= 0 || strcmp(e, "FTE30") == 0))
            cs_diags_add(&x->ds->diags, CARESTAT_SEV_ERROR, x->src, x->line, 0, "WF_BAD_VALUE",
                         "<%s> is longer than %d bytes; ignored", e, XML_MAX_TEXT - 1);
        else if (col >= 0 && !x->vp[col]) { /* repeated elements: the first one counts */
            memcpy(x->wv[col], x->text, x->tlen + 1);
            x->wl[col] = x->tlen;
            x->vp[col] = x->wv[col];
            x->vl[col] = x->line;
        } else if (strcmp(e, "FTE30") == 0 && !x->have_fte30) {
            memcpy(x->fte30, x->text, x->tlen + 1);
            x->fte30_len = x->tlen;
            x->fte30_line = x->line;
            x->have_fte30 = 1;
        }
    }
    if (strcmp(e, "CSWWWorker") == 0) return worker_emit(x);
    if (strcmp(e, "LALevelVacancies") == 0) return la_emit(x);
    return CARESTAT_OK;
}

static void start_element(xml_state *x)
{
    const char *e = x->stack[x->depth - 1];
    if (strcmp(e, "CSWWWorker") == 0) {
        worker_reset(x);
        x->worker_line = x->line;
    } else if (strcmp(e, "LALevelVacancies") == 0) {
        x->vac = x->agfte = x->aghc = NAN;
        x->la_line = x->line;
    }
}

/* Read a tag name at x->p into buf (namespace prefix dropped); returns its length, 0 if none. */
static size_t read_name(xml_state *x, char *buf)
{
    size_t n = 0;
    while (x->p < x->end) {
        char c = *x->p;
        if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
        if (c == ':') {
            n = 0; /* drop the prefix */
        } else if (n + 1 < XML_MAX_NAME) {
            buf[n++] = c;
        }
        x->p++;
    }
    buf[n] = '\0';
    return n;
}

static int parse(xml_state *x)
{
    int rc;
    while (x->p < x->end) {
        char c = *x->p;
        if (c != '<') {
            if (c == '\n') x->line++;
            if (c == '&') {
                if (!entity(x)) return xfail(x, "XML_BAD_ENTITY", "malformed character reference");
                continue;
            }
            text_add(x, x->p, 1);
            x->p++;
            continue;
        }
        size_t left = (size_t)(x->end - x->p);
        if (left >= 2 && x->p[1] == '?') {
            if (!skip_past(x, "?>")) return xfail(x, "XML_UNTERMINATED", "unterminated processing instruction");
        } else if (left >= 4 && memcmp(x->p, "<!--", 4) == 0) {
            if (!skip_past(x, "-->")) return xfail(x, "XML_UNTERMINATED", "unterminated comment");
        } else if (left >= 9 && memcmp(x->p, "<![CDATA[", 9) == 0) {
            x->p += 9;
            const char *s = x->p;
            if (!skip_past(x, "]]>")) return xfail(x, "XML_UNTERMINATED", "unterminated CDATA section");
            text_add(x, s, (size_t)(x->p - 3 - s));
        } else if (left >= 2 && x->p[1] == '!') {
            if (!skip_past(x, ">")) return xfail(x, "XML_UNTERMINATED", "unterminated declaration");
        } else if (left >= 2 && x->p[1] == '/') {
            x->p += 2;
            char name[XML_MAX_NAME];
            read_name(x, name);
            if (!skip_past(x, ">")) return xfail(x, "XML_UNTERMINATED", "unterminated end tag");
            if (x->depth == 0 || strcmp(name, x->stack[x->depth - 1]) != 0)
                return xfail(x, "XML_MISMATCH", "end tag does not match the open element");
            if ((rc = end_element(x))) return rc;
            x->depth--;
            x->tlen = 0;
            x->text[0] = '\0';
            x->text_truncated = 0;
        } else {
            x->p++;
            if (x->depth >= XML_MAX_DEPTH) return xfail(x, "XML_TOO_DEEP", "elements nested too deeply");
            if (!read_name(x, x->stack[x->depth])) return xfail(x, "XML_BAD_TAG", "a tag without a name");
            x->depth++;
            /* attributes are skipped (quoted values may hold '>') */
            int selfclose = 0;
            char q = 0;
            while (x->p < x->end) {
                char d = *x->p;
                if (d == '\n') x->line++;
                if (q) {
                    if (d == q) q = 0;
                } else if (d == '"' || d == '\'') {
                    q = d;
                } else if (d == '>') {
                    selfclose = x->p > x->end - left && x->p[-1] == '/';
                    break;
                }
                x->p++;
            }
            if (x->p >= x->end) return xfail(x, "XML_UNTERMINATED", "unterminated start tag");
            x->p++;
            x->tlen = 0;
            x->text[0] = '\0';
            x->text_truncated = 0;
            start_element(x);
            if (selfclose) {
                if ((rc = end_element(x))) return rc;
                x->depth--;
            }
        }
    }
    if (x->depth != 0) return xfail(x, "XML_UNTERMINATED", "the document ends inside an element");
    return CARESTAT_OK;
}

static int xml_load(carestat_dataset *ds, const char *src, const char *data, size_t len)
{
    wf_store *st = cs_wf_store_get(ds);
    if (!st) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    size_t n0 = st->n, nla0 = st->nla;
    xml_state *x = cs_calloc(1, sizeof *x);
    if (!x) return cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
    x->ds = ds;
    x->st = st;
    x->src = src;
    x->p = data;
    x->end = data + len;
    x->line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) x->p += 3;
    int rc = parse(x);
    if (rc == CARESTAT_OK && x->w_read == 0 && x->l_read == 0) {
        cs_diags_add(&ds->diags, CARESTAT_SEV_ERROR, src, 0, 0, "WF_XML_EMPTY", "no CSWWWorker or LALevelVacancies");
        rc = cs_ds_fail(ds, CARESTAT_EPARSE, "%s: not a CSWW return (no CSWWWorker or LALevelVacancies)", src);
    }
    if (rc == CARESTAT_OK) rc = cs_ds_add_summary(ds, src, "workforce", x->w_read, x->w_acc, x->w_rej);
    if (rc == CARESTAT_OK && x->l_read)
        rc = cs_ds_add_summary(ds, src, "workforce_la", x->l_read, x->l_acc, x->l_rej);
    if (rc != CARESTAT_OK) {
        st->n = n0;
        st->nla = nla0;
        if (!ds->errmsg[0]) cs_ds_fail(ds, rc, "%s: %s", src, carestat_strerror(rc));
    }
    cs_free(x);
    return rc;
}

int carestat_dataset_load_workforce_xml_memory(carestat_dataset *ds, const char *name, const char *data, size_t len)
{
    if (!ds || !data) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    return xml_load(ds, name ? name : "<memory>", data, len);
}

int carestat_dataset_load_workforce_xml(carestat_dataset *ds, const char *path)
{
    if (!ds || !path) return CARESTAT_EINVAL;
    cs_ds_clear_error(ds);
    FILE *f = fopen(path, "rb");
    if (!f) {
        cs_diags_add(&ds->diags, CARESTAT_SEV_FATAL, path, 0, 0, "XML_OPEN", "cannot open the file");
        return cs_ds_fail(ds, CARESTAT_EIO, "%s: cannot open", path);
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = CARESTAT_OK;
    for (;;) {
        if (len + 65536 > cap) {
            if (len + 65536 > XML_MAX_BYTES) {
                rc = cs_ds_fail(ds, CARESTAT_ELIMIT, "%s: larger than 1 GiB", path);
                break;
            }
            size_t ncap = cap ? cap * 2 : 262144;
            char *nb = cs_realloc(buf, ncap);
            if (!nb) {
                rc = cs_ds_fail(ds, CARESTAT_ENOMEM, "out of memory");
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) rc = cs_ds_fail(ds, CARESTAT_EIO, "%s: read error", path);
            break;
        }
    }
    fclose(f);
    if (rc == CARESTAT_OK) rc = xml_load(ds, path, buf ? buf : "", len);
    cs_free(buf);
    return rc;
}
