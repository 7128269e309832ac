"""The yardstick for elicit's n* search (bench/README.md): the T2 n* of
cases/t2_vocab.toml's grid (V = 4 ... 256 doubling, one context, uniform target,
eps = 1/4, delta = 1/20) as a NumPy user writes it: doubling then bisection on
"the Monte Carlo failure rate at n is <= delta", T trials per size, the same seed at every
n, a float L1 error. It checks one size per step and assumes the rate is monotone in n,
which it is not (docs/statistics.md): a weaker guarantee than elicit's, at lower cost.
usage: /usr/bin/python3 bench/t2_nstar_numpy.py [eps] [delta] [T] [Vmax]"""
import sys
import time

import numpy as np

eps = float(sys.argv[1]) if len(sys.argv) > 1 else 0.25
delta = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
trials = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
largest = int(sys.argv[4]) if len(sys.argv) > 4 else 256


def failure_rate(symbols, n):
    generator = np.random.default_rng(symbols)
    p = np.full(symbols, 1.0 / symbols)
    counts = generator.multinomial(n, p, size=trials)
    return (np.abs(counts / n - p).sum(axis=1) > eps + 1e-12).mean()


def n_star(symbols):
    seen = {}

    def holds(n):
        if n not in seen:
            seen[n] = failure_rate(symbols, n)
        return seen[n] <= delta

    high = 1
    while not holds(high):
        high *= 2
    low = high // 2
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle
    return high, len(seen)


start = time.perf_counter()
symbols = 4
while symbols <= largest:
    size, evaluations = n_star(symbols)
    print(f"V={symbols} n*={size} evaluations={evaluations}")
    symbols *= 2
print(f"seconds={time.perf_counter() - start:.3f}")
