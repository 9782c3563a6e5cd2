"""The built-in exercises of the bank, one module per topic, in teaching order.

Importing this package registers every exercise (:func:`deterrence.classroom.register`); the
model calls import their models only when an answer is computed.
"""

from ..core import EXERCISES as _EXERCISES
from . import (  # noqa: F401  (imported for their registrations)
    bargaining,
    brinkmanship,
    credibility,
    defence,
    ladders,
    mixed,
    proxies,
    repeated,
    signalling,
    window,
)

#: the ids of the built-in exercises, in teaching order
BUILTIN = tuple(_EXERCISES)
