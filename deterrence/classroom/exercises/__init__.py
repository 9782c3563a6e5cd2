"""The built-in exercises of the bank, one module per topic.

Importing this package registers every exercise (:func:`deterrence.classroom.register`), in
teaching order: the order of the imports below. The model calls import their models only
when an answer is computed.
"""

# isort: off
from . import mixed  # noqa: F401  (imported for their registrations)
from . import credibility  # noqa: F401
from . import brinkmanship  # noqa: F401
from . import repeated  # noqa: F401
from . import signalling  # noqa: F401
from . import window  # noqa: F401
from . import defence  # noqa: F401
from . import proxies  # noqa: F401
from . import bargaining  # noqa: F401
from . import ladders  # noqa: F401

# isort: on
from ..core import EXERCISES as _EXERCISES

#: the ids of the built-in exercises, in teaching order
BUILTIN = tuple(_EXERCISES)
