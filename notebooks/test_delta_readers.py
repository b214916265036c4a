"""A Delta Lake output root (output.format = delta) read without Spark: margincall_delta /
margincall_io (pyarrow) and DuckDB (on the Arrow table), checked against Spark's view.

.ci/run makes the root and sets MARGINCALL_DELTA_ROOT: a simulate run (job adhoc), an ablation
sweep replaced by a nightly sweep (job nightly, --replace, same date), then a run of the nightly
sweep killed (SIGKILL) while it computes; MARGINCALL_DELTA_RUNS names the file holding
`margincall runs` of that root (Spark's reading).
"""
import glob
import json
import os
import unittest

import duckdb
import pyarrow as pa

import margincall_delta as mdelta
import margincall_io as mio

ROOT = os.environ.get("MARGINCALL_DELTA_ROOT")
TABLES = ("summary", "distribution", "paths")


def commit(table, version):
    with open(os.path.join(ROOT, table, "_delta_log", f"{version:020d}.json"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@unittest.skipUnless(ROOT, "set MARGINCALL_DELTA_ROOT to a Delta output root made as .ci/run does")
class DeltaRootTest(unittest.TestCase):
    def runs(self):
        return {r.run_id: r for r in mio.complete_runs(ROOT)}

    def test_the_replaced_and_the_killed_runs_are_not_there(self):
        runs = self.runs()
        scenarios = {r.job: r.summary()["scenario"].iloc[0] for r in runs.values()}
        self.assertEqual(scenarios, {"adhoc": "quickstart", "nightly": "nightly-sweep"})
        # One summary commit per finished run; the killed run committed nothing anywhere.
        self.assertEqual(mdelta.versions(os.path.join(ROOT, "summary")), [0, 1, 2])
        for table in TABLES:
            self.assertEqual({r for _, _, r in mdelta.runs(os.path.join(ROOT, table))}, set(runs), table)
        self.assertFalse(glob.glob(os.path.join(ROOT, "_staging", "*")), "Delta runs stage nothing")

    def test_the_replacing_run_swapped_its_date_and_job_in_one_commit(self):
        ablation = {v["run_id"] for v in mdelta.active_files(os.path.join(ROOT, "summary"), 1).values()
                    if v["job"] == "nightly"}
        self.assertEqual(len(ablation), 1)
        actions = commit("summary", 2)
        removed = {a["remove"]["partitionValues"]["run_id"] for a in actions if "remove" in a}
        added = {a["add"]["partitionValues"]["run_id"] for a in actions if "add" in a}
        self.assertEqual(removed, ablation)
        self.assertEqual(added, {r for r, run in self.runs().items() if run.job == "nightly"})
        # Time travel: version 1 still reads the ablation run, whole.
        old = mdelta.read(os.path.join(ROOT, "summary"), version=1).to_pandas()
        self.assertEqual(set(old[old["job"] == "nightly"]["scenario"]), {"ablation"})

    def test_every_table_of_every_run_reads_with_margincall_io_and_duckdb(self):
        for run in self.runs().values():
            self.assertEqual(run.tables, TABLES)
            points = len(run.summary())
            self.assertEqual(points, 1 if run.job == "adhoc" else 24)
            for table in TABLES:
                frame = run.read(table)
                arrow = mdelta.read(os.path.join(ROOT, table), run.run_id)
                rows, distinct = duckdb.sql("SELECT count(*), count(DISTINCT point) FROM arrow").fetchone()
                self.assertEqual(rows, len(frame), f"{table} of {run}")
                # paths keeps sampled and bad-debt paths only: not every point need have one.
                if table == "paths":
                    self.assertLessEqual(distinct, points, f"{table} of {run}")
                else:
                    self.assertEqual(distinct, points, f"{table} of {run}")
            summary = mdelta.read(os.path.join(ROOT, "summary"), run.run_id)
            self.assertEqual(summary.schema.field("created_at").type, pa.timestamp("us", tz="UTC"))
            delays = duckdb.sql("SELECT DISTINCT axes['oracle.delay'] FROM summary "
                                "WHERE axes['oracle.delay'] IS NOT NULL ORDER BY 1").fetchall()
            expected = [(0.0,), (600.0,), (1800.0,), (3600.0,)] if run.job == "nightly" else []
            self.assertEqual(delays, expected)

    def test_spark_lists_the_same_runs(self):
        listing = os.environ.get("MARGINCALL_DELTA_RUNS")
        if not listing:
            self.skipTest("MARGINCALL_DELTA_RUNS not set")
        with open(listing, encoding="utf-8") as f:
            rows = [line.split() for line in f if line.strip() and not line.startswith("run_date")]
        spark = {r[2]: (r[0], r[1], r[3], int(r[4]), r[6]) for r in rows}
        ours = {r.run_id: (r.run_date, r.job, r.summary()["scenario"].iloc[0], len(r.summary()), "yes")
                for r in self.runs().values()}
        self.assertEqual(spark, ours)


if __name__ == "__main__":
    unittest.main()
