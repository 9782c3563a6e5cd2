"""Named numerical tolerances, in one place.

Every tolerance the package compares against has a name here, so that two modules never hold two
different numbers under one name, and a reader can see at once which comparisons share a scale.
Absolute tolerances apply to numbers of order one (probabilities, mixed-strategy weights,
parameters in their natural units); relative ones say so in their name.
"""

from __future__ import annotations

__all__ = [
    "XTOL",
    "SOLVER_LABEL_TOL",
    "THRESHOLD_LABEL_TOL",
    "SUPPORT_EPS",
    "PURE_TOL",
    "PROB_SUM_TOL",
    "TIE_TOL",
    "SAME_VALUE_RTOL",
]

#: Where a threshold, a level crossing, a signpost or an inverse is located: the width of the
#: final bracket of every root found (brentq's ``xtol``; bisection on equilibrium structure).
XTOL = 1e-10

#: Slack below which the equilibrium solver reads a constraint as binding (a label), scaled to
#: payoffs of order one. Games closer than this to a tie are read as tied (degenerate).
SOLVER_LABEL_TOL = 1e-9

#: The label tolerance of threshold scans and bisections: far narrower than :data:`XTOL`, so the
#: band of parameter values in which a near-tie reads as a tie is narrower than the precision
#: to which a threshold is located.
THRESHOLD_LABEL_TOL = 1e-12

#: A mixed-strategy weight above this is in the support.
SUPPORT_EPS = 1e-12

#: A mixed-strategy weight within this of 1 is a pure strategy.
PURE_TOL = 1e-9

#: Probabilities that must sum to one may miss it by this much (then they are rescaled).
PROB_SUM_TOL = 1e-9

#: Two values of a model within this of each other are tied (critical risks, thresholds).
TIE_TOL = 1e-12

#: Relative tolerance at which two computed numbers are reported as the same number (the
#: memo's "either way" when a stock of interceptors does not run out).
SAME_VALUE_RTOL = 1e-9
