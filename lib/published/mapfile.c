/* Mapping files: describe an unknown published file without recompiling (docs/published.md).
 *
 *   # comment
 *   [measure]
 *   indicator = cla.looked_after.rate
 *   unit = rate                      count | percent | rate | days | ratio | fte
 *   period = march                   march | september
 *   filter_column = population_type|population_count
 *   filter_value = Children looked after on 31 March each year
 *   filter2_column = ...             (optional)
 *   filter2_value = ...
 *   count_column = children_count|number
 *   value_column = rate_per_10000
 *   denominator_column = population_estimate      ('+' adds columns)
 *   denominator_row = Total children              (the filter2 value of the denominator row)
 *   denominator_scale = 1                         (a number, or working_days)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "published/published_internal.h"

#define MAX_MAPFILE_BYTES (1u << 20)

void cs_pub_mapfile_free(cs_pub_mapfile *mf)
{
    if (!mf) return;
    for (size_t i = 0; i < mf->nstrs; i++) cs_free(mf->strs[i]);
    cs_free(mf->strs);
    cs_free(mf->measures);
    memset(mf, 0, sizeof *mf);
}

static int keep(cs_pub_mapfile *mf, const char *s, size_t n, const char **out)
{
    if (CS_GROW(mf->strs, mf->strs_cap, mf->nstrs + 1)) return CARESTAT_ENOMEM;
    char *c = cs_strndup(s, n);
    if (!c) return CARESTAT_ENOMEM;
    mf->strs[mf->nstrs++] = c;
    *out = c;
    return 0;
}

static int valid(const carestat_published_measure *m) { return m->indicator && (m->count_column || m->value_column); }

static int flush(cs_pub_mapfile *mf, const carestat_published_measure *cur, cs_diags *diags, const char *path,
                 uint64_t start_line)
{
    if (!valid(cur)) {
        cs_diags_add(diags, CARESTAT_SEV_ERROR, path, start_line, 0, "PUBMAP_INCOMPLETE",
                     "measure needs 'indicator' and 'count_column' or 'value_column'; ignored");
        return 0;
    }
    if (CS_GROW(mf->measures, mf->cap, mf->n + 1)) return CARESTAT_ENOMEM;
    mf->measures[mf->n++] = *cur;
    return 0;
}

int cs_pub_mapfile_load(cs_pub_mapfile *mf, const char *path, cs_diags *diags)
{
    memset(mf, 0, sizeof *mf);
    FILE *f = fopen(path, "rb");
    if (!f) {
        cs_diags_add(diags, CARESTAT_SEV_FATAL, path, 0, 0, "PUBMAP_OPEN", "cannot open the mapping file");
        return CARESTAT_EIO;
    }
    char *text = cs_malloc(MAX_MAPFILE_BYTES + 1);
    if (!text) {
        fclose(f);
        return CARESTAT_ENOMEM;
    }
    size_t len = fread(text, 1, MAX_MAPFILE_BYTES + 1, f);
    fclose(f);
    if (len > MAX_MAPFILE_BYTES) {
        cs_free(text);
        cs_diags_add(diags, CARESTAT_SEV_FATAL, path, 0, 0, "PUBMAP_TOO_BIG", "mapping file larger than 1 MiB");
        return CARESTAT_ELIMIT;
    }
    text[len] = '\0';
    int rc = 0;
    int in_measure = 0;
    uint64_t line = 0, start_line = 0;
    size_t pos = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
        pos = 3;
    carestat_published_measure cur;
    memset(&cur, 0, sizeof cur);
    while (pos < len && !rc) {
        size_t e = pos;
        while (e < len && text[e] != '\n') e++;
        line++;
        const char *s = text + pos;
        size_t n = e - pos;
        pos = e + 1;
        /* strip comments (a '#' at the start or after a space) and spaces */
        for (size_t i = 0; i < n; i++)
            if (s[i] == '#' && (i == 0 || isspace((unsigned char)s[i - 1]))) {
                n = i;
                break;
            }
        while (n && isspace((unsigned char)s[n - 1])) n--;
        while (n && isspace((unsigned char)s[0])) s++, n--;
        if (n == 0) continue;
        if (s[0] == '[') {
            if (in_measure && (rc = flush(mf, &cur, diags, path, start_line))) break;
            memset(&cur, 0, sizeof cur);
            in_measure = 0;
            if (n == 9 && memcmp(s, "[measure]", 9) == 0) {
                in_measure = 1;
                start_line = line;
            } else {
                cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, 1, "PUBMAP_SECTION",
                             "unknown section '%.*s' (only [measure])", (int)(n > 40 ? 40 : n), s);
            }
            continue;
        }
        const char *eq = memchr(s, '=', n);
        if (!eq) {
            cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, 1, "PUBMAP_SYNTAX", "expected key = value");
            continue;
        }
        if (!in_measure) {
            cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, 1, "PUBMAP_SYNTAX",
                         "key outside a [measure] section; ignored");
            continue;
        }
        size_t kl = (size_t)(eq - s);
        while (kl && isspace((unsigned char)s[kl - 1])) kl--;
        const char *v = eq + 1;
        size_t vl = n - (size_t)(v - s);
        while (vl && isspace((unsigned char)v[0])) v++, vl--;
        uint32_t vcol = (uint32_t)(v - s) + 1;
#define KEY(name) (kl == sizeof(name) - 1 && memcmp(s, name, kl) == 0)
        const char **slot = NULL;
        if (KEY("indicator")) slot = &cur.indicator;
        else if (KEY("filter_column")) slot = &cur.filter_column;
        else if (KEY("filter_value")) slot = &cur.filter_value;
        else if (KEY("filter2_column")) slot = &cur.filter2_column;
        else if (KEY("filter2_value")) slot = &cur.filter2_value;
        else if (KEY("count_column")) slot = &cur.count_column;
        else if (KEY("value_column")) slot = &cur.value_column;
        else if (KEY("denominator_column")) slot = &cur.denominator_column;
        else if (KEY("denominator_row")) slot = &cur.denominator_row;
        if (slot) {
            if (vl == 0) continue;
            rc = keep(mf, v, vl, slot);
        } else if (KEY("unit")) {
            static const char *const UNITS[] = {"count", "percent", "rate", "days", "ratio", "fte"};
            size_t u;
            for (u = 0; u < 6; u++)
                if (strlen(UNITS[u]) == vl && memcmp(UNITS[u], v, vl) == 0) break;
            if (u == 6)
                cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, vcol, "PUBMAP_VALUE",
                             "unit must be count, percent, rate, days, ratio or fte");
            else
                cur.unit = (carestat_unit)u;
        } else if (KEY("period")) {
            if (vl == 5 && memcmp(v, "march", 5) == 0) cur.period_kind = 0;
            else if (vl == 9 && memcmp(v, "september", 9) == 0) cur.period_kind = 1;
            else
                cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, vcol, "PUBMAP_VALUE",
                             "period must be march or september");
        } else if (KEY("denominator_scale")) {
            char tmp[32];
            if (vl == 12 && memcmp(v, "working_days", 12) == 0) {
                cur.denominator_scale = -1;
            } else if (vl > 0 && vl < sizeof tmp) {
                memcpy(tmp, v, vl);
                tmp[vl] = '\0';
                char *endp;
                double d = strtod(tmp, &endp);
                if (*endp || !(d > 0))
                    cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, vcol, "PUBMAP_VALUE",
                                 "denominator_scale must be a positive number or working_days");
                else
                    cur.denominator_scale = d;
            } else {
                cs_diags_add(diags, CARESTAT_SEV_ERROR, path, line, vcol, "PUBMAP_VALUE",
                             "denominator_scale must be a positive number or working_days");
            }
        } else {
            cs_diags_add(diags, CARESTAT_SEV_WARNING, path, line, 1, "PUBMAP_KEY", "unknown key '%.*s'; ignored",
                         (int)(kl > 40 ? 40 : kl), s);
        }
#undef KEY
    }
    if (!rc && in_measure) rc = flush(mf, &cur, diags, path, start_line);
    cs_free(text);
    if (!rc && mf->n == 0) {
        cs_diags_add(diags, CARESTAT_SEV_FATAL, path, 0, 0, "PUBMAP_EMPTY", "the mapping file has no valid [measure]");
        rc = CARESTAT_EPARSE;
    }
    if (rc) cs_pub_mapfile_free(mf);
    return rc;
}
