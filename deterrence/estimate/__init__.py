"""Strategic models fitted to crisis data by maximum likelihood (agent logit or probit errors).

==========================  ======================================================================
``egame12(utilities)``      the deterrence game: status quo, capitulation, war (Signorino 1999)
``egame123(utilities)``     a three-move crisis: status quo, concession, back-down, war
``StrategicModel(tree)``    any perfect-information tree, utilities linear in covariates
``fit(model, data)``        maximum likelihood; ``StrategicFit``: estimates, standard errors
                            (observed information, sandwich, seeded bootstrap), summary, AIC,
                            predicted outcome probabilities with bands, ``.plot()``
==========================  ======================================================================

Needs statsmodels (``pip install 'deterrence[estimate]'``), imported when a model is fitted.

References: Signorino (1999), "Strategic interaction and the statistical analysis of
international conflict", *American Political Science Review* 93(2):279–297; Lewis & Schultz
(2003), "Revealing preferences: empirical estimation of a crisis bargaining game with incomplete
information", *Political Analysis* 11(4):345–367; Kenkel & Signorino (2014), "Bootstrapping
strategic models" and the R package *games*, *Journal of Statistical Software* 56(8).
"""

from .fit import PredictionCurve, StrategicFit, check_identified, fit
from .model import LINKS, StrategicModel, egame12, egame123, parse_terms

__all__ = [
    "StrategicModel",
    "StrategicFit",
    "PredictionCurve",
    "egame12",
    "egame123",
    "fit",
    "check_identified",
    "parse_terms",
    "LINKS",
]
