"""Bundled data: a small table of Iran–Israel–US and proxy exchanges, 2019–2024.

:func:`crisis_exchanges` returns one row per exchange (a strike and whether its target struck
back), coded from public reporting, each row citing its sources. It is small — 19 exchanges, 16
with the reply coded — and meant for teaching and for showing how little such a sample can
identify (see the "noisy leaders" notebook), not for inference about any one leader.

Columns
-------
date : datetime64
    Day of the strike (local time at the target where the sources give it).
initiator, target : str
    Who struck whom (an attribution in dispute is said in ``notes``).
action : str
    What happened, in a sentence.
response_class : {"calibrated", "major"}
    Our coding (the crisis tree's response classes): ``major`` when the strike was sized to do
    serious damage — hundreds of munitions, dozens of targets, or a top commander; ``calibrated``
    when limited in size or targets. A judgement; the notes say why where it is close.
launches, leakers : Int64 (nullable)
    Munitions launched and that got through, where official statements give them; a number
    given as "more than N" is entered as N (a lower bound; ``notes`` says so). Empty: not public.
target_escalated : boolean (nullable)
    Did the target strike the initiator militarily within 30 days? Empty: not coded (the reply
    was not a strike, or its timing is not established here).
source : str
    Publication (or official statement) and date.
notes : str
    Caveats of the row (estimates, lower bounds, disputed facts).
"""

from __future__ import annotations

from importlib import resources

__all__ = ["crisis_exchanges", "CRISIS_EXCHANGES"]

#: file name of the bundled table (in this package)
CRISIS_EXCHANGES = "crisis_exchanges.csv"


def crisis_exchanges():
    """The bundled crisis-exchange table as a pandas DataFrame (see the module docstring).

    Examples
    --------
    >>> from deterrence.data import crisis_exchanges
    >>> df = crisis_exchanges()
    >>> len(df), int(df["target_escalated"].notna().sum())
    (19, 16)
    >>> df.loc[df["date"] == "2020-01-08", ["initiator", "launches", "leakers"]].values.tolist()
    [['Iran', 16, 12]]
    """
    import pandas as pd

    with resources.files(__name__).joinpath(CRISIS_EXCHANGES).open("r", encoding="utf-8") as f:
        df = pd.read_csv(f, dtype={"launches": "Int64", "leakers": "Int64"}, parse_dates=["date"])
    df["target_escalated"] = df["target_escalated"].astype("Int64").astype("boolean")
    return df
