"""The Monte Carlo ES and Euler contributions of scripts/bench.ts, vectorised with numpy: the
reference implementation the engine's speed is compared with (`npm run bench`). Not used by the
product.

Input: the path of a JSON file written by scripts/bench.ts:
  assets, annualVols, correlation (row-major), horizonHours, nu, confidence, seed, runs,
  scenarios (list of N), exposures (the engine's Exposure objects, lib/engine/risk/exposure.ts).
Output (stdout, JSON): per N the median and every run's seconds (time.perf_counter around the
whole ES + Euler: sampling, revaluation, tail, contributions; Python start-up, the JSON load and
warm-up runs at the largest N and at each N excluded), ES, VaR and the ES standard error; plus
the same with options revalued by Black-76 at every scenario, on the first N.
With --serve, after the same warm-up, it answers one line per request on stdin, "N grid" or
"N full" and optionally a seed (else the next one), with one timed run as a JSON line, so that
the bench can alternate its runs with the engine's (paired figures on a noisy machine).

The model and algorithm are the engine's (lib/engine/risk):
- scenarios: multivariate Student-t log-returns, x = L·z·sqrt((nu - 2)/W), W ~ chi2_nu, z standard
  normal (numpy's PCG64 generator and its own normal and chi-square samplers: a different random
  stream from the engine's, so the two ES agree within Monte Carlo error, not to the bit);
  covariance diag(sigma)·R·diag(sigma)·h/8760;
- revaluation in full: delta-one q·S0·u·expm1(r); options by Black-76 (undiscounted, normal CDF by
  Hart 5666 as given by West 2009, with West's continued fraction beyond 7.07), through the
  engine's exact-node cubic Hermite grid (513 nodes per asset over the sample range clipped to
  mean +- 8 sd, options on it when the node spacing is <= 0.05·sigma·sqrt(T - h), scenarios
  beyond it and other options in full);
- ES at confidence a: mean of the k = ceil((1 - a)·N) largest losses; VaR the ceil(aN)-th
  smallest; Euler contributions: each position's mean loss over those k scenarios;
- two passes, as the engine: losses by chunks of scenarios (CHUNK), then only the k tail
  scenarios revalued again for the contributions.
"""

import json
import math
import sys
import time

import numpy as np

GRID_NODES = 513
GRID_HALF_WIDTH_SD = 8.0
GRID_MAX_STEP_PER_VOL = 0.05
CHUNK = 8_192


def normal_cdf(x):
    """Standard normal CDF, vectorised: Hart 5666 below 7.07 (West 2009), a 5-term continued
    fraction above, 0 beyond 37 (absolute error about 1e-14)."""
    ax = np.abs(x)
    e = np.exp(-0.5 * ax * ax)
    num = 3.52624965998911e-2 * ax + 0.700383064443688
    for c in (6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931,
              220.206867912376):
        num = num * ax + c
    den = 8.83883476483184e-2 * ax + 1.75566716318264
    for c in (16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831,
              793.826512519948, 440.413735824752):
        den = den * ax + c
    near = e * num / den
    b = ax + 0.65
    for c in (4.0, 3.0, 2.0, 1.0):
        b = ax + c / b
    far = e / b / 2.506628274631
    tail = np.where(ax < 7.07106781186547, near, far)
    tail = np.where(ax > 37.0, 0.0, tail)
    return np.where(x > 0, 1.0 - tail, tail)


def black76(is_call, forward, strike, total_vol):
    """Undiscounted Black-76 value per unit and delta dV/dF, broadcasting; intrinsic at zero vol."""
    safe = np.where(total_vol > 0, total_vol, 1.0)
    d1 = np.log(forward / strike) / safe + 0.5 * safe
    d2 = d1 - safe
    call = forward * normal_cdf(d1) - strike * normal_cdf(d2)
    put = strike * normal_cdf(-d2) - forward * normal_cdf(-d1)
    value = np.maximum(np.where(is_call, call, put), 0.0)
    delta = np.where(is_call, normal_cdf(d1), -normal_cdf(-d1))
    intrinsic = np.where(is_call, np.maximum(forward - strike, 0.0), np.maximum(strike - forward, 0.0))
    itm = np.where(is_call, forward > strike, forward < strike)
    value = np.where(total_vol > 0, value, intrinsic)
    delta = np.where(total_vol > 0, delta, np.where(itm, np.where(is_call, 1.0, -1.0), 0.0))
    return value, delta


class Book:
    """The exposures as arrays: delta-one (asset, q·S0·u) and options (asset, type, F0, K,
    sigma·sqrt(T - h), q, V0)."""

    def __init__(self, exposures, horizon_years):
        self.width = len(exposures)
        delta = [(i, e) for i, e in enumerate(exposures) if e["kind"] == "delta-one"]
        option = [(i, e) for i, e in enumerate(exposures) if e["kind"] == "option"]
        self.delta_column = np.array([i for i, _ in delta], dtype=np.int64)
        self.delta_asset = np.array([e["assetIndex"] for _, e in delta], dtype=np.int64)
        self.delta_scale = np.array([e["quantity"] * e["price"] * e["usdPerSettle"] for _, e in delta])
        self.option_column = np.array([i for i, _ in option], dtype=np.int64)
        self.option_asset = np.array([e["assetIndex"] for _, e in option], dtype=np.int64)
        self.is_call = np.array([e["type"] == "call" for _, e in option])
        self.forward = np.array([e["forward"] for _, e in option])
        self.strike = np.array([e["strike"] for _, e in option])
        self.quantity = np.array([e["quantity"] for _, e in option])
        self.total_vol = np.array([
            e["lognormalVol"] * math.sqrt(max(e["timeToExpiry"] - horizon_years, 0.0)) for _, e in option
        ])
        now_vol = np.array([e["lognormalVol"] * math.sqrt(max(e["timeToExpiry"], 0.0)) for _, e in option])
        self.value_now = black76(self.is_call, self.forward, self.strike, now_vol)[0] if option else np.zeros(0)


class Kernel:
    """The P&L cells (scenarios x positions, USD) of any rows of returns, with the grid of the
    whole set fixed at construction (use_grid False: every option in full)."""

    def __init__(self, book, returns, use_grid):
        self.book = book
        asset_count = returns.shape[1]
        self.on_grid = np.zeros(len(book.option_column), dtype=bool)
        self.low = np.zeros(asset_count)
        self.high = np.zeros(asset_count)
        self.step = np.zeros(asset_count)
        self.tables = {}
        if not use_grid or len(book.option_column) == 0:
            return
        mean = returns.mean(axis=0)
        sd = returns.std(axis=0)
        self.low = np.maximum(returns.min(axis=0), mean - GRID_HALF_WIDTH_SD * sd)
        self.high = np.minimum(returns.max(axis=0), mean + GRID_HALF_WIDTH_SD * sd)
        self.step = (self.high - self.low) / (GRID_NODES - 1)
        step = self.step[book.option_asset]
        self.on_grid = (step > 0) & (step <= GRID_MAX_STEP_PER_VOL * book.total_vol)
        nodes = np.arange(GRID_NODES)
        for a in range(asset_count):
            options = np.nonzero(self.on_grid & (book.option_asset == a))[0]
            if len(options) == 0:
                continue
            forward = book.forward[options, None] * np.exp(self.low[a] + nodes[None, :] * self.step[a])
            value, delta = black76(book.is_call[options, None], forward, book.strike[options, None],
                                   book.total_vol[options, None])
            q = book.quantity[options, None]
            gains = q * (value - book.value_now[options, None])
            slopes = q * self.step[a] * delta * forward
            # Interval i's (g_i, m_i, g_i+1, m_i+1) for every option: shape (512, 4, options),
            # so one gather by node serves all the asset's options.
            table = np.stack([gains[:, :-1], slopes[:, :-1], gains[:, 1:], slopes[:, 1:]], axis=-1)
            self.tables[a] = (options, np.ascontiguousarray(table.transpose(1, 2, 0)))

    def cells(self, returns):
        book = self.book
        rows = returns.shape[0]
        out = np.empty((rows, book.width))
        if len(book.delta_column):
            growth = np.expm1(returns)
            out[:, book.delta_column] = growth[:, book.delta_asset] * book.delta_scale
        if len(book.option_column) == 0:
            return out
        full = ~self.on_grid
        for a, (options, table) in self.tables.items():
            r = returns[:, a]
            inside = (r >= self.low[a]) & (r <= self.high[a])
            position = np.minimum((r - self.low[a]) / self.step[a], GRID_NODES - 1)
            node = np.clip(np.floor(position).astype(np.int64), 0, GRID_NODES - 2)
            t = position - node
            u = 1.0 - t
            weights = np.stack([(1 + 2 * t) * u * u, t * u * u, t * t * (3 - 2 * t), -t * t * u], axis=-1)
            out[:, book.option_column[options]] = np.einsum("nkp,nk->np", table[node], weights)
            outside = np.nonzero(~inside)[0]
            if len(outside):
                out[np.ix_(outside, book.option_column[options])] = self.in_full(returns[outside], options)
        options = np.nonzero(full)[0]
        if len(options):
            out[:, book.option_column[options]] = self.in_full(returns, options)
        return out

    def in_full(self, returns, options):
        book = self.book
        forward = book.forward[options] * np.exp(returns[:, book.option_asset[options]])
        value, _ = black76(book.is_call[options], forward, book.strike[options], book.total_vol[options])
        return book.quantity[options] * (value - book.value_now[options])


def monte_carlo(spec, count, rng):
    size = len(spec["assets"])
    vols = np.array(spec["annualVols"])
    correlation = np.array(spec["correlation"]).reshape(size, size)
    covariance = np.outer(vols, vols) * correlation * spec["horizonHours"] / 8760
    lower = np.linalg.cholesky(covariance)
    nu = spec["nu"]
    z = rng.standard_normal((count, size))
    mixing = np.sqrt((nu - 2) / rng.chisquare(nu, count))
    return (z @ lower.T) * mixing[:, None]


def tail_count(confidence, count):
    return max(1, math.ceil(round((1 - confidence) * count * 1e9) / 1e9))


def es_euler(spec, book, count, seed, use_grid):
    rng = np.random.default_rng(seed)
    returns = monte_carlo(spec, count, rng)
    kernel = Kernel(book, returns, use_grid and count >= 2048)
    losses = np.empty(count)
    for first in range(0, count, CHUNK):
        losses[first:first + CHUNK] = -kernel.cells(returns[first:first + CHUNK]).sum(axis=1)
    confidence = spec["confidence"]
    k = tail_count(confidence, count)
    tail = np.argpartition(losses, count - k)[count - k:]
    es = losses[tail].mean()
    whole = float(round((1 - confidence) * count * 1e9) / 1e9).is_integer()
    outside = np.partition(losses, count - k - 1)[count - k - 1] if whole and k < count else None
    var = outside if outside is not None else losses[tail].min()
    contributions = -kernel.cells(returns[tail]).mean(axis=0)
    # Asymptotic standard error of the ES estimator (Yamai & Yoshiba 2002).
    tail_losses = losses[tail]
    variance = ((tail_losses - es) ** 2).mean()
    standard_error = math.sqrt((variance + confidence * (es - var) ** 2) / (count * (1 - confidence)))
    return {"es": float(es), "var": float(var), "standardError": standard_error,
            "tailCount": k, "contributionSum": float(contributions.sum())}


def timed(spec, book, count, runs, use_grid):
    es_euler(spec, book, count, spec["seed"], use_grid)  # warm-up
    times = []
    result = None
    for run in range(runs):
        start = time.perf_counter()
        result = es_euler(spec, book, count, spec["seed"] + run, use_grid)
        times.append(time.perf_counter() - start)
    ordered = sorted(times)
    return {**result, "scenarios": count, "medianSeconds": ordered[len(ordered) // 2], "seconds": times}


def serve(spec, book):
    for size in spec["scenarios"]:
        es_euler(spec, book, size, spec["seed"], True)
    print(json.dumps({"ready": True, "numpy": np.__version__, "python": sys.version.split()[0],
                      "chunk": CHUNK}), flush=True)
    for run, line in enumerate(sys.stdin):
        count, mode, *seed = line.split()
        start = time.perf_counter()
        result = es_euler(spec, book, int(count), int(seed[0]) if seed else spec["seed"] + run,
                          mode == "grid")
        print(json.dumps({**result, "scenarios": int(count), "seconds": time.perf_counter() - start}),
              flush=True)


def main():
    with open(sys.argv[1], encoding="utf-8") as source:
        spec = json.load(source)
    book = Book(spec["exposures"], spec["horizonHours"] / 8760)
    runs = spec["runs"]
    # Warm-up at the largest size first: until the C allocator has grown its heap to the largest
    # temporaries, each one is mapped afresh and a 20,000-scenario run is about 3x slower here.
    es_euler(spec, book, max(spec["scenarios"]), spec["seed"], True)
    if "--serve" in sys.argv:
        serve(spec, book)
        return
    grid = [timed(spec, book, count, runs[index], True) for index, count in enumerate(spec["scenarios"])]
    full = timed(spec, book, spec["scenarios"][0], runs[0], False)
    json.dump({"numpy": np.__version__, "python": sys.version.split()[0], "chunk": CHUNK,
               "grid": grid, "full": full}, sys.stdout)


if __name__ == "__main__":
    main()
