"""Figures shared by the notebooks. Each function draws from the documented columns
(src/docs/output.md) and writes on the figure what it shows: metric, unit, N paths, interval.

Intervals are the run's own 95 % intervals (Wilson for probabilities, order statistics for
VaR, asymptotic for ES); differences use +-1.96 standard errors.
"""
from __future__ import annotations

import math

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import margincall_io as mio

Z95 = 1.959964

# metric column -> (name on the figure, unit); the interval is <metric>_lo / <metric>_hi.
METRICS = {
    "p_bad_debt": ("P(bad debt > 0)", "share of paths"),
    "p_liquidation": ("P(liquidation)", "share of paths"),
    "p_fund_exhausted": ("P(insurance fund exhausted)", "share of paths"),
    "bad_debt_mean": ("mean bad debt", "USD per path"),
    "var_95": ("VaR 95 %", "USD per path"), "var_99": ("VaR 99 %", "USD per path"),
    "var_999": ("VaR 99.9 %", "USD per path"), "es_95": ("ES 95 %", "USD per path"),
    "es_99": ("ES 99 %", "USD per path"), "es_999": ("ES 99.9 %", "USD per path"),
}


def style():
    """Readable defaults for figures that end up as PNGs in a report."""
    plt.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 110, "font.size": 10, "axes.titlesize": 11,
        "axes.labelsize": 10, "axes.grid": True, "grid.alpha": 0.3, "legend.fontsize": 9,
        "figure.facecolor": "white",
    })


def metric_name(metric: str) -> str:
    name, unit = METRICS.get(metric, (metric, ""))
    return f"{name} ({unit})" if unit else name


def fmt(value: float, metric: str = "") -> str:
    """A value as a reader wants it: probabilities to 4 places, USD with thousands separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if metric.startswith("p_"):
        return f"{value:.4f}" if value >= 1e-4 or value == 0 else f"{value:.1e}"
    if abs(value) >= 1e5:
        return f"{value / 1e3:,.0f}k"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def interval_bars(ax, summary: pd.DataFrame, metric: str, labels, highlight=None, color="C0"):
    """Horizontal bars of `metric` per row with its 95 % interval; rows top to bottom."""
    est = summary[metric].to_numpy(float)
    lo, hi = summary[metric + "_lo"].to_numpy(float), summary[metric + "_hi"].to_numpy(float)
    y = np.arange(len(summary))[::-1]
    colors = [("C1" if highlight is not None and p == highlight else color) for p in summary["point"]]
    ax.barh(y, est, color=colors, alpha=0.75, height=0.7)
    known = ~(np.isnan(lo) | np.isnan(hi))
    ax.errorbar(est[known], y[known], xerr=[est[known] - lo[known], hi[known] - est[known]],
                fmt="none", ecolor="black", capsize=3, lw=1)
    for yi, e, l, h, ok in zip(y, est, lo, hi, known):
        text = f"{fmt(e, metric)}  [{fmt(l, metric)}, {fmt(h, metric)}]" if ok \
            else f"{fmt(e, metric)}  (no CI: < 10 tail losses)"
        ax.annotate(text, (h if ok else e, yi), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_yticks(y, labels)
    ax.set_xlabel(metric_name(metric) + ", 95 % CI")
    ax.set_xlim(0, max(np.nanmax(np.r_[est, hi]) * 1.6, 1e-12))
    ax.grid(axis="y", visible=False)


def paired_differences(summary: pd.DataFrame, labels, title: str, metrics=("bad_debt_mean", "p_bad_debt")):
    """Each point minus the baseline on the same paths, +-1.96 s.e. paired (thick) and what
    independent paths would give (thin): the gain of common random numbers."""
    base = int(summary["baseline_point"].iloc[0])
    rows = summary[summary["point"] != base]
    keep = [lab for p, lab in zip(summary["point"], labels) if p != base]
    fig, axes = plt.subplots(1, len(metrics), figsize=(6.2 * len(metrics), 2.6 + 0.38 * len(rows)),
                             sharey=True, squeeze=False)
    y = np.arange(len(rows))[::-1]
    for ax, metric in zip(axes[0], metrics):
        d = rows[metric + "_diff"].to_numpy(float)
        se = rows[metric + "_diff_se"].to_numpy(float)
        se_u = rows[metric + "_diff_se_unpaired"].to_numpy(float)
        ax.errorbar(d, y - 0.15, xerr=Z95 * se_u, fmt="none", ecolor="0.6", elinewidth=1, capsize=2,
                    label="+-1.96 s.e. unpaired (independent paths)")
        ax.errorbar(d, y + 0.05, xerr=Z95 * se, fmt="o", color="C0", ms=4, elinewidth=2.2, capsize=3,
                    label="+-1.96 s.e. paired (same paths)")
        ax.axvline(0, color="black", lw=0.8)
        lo_x = np.nanmin(np.r_[d - Z95 * se_u, 0])
        hi_x = np.nanmax(np.r_[d + Z95 * se_u, 0])
        small = np.nanmedian(np.abs(Z95 * se[se > 0])) if np.any(se > 0) else 0
        name, unit = METRICS.get(metric, (metric, ""))
        if small > 0 and max(-lo_x, hi_x) / small > 50:   # spans decades: keep small ones visible
            ax.set_xscale("symlog", linthresh=10 ** math.floor(math.log10(small)), linscale=0.6)
            ax.set_xlim(lo_x * 2 if lo_x < 0 else 0, hi_x * 2 if hi_x > 0 else 0)
            scale = "symmetric log scale, linear near 0"
        else:
            pad = 0.08 * (hi_x - lo_x or 1)
            ax.set_xlim(lo_x - pad, hi_x + pad)
            scale = "linear"
        ax.set_xlabel(f"difference in {name}, point - baseline\n({unit}; {scale})")
        ax.set_title(f"{name}", fontsize=10)
        ax.grid(axis="y", visible=False)
    axes[0][0].set_yticks(y, keep)
    handles, texts = axes[0][0].get_legend_handles_labels()
    fig.suptitle(title, fontsize=11)
    fig.tight_layout(rect=(0, 0.4 / fig.get_figheight(), 1, 1))
    fig.legend(handles[::-1], texts[::-1], loc="lower center", ncol=2, fontsize=9, frameon=False)
    return fig


def _grid_slice(summary, x_col, y_col, fixed):
    others = [c for c in mio.axis_columns(summary) if c not in (x_col, y_col)]
    base = summary.loc[summary["point"] == summary["baseline_point"].iloc[0]].iloc[0]
    fixed = {c: fixed.get(c, base[c]) for c in others}
    rows = summary
    for c, v in fixed.items():
        rows = rows[np.isclose(rows[c].astype(float), float(v))]
    if rows.duplicated([x_col, y_col]).any():
        raise ValueError(f"several points per ({x_col}, {y_col}) cell at {fixed}: not a grid")
    return rows, fixed


def color_scale(values):
    """One colour scale per metric over the whole sweep, so panels compare: logarithmic when the
    positive values span two decades or more; zeros fall below it."""
    positive = values[values > 0]
    if not positive.size:
        return mcolors.Normalize(vmin=1e-12, vmax=1.0)
    lo, hi = positive.min(), positive.max()
    if hi / lo >= 100:
        return mcolors.LogNorm(vmin=lo, vmax=hi)
    return mcolors.Normalize(vmin=lo * (1 - 1e-9), vmax=max(hi, lo * 1.001))


def heatmap(ax, summary: pd.DataFrame, x: str, y: str, metric: str, fixed: dict | None = None):
    """`metric` over two sweep axes (keys or axis_ columns), the other axes fixed at `fixed`
    (default: the baseline point's values). Each cell shows the estimate and its 95 % interval."""
    keys = mio.axis_keys(summary)
    col = {k: c for c, k in keys.items()}
    x_col, y_col = col.get(x, x), col.get(y, y)
    for c in (x_col, y_col):
        if c not in keys:
            raise KeyError(f"{c}: not an axis of this sweep (axes: {', '.join(keys.values())})")
    fixed = {col.get(k, k): v for k, v in (fixed or {}).items()}
    rows, fixed = _grid_slice(summary, x_col, y_col, fixed)
    xs, ys = sorted(rows[x_col].unique()), sorted(rows[y_col].unique())
    grid = rows.pivot(index=y_col, columns=x_col, values=metric).reindex(index=ys, columns=xs)
    lo = rows.pivot(index=y_col, columns=x_col, values=metric + "_lo").reindex(index=ys, columns=xs)
    hi = rows.pivot(index=y_col, columns=x_col, values=metric + "_hi").reindex(index=ys, columns=xs)
    values = grid.to_numpy(float)
    norm = color_scale(summary[metric].to_numpy(float))
    cmap = plt.get_cmap("viridis").copy()
    cmap.set_under("0.85")   # exactly 0: light grey, below the colour scale
    shown = np.where(values > 0, values, norm.vmin * 1e-3)
    im = ax.imshow(shown, origin="lower", aspect="auto", cmap=cmap, norm=norm)
    base = summary.loc[summary["point"] == summary["baseline_point"].iloc[0]].iloc[0]
    for i, yv in enumerate(ys):
        for j, xv in enumerate(xs):
            v = values[i, j]
            if np.isnan(v):
                ax.text(j, i, "missing", ha="center", va="center", fontsize=7)
                continue
            text = f"{fmt(v, metric)}\n[{fmt(lo.iat[i, j], metric)}, {fmt(hi.iat[i, j], metric)}]"
            dark = v > 0 and norm(v) < 0.55
            ax.text(j, i, text, ha="center", va="center", fontsize=7.5,
                    color="white" if dark else "black")
            if np.isclose(xv, base[x_col]) and np.isclose(yv, base[y_col]) and all(
                    np.isclose(float(fixed[c]), float(base[c])) for c in fixed):
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec="red", lw=2))
    ax.set_xticks(range(len(xs)), [f"{v:g}" if isinstance(v, (int, float, np.number)) else v for v in xs])
    ax.set_yticks(range(len(ys)), [f"{v:g}" if isinstance(v, (int, float, np.number)) else v for v in ys])
    ax.set_xlabel(mio.axis_label(summary, x_col))
    ax.set_ylabel(mio.axis_label(summary, y_col))
    ax.grid(False)
    at = ", ".join(f"{mio.axis_keys(summary)[c]}={v:g}" for c, v in fixed.items()) or "no other axes"
    ax.set_title(f"{METRICS.get(metric, (metric,))[0]}  [95 % CI]\nat {at}", fontsize=10)
    bar = ax.figure.colorbar(im, ax=ax, extend="min")
    bar.set_label(metric_name(metric) + "; grey = 0")
    return im


def exceedance_curve(ax, dist: pd.DataFrame, row: pd.Series):
    """P(bad debt >= x) on log-log axes with its Wilson band, VaR and ES marked."""
    n = int(row["paths"])
    d = dist[(dist["bin"] >= 2) & (dist["paths_at_or_above"] > 0)].sort_values("bin")
    if d.empty:
        ax.text(0.5, 0.5, f"no path with bad debt >= 0.01 USD (of {n:,})", ha="center",
                va="center", transform=ax.transAxes)
        return
    x, p = d["loss_lower_usd"].to_numpy(), d["exceedance_prob"].to_numpy()
    ax.fill_between(x, d["exceedance_prob_lo"], d["exceedance_prob_hi"], step="post", color="C0",
                    alpha=0.2, label="95 % Wilson band")
    ax.step(x, p, where="post", color="C0", lw=1.8, label="P(bad debt >= x), at bin edges")
    ax.axhline(row["p_bad_debt"], color="0.4", ls=":", lw=1,
               label=f"P(bad debt > 0) = {row['p_bad_debt']:.4f}")
    for q, color in (("95", "C2"), ("99", "C1"), ("999", "C3")):
        level = {"95": "95 %", "99": "99 %", "999": "99.9 %"}[q]
        var, es = row[f"var_{q}"], row[f"es_{q}"]
        if var > 0:
            ax.axvline(var, color=color, lw=1.4, label=f"VaR {level} = {fmt(var)} USD  "
                       f"[{fmt(row[f'var_{q}_lo'])}, {fmt(row[f'var_{q}_hi'])}]")
        else:
            ax.plot([], [], " ", label=f"VaR {level} = 0 USD (not on a log axis)")
        if es > 0:
            ci = (f"[{fmt(row[f'es_{q}_lo'])}, {fmt(row[f'es_{q}_hi'])}]"
                  if not math.isnan(row[f"es_{q}_lo"]) else "(no CI: < 10 tail losses)")
            ax.axvline(es, color=color, lw=1.4, ls="--", label=f"ES {level} = {fmt(es)} USD  {ci}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(x.min(), max(x.max(), row["bad_debt_max"]) * 1.5)
    ax.set_ylim(min(1.0 / n, p.min()) * 0.5, min(1.0, p.max() * 3))
    ax.set_xlabel("bad debt per path x (USD, log scale)")
    ax.set_ylabel("P(bad debt >= x) (log scale)")
    ax.legend(loc="lower left", fontsize=8, framealpha=0.9)


def ablation_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Each mechanism set to its ideal (the points other than the baseline of a one-at-a-time
    sweep): its paired difference in mean bad debt to the baseline, and that difference as a share
    of the baseline's mean bad debt, with the same sign (-80 %: the ideal setting removes 80 % of
    it; NaN when the baseline has none). Sorted by the difference, the largest removal first."""
    base_point = int(summary["baseline_point"].iloc[0])
    base_mean = float(summary.set_index("point").loc[base_point, "bad_debt_mean"])
    rows = summary[summary["point"] != base_point]
    diff = rows["bad_debt_mean_diff"]
    return pd.DataFrame({
        "mechanism set to ideal": rows["point_label"],
        "mean bad debt diff (USD)": diff,
        "+-1.96 s.e. paired": Z95 * rows["bad_debt_mean_diff_se"],
        "diff / baseline bad debt": diff / base_mean if base_mean > 0 else np.nan,
        "significant (95 %)": diff.abs() > Z95 * rows["bad_debt_mean_diff_se"],
    }).sort_values("mean bad debt diff (USD)").reset_index(drop=True)


# Costs a point can be charged against the baseline, in order of preference: (column, name on the
# figure, whether to divide by the paths). Columns a run lacks (older schema, or a defence that
# does not report them) are skipped.
COSTS = (
    ("false_positive_liquidations", "false-positive liquidations\n(accounts per path liquidated here, not at the baseline)", True),
    ("margin_capacity_lost_mean", "collateral locked: borrowing capacity a tighter margin\ntakes (USD per path, time-average)", False),
    ("keeper_revenue_mean", "keeper revenue (USD per path)", False),
)


def cost_columns(summary: pd.DataFrame, most: int = 2):
    """The costs this run reports (a column present with a non-zero value: an all-zero column,
    e.g. capacity locked in a sweep without a dynamic margin, says nothing), at most `most`."""
    found = [c for c in COSTS if c[0] in summary.columns and (summary[c[0]].fillna(0) != 0).any()]
    return found[:most]


def cost_values(summary: pd.DataFrame, cost) -> np.ndarray:
    column, _, per_path = cost
    x = summary[column].to_numpy(float)
    return x / summary["paths"].to_numpy(float) if per_path else x


def pareto_front(cost, loss) -> list[int]:
    """Indices of the points no other point beats on both (cost and loss no higher, one lower),
    ordered by cost: the frontier of what can be bought. NaNs are never on it."""
    cost, loss = np.asarray(cost, float), np.asarray(loss, float)
    ok = ~(np.isnan(cost) | np.isnan(loss))
    order = [i for i in np.lexsort((loss, cost)) if ok[i]]
    front, best = [], math.inf
    for i in order:
        if loss[i] < best:
            front.append(int(i))
            best = loss[i]
    return front


def frontier(ax, summary: pd.DataFrame, cost, metric: str, labels):
    """Each point's `metric` (95 % interval) against its cost; the baseline in orange, the
    points no other beats on both joined by a line."""
    x = cost_values(summary, cost)
    y = summary[metric].to_numpy(float)
    if metric + "_lo" in summary.columns:
        lo, hi = summary[metric + "_lo"].to_numpy(float), summary[metric + "_hi"].to_numpy(float)
    else:  # a mean: +-1.96 standard errors
        se = summary[metric.replace("_mean", "_se")].to_numpy(float)
        lo, hi = y - Z95 * se, y + Z95 * se
    base = int(summary["baseline_point"].iloc[0])
    is_base = (summary["point"] == base).to_numpy()
    ax.errorbar(x, y, yerr=[y - lo, hi - y], fmt="o", color="C0", ms=5, capsize=3, lw=1,
                label="point, 95 % CI of the metric")
    ax.plot(x[is_base], y[is_base], "o", color="C1", ms=9, label="baseline", zorder=3)
    front = pareto_front(x, y)
    ax.plot(x[front], y[front], "-o", color="C2", lw=1.5, ms=9, mfc="none", mew=1.5,
            label="frontier: no point beats these on both (labelled)")
    # Only the frontier and the baseline are labelled: two dozen labels would hide the points.
    for i in sorted(set(front) | set(np.flatnonzero(is_base))):
        ax.annotate(labels[i], (x[i], y[i]), xytext=(5, 4), textcoords="offset points", fontsize=7.5,
                    color="C1" if is_base[i] else "C2")
    ax.set_xlabel(cost[1])
    ax.set_ylabel(metric_name(metric))
    ax.legend(fontsize=8, loc="best")
