"""Reading margincall's Delta Lake tables (output.format = delta) with pyarrow alone.

The `deltalake` package is not on this project's package mirror, and DuckDB's `delta` extension
is downloaded at first use (no network here), so this module replays a table's transaction log
(`_delta_log/`: the newest checkpoint, then the JSON commits after it; the Delta protocol's
"add" and "remove" actions) to find the data files of a snapshot, and reads them with pyarrow.
Tables with deletion vectors or column mapping (features margincall does not turn on) are
refused rather than misread. DuckDB then queries the Arrow table (README, "Output").

    import margincall_delta as mdelta
    summary = mdelta.read("out/summary")                  # newest snapshot, every run
    old = mdelta.read("out/summary", version=3)           # time travel
"""
from __future__ import annotations

import glob
import json
import os
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

# The partition columns margincall writes, with their types (src/docs/output.md).
PARTITIONS = pa.schema([("run_date", pa.date32()), ("job", pa.string()), ("run_id", pa.string())])
UNSUPPORTED = {"deletionVectors", "columnMapping"}


def is_delta(table_path: str) -> bool:
    return os.path.isdir(os.path.join(table_path, "_delta_log"))


def versions(table_path: str) -> list[int]:
    """The committed versions of the table, ascending."""
    log = os.path.join(table_path, "_delta_log")
    return sorted(int(os.path.basename(f)[:20]) for f in glob.glob(os.path.join(log, "[0-9]" * 20 + ".json")))


def active_files(table_path: str, version: int | None = None) -> dict[str, dict]:
    """Data file (relative path) -> its partition values, in the snapshot at `version` (newest
    if None)."""
    log = os.path.join(table_path, "_delta_log")
    committed = versions(table_path)
    if not committed:
        raise ValueError(f"{table_path}: not a Delta table with commits (no _delta_log/*.json)")
    newest = committed[-1] if version is None else version
    if newest not in committed:
        raise ValueError(f"{table_path}: no version {newest}; versions {committed[0]}..{committed[-1]}")
    files: dict[str, dict] = {}
    start = 0
    checkpoints = sorted({int(os.path.basename(f)[:20])
                          for f in glob.glob(os.path.join(log, "[0-9]" * 20 + ".checkpoint*.parquet"))})
    checkpoints = [c for c in checkpoints if c <= newest]
    if checkpoints:
        at = checkpoints[-1]
        for part in sorted(glob.glob(os.path.join(log, f"{at:020d}.checkpoint*.parquet"))):
            table = pq.read_table(part)
            for row in table.select([c for c in ("protocol", "metaData", "add") if c in table.column_names]).to_pylist():
                _apply(row, files, table_path)
        start = at + 1
    for v in range(start, newest + 1):
        with open(os.path.join(log, f"{v:020d}.json"), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    _apply(json.loads(line), files, table_path)
    return files


def _apply(action: dict, files: dict, table_path: str) -> None:
    if action.get("protocol"):
        features = set(action["protocol"].get("readerFeatures") or ())
        if features & UNSUPPORTED:
            raise ValueError(f"{table_path}: uses {', '.join(sorted(features & UNSUPPORTED))}; "
                             "read it with Spark")
    if action.get("metaData"):
        config = dict(action["metaData"].get("configuration") or {})
        if config.get("delta.columnMapping.mode", "none") != "none":
            raise ValueError(f"{table_path}: uses column mapping; read it with Spark")
    if action.get("add"):
        values = action["add"].get("partitionValues") or {}
        files[action["add"]["path"]] = dict(values) if not isinstance(values, dict) else values
    elif action.get("remove"):
        files.pop(action["remove"]["path"], None)


def read(table_path: str, run_id: str | None = None, version: int | None = None,
         filter=None, columns=None) -> pa.Table:
    """The table's snapshot (newest, or `version`) as Arrow, with run_date, job and run_id;
    only `run_id`'s rows if given."""
    files = [os.path.join(table_path, unquote(p)) for p, values in active_files(table_path, version).items()
             if run_id is None or values.get("run_id") == run_id]
    if not files:
        raise ValueError(f"{table_path}: no rows" + (f" of run {run_id}" if run_id else ""))
    dataset = ds.dataset(files, format="parquet", partition_base_dir=table_path,
                         partitioning=ds.partitioning(PARTITIONS, flavor="hive"))
    return dataset.to_table(filter=filter, columns=columns)


def runs(table_path: str) -> set[tuple[str, str, str]]:
    """(run_date, job, run_id) of every run with rows in the newest snapshot."""
    return {(v["run_date"], v["job"], v["run_id"]) for v in active_files(table_path).values()}
