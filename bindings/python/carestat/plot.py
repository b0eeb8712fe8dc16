"""Plots of observation series with matplotlib (imported only when plotting).

:func:`plot_series` draws one organisation's series of one indicator with its confidence interval
as a band, a comparator (England by default) as a dashed line, suppressed years marked "c",
combined years (a series continued across a reorganisation) as hollow points, and optionally
inspection judgements as labelled vertical lines on the time line.
"""

import datetime
import math

GRADE_COLOURS = {
    "Outstanding": "#1b7837",
    "Good": "#5aae61",
    "Requires improvement to be good": "#f1a340",
    "Requires improvement": "#f1a340",
    "Inadequate": "#d73027",
}
_GRADE_SHORT = {"Requires improvement to be good": "RI", "Requires improvement": "RI", "Outstanding": "Outstanding",
                "Good": "Good", "Inadequate": "Inadequate"}


def _finite(v):
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _unit_label(indicator):
    try:
        from ._indicator import indicator as lookup
        ind = lookup(indicator)
        return ind.title, ind.unit
    except Exception:  # noqa: BLE001 - the catalogue may not know a published-only id
        return indicator, ""


def plot_series(table, org, indicator, ax=None, comparator="E92000001", label=None, continued=False,
                dataset=None, inspections=None, title=None, color="#2166ac", comparator_label=None, legend=True):
    """Draw one series with its interval band and a comparator line; returns the Axes.

    Args:
        table: the observations (computed, published, or both).
        org: the organisation code.
        indicator: the indicator id.
        ax: matplotlib Axes to draw on (a new figure if None).
        comparator: code of the comparator series (England "E92000001" by default; None for none).
        label: legend label of the series (default: the organisation's name in the table).
        continued: continue the series across reorganisations (:meth:`Table.continued`).
        dataset: dataset for user-defined organisations and lineage (with ``continued``).
        inspections: judgements to mark on the time line: an iterable of records with ``date``
            (or ``published``/``start``) and ``grade`` (or ``overall``), e.g. from
            :func:`carestat.inspections`; only graded ones are drawn.
        title: the title (default: the indicator's title from the catalogue).
        color: colour of the series and its band.
        comparator_label: legend label of the comparator (default: its name in the table).
        legend: draw the legend.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    series = table.continued(org, indicator, dataset=dataset) if continued else table.series(org, indicator)
    rows = list(series)
    series.close()
    xs = [r.period_end for r in rows if r.period_end is not None]
    rows = [r for r in rows if r.period_end is not None]
    name = label or next((r.org_name for r in rows if r.org_name), org)
    ind_title, unit = _unit_label(indicator)

    # interval band, drawn piecewise so gaps (suppressed years) stay gaps
    band_x, band_lo, band_hi = [], [], []

    def flush():
        if band_x:
            ax.fill_between(band_x, band_lo, band_hi, color=color, alpha=0.18, linewidth=0,
                            label="95% interval" if not getattr(ax, "_cs_band_done", False) else None)
            ax._cs_band_done = True
        band_x.clear(), band_lo.clear(), band_hi.clear()

    for r in rows:
        if _finite(r.lower) and _finite(r.upper):
            band_x.append(r.period_end)
            band_lo.append(r.lower)
            band_hi.append(r.upper)
        else:
            flush()
    flush()

    ys = [r.value if _finite(r.value) else math.nan for r in rows]
    ax.plot(xs, ys, "-", color=color, linewidth=2, label=name)
    solid = [(r.period_end, r.value) for r in rows if _finite(r.value) and "combined" not in r.flags.split(";")]
    hollow = [(r.period_end, r.value) for r in rows if _finite(r.value) and "combined" in r.flags.split(";")]
    if solid:
        ax.plot(*zip(*solid), "o", color=color, markersize=5)
    if hollow:
        ax.plot(*zip(*hollow), "o", markerfacecolor="white", markeredgecolor=color, markersize=6,
                label="combined councils")
    for r in rows:
        if not _finite(r.value) and r.flags:
            ax.annotate(r.flags.split(";")[0], (mdates.date2num(r.period_end), 0), xycoords=("data", "axes fraction"),
                        xytext=(0, 4), textcoords="offset points", ha="center", fontsize=8, color="grey")

    if comparator:
        comp = table.series(comparator, indicator)
        crow = [r for r in comp if r.period_end is not None and _finite(r.value)]
        comp.close()
        if crow:
            cname = comparator_label or crow[0].org_name or comparator
            ax.plot([r.period_end for r in crow], [r.value for r in crow], "--", color="#555555", linewidth=1.5,
                    label=cname)

    if inspections:
        _mark_inspections(ax, inspections)

    ax.set_title(title or ind_title)
    ax.set_ylabel(unit or "value")
    ax.set_xlabel("period end")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(True, alpha=0.3)
    lo, hi = ax.get_ylim()
    if lo > 0 and unit in ("percent", "rate per 10,000", "count"):
        lo = 0
    if inspections:
        hi += 0.12 * (hi - lo)       # room for the grade labels above the data
    ax.set_ylim(lo, hi)
    if legend:
        ax.legend(loc="lower left", fontsize=8, framealpha=0.85)
    return ax


def _field(rec, *names):
    for n in names:
        v = rec.get(n) if isinstance(rec, dict) else getattr(rec, n, None)
        if v:
            return v
    return None


def _mark_inspections(ax, inspections):
    import matplotlib.dates as mdates
    seen = set()
    last_x, level = None, 0

    def when_of(r):
        return _field(r, "date", "published", "publication_date", "start", "start_date")

    for rec in sorted(inspections, key=lambda r: when_of(r) or datetime.date.min):
        when = when_of(rec)
        grade = _field(rec, "grade", "overall", "overall_effectiveness")
        if when is None or not grade or grade not in GRADE_COLOURS:
            continue
        c = GRADE_COLOURS[grade]
        ax.axvline(when, color=c, linestyle=":", linewidth=1.5,
                   label=None if grade in seen else f"Ofsted: {grade}")
        seen.add(grade)
        x = mdates.date2num(when)
        # labels of inspections close together are stacked instead of overwritten
        level = level + 1 if last_x is not None and x - last_x < 500 else 0
        last_x = x
        ax.annotate(_GRADE_SHORT.get(grade, grade), (x, 1), xycoords=("data", "axes fraction"),
                    xytext=(2, -12 - 11 * level), textcoords="offset points", fontsize=8, color=c, rotation=0)
