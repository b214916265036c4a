"""Readers with no options see every column of every run (src/docs/output.md, schema 8 on).

Runs on a real output root that holds several kinds of run (a simulate run and two different
sweeps), named by MARGINCALL_READERS_ROOT; .ci/run makes one and sets it:

    MARGINCALL_READERS_ROOT=/tmp/out notebooks/.venv/bin/python -m unittest notebooks/test_output_readers.py

pandas, pyarrow datasets and DuckDB take a dataset's schema from one file; when runs wrote
different columns (axis_<key> columns before schema 8), the other runs' columns were silently dropped.
"""
import glob
import os
import unittest

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

ROOT = os.environ.get("MARGINCALL_READERS_ROOT")
TABLES = ("summary", "distribution")
PARTITIONS = {"run_date", "job", "run_id"}


def run_files(root, table):
    """run id -> its Parquet files, from the directory layout."""
    out = {}
    for path in sorted(glob.glob(f"{root}/{table}/run_date=*/job=*/run_id=*/*.parquet")):
        run_id = os.path.basename(os.path.dirname(path))[len("run_id="):]
        out.setdefault(run_id, []).append(path)
    return out


def axis_keys(pairs_column):
    """Every key of a map column read as lists of (key, value) pairs."""
    return {k for pairs in pairs_column if pairs is not None for k, _ in pairs}


@unittest.skipUnless(ROOT, "set MARGINCALL_READERS_ROOT to an output root with several kinds of run")
class EveryReaderSeesEveryRunTest(unittest.TestCase):
    def expected(self, table):
        """Per run, read file by file: its columns and its axis keys; and all rows."""
        runs = run_files(ROOT, table)
        columns, keys, rows = set(), {}, 0
        for run_id, files in runs.items():
            for f in files:
                frame = pq.read_table(f).to_pandas()
                columns |= set(frame.columns)
                keys[run_id] = keys.get(run_id, set()) | axis_keys(frame.get("axes_text", []))
                rows += len(frame)
        return runs, columns | PARTITIONS, keys, rows

    def test_the_root_holds_a_simulate_run_and_two_different_sweeps(self):
        _, _, keys, _ = self.expected("summary")
        axis_sets = {frozenset(k) for k in keys.values()}
        self.assertIn(frozenset(), axis_sets, "no simulate run (a run without axes)")
        self.assertGreaterEqual(len(axis_sets - {frozenset()}), 2, f"fewer than two sweeps: {keys}")

    def check(self, table, frame):
        runs, columns, keys, rows = self.expected(table)
        self.assertEqual(set(frame.columns), columns, table)
        self.assertEqual(len(frame), rows, table)
        for run_id, run_keys in keys.items():
            got = frame[frame["run_id"] == run_id]
            self.assertEqual(axis_keys(got["axes_text"]), run_keys, f"{table} run {run_id}")

    def test_created_at_is_an_instant_in_utc(self):
        """Parquet TIMESTAMP(MICROS, UTC), not INT96 (no time zone), in every table."""
        import pyarrow as pa
        for table in TABLES + ("paths",):
            for files in run_files(ROOT, table).values():
                for f in files:
                    self.assertEqual(pq.read_schema(f).field("created_at").type,
                                     pa.timestamp("us", tz="UTC"), f)

    def test_pandas(self):
        for table in TABLES:
            self.check(table, pd.read_parquet(f"{ROOT}/{table}"))

    def test_pyarrow_dataset(self):
        for table in TABLES:
            self.check(table, ds.dataset(f"{ROOT}/{table}", partitioning="hive").to_table().to_pandas())

    def test_duckdb(self):
        for table in TABLES:
            frame = duckdb.sql(f"SELECT * FROM read_parquet('{ROOT}/{table}/*/*/*/*.parquet', "
                               "hive_partitioning = true)").df()
            # DuckDB gives a map cell as a dict; the check reads pairs.
            for c in ("axes", "axes_text"):
                frame[c] = frame[c].map(lambda m: list(m.items()) if m is not None else None)
            self.check(table, frame)

    def test_duckdb_reads_an_axis_by_key(self):
        _, _, keys, _ = self.expected("summary")
        key = sorted(set().union(*keys.values()))[0]
        with_key = [r for r, k in keys.items() if key in k]
        got = duckdb.sql(f"SELECT DISTINCT run_id FROM read_parquet('{ROOT}/summary/*/*/*/*.parquet', "
                         f"hive_partitioning = true) WHERE axes_text['{key}'] IS NOT NULL").fetchall()
        self.assertEqual(sorted(r for (r,) in got), sorted(with_key))


if __name__ == "__main__":
    unittest.main()
