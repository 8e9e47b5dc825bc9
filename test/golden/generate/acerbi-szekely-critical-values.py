#!/usr/bin/env python3
"""Reference figures for lib/engine/risk/acerbi-szekely-test.ts, from an independent simulation.

Acerbi & Székely (2014), Z2 = 1 − Σ L_t·1{L_t > VaR}/(T·α·ES) with continuous forecasts (no
scenario set): the 5% (and 0.01%) quantiles of Z2 for T = 250 days at α = 2.5% under normal and
Student-t losses (the paper's −0.7 and −1.8), and for T = 1966 days the 1% quantile and
P(Z2 ≤ −0.38265) under the normal (MATLAB esbacktest `unconditionalNormal` example: critical
value −0.34639, p-value 0.0054099). 100,000 simulations each, NumPy's default generator seeded 2.
Run: python3 test/golden/generate/acerbi-szekely-critical-values.py
"""
import json
import platform

import numpy as np
import scipy
from scipy import stats

ALPHA = 0.025
SIMULATIONS = 100_000
rng = np.random.default_rng(2)


def z2_sample(dist, days):
    var = dist.ppf(1 - ALPHA)
    es = dist.expect(lambda x: x, lb=var) / ALPHA
    out = np.empty(SIMULATIONS)
    for start in range(0, SIMULATIONS, 2000):
        losses = dist.rvs(size=(2000, days), random_state=rng)
        out[start:start + 2000] = 1 - (losses * (losses > var)).sum(1) / (days * ALPHA * es)
    return out


figures = {}
for name, dist in [("normal", stats.norm()), ("t3", stats.t(3)), ("t5", stats.t(5)), ("t10", stats.t(10))]:
    z = z2_sample(dist, 250)
    figures[f"{name} T=250"] = {"q0.0001": np.quantile(z, 1e-4), "q0.05": np.quantile(z, 0.05)}
z = z2_sample(stats.norm(), 1966)
figures["normal T=1966"] = {"q0.01": np.quantile(z, 0.01), "P(Z2<=-0.38265)": (z <= -0.38265).mean()}

print(json.dumps({
    "source": f"python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}",
    "generator": "test/golden/generate/acerbi-szekely-critical-values.py",
    "alpha": ALPHA,
    "simulations": SIMULATIONS,
    "figures": {key: {k: float(v) for k, v in value.items()} for key, value in figures.items()},
}, indent=1))
