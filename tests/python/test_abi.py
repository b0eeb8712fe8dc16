"""The ctypes declarations agree with the C headers.

1. Every function a public header declares with CARESTAT_API is bound by the binding (or listed
   below as deliberately not wrapped, with the reason).
2. Every ctypes Structure mirrors its C struct: size and every field's offset, checked by compiling a
   small C program against the headers (skipped without a C compiler or the build's version.h).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from carestat import _lib
from conftest import SOURCE_DIR

# Deliberately not wrapped: (function, why)
NOT_WRAPPED = {
    "carestat_set_allocator": "process-wide C allocator hooks; meaningless from Python",
    "carestat_diag_list_add": "varargs (printf-style); Python builds Diagnostic records itself",
    "carestat_diag_list_clear": "the binding never owns a list it would clear",
    "carestat_diag_list_count_at_least": "Dataset.diagnostics(min_severity=) filters in Python",
    "carestat_dataset_published": "borrowed table owned by the dataset; Dataset.published() uses the copy",
    "carestat_published_builtin": "returns the C mapping struct; users describe unknown files with a mapping file",
    "carestat_published_builtin_count": "see carestat_published_builtin",
    "carestat_published_builtin_family": "see carestat_published_builtin",
    "carestat_revisions_find": "revisions() returns every revision as records; filter in Python",
    "carestat_revisions_changed_count": "revisions(changed_only=True)",
    "carestat_series_reports_to_csv": "Table.trend_csv() covers the CSV form",
    "carestat_date_to_ymd": "datetime.date does it",
    "carestat_synth_write": "synth() uses carestat_synth_write_summary, which also returns the counts",
    "carestat_grade_key": "the binding speaks Ofsted's texts (carestat_grade_name); parse_grade accepts keys",
    "carestat_inspection_type_count": "types come back as text (carestat_inspection_type_name)",
    "carestat_org_find": "carestat.org() uses carestat_dataset_org_find(NULL, ...) which is the same",
    "carestat_org_find_at": "as carestat_org_find",
    "carestat_org_count": "carestat.orgs() uses carestat_dataset_org_count(NULL)",
    "carestat_org_at": "as carestat_org_count",
}


def declared_functions():
    names = set()
    for h in sorted((SOURCE_DIR / "include" / "carestat").glob("*.h*")):
        text = h.read_text()
        for m in re.finditer(r"CARESTAT_API\s+(?:CARESTAT_NODISCARD\s+)?[\w\s\*]+?\b(carestat_\w+)\s*\(", text):
            names.add(m.group(1))
    return names


def test_every_public_function_is_wrapped_or_explained():
    declared = declared_functions()
    assert len(declared) > 100
    bound = set(_lib._SIGS) | set(_lib._EXTRA_SIGS) | set(_lib._INSPECTION_SIGS) | set(_lib._INSPECTION_ENUM_SIGS)
    missing = sorted(declared - bound - set(NOT_WRAPPED))
    assert missing == [], (f"public functions without a binding: {missing}. Declare each in the table of "
                           "bindings/python/carestat/_lib.py and wrap it (with a test), or add it to "
                           "NOT_WRAPPED here with the reason")
    stale = sorted(set(NOT_WRAPPED) - declared)
    assert stale == [], f"NOT_WRAPPED names functions that no longer exist: {stale}"
    both = sorted(bound & set(NOT_WRAPPED))
    assert both == [], f"listed as not wrapped but bound: {both}"
    gone = sorted(bound - declared)
    assert gone == [], f"the binding declares functions the headers do not: {gone}"


def test_every_bound_function_is_in_the_library():
    assert _lib.missing_functions == [], "functions missing from the loaded library"


# C struct name -> ctypes Structure
STRUCTS = {
    "carestat_observation": _lib.CObservation,
    "carestat_diag": _lib.CDiag,
    "carestat_load_summary": _lib.CLoadSummary,
    "carestat_dataset_options": _lib.CDatasetOptions,
    "carestat_org": _lib.COrg,
    "carestat_lineage_link": _lib.CLineageLink,
    "carestat_trust_delivery": _lib.CTrustDelivery,
    "carestat_neighbour": _lib.CNeighbour,
    "carestat_trend_result": _lib.CTrendResult,
    "carestat_change_result": _lib.CChangeResult,
    "carestat_spc_options": _lib.CSpcOptions,
    "carestat_spc_summary": _lib.CSpcSummary,
    "carestat_903_options": _lib.C903Options,
    "carestat_worker": _lib.CWorker,
    "carestat_workforce_la": _lib.CWorkforceLA,
    "carestat_synth_options": _lib.CSynthOptions,
    "carestat_synth_summary": _lib.CSynthSummary,
    "carestat_request": _lib.CRequest,
    "carestat_trend_options": _lib.CTrendOptions,
    "carestat_series_report": _lib.CSeriesReport,
    "carestat_published_options": _lib.CPublishedOptions,
    "carestat_revision": _lib.CRevision,
    "carestat_inspection": _lib.CInspection,
    "carestat_grade_change": _lib.CGradeChange,
}
# ctypes field names that differ from C (Python keywords)
RENAMED = {("carestat_grade_change", "from_"): "from"}


def test_struct_layouts_match_the_headers(tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        pytest.skip("no C compiler")
    bindir = os.environ.get("CARESTAT_BINARY_DIR")
    if not bindir or not (Path(bindir) / "include" / "carestat" / "version.h").exists():
        pytest.skip("CARESTAT_BINARY_DIR with the generated version.h is needed")
    lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <carestat.h>", "int main(void) {"]
    for cname, st in STRUCTS.items():
        lines.append(f'printf("{cname} size %zu\\n", sizeof({cname}));')
        for fname, _t in st._fields_:
            c = RENAMED.get((cname, fname), fname)
            lines.append(f'printf("{cname} {fname} %zu\\n", offsetof({cname}, {c}));')
    lines += ["return 0;", "}"]
    src = tmp_path / "layout.c"
    src.write_text("\n".join(lines) + "\n")
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c11", f"-I{SOURCE_DIR / 'include'}", f"-I{Path(bindir) / 'include'}",
                    "-DCARESTAT_STATIC_DEFINE", str(src), "-o", str(exe)], check=True, capture_output=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.split("\n")
    got = {}
    for line in out:
        if line:
            a, b, n = line.split()
            got[(a, b)] = int(n)
    for cname, st in STRUCTS.items():
        assert got[(cname, "size")] == __import__("ctypes").sizeof(st), cname
        for fname, _t in st._fields_:
            assert got[(cname, fname)] == getattr(st, fname).offset, (cname, fname)
