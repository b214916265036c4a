"""The ideal case of SPEC 2.7 (conf/bench/ideal-case.conf) outside margincall, for
jobs/bench-ideal.sh: a numba per-path loop and a vectorised numpy version of the same semantics.

One account whose trigger lies a fraction `trigger` of the initial price (0.9) and whose
bankruptcy price is `trigger * lt` (0.873); GBM log steps mu + s Z; the oracle reads the market
price of `delay` steps before, so the account is liquidated at step c + delay, where c is the
first market step in 1..n-delay below the trigger, at that step's market price; bad debt when
that price is below the bankruptcy price. numpy's SFC64 generator and its ziggurat normals
(numba compiles numpy's own Generator.standard_normal), one generator per thread.

  python ideal_case.py numba|numpy PATHS [THREADS]

prints one line: `<impl> <paths> paths in <seconds> s ...; p_liq <p> se <se>; p_bad <p> se <se>`
(the time covers the simulation only; compilation and import are outside it, in the whole
process that the caller times).
"""
import math
import sys
import threading
import time

import numpy as np

STEPS = 1440
DELAY = 300
STEP_SECONDS = 60.0
SIGMA = 1.5
TRIGGER = 0.9
LT = 0.97
SEED = 19


def parameters():
    dt = STEP_SECONDS / (365.25 * 86400)  # GeometricBrownianMotion.SECONDS_PER_YEAR
    mu = -0.5 * SIGMA * SIGMA * dt
    s = SIGMA * math.sqrt(dt)
    return mu, s, math.log(TRIGGER), math.log(TRIGGER * LT)


def numba_kernel():
    import numba

    @numba.njit(nogil=True, cache=False)
    def paths(gen, count, n, d, mu, s, b, bankrupt, out):
        liquidated = 0
        bad = 0
        simulated = 0
        monitored = n - d
        for _ in range(count):
            x = 0.0
            crossed = False
            for _t in range(monitored):
                x += mu + s * gen.standard_normal()
                simulated += 1
                if x < b:
                    crossed = True
                    break
            if crossed:  # the oracle sees it d steps later, at that step's market price
                for _t in range(d):
                    x += mu + s * gen.standard_normal()
                simulated += d
                liquidated += 1
                if x < bankrupt:
                    bad += 1
        out[0] = liquidated
        out[1] = bad
        out[2] = simulated

    return paths


def numpy_kernel(gen, count, n, d, mu, s, b, bankrupt, out, chunk=20_000):
    """Every step of every path, a chunk of paths at a time (a vectorised loop cannot stop a path)."""
    liquidated = bad = 0
    for start in range(0, count, chunk):
        m = min(chunk, count - start)
        x = np.zeros(m)
        cross = np.full(m, -1, dtype=np.int64)
        z = np.empty(m)
        for t in range(1, n + 1):
            gen.standard_normal(out=z)
            z *= s
            z += mu
            x += z
            if t <= n - d:
                hit = (x < b) & (cross < 0)
                cross[hit] = t
            if t > d:
                due = cross == t - d
                k = int(np.count_nonzero(due))
                if k:
                    liquidated += k
                    bad += int(np.count_nonzero(x[due] < bankrupt))
    out[0] = liquidated
    out[1] = bad
    out[2] = count * n


def main():
    impl = sys.argv[1]
    count = int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    mu, s, b, bankrupt = parameters()
    kernel = numba_kernel() if impl == "numba" else numpy_kernel
    if impl == "numba":  # compile outside the timed part
        kernel(np.random.Generator(np.random.SFC64(0)), 10, STEPS, DELAY, mu, s, b, bankrupt,
               np.zeros(3, dtype=np.int64))
    seeds = np.random.SeedSequence(SEED).spawn(threads)
    gens = [np.random.Generator(np.random.SFC64(q)) for q in seeds]
    shares = [count // threads + (1 if k < count % threads else 0) for k in range(threads)]
    outs = [np.zeros(3, dtype=np.int64) for _ in range(threads)]
    workers = [threading.Thread(target=kernel, args=(gens[k], shares[k], STEPS, DELAY, mu, s, b,
                                                     bankrupt, outs[k]))
               for k in range(threads)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - t0
    liquidated = sum(int(o[0]) for o in outs)
    bad = sum(int(o[1]) for o in outs)
    simulated = sum(int(o[2]) for o in outs)
    p_liq = liquidated / count
    p_bad = bad / count
    print(f"{impl} {count} paths in {seconds:.3f} s on {threads} threads: "
          f"{seconds * 1e9 / (count * STEPS):.3f} ns per path-step, "
          f"{seconds * 1e9 / simulated:.3f} ns per simulated step "
          f"({simulated / (count * STEPS):.3f} of the steps); "
          f"p_liq {p_liq:.5f} se {math.sqrt(p_liq * (1 - p_liq) / count):.5f}; "
          f"p_bad {p_bad:.5f} se {math.sqrt(p_bad * (1 - p_bad) / count):.5f}")


if __name__ == "__main__":
    main()
