"""The report's tables say what their numbers are.

    notebooks/.venv/bin/python -m unittest discover -s notebooks -p 'test_*.py'
"""
import unittest

import pandas as pd

import margincall_io as mio
import margincall_plots as mplots


class AblationTableTest(unittest.TestCase):
    def test_the_share_has_the_sign_of_the_difference(self):
        # Baseline (point 0) 100 USD per path; point 1 removes 80 of it, point 2 adds 20.
        summary = pd.DataFrame({
            "point": [0, 1, 2], "baseline_point": [0, 0, 0],
            "point_label": ["base", "oracle.delay=0", "keeper.min-profit-usd=0"],
            "bad_debt_mean": [100.0, 20.0, 120.0],
            "bad_debt_mean_diff": [0.0, -80.0, 20.0],
            "bad_debt_mean_diff_se": [0.0, 5.0, 15.0]})
        table = mplots.ablation_table(summary)
        self.assertEqual(["oracle.delay=0", "keeper.min-profit-usd=0"], list(table["mechanism set to ideal"]))
        self.assertEqual([-0.8, 0.2], list(table["diff / baseline bad debt"]))
        self.assertEqual([True, False], list(table["significant (95 %)"]))


class AxisValuesTest(unittest.TestCase):
    def test_points_differing_late_in_a_long_label_are_told_apart(self):
        labels = [f"accounts.generated.size-median-usd=50000, protocol.liquidation-threshold=0.8, "
                  f"insurance.balance={b}" for b in (0, 1000)]
        summary = pd.DataFrame({
            "point": [0, 1], "point_label": labels,
            "axis_accounts_generated_size_median_usd": [50000, 50000],
            "axis_protocol_liquidation_threshold": [0.8, 0.8],
            "axis_insurance_balance": [0, 1000]})
        values = mio.axis_values(summary)
        self.assertEqual(["accounts.generated.size-median-usd", "protocol.liquidation-threshold",
                          "insurance.balance"], list(values.columns))
        self.assertEqual([0, 1000], list(values["insurance.balance"]))
        self.assertEqual([0, 1], list(values.index))


if __name__ == "__main__":
    unittest.main()


class FrontierTest(unittest.TestCase):
    def test_the_front_keeps_only_points_nothing_beats_on_both(self):
        # (cost, loss): 0 (0, 10) cheapest; 1 (1, 4) beats 2 (2, 6) on both; 3 (3, 4) ties 1 on
        # loss at a higher cost, so it is beaten; 4 (5, 0) the safest; 5 has no cost (NaN).
        cost = [0, 1, 2, 3, 5, float("nan")]
        loss = [10, 4, 6, 4, 0, 1]
        self.assertEqual([0, 1, 4], mplots.pareto_front(cost, loss))

    def test_costs_the_run_lacks_are_skipped(self):
        summary = pd.DataFrame({"paths": [10, 10], "false_positive_liquidations": [None, None],
                                "margin_capacity_lost_mean": [0.0, 0.0], "keeper_revenue_mean": [1.0, 2.0]})
        self.assertEqual(["keeper_revenue_mean"], [c[0] for c in mplots.cost_columns(summary)])
        summary["false_positive_liquidations"] = [0, 30]
        costs = mplots.cost_columns(summary)
        self.assertEqual("false_positive_liquidations", costs[0][0])
        self.assertEqual([0.0, 3.0], list(mplots.cost_values(summary, costs[0])))
