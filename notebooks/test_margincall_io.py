"""The readers' rule as the notebooks apply it, on a small hand-made output tree.

    notebooks/.venv/bin/python -m unittest discover -s notebooks -p 'test_*.py'
"""
import json
import os
import tempfile
import unittest

import pyarrow as pa
import pyarrow.parquet as pq

import margincall_io as mio

GRID_CONFIG = "price {\n    model=gbm\n}\nsweep {\n    axes {}\n    mode=grid\n    points=10\n}\n"
OAT_CONFIG = GRID_CONFIG.replace("mode=grid", "mode=one-at-a-time")


class ReadersRuleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def publish(self, run_id, tables, config=GRID_CONFIG, marked=None, date="2026-01-01", job="adhoc"):
        """Writes one run: a parquet file per table, and _COMPLETE in the `marked` tables."""
        marked = tables if marked is None else marked
        for table in tables:
            part = os.path.join(self.root, table, f"run_date={date}", f"job={job}", f"run_id={run_id}")
            os.makedirs(part)
            frame = pa.table({
                "point": [0, 1], "point_label": ["oracle.delay=0", "oracle.delay=600"],
                "axes": pa.array([[("oracle.delay", 0.0)], [("oracle.delay", 600.0)]],
                                 pa.map_(pa.string(), pa.float64())),
                "axes_text": pa.array([[("oracle.delay", "0")], [("oracle.delay", "600")]],
                                      pa.map_(pa.string(), pa.string())),
                "config": [config, config]})
            pq.write_table(frame, os.path.join(part, "part-00000.parquet"))
            if table in marked:
                with open(os.path.join(part, mio.MARKER), "w") as f:
                    json.dump({"run_id": run_id, "tables": ",".join(tables)}, f)

    def test_only_runs_with_every_marker_count(self):
        self.publish("20260101T000000Z-aaaaaaaa", ["summary", "distribution"])
        self.publish("20260102T000000Z-bbbbbbbb", ["summary", "distribution"], marked=[])
        self.publish("20260103T000000Z-cccccccc", ["summary", "distribution"], marked=["summary"])
        os.makedirs(os.path.join(self.root, "_staging", "20260104T000000Z-dddddddd", "summary"))
        runs = mio.complete_runs(self.root)
        self.assertEqual([r.run_id for r in runs], ["20260101T000000Z-aaaaaaaa"])
        self.assertEqual(runs[0].tables, ("summary", "distribution"))

    def test_newest_of_the_kind_and_clear_errors(self):
        self.publish("20260101T000000Z-aaaaaaaa", ["summary"], config=GRID_CONFIG)
        self.publish("20260102T000000Z-bbbbbbbb", ["summary"], config=OAT_CONFIG)
        self.assertEqual(mio.select_run(self.root).run_id, "20260102T000000Z-bbbbbbbb")
        self.assertEqual(mio.select_run(self.root, kind="grid").run_id, "20260101T000000Z-aaaaaaaa")
        with self.assertRaisesRegex(mio.NoCompleteRun, "is a grid run; this notebook needs a one-at-a-time"):
            mio.select_run(self.root, run_id="20260101T000000Z-aaaaaaaa", kind="one-at-a-time")
        with self.assertRaisesRegex(mio.NoCompleteRun, "no complete latin-hypercube run"):
            mio.select_run(self.root, kind="latin-hypercube")
        with self.assertRaisesRegex(mio.NoCompleteRun, "no complete run with this id"):
            mio.select_run(self.root, run_id="20260101T000000Z-ffffffff")
        with self.assertRaisesRegex(mio.NoCompleteRun, "does not exist"):
            mio.select_run(os.path.join(self.root, "nowhere"))

    def test_read_adds_partition_columns_and_refuses_unmarked(self):
        self.publish("20260101T000000Z-aaaaaaaa", ["summary"], job="nightly")
        run = mio.select_run(self.root)
        summary = run.read("summary")
        self.assertEqual(list(summary["point"]), [0, 1])
        self.assertEqual(set(summary["job"]), {"nightly"})
        self.assertEqual(mio.axis_keys(summary), {"axis_oracle_delay": "oracle.delay"})
        self.assertEqual(list(summary["axis_oracle_delay"]), [0.0, 600.0])
        os.remove(os.path.join(run.partition("summary"), mio.MARKER))
        with self.assertRaisesRegex(mio.NoCompleteRun, "no _COMPLETE marker"):
            run.read("summary")
        with self.assertRaisesRegex(mio.NoCompleteRun, "did not write table 'paths'"):
            run.read("paths")

    def test_axis_columns_from_the_maps(self):
        """One-at-a-time points set one axis each; booleans and strings keep their kind."""
        frame = pa.table({
            "axes": pa.array([[], [("oracle.delay", 0.0)], []], pa.map_(pa.string(), pa.float64())),
            "axes_text": pa.array([[], [("oracle.delay", "0")], [("congestion.enabled", "true")]],
                                  pa.map_(pa.string(), pa.string()))}).to_pandas()
        out = mio.with_axis_columns(frame)
        self.assertEqual(mio.axis_columns(out), ["axis_oracle_delay", "axis_congestion_enabled"])
        self.assertEqual(out["axis_oracle_delay"].fillna(-1).tolist(), [-1, 0.0, -1])
        self.assertEqual(out["axis_congestion_enabled"].tolist(), [None, None, True])

    def test_short_label(self):
        self.assertEqual(mio.short_label("oracle.delay=0, protocol.liquidation-threshold=0.9"),
                         "delay=0, liquidation-threshold=0.9")
        self.assertEqual(mio.short_label("base"), "base")


if __name__ == "__main__":
    unittest.main()
