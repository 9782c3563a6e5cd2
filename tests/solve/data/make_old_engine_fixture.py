"""Regenerate ``old_engine_degenerate_2000.npz``: the answers of the vertex-enumeration engine as
it was before the hull/closed-form rewrite (commit c044846, ``deterrence/solve/enumerate.py``),
on 2,000 random degenerate games (integer payoffs 0..3; 2x2 to 5x5).

    git show c044846:deterrence/solve/enumerate.py > /tmp/old_engine.py
    python tests/solve/data/make_old_engine_fixture.py /tmp/old_engine.py
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np

SHAPES = [(2, 2), (3, 3), (2, 4), (4, 3), (4, 4), (5, 5), (3, 5)]
COUNTS = [400, 400, 200, 300, 300, 200, 200]


def main(old_engine_path):
    spec = importlib.util.spec_from_file_location("old_engine", old_engine_path)
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    rng = np.random.default_rng(20261201)
    As, Bs, gi, X, Y, deg, shp = [], [], [], [], [], [], []
    k = 0
    for (m, n), N in zip(SHAPES, COUNTS, strict=True):
        A = rng.integers(0, 4, (N, m, n)).astype(float)
        B = rng.integers(0, 4, (N, m, n)).astype(float)
        g, x, y, _, _, d = old.extreme_equilibria(A, B)
        for i in range(N):
            As.append(np.pad(A[i], ((0, 5 - m), (0, 5 - n))))
            Bs.append(np.pad(B[i], ((0, 5 - m), (0, 5 - n))))
            shp.append((m, n))
        gi.append(g + k)
        X.append(np.pad(x, ((0, 0), (0, 5 - m))))
        Y.append(np.pad(y, ((0, 0), (0, 5 - n))))
        deg.append(d)
        k += N
    np.savez_compressed(
        Path(__file__).with_name("old_engine_degenerate_2000.npz"),
        A=np.array(As, np.int8),
        B=np.array(Bs, np.int8),
        shape=np.array(shp, np.int8),
        game=np.concatenate(gi).astype(np.int16),
        x=np.round(np.concatenate(X), 12),
        y=np.round(np.concatenate(Y), 12),
        degenerate=np.concatenate(deg),
    )


if __name__ == "__main__":
    main(sys.argv[1])
