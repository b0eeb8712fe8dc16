-- Tiny test harness for the Lua binding tests: named cases, counts, a summary line CTest can read.
local M = { passed = 0, failed = 0, skipped = 0 }

function M.case(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    M.passed = M.passed + 1
    io.write("ok   ", name, "\n")
  elseif type(err) == "string" and err:match("^SKIP") then
    M.skipped = M.skipped + 1
    io.write("skip ", name, ": ", err, "\n")
  else
    M.failed = M.failed + 1
    io.write("FAIL ", name, "\n", tostring(err), "\n")
  end
end

function M.skip(why) error("SKIP " .. why, 0) end

function M.eq(a, b, what)
  if a ~= b then error(string.format("%s: got %s, expected %s", what or "value", tostring(a), tostring(b)), 2) end
end

function M.near(a, b, tol, what)
  if type(a) ~= "number" or math.abs(a - b) > tol then
    error(string.format("%s: got %s, expected %.12g (tolerance %g)", what or "value", tostring(a), b, tol), 2)
  end
end

-- assert that fn raises an error whose message contains pattern (plain text)
function M.raises(fn, pattern)
  local ok, err = pcall(fn)
  if ok then error("expected an error matching '" .. pattern .. "'", 2) end
  if not tostring(err):find(pattern, 1, true) then
    error("error '" .. tostring(err) .. "' does not contain '" .. pattern .. "'", 2)
  end
end

-- Path under ../shared, or skip (fail when CARESTAT_REQUIRE_SHARED=1).
function M.shared(rel)
  local root = os.getenv("CARESTAT_SHARED") or ""
  local p = root .. "/" .. rel
  local f = io.open(p, "rb")
  if f then f:close(); return p end
  if os.getenv("CARESTAT_REQUIRE_SHARED") == "1" then error("required shared file missing: " .. p, 2) end
  M.skip("../shared/" .. rel .. " is not available")
end

function M.tmpname(suffix)
  local p = os.tmpname()
  os.remove(p)
  return p .. (suffix or "")
end

function M.finish()
  io.write(string.format("%d passed, %d failed, %d skipped\n", M.passed, M.failed, M.skipped))
  os.exit(M.failed == 0 and 0 or 1)
end

return M
