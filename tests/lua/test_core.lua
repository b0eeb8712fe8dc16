-- Lua binding: module, dates, tables, handles, error conventions.
local T = require "check"
local cs = require "carestat"

T.case("module metadata and version", function()
  local s, n = cs.version()
  T.eq(s, "0.1.0", "version string")
  T.eq(n, 100, "version number 0*10000+1*100+0")
  T.eq(cs._VERSION, s, "_VERSION")
  T.eq(cs._NAME, "carestat", "_NAME")
  T.eq(cs.strerror(-5), "not found", "strerror")
end)

T.case("dates", function()
  local iso, days = cs.parse_date("29/07/2019")
  T.eq(iso, "2019-07-29")
  T.eq(days, 18106, "days since 1970-01-01")
  local v, msg, code = cs.parse_date("31/02/2020")
  T.eq(v, nil)
  T.eq(code, "CARESTAT_ERANGE")
  assert(msg:find("31/02/2020", 1, true))
  T.raises(function() cs.parse_date({}) end, "bad argument #1")
end)

T.case("table append, rows, column, series, csv", function()
  local t = cs.table()
  T.eq(#t, 0)
  t:append{org_code = "E06000061", org_name = "North Northamptonshire", indicator = "cla.looked_after",
           period_start = "2024-04-01", period_end = "2025-03-31", numerator = 568, value = 568, source = "2025"}
  t:append{org_code = "E06000061", indicator = "cla.looked_after", period_end = "31/03/2024", value = 560}
  t:append{org_code = "E06000062", indicator = "cla.looked_after", period_end = "2025-03-31", flags = "c"}
  T.eq(#t, 3)
  local n = 0
  for i, row in t:rows() do
    n = n + 1
    T.eq(type(row.org_code), "string")
    if i == 3 then T.eq(row.value, nil, "suppressed value is nil"); T.eq(row.flags, "c") end
  end
  T.eq(n, 3, "rows iterated")
  local vals = t:column("value")
  T.eq(vals[1], 568); T.eq(vals[2], 560); T.eq(vals[3], false, "missing numbers are false in columns")
  T.eq(t:column("org_code")[3], "E06000062")
  local s = t:series("E06000061", "cla.looked_after")
  T.eq(#s, 2)
  T.eq(s:get(1).value, 560, "series sorted by period")
  T.eq(s:get(2).period_end, "2025-03-31")
  local csv = t:to_csv()
  assert(csv:find("^org_code,org_name,period_start,period_end,indicator,numerator,denominator,value,lower,upper,flags\n"))
  assert(csv:find("E06000062,,,2025%-03%-31,cla.looked_after,,,,,,c\n"))
  local p = T.tmpname(".csv")
  T.eq(t:to_csv(p), true)
  local f = assert(io.open(p)); T.eq(f:read("a"), csv); f:close(); os.remove(p)
  local ok, msg, code = t:to_csv("/nonexistent/dir/x.csv")
  T.eq(ok, nil); T.eq(code, "CARESTAT_EIO"); assert(msg:find("/nonexistent/dir/x.csv", 1, true))
  assert(t:to_json():find('"flags": ["c"]', 1, true))
  T.eq(#t:filter{org = "E06000062"}, 1)
  T.raises(function() t:get(4) end, "row index out of range")
  T.raises(function() t:column("nope") end, "invalid option 'nope'")
  T.raises(function() t:append{indicator = "x"} end, "bad argument")
  T.raises(function() t:append{org_code = "a", indicator = "x", flags = "zz"} end, "unknown flag 'zz'")
end)

T.case("close twice, use after close, <close> scope", function()
  local t = cs.table()
  t:close(); t:close()
  T.eq(tostring(t), "carestat table (closed)")
  T.raises(function() return #t end, "closed carestat table")
  local d = cs.dataset()
  d:close(); d:close()
  T.raises(function() d:diagnostics() end, "closed carestat dataset")
  do
    local scoped <close> = cs.dataset()
    T.eq(#scoped:diagnostics(), 0)
    T.eq(#scoped:load_summaries(), 0)
  end
  T.raises(function() cs.dataset{error_mode = "explode"} end, "invalid option 'explode'")
  T.raises(function() cs.dataset("x") end, "bad argument #1")
  T.raises(function() cs.table().get(cs.dataset(), 1) end, "carestat.Table expected")
end)

T.finish()
