"""Hypothesis strategies shared by the test modules."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


@st.composite
def bimatrix(draw, min_size=1, max_size=4, integers=True):
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    if integers:
        elems = st.integers(-3, 3).map(float)
    else:
        elems = st.floats(-10, 10, allow_nan=False, allow_infinity=False, width=32).map(float)
    A = draw(arrays(np.float64, (m, n), elements=elems))
    B = draw(arrays(np.float64, (m, n), elements=elems))
    return A, B
