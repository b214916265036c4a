#!/usr/bin/env bash
# The ideal case of SPEC 2.7 side by side (issue 19; by hand, not CI): conf/bench/ideal-case.conf
# run by margincall step by step (with the oracle-gap statistics, and without them:
# statistics.oracle-gap = false, each path finished once its account is closed; and with
# sampling.crossing = last-stretch) and with sampling.crossing = bridge (launcher, local[2]), by a
# numba per-path loop (numpy's SFC64 and ziggurat normals, each path simulated until its
# outcome is fixed, 2 threads) and by a vectorised numpy version (src/jmh/python/ideal_case.py).
# Prints each one's simulation time and whole-process wall time, the ratios to numba and
# P(liquidation) and P(bad debt) with standard errors, flagging any pair more than 4 standard
# errors apart.
#   jobs/bench-ideal.sh [PATHS] [--smoke] [--no-numpy]
#   (default 2,000,000 paths; --smoke: 20,000 paths, a check that everything runs)
# Python packages (src/jmh/python/requirements.txt, exact pins) go into a venv under
# ${XDG_CACHE_HOME:-~/.cache}/margincall/bench-venv (BENCH_VENV overrides), from the package
# index pip is configured with.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
paths=2000000
numpy=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) paths=20000 ;;
    --no-numpy) numpy=0 ;;
    [0-9]*) paths="$1" ;;
    *) echo "bench-ideal: unknown option $1 (allowed: PATHS, --smoke, --no-numpy)" >&2; exit 2 ;;
  esac
  shift
done
req=src/jmh/python/requirements.txt
venv="${BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/margincall/bench-venv}"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "bench-ideal: installing $req into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --retries 0 -q -r "$req" >&2
  echo "$want" >"$stamp"
fi
jobs/margincall --help >/dev/null  # builds on first use, outside the timings
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The launcher's class-data sharing archive, outside the timings too: a small run records the
# classes (if no archive exists yet), and the next launch builds the archive and waits for it.
conf=conf/bench/ideal-case.conf
jobs/margincall simulate --conf "$conf" --set run.paths=2000 --master 'local[2]' \
  --out "$out/warm-up" >/dev/null 2>&1
MARGINCALL_CDS=wait jobs/margincall --help >/dev/null

# run NAME COMMAND...: whole-process wall seconds into $out/NAME.wall, its output into $out/NAME.log
run() {
  local name="$1"
  shift
  echo "== $name" >&2
  /usr/bin/time -f '%e' -o "$out/$name.wall" "$@" >"$out/$name.log" 2>&1 || {
    cat "$out/$name.log" >&2; exit 1; }
}
run margincall-steps jobs/margincall simulate --conf "$conf" --set run.paths="$paths" \
  --master 'local[2]' --out "$out/steps"
run margincall-steps-early jobs/margincall simulate --conf "$conf" --set run.paths="$paths" \
  --set statistics.oracle-gap=false --master 'local[2]' --out "$out/steps-early"
run margincall-last-stretch jobs/margincall simulate --conf "$conf" --set run.paths="$paths" \
  --set sampling.crossing=last-stretch --master 'local[2]' --out "$out/last-stretch"
run margincall-bridge jobs/margincall simulate --conf "$conf" --set run.paths="$paths" \
  --set sampling.crossing=bridge --master 'local[2]' --out "$out/bridge"
run numba "$venv/bin/python" src/jmh/python/ideal_case.py numba "$paths" 2
if [[ "$numpy" == 1 ]]; then
  run numpy "$venv/bin/python" src/jmh/python/ideal_case.py numpy "$paths" 2
fi

"$venv/bin/python" - "$out" "$paths" <<'PY'
import math, pathlib, re, sys
out, paths = pathlib.Path(sys.argv[1]), int(sys.argv[2])
steps = 1440
rows = {}
for log in sorted(out.glob("*.log")):
    name, text = log.stem, log.read_text()
    wall = float((out / f"{name}.wall").read_text().split()[-1])
    if name.startswith("margincall"):
        job = float(re.search(r"in ([0-9.]+) s", text).group(1))
        liq = float(re.search(r"P\(liquidation\)\s+([0-9.]+)", text).group(1))
        bad = float(re.search(r"P\(bad debt > 0\)\s+([0-9.]+)", text).group(1))
    else:
        job = float(re.search(r"in ([0-9.]+) s", text).group(1))
        liq = float(re.search(r"p_liq ([0-9.]+)", text).group(1))
        bad = float(re.search(r"p_bad ([0-9.]+)", text).group(1))
    rows[name] = (job, wall, liq, bad)
se = lambda p: math.sqrt(p * (1 - p) / paths)
base = rows["numba"]
print(f"ideal case (conf/bench/ideal-case.conf), {paths:,} paths x {steps:,} steps, 2 threads")
print(f"{'':23s} {'job s':>8s} {'ns/path-step':>12s} {'whole s':>8s} {'job/numba':>9s} "
      f"{'whole/numba':>11s}  {'P(liq) +- se':>18s}  {'P(bad) +- se':>18s}")
for name, (job, wall, liq, bad) in rows.items():
    flags = [what for what, p, q in (("P(liq)", liq, base[2]), ("P(bad)", bad, base[3]))
             if abs(p - q) > 4 * math.sqrt(se(p) ** 2 + se(q) ** 2)]
    print(f"{name:23s} {job:8.2f} {job * 1e9 / (paths * steps):12.3f} {wall:8.2f} "
          f"{job / base[0]:9.2f} {wall / base[1]:11.2f}  {liq:.5f} +- {se(liq):.5f}  "
          f"{bad:.5f} +- {se(bad):.5f}" + (f"  DIFFER from numba: {', '.join(flags)}" if flags else ""))
print("job: margincall's own job time (Spark session start-up excluded), the peers' simulation"
      " loop (compilation excluded); whole: the whole process, start-up included")
PY
