-- Lua binding: loading, computing, trend, catalogue, organisations, inspections, synth; and the same
-- computation through Lua, the C command line tool and the Python binding gives identical CSV.
local T = require "check"
local cs = require "carestat"

local function sh(cmd)
  local p = assert(io.popen(cmd .. " 2>&1"))
  local out = p:read("a")
  local ok, _, code = p:close()
  return out, ok and 0 or code
end

local tmp = T.tmpname("-carestat-lua")
assert(os.execute("mkdir -p " .. tmp))
local summary = assert(cs.synth(tmp, {orgs = 2, years = "2021:2025", seed = 11}))
local org1 = cs.synth_org_code(1)

T.case("synth wrote a realistic return", function()
  assert(summary.children > 100, "children written")
  assert(summary.episodes > summary.children, "more episodes than children")
  T.eq(org1, "SYN001")
  local v, msg, code = cs.synth("/nonexistent/dir/x", {orgs = 1})
  T.eq(v, nil); T.eq(code ~= nil, true); assert(msg:find("/nonexistent/dir/x", 1, true))
  T.raises(function() cs.synth(tmp, {years = "2021-2025"}) end, "years must look like")
end)

T.case("load, counts, diagnostics, compute, series, trend", function()
  local d <close> = cs.dataset()
  T.eq(d:load_903({tmp .. "/" .. org1}), true)
  T.eq(d:load_population(tmp .. "/population.csv"), true)
  T.eq(d:load_workforce(tmp .. "/workforce.csv"), true)
  local c = d:counts()
  T.eq(c.orgs, 1)
  assert(c.episodes > 0 and c.children > 0 and c.workers > 0)
  -- read = accepted + rejected for every table loaded
  for _, s in ipairs(d:load_summaries()) do
    T.eq(s.read, s.accepted + s.rejected, s.table .. " reconciles")
  end
  for _, x in ipairs(d:diagnostics()) do
    T.eq(x.severity == "error" or x.severity == "fatal", false, "clean synthetic data: " .. x.text)
  end
  local t = assert(d:compute{years = "2025", orgs = org1, indicators = {"cla.looked_after", "cla.starts.rate", "wf.turnover"}})
  local seen = {}
  for _, row in t:rows() do
    seen[row.indicator] = row
    T.eq(row.org_code, org1)
    T.eq(row.period_end, row.indicator == "wf.turnover" and "2025-09-30" or "2025-03-31", "period end " .. row.indicator)
  end
  local la = assert(seen["cla.looked_after"], "children looked after computed")
  T.eq(la.value, la.numerator, "a count carries itself as value and numerator")
  local st = assert(seen["cla.starts.rate"])
  T.near(st.value, st.numerator / st.denominator * 10000, 1e-9, "rate per 10,000")
  assert(st.lower < st.value and st.value < st.upper, "interval around the rate")
  -- the rate interval is the library's rate_ci on the same counts
  local _, lo, hi = cs.rate_ci(st.numerator, st.denominator)
  T.near(st.lower, lo, 1e-9); T.near(st.upper, hi, 1e-9)
  local all = assert(d:compute{})
  local s = all:series(org1, "cla.looked_after")
  T.eq(#s, 5, "five years 2021..2025")
  local r = assert(all:trend(org1, "cla.looked_after.rate"))
  T.eq(r.year, 2025); T.eq(r.points, 5)
  assert(r.text.trend ~= "", "a trend label")
  local v, msg, code = all:trend("NOPE", "cla.looked_after")
  T.eq(v, nil); T.eq(code, "CARESTAT_ENOTFOUND")
  local dfe = assert(d:compute{disclosure = "dfe", indicators = "cla.looked_after"})
  T.eq(#dfe > 0, true)
  T.raises(function() d:compute{years = "twenty"} end, "years must look like")
  T.raises(function() d:compute{rules = {"no_such_rule"}} end, "unknown rule")
  local none, why, code2 = d:compute{indicators = {"cla.nope"}}
  T.eq(none, nil); T.eq(code2, "CARESTAT_ENOTFOUND"); assert(why:find("cla.nope", 1, true), why)
end)

T.case("missing and bad files return nil, message, code", function()
  local d <close> = cs.dataset()
  local v, msg, code = d:load_population(tmp .. "/missing.csv")
  T.eq(v, nil); T.eq(code, "CARESTAT_EIO"); assert(msg:find("missing.csv", 1, true), msg)
  v, msg, code = d:load_903({tmp .. "/nothing-here"})
  T.eq(v, nil); assert(code ~= nil)
  T.raises(function() d:load_903({}) end, "at least one folder")
  T.raises(function() d:load_903({1}) end, "element 1 is a number")
  T.raises(function() d:load_population() end, "bad argument #1")
end)

T.case("catalogue and organisations", function()
  local ids = {}
  for _, ind in ipairs(cs.indicators()) do
    ids[ind.id] = ind
    assert(ind.definition ~= "" and ind.source ~= "", ind.id .. " is documented")
  end
  for _, id in ipairs{"cla.looked_after", "cla.starts.rate", "cla.stability.placements3plus", "cla.kinship",
                      "cla.other_placements", "leavers.in_touch.17to18", "sw.changes3plus", "perm.adoption_days",
                      "wf.turnover", "wf.agency", "wf.retention"} do
    assert(ids[id], "catalogue has " .. id)
  end
  assert(ids["cla.starts.rate"].unit:find("10,000", 1, true), "rate unit: " .. ids["cla.starts.rate"].unit)
  T.eq(ids["cla.looked_after"].polarity ~= nil, true)
  local nn = assert(cs.org("940"))
  T.eq(nn.code, "E06000061"); T.eq(nn.name, "North Northamptonshire")
  T.eq(cs.org("E10000021")["end"], "2021-03-31", "Northamptonshire ended on 31 March 2021")
  local v, msg, code = cs.org("Atlantis")
  T.eq(v, nil); T.eq(code, "CARESTAT_ENOTFOUND")
  local n = 0
  for _, o in ipairs(cs.orgs()) do if o.kind == "council" and o["end"] == nil then n = n + 1 end end
  T.eq(n, 153, "current councils with children's services")
end)

T.case("Ofsted inspections (real file)", function()
  local p = T.shared("data/derived/ofsted_2025_ILACS_inspection_history.csv")
  local d <close> = cs.dataset()
  T.eq(d:load_inspections(p), true)
  local h = assert(d:inspections("E06000061"))
  local found = false
  for _, i in ipairs(h) do
    if i.start == "2022-10-03" then
      found = true
      T.eq(i.published, "2022-11-25")
      for area, g in pairs(i.grades) do T.eq(g, "Requires improvement to be good", area) end
    end
  end
  assert(found, "North Northamptonshire's inspection of 3 October 2022")
end)

T.case("Lua, the C command and Python compute the same table", function()
  local bin = os.getenv("CARESTAT_BIN") or ""
  local cli = bin .. "/tools/carestat/carestat"
  local f = io.open(cli)
  if not f then T.skip("the carestat command is not built") end
  f:close()
  local dir = tmp .. "/" .. org1
  local d <close> = cs.dataset()
  assert(d:load_903(dir)); assert(d:load_population(tmp .. "/population.csv"))
  local lua_csv = assert(d:compute{years = "2023:2025"}):to_csv()
  -- the command's notices (e.g. a user-defined organisation) go to stderr: compare stdout only
  local out, code = sh(string.format("('%s' compute --903 '%s' --population '%s' --years 2023:2025 --format csv 2>/dev/null)",
                                     cli, dir, tmp .. "/population.csv"))
  T.eq(code, 0, "cli exit status")
  T.eq(out, lua_csv, "C command line output")
  local py = string.format([[/usr/bin/python3 -c "
import sys, carestat
with carestat.Dataset() as d:
    d.load_903(['%s']); d.load_population('%s')
    sys.stdout.write(d.compute(years=(2023, 2025)).to_csv())
"]], dir, tmp .. "/population.csv")
  local src = os.getenv("CARESTAT_SOURCE_DIR")
  local lib = bin .. "/libcarestat.so"
  out, code = sh(string.format("PYTHONPATH='%s/bindings/python' CARESTAT_LIBRARY='%s' %s", src, lib, py))
  T.eq(code, 0, "python exit status: " .. out)
  T.eq(out, lua_csv, "Python binding output")
end)

os.execute("rm -rf '" .. tmp .. "'")
T.finish()
