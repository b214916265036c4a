"""The README's reading examples, as the README prints them, run against real output roots.

Every ```python block of the README's "Output" section is executed, in order, in one namespace,
from a folder where `output` names the root (MARGINCALL_READERS_ROOT: a simulate run and two
sweeps; blocks that use margincall_delta get the Delta root, MARGINCALL_DELTA_ROOT). .ci/run
sets both. A README edit that breaks an example fails here.
"""
import os
import re
import tempfile
import unittest

import margincall_io as mio

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "README.md")
ROOT = os.environ.get("MARGINCALL_READERS_ROOT")
DELTA_ROOT = os.environ.get("MARGINCALL_DELTA_ROOT")


def output_examples(text: str) -> list[str]:
    """The ```python blocks of the section '## Output', verbatim."""
    section = re.search(r"^## Output\n(.*?)(?=^## )", text, re.M | re.S).group(1)
    return re.findall(r"^```python\n(.*?)^```", section, re.M | re.S)


@unittest.skipUnless(ROOT and DELTA_ROOT, "set MARGINCALL_READERS_ROOT and MARGINCALL_DELTA_ROOT")
class ReadmeExamplesTest(unittest.TestCase):
    def test_the_examples_run_and_read_every_complete_run(self):
        with open(README, encoding="utf-8") as f:
            blocks = output_examples(f.read())
        self.assertGreaterEqual(len(blocks), 3, "the README's Output section lost its examples")
        names, delta_names = {}, {}
        cwd = os.getcwd()
        with tempfile.TemporaryDirectory() as tmp:
            try:
                os.chdir(tmp)
                for block in blocks:
                    delta = "margincall_delta" in block
                    if os.path.islink("output"):
                        os.remove("output")
                    os.symlink(os.path.abspath(DELTA_ROOT if delta else ROOT), "output")
                    exec(compile(block, "README.md (Output)", "exec"), delta_names if delta else names)
            finally:
                os.chdir(cwd)
        complete = {r.run_id for r in mio.complete_runs(ROOT)}
        newest = max(complete)
        # pandas / pyarrow: the newest run, then every complete run with its axes as columns.
        self.assertEqual(set(names["summary"]["run_id"]), {newest})
        self.assertGreater(len(names["curve"]), 0)
        self.assertEqual(set(names["every"]["run_id"]), complete)
        swept = {r.run_id for r in mio.complete_runs(ROOT) if mio.axis_columns(r.summary())}
        self.assertEqual(set(names["every"].loc[names["axes"].notna().any(axis=1), "run_id"]), swept)
        # DuckDB: every complete run, oracle.delay where a run sweeps it.
        points = names["points"]
        self.assertEqual(set(points["run_id"]), complete)
        self.assertEqual(len(points), len(names["every"]))
        with_delay = {r.run_id for r in mio.complete_runs(ROOT) if "axis_oracle_delay" in r.summary()}
        self.assertEqual(set(points.loc[points["oracle_delay"].notna(), "run_id"]), with_delay)
        # Delta: the snapshot holds exactly the summary's runs.
        self.assertEqual(set(delta_names["summary"].column("run_id").to_pylist()),
                         {r.run_id for r in mio.complete_runs(DELTA_ROOT)})


if __name__ == "__main__":
    unittest.main()
