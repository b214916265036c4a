"""Reading margincall's Parquet output in notebooks: the readers' rule lives here, once.

Layout (src/docs/output.md): <root>/<table>/run_date=YYYY-MM-DD/job=<job>/run_id=<id>/.
A run's partition of a table may be read only when it holds `_COMPLETE`, which the run writes
last; a run counts as complete when its summary partition holds the marker and so does the
partition of every table the marker lists. Runs that failed, were killed or are still being
published are therefore never read, whatever else lies on disk.

    import margincall_io as mio
    run = mio.select_run("../output", kind="grid")   # newest complete grid sweep
    summary = run.read("summary")

Local paths only (a mounted or copied output root): the notebooks do not reach HDFS or S3.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

import pandas as pd
import pyarrow.dataset as ds

import margincall_delta as mdelta

MARKER = "_COMPLETE"

# How each kind of run is made, for the message when a root has none (README, conf/*.conf).
HOW_TO_MAKE = {
    "any": "jobs/margincall simulate --conf conf/quickstart.conf",
    "single": "jobs/margincall simulate --conf conf/quickstart.conf",
    "grid": "jobs/margincall sweep --conf conf/nightly-sweep.conf --set run.paths=5000 "
            "--target 'P(bad debt) <= 0.01'",
    "one-at-a-time": "jobs/margincall sweep --conf conf/ablation.conf",
}

# Units of the usual sweep axes, for axis labels (reference.conf is the authority).
AXIS_UNITS = {
    "oracle.delay": "s",
    "oracle.heartbeat": "s",
    "oracle.deviation": "fraction",
    "protocol.bonus": "fraction of repaid debt",
    "protocol.liquidation-threshold": "fraction",
    "protocol.close-factor": "fraction of debt",
    "protocol.dust": "USD",
    "insurance.balance": "USD",
    "insurance.bonus-share": "fraction",
    "price.gbm.volatility": "1/yr",
    "price.gbm.drift": "1/yr",
}


class NoCompleteRun(LookupError):
    """The output root holds no complete run that fits the request."""


@dataclass(frozen=True)
class Run:
    """One complete run: where it lies and which tables it published."""

    root: str
    run_date: str
    job: str
    run_id: str
    tables: tuple = field(default=())
    format: str = "parquet"

    def partition(self, table: str) -> str:
        return os.path.join(self.root, table, f"run_date={self.run_date}", f"job={self.job}",
                            f"run_id={self.run_id}")

    def read(self, table: str, filter=None, columns=None) -> pd.DataFrame:
        """The run's partition of `table` as a DataFrame, with run_date, job and run_id columns.

        Refuses a partition without the marker, so nothing half-written is ever read.
        """
        part = self.partition(table)
        if table not in self.tables:
            raise NoCompleteRun(f"run {self.run_id} did not write table '{table}' "
                                f"(it wrote: {', '.join(self.tables)})")
        if self.format == "delta":
            frame = mdelta.read(os.path.join(self.root, table), self.run_id, filter=filter,
                                columns=columns)
            out = with_axis_columns(frame.drop_columns(
                [c for c in ("run_date", "job", "run_id") if c in frame.column_names]).to_pandas())
            out["run_date"], out["job"], out["run_id"] = self.run_date, self.job, self.run_id
            return out
        if not os.path.isfile(os.path.join(part, MARKER)):
            raise NoCompleteRun(f"{part}: no {MARKER} marker; the run is incomplete, not read")
        # Files named _* or .* (Spark's _SUCCESS, .crc, the marker) are skipped by default.
        frame = ds.dataset(part, format="parquet").to_table(filter=filter, columns=columns)
        out = with_axis_columns(frame.to_pandas())
        out["run_date"], out["job"], out["run_id"] = self.run_date, self.job, self.run_id
        return out

    def summary(self) -> pd.DataFrame:
        return self.read("summary").sort_values("point").reset_index(drop=True)

    def kind(self) -> str:
        return run_kind(self.summary())

    def __str__(self) -> str:
        return f"run {self.run_id} (run_date {self.run_date}, job {self.job})"


def complete_runs(root: str) -> list[Run]:
    """Every complete run under `root`, oldest first (run ids start with their UTC start time).
    In a Delta root (output.format = delta) a run is complete when the summary table holds it."""
    runs = []
    summary_root = os.path.join(root, "summary")
    if mdelta.is_delta(summary_root):
        tables = {t: {r for _, _, r in mdelta.runs(os.path.join(root, t))}
                  for t in ("summary", "distribution", "paths", "recommendation")
                  if mdelta.is_delta(os.path.join(root, t))}
        for run_date, job, run_id in mdelta.runs(summary_root):
            runs.append(Run(root, run_date, job, run_id,
                            tuple(t for t, ids in tables.items() if run_id in ids), "delta"))
        return sorted(runs, key=lambda r: r.run_id)
    if not os.path.isdir(summary_root):
        return runs
    for date_dir in _subdirs(summary_root, "run_date="):
        for job_dir in _subdirs(os.path.join(summary_root, date_dir), "job="):
            for id_dir in _subdirs(os.path.join(summary_root, date_dir, job_dir), "run_id="):
                marker = os.path.join(summary_root, date_dir, job_dir, id_dir, MARKER)
                if not os.path.isfile(marker):
                    continue
                run = Run(root, date_dir[len("run_date="):], job_dir[len("job="):],
                          id_dir[len("run_id="):], _tables(marker))
                if all(os.path.isfile(os.path.join(run.partition(t), MARKER)) for t in run.tables):
                    runs.append(run)
    return sorted(runs, key=lambda r: r.run_id)


def select_run(root: str, run_id: str | None = None, run_date: str | None = None,
               kind: str = "any", tables: tuple = ("summary",)) -> Run:
    """The run to analyse: `run_id` if given, else the newest complete run of `kind`.

    kind: "any", "single" (simulate), "grid", "latin-hypercube" or "one-at-a-time"; `tables`
    must all have been published. Raises NoCompleteRun with what exists and how to make one.
    """
    if not os.path.isdir(root):
        raise NoCompleteRun(f"output root {os.path.abspath(root)} does not exist; set "
                            f"MARGINCALL_RUN_DIR, or make a run: {HOW_TO_MAKE.get(kind, HOW_TO_MAKE['any'])}")
    runs = complete_runs(root)
    if run_id:
        found = [r for r in runs if r.run_id == run_id]
        if not found:
            raise NoCompleteRun(f"run {run_id}: no complete run with this id under "
                                f"{os.path.abspath(root)}; complete runs: "
                                f"{', '.join(r.run_id for r in runs) or 'none'}")
        candidates = found
    else:
        candidates = [r for r in runs if run_date is None or r.run_date == run_date]
    for run in reversed(candidates):
        missing = [t for t in tables if t not in run.tables]
        if missing:
            if run_id:
                raise NoCompleteRun(f"{run} has no {', '.join(missing)} table")
            continue
        if kind == "any":
            return run
        got = run.kind()
        if got == kind:
            return run
        if run_id:
            raise NoCompleteRun(f"{run} is a {got} run; this notebook needs a {kind} run")
    where = f" for run_date {run_date}" if run_date else ""
    raise NoCompleteRun(
        f"no complete {kind} run with tables {', '.join(tables)} under {os.path.abspath(root)}{where} "
        f"({len(runs)} complete run(s) there, none fits). Make one with:\n  "
        f"{HOW_TO_MAKE.get(kind, HOW_TO_MAKE['any'])} --out {root}")


def run_kind(summary: pd.DataFrame) -> str:
    """"single" for a run without axes, else the sweep.mode recorded in its resolved config."""
    if not axis_columns(summary):
        return "single"
    match = re.search(r"^sweep \{\n(.*?)^\}", summary["config"].iloc[0], re.M | re.S)
    mode = match and re.search(r"^ {4}mode=\"?([\w-]+)", match.group(1), re.M)
    if not mode:
        raise ValueError("cannot find sweep.mode in the summary's config column")
    return mode.group(1)


def axis_column(key: str) -> str:
    """'protocol.liquidation-threshold' -> 'axis_protocol_liquidation_threshold'."""
    return "axis_" + re.sub(r"[^A-Za-z0-9]", "_", key)


def with_axis_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with one `axis_<key>` column per sweep axis, from the `axes` / `axes_text` maps
    (src/docs/output.md): numeric axes as floats, booleans as booleans, other axes as text; empty
    (NaN / None) where a point does not set the axis (one-at-a-time sweeps)."""
    if "axes_text" not in frame.columns:
        return frame
    numbers = frame["axes"].map(lambda pairs: dict(pairs) if pairs is not None else {})
    text = frame["axes_text"].map(lambda pairs: dict(pairs) if pairs is not None else {})
    keys = list(dict.fromkeys(k for row in frame["axes_text"] if row is not None for k, _ in row))
    columns = {}
    for key in keys:
        if any(key in row for row in numbers):
            columns[axis_column(key)] = numbers.map(lambda row: row.get(key, float("nan")))
        else:
            words = text.map(lambda row: row.get(key))
            if set(words.dropna()) <= {"true", "false"}:
                words = words.map(lambda w: None if w is None else w == "true")
            columns[axis_column(key)] = words
    return frame.assign(**columns)


def axis_columns(summary: pd.DataFrame) -> list[str]:
    """The sweep's axis columns, in axis order."""
    return [c for c in summary.columns if c.startswith("axis_")]


def axis_keys(summary: pd.DataFrame) -> dict[str, str]:
    """Column -> config key (axis_protocol_liquidation_threshold -> protocol.liquidation-threshold),
    recovered from the point labels, which name the keys as written."""
    by_column = {}
    for label in summary["point_label"]:
        for part in label.split(", "):
            key = part.split("=", 1)[0]
            by_column[axis_column(key)] = key
    return {c: by_column.get(c, c[len("axis_"):]) for c in axis_columns(summary)}


def axis_values(summary: pd.DataFrame) -> pd.DataFrame:
    """Each point's axis values, one column per axis named by its config key, indexed by point:
    a table shows them in full (point labels cut to a column width made rows look alike)."""
    keys = axis_keys(summary)
    return summary.set_index("point")[list(keys)].rename(columns=keys)


def axis_label(summary: pd.DataFrame, column: str) -> str:
    """'oracle.delay (s)': the key and its unit, for an axis label."""
    key = axis_keys(summary)[column]
    unit = AXIS_UNITS.get(key)
    return f"{key} ({unit})" if unit else key


def short_label(label: str) -> str:
    """'oracle.delay=0, protocol.bonus=0.05' -> 'delay=0, bonus=0.05': point labels for tick marks."""
    return ", ".join(part.split("=", 1)[0].rsplit(".", 1)[-1] + ("=" + part.split("=", 1)[1]
                     if "=" in part else "") for part in label.split(", "))


def caption(run: Run, summary: pd.DataFrame) -> str:
    """One line naming what a figure is made of: scenario, run, paths, steps."""
    row = summary.iloc[0]
    return (f"{row['scenario']} | {run.run_id} ({run.job}, {run.run_date}) | "
            f"N = {int(row['paths']):,} paths x {int(row['steps']):,} steps of {row['step_seconds']:g} s")


def _subdirs(path: str, prefix: str) -> list[str]:
    if not os.path.isdir(path):
        return []
    return sorted(d for d in os.listdir(path)
                  if d.startswith(prefix) and os.path.isdir(os.path.join(path, d)))


def _tables(marker: str) -> tuple:
    """The tables a run published, from its marker (JSON with a comma-separated "tables")."""
    try:
        with open(marker, encoding="utf-8") as f:
            listed = json.load(f).get("tables", "summary")
    except (OSError, ValueError):
        listed = "summary"
    return tuple(t for t in listed.split(",") if t)
