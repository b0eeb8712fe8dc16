/* carestat for Lua 5.4: a thin C module over the public C API.
 *
 * Conventions (see docs/lua.md): bad arguments raise (luaL_check*, with the argument position);
 * expected failures (missing file, parse error, not found) return nil, message, code, where code
 * is the library's status name (e.g. "CARESTAT_EIO"). Handles are userdata with one idempotent
 * release shared by __gc, __close and :close(); using a closed handle raises. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <carestat.h>

#define DATASET_MT "carestat.Dataset"
#define TABLE_MT "carestat.Table"

typedef struct dataset_box {
    carestat_dataset *ds;
} dataset_box;

typedef struct table_box {
    carestat_table *t;
} table_box;

/* ---- helpers ------------------------------------------------------------------------------- */

/* return nil, message, code */
static int push_fail(lua_State *L, int rc, const char *detail)
{
    lua_pushnil(L);
    if (detail && *detail) lua_pushfstring(L, "%s", detail);
    else lua_pushstring(L, carestat_strerror(rc));
    lua_pushstring(L, carestat_status_name(rc));
    return 3;
}

/* Raise for programmer errors reported by the library (bad arguments it could not check here). */
static int raise_rc(lua_State *L, int rc, const char *what)
{
    return luaL_error(L, "%s: %s (%s)", what, carestat_strerror(rc), carestat_status_name(rc));
}

static void push_number_or_nil(lua_State *L, double v)
{
    if (isnan(v)) lua_pushnil(L);
    else lua_pushnumber(L, v);
}

static void push_date(lua_State *L, carestat_date d)
{
    char buf[16];
    if (d == CARESTAT_DATE_NONE || carestat_date_format(buf, sizeof buf, d) != CARESTAT_OK) lua_pushnil(L);
    else lua_pushstring(L, buf);
}

static carestat_dataset *check_dataset(lua_State *L, int idx)
{
    dataset_box *b = luaL_checkudata(L, idx, DATASET_MT);
    if (!b->ds) luaL_error(L, "attempt to use a closed carestat dataset");
    return b->ds;
}

static carestat_table *check_table(lua_State *L, int idx)
{
    table_box *b = luaL_checkudata(L, idx, TABLE_MT);
    if (!b->t) luaL_error(L, "attempt to use a closed carestat table");
    return b->t;
}

/* New table userdata, in the closed state first so a raise before ownership is safe. */
static table_box *new_table_box(lua_State *L)
{
    table_box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->t = NULL;
    luaL_setmetatable(L, TABLE_MT);
    return b;
}

/* Read an array of strings argument (a string or a table of strings) into a NULL-terminated,
 * Lua-owned array (a userdata kept on the stack). Returns the count; *out may be NULL for nil. */
static size_t check_string_list(lua_State *L, int idx, const char ***out)
{
    *out = NULL;
    if (lua_isnoneornil(L, idx)) return 0;
    if (lua_type(L, idx) == LUA_TSTRING) {
        const char **arr = lua_newuserdatauv(L, 2 * sizeof *arr, 1);
        lua_pushvalue(L, idx);
        lua_setiuservalue(L, -2, 1);
        arr[0] = lua_tostring(L, idx);
        arr[1] = NULL;
        *out = arr;
        return 1;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    size_t n = (size_t)luaL_len(L, idx);
    const char **arr = lua_newuserdatauv(L, (n + 1) * sizeof *arr, 1);
    lua_pushvalue(L, idx); /* keep the strings alive through the table */
    lua_setiuservalue(L, -2, 1);
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "bad argument #%d (element %d is a %s, a string was expected)", idx, (int)i + 1,
                       luaL_typename(L, -1));
        arr[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    arr[n] = NULL;
    *out = arr;
    return n;
}

/* ---- module functions ---------------------------------------------------------------------- */

static int l_version(lua_State *L)
{
    lua_pushstring(L, carestat_version_string());
    lua_pushinteger(L, carestat_version());
    return 2;
}

/* carestat.indicators() -> array of {id, title, unit, polarity, population, definition, source} */
static int l_indicators(lua_State *L)
{
    size_t n = carestat_indicator_count();
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 7);
        lua_pushstring(L, carestat_indicator_id(i));
        lua_setfield(L, -2, "id");
        lua_pushstring(L, carestat_indicator_title(i));
        lua_setfield(L, -2, "title");
        lua_pushstring(L, carestat_unit_text(carestat_indicator_unit(i)));
        lua_setfield(L, -2, "unit");
        lua_pushstring(L, carestat_polarity_text(carestat_indicator_polarity(i)));
        lua_setfield(L, -2, "polarity");
        lua_pushstring(L, carestat_indicator_population(i));
        lua_setfield(L, -2, "population");
        lua_pushstring(L, carestat_indicator_definition(i));
        lua_setfield(L, -2, "definition");
        lua_pushstring(L, carestat_indicator_source(i));
        lua_setfield(L, -2, "source");
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static void push_org(lua_State *L, const carestat_org *o)
{
    lua_createtable(L, 0, 8);
    lua_pushstring(L, o->code);
    lua_setfield(L, -2, "code");
    lua_pushstring(L, o->la_code);
    lua_setfield(L, -2, "la_code");
    lua_pushstring(L, o->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, carestat_org_kind_name(o->kind));
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, o->region_code);
    lua_setfield(L, -2, "region_code");
    push_date(L, o->start);
    lua_setfield(L, -2, "start");
    push_date(L, o->end);
    lua_setfield(L, -2, "end");
}

/* carestat.orgs() -> the built-in registry; carestat.org(code_or_name) -> one | nil, msg, code */
static int l_orgs(lua_State *L)
{
    size_t n = carestat_org_count();
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const carestat_org *o;
        if (carestat_org_at(&o, i)) continue;
        push_org(L, o);
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int l_org(lua_State *L)
{
    const char *q = luaL_checkstring(L, 1);
    const carestat_org *o;
    int rc = carestat_org_find(&o, q);
    if (rc) {
        lua_pushnil(L);
        lua_pushfstring(L, "no organisation '%s' (GSS code, 3-digit code or exact name)", q);
        lua_pushstring(L, carestat_status_name(rc));
        return 3;
    }
    push_org(L, o);
    return 1;
}

/* carestat.synth(dir [, {orgs=, years="2021:2025", seed=, children=, dirty=, story=}]) -> summary | nil, msg, code */
static int l_synth(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    lua_settop(L, 2);
    carestat_synth_options o;
    carestat_synth_options_init(&o, CARESTAT_SYNTH_OPTIONS_VERSION);
    if (!lua_isnil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "orgs") != LUA_TNIL) o.n_orgs = (int)luaL_checkinteger(L, -1);
        if (lua_getfield(L, 2, "seed") != LUA_TNIL) o.seed = (uint64_t)luaL_checkinteger(L, -1);
        if (lua_getfield(L, 2, "children") != LUA_TNIL) o.children_per_org = (int)luaL_checkinteger(L, -1);
        if (lua_getfield(L, 2, "dirty") != LUA_TNIL) o.dirty = lua_toboolean(L, -1);
        if (lua_getfield(L, 2, "story") != LUA_TNIL) o.story = lua_toboolean(L, -1);
        if (lua_getfield(L, 2, "years") != LUA_TNIL) {
            const char *y = luaL_checkstring(L, -1);
            char tail;
            if (sscanf(y, "%d:%d%c", &o.year_from, &o.year_to, &tail) != 2)
                return luaL_error(L, "synth: years must look like \"2021:2025\", not '%s'", y);
        }
    }
    carestat_synth_summary sum;
    int rc = carestat_synth_write_summary(&sum, dir, &o);
    if (rc) {
        lua_pushnil(L);
        lua_pushfstring(L, "synth: cannot write to %s (%s)", dir, carestat_strerror(rc));
        lua_pushstring(L, carestat_status_name(rc));
        return 3;
    }
    lua_createtable(L, 0, 9);
    lua_pushinteger(L, (lua_Integer)sum.children);
    lua_setfield(L, -2, "children");
    lua_pushinteger(L, (lua_Integer)sum.episodes);
    lua_setfield(L, -2, "episodes");
    lua_pushinteger(L, (lua_Integer)sum.oc3);
    lua_setfield(L, -2, "oc3");
    lua_pushinteger(L, (lua_Integer)sum.workers);
    lua_setfield(L, -2, "workers");
    lua_pushinteger(L, (lua_Integer)sum.faults);
    lua_setfield(L, -2, "faults");
    return 1;
}

/* carestat.synth_org_code(i) -> code of the i-th fictional council (1-based) */
static int l_synth_org_code(lua_State *L)
{
    char buf[64];
    int rc = carestat_synth_org_code(buf, sizeof buf, (int)luaL_checkinteger(L, 1) - 1);
    if (rc) return raise_rc(L, rc, "synth_org_code");
    lua_pushstring(L, buf);
    return 1;
}

static int l_strerror(lua_State *L)
{
    int code = (int)luaL_checkinteger(L, 1);
    lua_pushstring(L, carestat_strerror(code));
    return 1;
}

/* carestat.parse_date("29/07/2019") -> "2019-07-29", days since 1970 | nil, msg, code */
static int l_parse_date(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    carestat_date d;
    int rc = carestat_date_parse(&d, s, len);
    if (rc) {
        lua_pushnil(L);
        lua_pushfstring(L, "'%s' is not a valid date (%s)", s, carestat_strerror(rc));
        lua_pushstring(L, carestat_status_name(rc));
        return 3;
    }
    push_date(L, d);
    lua_pushinteger(L, d);
    return 2;
}

/* carestat.dataset([{error_mode = "keep"|"drop"|"stop", max_field_bytes=, max_columns=, max_rows=}]) */
static int l_dataset(lua_State *L)
{
    carestat_dataset_options o;
    carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION);
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        if (lua_getfield(L, 1, "error_mode") != LUA_TNIL) {
            static const char *const modes[] = {"keep", "drop", "stop", NULL};
            o.error_mode = (carestat_error_mode)luaL_checkoption(L, -1, NULL, modes);
        }
        lua_pop(L, 1);
        if (lua_getfield(L, 1, "max_field_bytes") != LUA_TNIL) o.max_field_bytes = (size_t)luaL_checkinteger(L, -1);
        lua_pop(L, 1);
        if (lua_getfield(L, 1, "max_columns") != LUA_TNIL) o.max_columns = (size_t)luaL_checkinteger(L, -1);
        lua_pop(L, 1);
        if (lua_getfield(L, 1, "max_rows") != LUA_TNIL) o.max_rows = (uint64_t)luaL_checkinteger(L, -1);
        lua_pop(L, 1);
    }
    dataset_box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->ds = NULL;
    luaL_setmetatable(L, DATASET_MT);
    int rc = carestat_dataset_new(&b->ds, &o);
    if (rc) return push_fail(L, rc, NULL);
    return 1;
}

/* carestat.table() -> an empty table (to fill with :append) */
static int l_table(lua_State *L)
{
    table_box *b = new_table_box(L);
    int rc = carestat_table_new(&b->t);
    if (rc) return raise_rc(L, rc, "carestat.table");
    return 1;
}


/* ---- statistics (stats.h) ------------------------------------------------------------------ */

static double opt_level(lua_State *L, int idx)
{
    return luaL_optnumber(L, idx, 0.95);
}

/* Raise for an invalid statistics argument, naming the function's rule. */
static int stats_fail(lua_State *L, int rc, const char *fn)
{
    return luaL_error(L, "%s: %s (%s)", fn, carestat_strerror(rc), carestat_status_name(rc));
}

static int parse_polarity(lua_State *L, int idx)
{
    static const char *const names[] = {"none", "higher_better", "lower_better", NULL};
    if (lua_isnoneornil(L, idx)) return CARESTAT_POLARITY_NONE;
    return luaL_checkoption(L, idx, NULL, names);
}

/* Read an array of numbers (nil/false entries become NaN). Returns a Lua-owned buffer on the stack. */
static double *check_numbers(lua_State *L, int idx, size_t *n)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    *n = (size_t)luaL_len(L, idx);
    double *v = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *v, 0);
    for (size_t i = 0; i < *n; i++) {
        int t = lua_geti(L, idx, (lua_Integer)i + 1);
        if (t == LUA_TNIL || (t == LUA_TBOOLEAN && !lua_toboolean(L, -1))) v[i] = NAN;
        else if (t == LUA_TNUMBER) v[i] = lua_tonumber(L, -1);
        else
            luaL_error(L, "bad argument #%d (element %d is a %s, a number was expected)", idx, (int)i + 1,
                       luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    return v;
}

/* proportion_ci(x, n [, level=0.95 [, multiplier=1]]) -> value, lower, upper */
static int l_proportion_ci(lua_State *L)
{
    double v, lo, hi;
    int rc = carestat_proportion_ci(&v, &lo, &hi, luaL_checknumber(L, 1), luaL_checknumber(L, 2),
                                    luaL_optnumber(L, 4, 1.0), opt_level(L, 3));
    if (rc) return stats_fail(L, rc, "proportion_ci");
    lua_pushnumber(L, v);
    lua_pushnumber(L, lo);
    lua_pushnumber(L, hi);
    return 3;
}

/* rate_ci(x, denominator [, multiplier=10000 [, level=0.95]]) -> value, lower, upper, method */
static int l_rate_ci(lua_State *L)
{
    double v, lo, hi;
    int method;
    int rc = carestat_rate_ci(&v, &lo, &hi, &method, luaL_checknumber(L, 1), luaL_checknumber(L, 2),
                              luaL_optnumber(L, 3, 10000.0), opt_level(L, 4));
    if (rc) return stats_fail(L, rc, "rate_ci");
    lua_pushnumber(L, v);
    lua_pushnumber(L, lo);
    lua_pushnumber(L, hi);
    lua_pushstring(L, carestat_ci_method_text(method));
    return 4;
}

/* mean_ci(values [, level]) -> mean, lower, upper, sd */
static int l_mean_ci(lua_State *L)
{
    lua_settop(L, 2); /* fix the argument slots before pushing buffers */
    size_t n;
    double *x = check_numbers(L, 1, &n);
    double v, lo, hi, sd;
    int rc = carestat_mean_ci(&v, &lo, &hi, &sd, x, n, opt_level(L, 2));
    if (rc) return stats_fail(L, rc, "mean_ci");
    lua_pushnumber(L, v);
    lua_pushnumber(L, lo);
    lua_pushnumber(L, hi);
    lua_pushnumber(L, sd);
    return 4;
}

/* compare(value, lower, upper, comparator [, polarity]) -> relation, judgement (texts) */
static int l_compare(lua_State *L)
{
    int rel, jud;
    int rc = carestat_compare(&rel, &jud, luaL_checknumber(L, 1), luaL_checknumber(L, 2), luaL_checknumber(L, 3),
                              luaL_checknumber(L, 4), parse_polarity(L, 5));
    if (rc) return stats_fail(L, rc, "compare");
    lua_pushstring(L, carestat_relation_text(rel));
    lua_pushstring(L, carestat_judgement_text(jud));
    return 2;
}

/* recent_trend{kind="proportion"|"weighted", t=, count=, denominator=, value=, lower=, upper=,
 *              polarity=, level=} -> {marker=, label=, reason=, chi2=, slope=, points=} */
static int l_recent_trend(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const kinds[] = {"proportion", "weighted", NULL};
    lua_getfield(L, 1, "kind");
    int kind = luaL_checkoption(L, -1, "weighted", kinds);
    const char *fields[6] = {"t", "count", "denominator", "value", "lower", "upper"};
    double *arr[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    size_t n = 0;
    for (int i = 0; i < 6; i++) {
        int top = lua_gettop(L);
        if (lua_getfield(L, 1, fields[i]) == LUA_TNIL) {
            if (i == 0) return luaL_error(L, "recent_trend: field 't' (the times) is required");
            lua_settop(L, top);
            continue;
        }
        size_t m;
        arr[i] = check_numbers(L, lua_gettop(L), &m);
        if (i == 0) n = m;
        else if (m != n) return luaL_error(L, "recent_trend: '%s' has %d values, 't' has %d", fields[i], (int)m, (int)n);
    }
    lua_getfield(L, 1, "polarity");
    int pol = parse_polarity(L, lua_gettop(L));
    lua_getfield(L, 1, "level");
    double level = luaL_optnumber(L, -1, 0.95);
    carestat_trend_result r;
    int rc = carestat_recent_trend(&r, kind, arr[0], arr[1], arr[2], arr[3], arr[4], arr[5], n, pol, level);
    if (rc) return stats_fail(L, rc, "recent_trend");
    lua_createtable(L, 0, 6);
    lua_pushstring(L, carestat_trend_marker_text(r.marker));
    lua_setfield(L, -2, "marker");
    lua_pushstring(L, carestat_trend_label_text(r.label));
    lua_setfield(L, -2, "label");
    lua_pushstring(L, carestat_trend_reason_text(r.reason));
    lua_setfield(L, -2, "reason");
    push_number_or_nil(L, r.chi2);
    lua_setfield(L, -2, "chi2");
    push_number_or_nil(L, r.slope);
    lua_setfield(L, -2, "slope");
    lua_pushinteger(L, (lua_Integer)r.points);
    lua_setfield(L, -2, "points");
    return 1;
}

/* change_test(kind, x1, n1, x2, n2 [, multiplier [, level]]) -> {value1, value2, difference, ratio,
 * statistic, p_value, significant, relation, method} */
static int l_change_test(lua_State *L)
{
    static const char *const kinds[] = {"proportion", "rate", NULL};
    int kind = luaL_checkoption(L, 1, NULL, kinds);
    carestat_change_result r;
    int rc = carestat_change_test(&r, kind, luaL_checknumber(L, 2), luaL_checknumber(L, 3), luaL_checknumber(L, 4),
                                  luaL_checknumber(L, 5), luaL_optnumber(L, 6, kind == 0 ? 100.0 : 10000.0),
                                  opt_level(L, 7));
    if (rc == CARESTAT_EUNSUPPORTED) return push_fail(L, rc, "change_test: the test is undefined for these counts");
    if (rc) return stats_fail(L, rc, "change_test");
    lua_createtable(L, 0, 9);
    push_number_or_nil(L, r.value1);
    lua_setfield(L, -2, "value1");
    push_number_or_nil(L, r.value2);
    lua_setfield(L, -2, "value2");
    push_number_or_nil(L, r.difference);
    lua_setfield(L, -2, "difference");
    push_number_or_nil(L, r.ratio);
    lua_setfield(L, -2, "ratio");
    push_number_or_nil(L, r.statistic);
    lua_setfield(L, -2, "statistic");
    push_number_or_nil(L, r.p_value);
    lua_setfield(L, -2, "p_value");
    lua_pushboolean(L, r.significant);
    lua_setfield(L, -2, "significant");
    lua_pushstring(L, carestat_relation_text(r.relation));
    lua_setfield(L, -2, "relation");
    lua_pushstring(L, carestat_change_method_text(r.method));
    lua_setfield(L, -2, "method");
    return 1;
}

/* spc(values [, {improvement=polarity, target=, screen_outliers=bool}]) -> summary, points */
static int l_spc(lua_State *L)
{
    lua_settop(L, 2);
    size_t n;
    double *y = check_numbers(L, 1, &n);
    carestat_spc_options o;
    carestat_spc_options_init(&o);
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "improvement");
        o.improvement = parse_polarity(L, lua_gettop(L));
        if (lua_getfield(L, 2, "target") != LUA_TNIL) o.target = luaL_checknumber(L, -1);
        if (lua_getfield(L, 2, "screen_outliers") != LUA_TNIL) o.screen_outliers = lua_toboolean(L, -1);
    }
    int *rule = lua_newuserdatauv(L, (n ? n : 1) * 2 * sizeof *rule, 0);
    int *type = rule + (n ? n : 1);
    carestat_spc_summary s;
    int rc = carestat_spc_xmr(&s, rule, type, n, y, n, &o);
    if (rc) return stats_fail(L, rc, "spc");
    lua_createtable(L, 0, 10);
    lua_pushnumber(L, s.mean);
    lua_setfield(L, -2, "mean");
    lua_pushnumber(L, s.lpl);
    lua_setfield(L, -2, "lpl");
    lua_pushnumber(L, s.upl);
    lua_setfield(L, -2, "upl");
    lua_pushnumber(L, s.amr);
    lua_setfield(L, -2, "amr");
    lua_pushstring(L, carestat_spc_point_type_text(s.variation));
    lua_setfield(L, -2, "variation");
    lua_pushstring(L, carestat_spc_assurance_text(s.assurance));
    lua_setfield(L, -2, "assurance");
    lua_pushboolean(L, s.trial_limits);
    lua_setfield(L, -2, "trial_limits");
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        lua_pushstring(L, carestat_spc_rule_text(rule[i]));
        lua_setfield(L, -2, "rule");
        lua_pushstring(L, carestat_spc_point_type_text(type[i]));
        lua_setfield(L, -2, "type");
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 2;
}

/* quantile_bands(values, nquantiles [, highest_first=true]) -> array of bands (0 for missing) */
static int l_quantile_bands(lua_State *L)
{
    lua_settop(L, 3);
    size_t n;
    double *v = check_numbers(L, 1, &n);
    int nq = (int)luaL_checkinteger(L, 2);
    int hf = lua_isnoneornil(L, 3) ? 1 : lua_toboolean(L, 3);
    int *bands = lua_newuserdatauv(L, (n ? n : 1) * sizeof *bands, 0);
    int rc = carestat_quantile_bands(bands, v, n, nq, hf);
    if (rc == CARESTAT_ERANGE) return push_fail(L, rc, "quantile_bands: fewer values than bands");
    if (rc) return stats_fail(L, rc, "quantile_bands");
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushinteger(L, bands[i]);
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* funnel_proportion_limits(baseline, population [, level=0.95 [, multiplier=100]]) -> lower, upper */
static int l_funnel_proportion_limits(lua_State *L)
{
    double lo, hi;
    int rc = carestat_funnel_proportion_limits(&lo, &hi, luaL_checknumber(L, 1), luaL_checknumber(L, 2),
                                               opt_level(L, 3), luaL_optnumber(L, 4, 100.0));
    if (rc) return stats_fail(L, rc, "funnel_proportion_limits");
    lua_pushnumber(L, lo);
    lua_pushnumber(L, hi);
    return 2;
}

/* round_half_up_percent(num, den [, decimals=0]) -> value (exact, half up) */
static int l_round_half_up_percent(lua_State *L)
{
    double out;
    int rc = carestat_round_half_up_percent(&out, luaL_checkinteger(L, 1), luaL_checkinteger(L, 2),
                                            (int)luaL_optinteger(L, 3, 0));
    if (rc) return stats_fail(L, rc, "round_half_up_percent");
    lua_pushnumber(L, out);
    return 1;
}

/* round_half_up_rate(num, den [, per=10000 [, decimals=0]]) */
static int l_round_half_up_rate(lua_State *L)
{
    double out;
    int rc = carestat_round_half_up_rate(&out, luaL_checkinteger(L, 1), luaL_checkinteger(L, 2),
                                         luaL_optinteger(L, 3, 10000), (int)luaL_optinteger(L, 4, 0));
    if (rc) return stats_fail(L, rc, "round_half_up_rate");
    lua_pushnumber(L, out);
    return 1;
}

/* round_half_up(value [, decimals=0]) */
static int l_round_half_up(lua_State *L)
{
    double out;
    int rc = carestat_round_half_up(&out, luaL_checknumber(L, 1), (int)luaL_optinteger(L, 2, 0));
    if (rc) return stats_fail(L, rc, "round_half_up");
    lua_pushnumber(L, out);
    return 1;
}

/* round_to_nearest(count, base) */
static int l_round_to_nearest(lua_State *L)
{
    int64_t out;
    int rc = carestat_round_to_nearest(&out, luaL_checkinteger(L, 1), luaL_checkinteger(L, 2));
    if (rc) return stats_fail(L, rc, "round_to_nearest");
    lua_pushinteger(L, out);
    return 1;
}

/* suppress(count, threshold [, suppress_zero=false]) -> true when the count must be shown as "c" */
static int l_suppress(lua_State *L)
{
    uint32_t f;
    int rc = carestat_suppress(&f, luaL_checknumber(L, 1), luaL_checknumber(L, 2), lua_toboolean(L, 3));
    if (rc) return stats_fail(L, rc, "suppress");
    lua_pushboolean(L, f != 0);
    return 1;
}

/* ---- dataset methods ----------------------------------------------------------------------- */

static int ds_close(lua_State *L)
{
    dataset_box *b = luaL_checkudata(L, 1, DATASET_MT);
    carestat_dataset_free(b->ds);
    b->ds = NULL;
    return 0;
}

static int ds_tostring(lua_State *L)
{
    dataset_box *b = luaL_checkudata(L, 1, DATASET_MT);
    if (b->ds) lua_pushfstring(L, "carestat dataset (%p)", (void *)b->ds);
    else lua_pushstring(L, "carestat dataset (closed)");
    return 1;
}

/* ds:diagnostics() -> array of {file=, line=, column=, severity=, code=, message=, text=} */
static int ds_diagnostics(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    size_t n = carestat_diag_list_count(l);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const carestat_diag *d = carestat_diag_list_get(l, i);
        lua_createtable(L, 0, 7);
        lua_pushstring(L, d->source);
        lua_setfield(L, -2, "file");
        lua_pushinteger(L, (lua_Integer)d->line);
        lua_setfield(L, -2, "line");
        lua_pushinteger(L, (lua_Integer)d->column);
        lua_setfield(L, -2, "column");
        lua_pushstring(L, carestat_severity_name(d->severity));
        lua_setfield(L, -2, "severity");
        lua_pushstring(L, d->code);
        lua_setfield(L, -2, "code");
        lua_pushstring(L, d->message);
        lua_setfield(L, -2, "message");
        int need = carestat_diag_format(NULL, 0, d);
        luaL_Buffer buf;
        char *p = luaL_buffinitsize(L, &buf, (size_t)need + 1);
        carestat_diag_format(p, (size_t)need + 1, d);
        luaL_pushresultsize(&buf, (size_t)need);
        lua_setfield(L, -2, "text");
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* ds:load_summaries() -> array of {source=, table=, read=, accepted=, rejected=} */
static int ds_load_summaries(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    size_t n = carestat_dataset_load_summary_count(ds);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        carestat_load_summary s;
        if (carestat_dataset_load_summary(&s, ds, i)) continue;
        lua_createtable(L, 0, 5);
        lua_pushstring(L, s.source);
        lua_setfield(L, -2, "source");
        lua_pushstring(L, s.table);
        lua_setfield(L, -2, "table");
        lua_pushinteger(L, (lua_Integer)s.rows_read);
        lua_setfield(L, -2, "read");
        lua_pushinteger(L, (lua_Integer)s.rows_accepted);
        lua_setfield(L, -2, "accepted");
        lua_pushinteger(L, (lua_Integer)s.rows_rejected);
        lua_setfield(L, -2, "rejected");
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}


/* Result of a load: true, or nil, message, code (message from the dataset: file, line, column). */
static int load_result(lua_State *L, carestat_dataset *ds, int rc, const char *path)
{
    if (rc == CARESTAT_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    const char *m = carestat_dataset_errmsg(ds);
    lua_pushnil(L);
    if (m && *m) lua_pushstring(L, m);
    else lua_pushfstring(L, "%s: %s", path ? path : "load", carestat_strerror(rc));
    lua_pushstring(L, carestat_status_name(rc));
    return 3;
}

/* ds:load_903(paths [, {org=, year=}]) -> true | nil, msg, code */
static int ds_load_903(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    lua_settop(L, 3);
    carestat_903_options o;
    carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION);
    if (!lua_isnil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        if (lua_getfield(L, 3, "org") != LUA_TNIL) o.org_code = luaL_checkstring(L, -1);
        if (lua_getfield(L, 3, "year") != LUA_TNIL) o.collection_year = (int)luaL_checkinteger(L, -1);
    }
    const char **paths;
    size_t n = check_string_list(L, 2, &paths);
    luaL_argcheck(L, n > 0, 2, "at least one folder or file is needed");
    int rc = carestat_dataset_load_903(ds, paths, n, &o);
    return load_result(L, ds, rc, paths[0]);
}

/* one-path loaders */
#define SIMPLE_LOADER(fname, cfn)                                                                            \
    static int fname(lua_State *L)                                                                           \
    {                                                                                                        \
        carestat_dataset *ds = check_dataset(L, 1);                                                          \
        const char *path = luaL_checkstring(L, 2);                                                           \
        return load_result(L, ds, cfn(ds, path), path);                                                      \
    }
SIMPLE_LOADER(ds_load_workforce, carestat_dataset_load_workforce)
SIMPLE_LOADER(ds_load_workforce_la, carestat_dataset_load_workforce_la)
SIMPLE_LOADER(ds_load_population, carestat_dataset_load_population)
SIMPLE_LOADER(ds_load_inspections, carestat_dataset_load_inspections)
SIMPLE_LOADER(ds_load_neighbours, carestat_dataset_load_neighbours)
#undef SIMPLE_LOADER

/* ds:load_published(path [, {edition=, year=, mapping=}]) */
static int ds_load_published(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    const char *path = luaL_checkstring(L, 2);
    lua_settop(L, 3);
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    if (!lua_isnil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        if (lua_getfield(L, 3, "edition") != LUA_TNIL) o.edition = luaL_checkstring(L, -1);
        if (lua_getfield(L, 3, "year") != LUA_TNIL) o.year = (int)luaL_checkinteger(L, -1);
        if (lua_getfield(L, 3, "mapping") != LUA_TNIL) o.mapping_path = luaL_checkstring(L, -1);
    }
    return load_result(L, ds, carestat_dataset_load_published(ds, path, &o), path);
}

/* ds:published() -> table of every published observation loaded */
static int ds_published(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    table_box *b = new_table_box(L);
    int rc = carestat_dataset_published_copy(&b->t, ds);
    if (rc) return raise_rc(L, rc, "published");
    return 1;
}

/* ds:counts() -> {orgs=, children=, episodes=, ...} of the SSDA903 data, workers, population rows */
static int ds_counts(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    static const char *const names[] = {"orgs", "children", "episodes", "headers", "oc3", "uasc", "ad1",
                                        "placed_adoption", "sw_episodes", "merged_duplicates", "superseded"};
    lua_createtable(L, 0, 14);
    for (int k = 0; k < 11; k++) {
        lua_pushinteger(L, (lua_Integer)carestat_dataset_903_count(ds, (carestat_903_count_kind)k));
        lua_setfield(L, -2, names[k]);
    }
    lua_pushinteger(L, (lua_Integer)carestat_dataset_workforce_count(ds));
    lua_setfield(L, -2, "workers");
    lua_pushinteger(L, (lua_Integer)carestat_dataset_population_count(ds));
    lua_setfield(L, -2, "population");
    lua_pushinteger(L, (lua_Integer)carestat_dataset_inspection_count(ds));
    lua_setfield(L, -2, "inspections");
    return 1;
}

/* ds:compute{indicators=, orgs=, years={from, to} | "2019:2025", level=, disclosure="none"|"dfe", rules=} */
static int ds_compute(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    lua_settop(L, 2);
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION);
    if (!lua_isnil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        int top;
        lua_getfield(L, 2, "indicators");
        top = lua_gettop(L);
        const char **ids;
        rq.n_indicators = check_string_list(L, top, &ids);
        rq.indicators = ids;
        for (size_t i = 0; i < rq.n_indicators; i++) {
            size_t idx;
            if (carestat_indicator_find(&idx, ids[i]) != CARESTAT_OK) {
                lua_pushnil(L);
                lua_pushfstring(L, "unknown indicator '%s' (carestat.indicators() lists them)", ids[i]);
                lua_pushstring(L, carestat_status_name(CARESTAT_ENOTFOUND));
                return 3;
            }
        }
        lua_getfield(L, 2, "orgs");
        top = lua_gettop(L);
        const char **orgs;
        rq.n_orgs = check_string_list(L, top, &orgs);
        rq.orgs = orgs;
        int t = lua_getfield(L, 2, "years");
        if (t == LUA_TSTRING) {
            const char *y = lua_tostring(L, -1);
            int a = 0, b = 0;
            char tail;
            if (sscanf(y, "%d:%d%c", &a, &b, &tail) == 2) {
                rq.year_from = a;
                rq.year_to = b;
            } else if (sscanf(y, "%d%c", &a, &tail) == 1) {
                rq.year_from = rq.year_to = a;
            } else {
                return luaL_error(L, "compute: years must look like \"2019:2025\" or \"2025\", not '%s'", y);
            }
        } else if (t == LUA_TNUMBER) {
            rq.year_from = rq.year_to = (int)luaL_checkinteger(L, -1);
        } else if (t == LUA_TTABLE) {
            lua_geti(L, -1, 1);
            lua_geti(L, -2, 2);
            rq.year_from = (int)luaL_checkinteger(L, -2);
            rq.year_to = (int)luaL_optinteger(L, -1, rq.year_from);
        } else if (t != LUA_TNIL) {
            return luaL_error(L, "compute: years must be a string, a number or {from, to}");
        }
        if (lua_getfield(L, 2, "level") != LUA_TNIL) rq.level = luaL_checknumber(L, -1);
        if (lua_getfield(L, 2, "disclosure") != LUA_TNIL) {
            static const char *const d[] = {"none", "dfe", NULL};
            rq.disclosure = (carestat_disclosure)luaL_checkoption(L, -1, NULL, d);
        }
        lua_getfield(L, 2, "rules");
        top = lua_gettop(L);
        const char **rules;
        size_t nr = check_string_list(L, top, &rules);
        for (size_t i = 0; i < nr; i++) {
            unsigned bit;
            if (carestat_rule_from_name(&bit, rules[i])) return luaL_error(L, "compute: unknown rule '%s'", rules[i]);
            rq.rules |= bit;
        }
    }
    table_box *b = new_table_box(L);
    int rc = carestat_compute(&b->t, ds, &rq);
    if (rc == CARESTAT_EINVAL || rc == CARESTAT_ERANGE) {
        const char *m = carestat_dataset_errmsg(ds);
        return luaL_error(L, "compute: %s", m && *m ? m : carestat_strerror(rc));
    }
    if (rc) return push_fail(L, rc, carestat_dataset_errmsg(ds));
    return 1;
}

static void push_inspection(lua_State *L, const carestat_inspection *in)
{
    lua_createtable(L, 0, 8);
    lua_pushstring(L, in->org ? in->org->code : "");
    lua_setfield(L, -2, "org_code");
    lua_pushstring(L, in->org ? in->org->name : "");
    lua_setfield(L, -2, "org_name");
    lua_pushstring(L, carestat_inspection_type_name(in->type));
    lua_setfield(L, -2, "type");
    push_date(L, in->start);
    lua_setfield(L, -2, "start");
    push_date(L, in->published);
    lua_setfield(L, -2, "published");
    lua_createtable(L, 0, CARESTAT_JUDGEMENT_AREA_COUNT);
    for (int a = 0; a < CARESTAT_JUDGEMENT_AREA_COUNT; a++) {
        carestat_grade g = in->grades[a];
        if (g == CARESTAT_GRADE_NONE) continue;
        lua_pushstring(L, carestat_grade_name(g));
        lua_setfield(L, -2, carestat_judgement_area_key((carestat_judgement_area)a));
    }
    lua_setfield(L, -2, "grades");
}

/* ds:inspections(org) -> array of inspections in date order | nil, msg, code */
static int ds_inspections(lua_State *L)
{
    carestat_dataset *ds = check_dataset(L, 1);
    const char *code = luaL_checkstring(L, 2);
    size_t count = 0;
    int rc = carestat_dataset_org_inspections(NULL, 0, &count, ds, code, 0);
    if (rc && rc != CARESTAT_EBUFFER) return push_fail(L, rc, NULL);
    const carestat_inspection **arr = lua_newuserdatauv(L, (count ? count : 1) * sizeof *arr, 0);
    rc = carestat_dataset_org_inspections(arr, count, &count, ds, code, 0);
    if (rc) return push_fail(L, rc, NULL);
    lua_createtable(L, (int)count, 0);
    for (size_t i = 0; i < count; i++) {
        push_inspection(L, arr[i]);
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* t:trend(org, indicator [, {level=, year=, polarity=, dataset=}]) -> report table | nil, msg, code */
static int tb_trend(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    const char *org = luaL_checkstring(L, 2);
    const char *ind = luaL_checkstring(L, 3);
    lua_settop(L, 4);
    carestat_trend_options o;
    carestat_trend_options_init(&o, CARESTAT_TREND_OPTIONS_VERSION);
    carestat_dataset *ds = NULL;
    if (!lua_isnil(L, 4)) {
        luaL_checktype(L, 4, LUA_TTABLE);
        if (lua_getfield(L, 4, "level") != LUA_TNIL) o.level = luaL_checknumber(L, -1);
        if (lua_getfield(L, 4, "year") != LUA_TNIL) o.year = (int)luaL_checkinteger(L, -1);
        if (lua_getfield(L, 4, "polarity") != LUA_TNIL) o.polarity = parse_polarity(L, lua_gettop(L));
        if (lua_getfield(L, 4, "dataset") != LUA_TNIL) ds = check_dataset(L, lua_gettop(L));
    }
    carestat_series_report r;
    int rc = carestat_series_analyse(&r, t, ds, org, ind, &o);
    if (rc == CARESTAT_ENOTFOUND) return push_fail(L, rc, "no value for this organisation and indicator");
    if (rc) return raise_rc(L, rc, "trend");
    static const char *const parts[] = {"change", "change_judgement", "trend", "trend_reason", "spc", "spc_rule",
                                        "assurance", "vs_england", "vs_region", "vs_neighbours", NULL};
    lua_createtable(L, 0, 24);
    lua_pushstring(L, r.org_code);
    lua_setfield(L, -2, "org_code");
    lua_pushstring(L, r.indicator);
    lua_setfield(L, -2, "indicator");
    lua_pushinteger(L, r.year);
    lua_setfield(L, -2, "year");
    push_number_or_nil(L, r.value);
    lua_setfield(L, -2, "value");
    push_number_or_nil(L, r.lower);
    lua_setfield(L, -2, "lower");
    push_number_or_nil(L, r.upper);
    lua_setfield(L, -2, "upper");
    push_number_or_nil(L, r.previous_value);
    lua_setfield(L, -2, "previous_value");
    push_number_or_nil(L, r.change);
    lua_setfield(L, -2, "change");
    push_number_or_nil(L, r.change_p_value);
    lua_setfield(L, -2, "change_p_value");
    push_number_or_nil(L, r.england_value);
    lua_setfield(L, -2, "england_value");
    push_number_or_nil(L, r.region_value);
    lua_setfield(L, -2, "region_value");
    push_number_or_nil(L, r.neighbours_value);
    lua_setfield(L, -2, "neighbours_value");
    lua_pushinteger(L, r.quartile);
    lua_setfield(L, -2, "quartile");
    lua_pushinteger(L, (lua_Integer)r.points);
    lua_setfield(L, -2, "points");
    lua_createtable(L, 0, 10);
    for (int i = 0; parts[i]; i++) {
        lua_pushstring(L, carestat_series_report_text(&r, parts[i]));
        lua_setfield(L, -2, parts[i]);
    }
    lua_setfield(L, -2, "text");
    return 1;
}

/* ---- table methods ------------------------------------------------------------------------- */

static int tb_close(lua_State *L)
{
    table_box *b = luaL_checkudata(L, 1, TABLE_MT);
    carestat_table_free(b->t);
    b->t = NULL;
    return 0;
}

static int tb_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)carestat_table_count(check_table(L, 1)));
    return 1;
}

static int tb_tostring(lua_State *L)
{
    table_box *b = luaL_checkudata(L, 1, TABLE_MT);
    if (b->t) lua_pushfstring(L, "carestat table (%d rows)", (int)carestat_table_count(b->t));
    else lua_pushstring(L, "carestat table (closed)");
    return 1;
}

static void push_observation(lua_State *L, const carestat_observation *o)
{
    char flags[128];
    lua_createtable(L, 0, 12);
    lua_pushstring(L, o->org_code);
    lua_setfield(L, -2, "org_code");
    lua_pushstring(L, o->org_name);
    lua_setfield(L, -2, "org_name");
    push_date(L, o->period_start);
    lua_setfield(L, -2, "period_start");
    push_date(L, o->period_end);
    lua_setfield(L, -2, "period_end");
    lua_pushstring(L, o->indicator);
    lua_setfield(L, -2, "indicator");
    push_number_or_nil(L, o->numerator);
    lua_setfield(L, -2, "numerator");
    push_number_or_nil(L, o->denominator);
    lua_setfield(L, -2, "denominator");
    push_number_or_nil(L, o->value);
    lua_setfield(L, -2, "value");
    push_number_or_nil(L, o->lower);
    lua_setfield(L, -2, "lower");
    push_number_or_nil(L, o->upper);
    lua_setfield(L, -2, "upper");
    carestat_flags_format(flags, sizeof flags, o->flags);
    lua_pushstring(L, flags);
    lua_setfield(L, -2, "flags");
    lua_pushstring(L, o->source);
    lua_setfield(L, -2, "source");
}

/* t:get(i) -> observation table (1-based) */
static int tb_get(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    carestat_observation o;
    luaL_argcheck(L, i >= 1 && (size_t)i <= carestat_table_count(t), 2, "row index out of range");
    carestat_table_get(&o, t, (size_t)(i - 1));
    push_observation(L, &o);
    return 1;
}

static int tb_rows_iter(lua_State *L)
{
    carestat_table *t = check_table(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    if ((size_t)i >= carestat_table_count(t)) return 0;
    carestat_observation o;
    carestat_table_get(&o, t, (size_t)i);
    lua_pushinteger(L, i + 1);
    lua_copy(L, -1, lua_upvalueindex(2));
    lua_pop(L, 1);
    lua_pushinteger(L, i + 1);
    push_observation(L, &o);
    return 2;
}

/* for i, row in t:rows() do ... end */
static int tb_rows(lua_State *L)
{
    check_table(L, 1);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, tb_rows_iter, 2);
    return 1;
}

/* t:column(name) -> array (numbers, or strings for text columns; nil values become false) */
static int tb_column(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    static const char *const names[] = {"numerator", "denominator", "value", "lower", "upper", "org_code",
                                        "org_name", "indicator", "source", "flags", "period_start", "period_end",
                                        NULL};
    int which = luaL_checkoption(L, 2, NULL, names);
    size_t n = carestat_table_count(t);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        char flags[128];
        switch (which) {
        case 0: push_number_or_nil(L, o.numerator); break;
        case 1: push_number_or_nil(L, o.denominator); break;
        case 2: push_number_or_nil(L, o.value); break;
        case 3: push_number_or_nil(L, o.lower); break;
        case 4: push_number_or_nil(L, o.upper); break;
        case 5: lua_pushstring(L, o.org_code); break;
        case 6: lua_pushstring(L, o.org_name); break;
        case 7: lua_pushstring(L, o.indicator); break;
        case 8: lua_pushstring(L, o.source); break;
        case 9:
            carestat_flags_format(flags, sizeof flags, o.flags);
            lua_pushstring(L, flags);
            break;
        case 10: push_date(L, o.period_start); break;
        default: push_date(L, o.period_end); break;
        }
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushboolean(L, 0); /* keep the array dense: missing numbers are false */
        }
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* t:series(org, indicator) -> new table sorted by period */
static int tb_series(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    const char *org = luaL_checkstring(L, 2);
    const char *ind = luaL_checkstring(L, 3);
    table_box *b = new_table_box(L);
    int rc = carestat_table_series(&b->t, t, org, ind);
    if (rc) return raise_rc(L, rc, "series");
    return 1;
}

/* t:filter{org=, indicator=} -> new table */
static int tb_filter(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "org");
    lua_getfield(L, 2, "indicator");
    const char *org = luaL_optstring(L, -2, NULL);
    const char *ind = luaL_optstring(L, -1, NULL);
    table_box *b = new_table_box(L);
    int rc = carestat_table_filter(&b->t, t, org, ind);
    if (rc) return raise_rc(L, rc, "filter");
    return 1;
}

static double opt_number_field(lua_State *L, int idx, const char *k)
{
    double v = NAN;
    if (lua_getfield(L, idx, k) != LUA_TNIL) v = luaL_checknumber(L, -1);
    lua_pop(L, 1);
    return v;
}

/* t:append{org_code=, org_name=, period_start=, period_end=, indicator=, numerator=, ... , flags=, source=} */
static int tb_append(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    carestat_observation o;
    memset(&o, 0, sizeof o);
    o.period_start = o.period_end = CARESTAT_DATE_NONE;
    lua_getfield(L, 2, "org_code");
    o.org_code = luaL_checkstring(L, -1);
    lua_getfield(L, 2, "org_name");
    o.org_name = luaL_optstring(L, -1, "");
    lua_getfield(L, 2, "indicator");
    o.indicator = luaL_checkstring(L, -1);
    lua_getfield(L, 2, "source");
    o.source = luaL_optstring(L, -1, "");
    const char *keys[2] = {"period_start", "period_end"};
    carestat_date *dates[2] = {&o.period_start, &o.period_end};
    for (int k = 0; k < 2; k++) {
        lua_getfield(L, 2, keys[k]);
        if (!lua_isnil(L, -1)) {
            size_t len;
            const char *s = luaL_checklstring(L, -1, &len);
            if (carestat_date_parse(dates[k], s, len)) return luaL_error(L, "%s: '%s' is not a date", keys[k], s);
        }
    }
    o.numerator = opt_number_field(L, 2, "numerator");
    o.denominator = opt_number_field(L, 2, "denominator");
    o.value = opt_number_field(L, 2, "value");
    o.lower = opt_number_field(L, 2, "lower");
    o.upper = opt_number_field(L, 2, "upper");
    if (lua_getfield(L, 2, "flags") != LUA_TNIL) {
        const char *f = luaL_checkstring(L, -1);
        char sym[32];
        while (*f) {
            size_t n = strcspn(f, ";");
            if (n >= sizeof sym) return luaL_error(L, "unknown flag in '%s'", f);
            memcpy(sym, f, n);
            sym[n] = '\0';
            uint32_t bit;
            if (n && carestat_flag_parse(&bit, sym)) return luaL_error(L, "unknown flag '%s'", sym);
            if (n) o.flags |= bit;
            f += n + (f[n] == ';');
        }
    }
    int rc = carestat_table_append(t, &o);
    if (rc) return raise_rc(L, rc, "append");
    return 0;
}

/* t:to_csv([path]) -> text (no path) | true (written) | nil, msg, code */
static int tb_to_csv(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    const char *path = luaL_optstring(L, 2, NULL);
    if (path) {
        int rc = carestat_table_write_csv(t, path);
        if (rc) {
            lua_pushnil(L);
            lua_pushfstring(L, "%s: cannot write (%s)", path, carestat_strerror(rc));
            lua_pushstring(L, carestat_status_name(rc));
            return 3;
        }
        lua_pushboolean(L, 1);
        return 1;
    }
    char *text;
    size_t len;
    int rc = carestat_table_to_csv(&text, &len, t);
    if (rc) return raise_rc(L, rc, "to_csv");
    lua_pushlstring(L, text, len);
    carestat_free(text);
    return 1;
}

static int tb_to_json(lua_State *L)
{
    carestat_table *t = check_table(L, 1);
    char *text;
    size_t len;
    int rc = carestat_table_to_json(&text, &len, t);
    if (rc) return raise_rc(L, rc, "to_json");
    lua_pushlstring(L, text, len);
    carestat_free(text);
    return 1;
}

/* ---- registration ---------------------------------------------------------------------------- */

static const luaL_Reg dataset_methods[] = {
    {"close", ds_close},
    {"load_903", ds_load_903},
    {"load_workforce", ds_load_workforce},
    {"load_workforce_la", ds_load_workforce_la},
    {"load_population", ds_load_population},
    {"load_inspections", ds_load_inspections},
    {"load_neighbours", ds_load_neighbours},
    {"load_published", ds_load_published},
    {"published", ds_published},
    {"counts", ds_counts},
    {"compute", ds_compute},
    {"inspections", ds_inspections},
    {"diagnostics", ds_diagnostics},
    {"load_summaries", ds_load_summaries},
    {NULL, NULL},
};

static const luaL_Reg table_methods[] = {
    {"close", tb_close},   {"get", tb_get},       {"rows", tb_rows},     {"column", tb_column},
    {"series", tb_series}, {"filter", tb_filter}, {"append", tb_append}, {"to_csv", tb_to_csv},
    {"to_json", tb_to_json}, {"trend", tb_trend}, {NULL, NULL},
};

static const luaL_Reg module_funcs[] = {
    {"version", l_version},
    {"strerror", l_strerror},
    {"parse_date", l_parse_date},
    {"dataset", l_dataset},
    {"table", l_table},
    {"indicators", l_indicators},
    {"orgs", l_orgs},
    {"org", l_org},
    {"synth", l_synth},
    {"synth_org_code", l_synth_org_code},
    {"proportion_ci", l_proportion_ci},
    {"rate_ci", l_rate_ci},
    {"mean_ci", l_mean_ci},
    {"compare", l_compare},
    {"recent_trend", l_recent_trend},
    {"change_test", l_change_test},
    {"spc", l_spc},
    {"quantile_bands", l_quantile_bands},
    {"funnel_proportion_limits", l_funnel_proportion_limits},
    {"round_half_up_percent", l_round_half_up_percent},
    {"round_half_up_rate", l_round_half_up_rate},
    {"round_half_up", l_round_half_up},
    {"round_to_nearest", l_round_to_nearest},
    {"suppress", l_suppress},
    {NULL, NULL},
};

static void make_type(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction release,
                      lua_CFunction tostring, lua_CFunction len)
{
    luaL_newmetatable(L, name);
    lua_pushcfunction(L, release);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, release);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, tostring);
    lua_setfield(L, -2, "__tostring");
    if (len) {
        lua_pushcfunction(L, len);
        lua_setfield(L, -2, "__len");
    }
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

int luaopen_carestat(lua_State *L);

int luaopen_carestat(lua_State *L)
{
    make_type(L, DATASET_MT, dataset_methods, ds_close, ds_tostring, NULL);
    make_type(L, TABLE_MT, table_methods, tb_close, tb_tostring, tb_len);
    luaL_newlib(L, module_funcs);
    lua_pushstring(L, "carestat");
    lua_setfield(L, -2, "_NAME");
    lua_pushstring(L, carestat_version_string());
    lua_setfield(L, -2, "_VERSION");
    return 1;
}
