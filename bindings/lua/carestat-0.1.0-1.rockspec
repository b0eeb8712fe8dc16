-- LuaRocks package of the carestat Lua module. It builds bindings/lua/carestat_lua.c against an
-- installed libcarestat (headers and shared library), found through CARESTAT_DIR or the system:
--   luarocks --lua-version=5.4 make bindings/lua/carestat-0.1.0-1.rockspec CARESTAT_DIR=/usr/local
rockspec_format = "3.0"
package = "carestat"
version = "0.1.0-1"
source = {
   url = "git+file:///carestat",
   tag = "v0.1.0",
}
description = {
   summary = "Children's social care indicators, inspections and statistics (Lua binding)",
   detailed = [[
      Thin Lua 5.4 binding to the carestat C library: SSDA903 returns, workforce census records,
      DfE published tables and Ofsted inspections in; DfE's children-in-care and workforce
      indicators out, with confidence intervals, trend tests and benchmarks.
   ]],
   license = "MIT",
   labels = { "statistics", "social-care" },
}
dependencies = {
   "lua >= 5.4, < 5.5",
}
external_dependencies = {
   CARESTAT = {
      header = "carestat.h",
      library = "carestat",
   },
}
build = {
   type = "builtin",
   modules = {
      carestat = {
         sources = { "bindings/lua/carestat_lua.c" },
         libraries = { "carestat" },
         incdirs = { "$(CARESTAT_INCDIR)" },
         libdirs = { "$(CARESTAT_LIBDIR)" },
      },
   },
}
