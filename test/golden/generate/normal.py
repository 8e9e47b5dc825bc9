#!/usr/bin/env python3
"""Golden values for lib/engine/math/normal.ts.

References independent of our implementation: the CDF is 0.5·erfc(−x/√2) with the C library's
erfc (relative accuracy near machine precision in both tails; statistics.NormalDist.cdf is not
used because it goes through erf and cancels to 0 below x ≈ −8); the density is exp(−x²/2)/√(2π);
the quantile is statistics.NormalDist.inv_cdf, Wichura's AS241 PPND16 (about 1e-16).
Run: python3 test/golden/generate/normal.py > test/golden/normal.json
"""
import json
import math
import platform
from statistics import NormalDist

N = NormalDist()
xs = [-38.0, -12.0, -8.5, -7.2, -6.0, -4.5, -3.0, -2.3263478740408408, -1.959963984540054, -1.0,
      -0.5, -1e-3, 0.0, 1e-3, 0.3, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.0, 7.5, 9.0]
ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 1e-4, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.1, 0.25, 0.5,
      0.75, 0.9, 0.95, 0.975, 0.97575, 0.99, 0.999, 0.9999, 1 - 1e-10]

print(json.dumps({
    "source": f"python {platform.python_version()}: cdf 0.5*math.erfc(-x/sqrt(2)); quantile statistics.NormalDist.inv_cdf (AS241)",
    "generator": "test/golden/generate/normal.py",
    "cdf": [[x, 0.5 * math.erfc(-x / math.sqrt(2))] for x in xs],
    "pdf": [[x, N.pdf(x)] for x in xs],
    "quantile": [[p, N.inv_cdf(p)] for p in ps],
}, indent=1))
