-- Which of a council's indicators got worse last year?
--
--   lua5.4 examples/lua/worsened.lua [RETURN_DIR POPULATION_CSV [WORKFORCE_CSV]]
--
-- With no arguments it writes a synthetic return for one fictional council first (carestat.synth),
-- so it runs anywhere. "Worse" uses each indicator's polarity from the catalogue and the change
-- test of the trend report (significant at 95%); indicators without a polarity are left out.
-- Run from the build tree: LUA_CPATH="build/bindings/lua/?.so;;" lua5.4 examples/lua/worsened.lua
local cs = require "carestat"

local dir, pop, wf = arg[1], arg[2], arg[3]
local tmp
if not dir then
  tmp = os.tmpname(); os.remove(tmp); assert(os.execute("mkdir -p " .. tmp))
  assert(cs.synth(tmp, {orgs = 1, years = "2020:2025", seed = 9}))
  dir, pop, wf = tmp .. "/" .. cs.synth_org_code(1), tmp .. "/population.csv", tmp .. "/workforce.csv"
end

local ds <close> = cs.dataset()
local ok, msg = ds:load_903(dir)
if not ok then io.stderr:write("cannot load ", dir, ": ", msg, "\n"); os.exit(1) end
if pop then assert(ds:load_population(pop)) end
if wf then assert(ds:load_workforce(wf)) end
for _, d in ipairs(ds:diagnostics()) do
  if d.severity == "error" or d.severity == "fatal" then io.stderr:write(d.text, "\n") end
end

local t <close> = assert(ds:compute{})
local org = t:get(1).org_code
local polarity = {}
for _, ind in ipairs(cs.indicators()) do polarity[ind.id] = ind.polarity end

local ids, seen = {}, {}
for _, row in t:rows() do
  if not seen[row.indicator] then seen[row.indicator] = true; ids[#ids + 1] = row.indicator end
end
table.sort(ids)

print(string.format("%s: indicators that got significantly worse in the latest year", org))
local n = 0
for _, id in ipairs(ids) do
  local r = t:trend(org, id, {dataset = ds})
  if r and r.text.change_judgement == "Worse" then
    n = n + 1
    print(string.format("  %-34s %10.1f -> %10.1f  (p = %.3f; trend: %s)", id, r.previous_value, r.value,
                        r.change_p_value or 0 / 0, r.text.trend))
  end
end
if n == 0 then print("  none") end
if tmp then os.execute("rm -rf '" .. tmp .. "'") end
