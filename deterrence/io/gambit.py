"""Gambit's file formats: strategic games (``.nfg``) and extensive games (``.efg``).

Gambit (McKelvey, McLennan & Turocy, *Gambit: Software Tools for Game Theory*) is the field's
standard tool; its catalogue, GUI and command-line solvers read and write these two text
formats (documented in the Gambit manual, "Game representation formats"):

* ``.nfg``: a header ``NFG 1 R "title" { "player" ... } { 2 3 }`` (or strategy names
  ``{ { "a" "b" } { "x" "y" "z" } }``), an optional comment, then either the *payoff* body
  (every player's payoff for each profile, the first player's strategy changing fastest) or
  the *outcome* body (a list ``{ { "name" u1, u2 } ... }`` of outcomes, then one outcome index
  per profile, 0 meaning no outcome: all payoffs 0);
* ``.efg``: a header ``EFG 2 R "title" { "player" ... }``, an optional comment, then the nodes
  in preorder: ``c "name" infoset "infoset name" { "outcome" prob ... } outcome`` (chance),
  ``p "name" player infoset "infoset name" { "action" ... } outcome`` (a decision),
  ``t "name" outcome "outcome name" { u1 u2 }`` (terminal). An outcome's payoffs follow its
  number the first time it appears; outcomes at inner nodes add to every payoff below them.

Numbers may be integers, decimals or rationals (``1/3``). Reading gives a
:class:`~deterrence.game.Game` (two-player ``.nfg``) or a :class:`~deterrence.tree.GameTree`
(``.efg``; inner outcomes are summed into the terminal payoffs, empty or repeated labels get
generated ones such as ``n3`` or ``a2``). Errors name the line.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..errors import InvalidGameError, OutputExistsError

__all__ = ["read_gambit", "write_gambit", "parse_nfg", "parse_efg", "nfg_text", "efg_text"]

_TOKEN = re.compile(
    r'\s+|(?P<str>"(?:[^"\\]|\\.)*")|(?P<brace>[{}])|(?P<word>[^\s{}"]+)', re.DOTALL
)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(/\d+)?$")


class GambitFormatError(InvalidGameError):
    """A Gambit file could not be read; the message names the line."""


class _Tokens:
    def __init__(self, text: str, source: str):
        self.source = source
        self.items: list[tuple[str, str, int]] = []  # (kind, value, line)
        pos, line = 0, 1
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:  # pragma: no cover - the pattern matches any character
                self.fail(line, f"unexpected character {text[pos]!r}")
            kind = m.lastgroup
            if kind == "str":
                raw = m.group("str")[1:-1]
                self.items.append(("str", re.sub(r"\\(.)", r"\1", raw), line))
            elif kind in ("brace", "word"):
                self.items.append((kind, m.group(kind), line))
            line += m.group(0).count("\n")
            pos = m.end()
        self.i = 0
        self.last_line = line

    def fail(self, line: int, msg: str):
        raise GambitFormatError(f"{self.source}, line {line}: {msg}")

    def peek(self):
        return self.items[self.i] if self.i < len(self.items) else ("eof", "", self.last_line)

    def next(self, what: str):
        tok = self.peek()
        if tok[0] == "eof":
            self.fail(tok[2], f"the file ends where {what} was expected")
        self.i += 1
        return tok

    def expect(self, kind: str, what: str, value: str | None = None):
        tok = self.next(what)
        if tok[0] != kind or (value is not None and tok[1] != value):
            self.fail(tok[2], f"expected {what}; found {tok[1]!r}")
        return tok

    def string(self, what: str) -> str:
        return self.expect("str", f"{what} (a quoted string)")[1]

    def number(self, what: str) -> Fraction:
        kind, value, line = self.next(what)
        if kind != "word" or not _NUMBER.match(value.rstrip(",")):
            self.fail(line, f"expected {what} (a number such as 2, -1.5 or 1/3); found {value!r}")
        return _fraction(value.rstrip(","))

    def integer(self, what: str) -> int:
        kind, value, line = self.next(what)
        if kind != "word" or not re.fullmatch(r"\d+", value):
            self.fail(line, f"expected {what} (a whole number); found {value!r}")
        return int(value)

    def strings_in_braces(self, what: str) -> list[str]:
        self.expect("brace", f"'{{' opening {what}", "{")
        out = []
        while self.peek()[:2] != ("brace", "}"):
            out.append(self.string(what))
        self.next(f"'}}' closing {what}")
        return out

    def at_end(self) -> bool:
        return self.i >= len(self.items)


def _fraction(text: str) -> Fraction:
    if "/" in text:
        num, den = text.split("/")
        return Fraction(num) / Fraction(den)
    return Fraction(text)


def _header(tok: _Tokens, magic: str, version: str):
    kind, value, line = tok.next(f"the header {magic}")
    if value != magic:
        tok.fail(line, f"a Gambit .{magic.lower()} file starts with {magic!r}; found {value!r}")
    _, ver, line = tok.next("the format version")
    if ver != version:
        tok.fail(line, f"{magic} format version {version} is supported; found {ver!r}")
    _, rd, line = tok.next("R or D")
    if rd not in ("R", "D"):
        tok.fail(
            line, f"expected R (rational) or D (decimal) after {magic} {version}; found {rd!r}"
        )
    title = tok.string("the game's title")
    players = tok.strings_in_braces("the player names")
    return title, players


# -- .nfg -------------------------------------------------------------------------------------
def parse_nfg(text: str, source: str = "<nfg>"):
    """A two-player ``.nfg`` text as a :class:`~deterrence.game.Game`.

    Examples
    --------
    >>> g = parse_nfg('NFG 1 R "PD" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.A.tolist(), g.B.tolist()
    ([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
    """
    from ..game import Game

    tok = _Tokens(text, source)
    title, players = _header(tok, "NFG", "1")
    line = tok.peek()[2]
    tok.expect("brace", "'{' opening the strategies", "{")
    if tok.peek()[0] == "brace":  # { { "a" "b" } { "x" "y" } }
        names = []
        while tok.peek()[:2] != ("brace", "}"):
            names.append(tok.strings_in_braces(f"the strategies of player {len(names) + 1}"))
        tok.next("'}'")
        sizes = [len(s) for s in names]
    else:
        sizes = []
        while tok.peek()[:2] != ("brace", "}"):
            sizes.append(tok.integer("a number of strategies"))
        tok.next("'}'")
        names = [None] * len(sizes)
    if len(sizes) != len(players):
        tok.fail(line, f"{len(players)} players but {len(sizes)} strategy counts")
    if len(players) != 2:
        tok.fail(line, f"deterrence reads two-player games; this one has {len(players)} players")
    if 0 in sizes:
        tok.fail(line, "every player needs at least one strategy")
    if tok.peek()[0] == "str":
        tok.next("the comment")
    m, n = sizes
    profiles = m * n
    if tok.peek()[:2] == ("brace", "{"):  # outcome format
        tok.next("'{'")
        outcomes = []
        while tok.peek()[:2] != ("brace", "}"):
            ln = tok.peek()[2]
            tok.expect("brace", "'{' opening an outcome", "{")
            tok.string("the outcome's name")
            pay = [tok.number(f"payoff of player {k + 1}") for k in range(2)]
            tok.expect("brace", "'}' closing the outcome (one payoff per player)", "}")
            outcomes.append((pay, ln))
        tok.next("'}'")
        A = np.zeros((m, n), dtype=object)
        B = np.zeros((m, n), dtype=object)
        for k in range(profiles):
            ln = tok.peek()[2]
            o = tok.integer(f"the outcome of profile {k + 1} of {profiles}")
            if o > len(outcomes):
                tok.fail(ln, f"outcome {o} does not exist (there are {len(outcomes)})")
            if o:
                A[k % m, k // m], B[k % m, k // m] = outcomes[o - 1][0]
    else:
        A = np.empty((m, n), dtype=object)
        B = np.empty((m, n), dtype=object)
        for k in range(profiles):
            A[k % m, k // m] = tok.number(f"player 1's payoff in profile {k + 1} of {profiles}")
            B[k % m, k // m] = tok.number(f"player 2's payoff in profile {k + 1} of {profiles}")
    if not tok.at_end():
        tok.fail(tok.peek()[2], f"unexpected {tok.peek()[1]!r} after the last profile")
    return Game(
        A.astype(float),
        B.astype(float),
        players=tuple(p or f"Player {k + 1}" for k, p in enumerate(players)),
        strategies=tuple(None if s is None else _unique(s, "s") for s in names),
        name=title or None,
    )


def _unique(labels, prefix: str) -> list[str]:
    """Labels made non-empty and distinct (Gambit allows empty and repeated ones)."""
    out, seen = [], set()
    for k, lab in enumerate(labels, 1):
        lab = lab.strip() or f"{prefix}{k}"
        while lab in seen:
            lab = f"{lab} ({k})"
        seen.add(lab)
        out.append(lab)
    return out


# -- .efg -------------------------------------------------------------------------------------
def parse_efg(text: str, source: str = "<efg>"):
    """An ``.efg`` text as a :class:`~deterrence.tree.GameTree`.

    Examples
    --------
    >>> t = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
    ... p "" 1 1 "" { "out" "in" } 0
    ... t "" 1 "" { 0 2 }
    ... p "" 2 1 "" { "fight" "accommodate" } 0
    ... t "" 2 "" { -1 -1 }
    ... t "" 3 "" { 1 1 }''')
    >>> import deterrence as dt
    >>> dt.spe(t).payoffs
    (1.0, 1.0)
    """
    from ..tree import Chance, Decision, GameTree, Terminal

    tok = _Tokens(text, source)
    title, players = _header(tok, "EFG", "2")
    players = _unique([p or f"Player {k}" for k, p in enumerate(players, 1)], "Player ")
    if tok.peek()[0] == "str":
        tok.next("the comment")
    outcomes: dict[int, list[Fraction]] = {}
    infosets: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {}
    records: list[dict] = []

    def outcome(line: int) -> list[Fraction]:
        o = tok.integer("an outcome number (0 for none)")
        if o == 0:
            return [Fraction(0)] * len(players)
        if tok.peek()[0] == "str":
            tok.next("the outcome's name")
            tok.expect("brace", "'{' opening the outcome's payoffs", "{")
            pay = []
            while tok.peek()[:2] != ("brace", "}"):
                pay.append(tok.number(f"a payoff of outcome {o}"))
            tok.next("'}'")
            if len(pay) != len(players):
                tok.fail(line, f"outcome {o} has {len(pay)} payoffs for {len(players)} players")
            if o in outcomes and outcomes[o] != pay:
                tok.fail(line, f"outcome {o} is defined twice with different payoffs")
            outcomes[o] = pay
        elif o not in outcomes:
            tok.fail(line, f"outcome {o} is used before its payoffs are given")
        return outcomes[o]

    while not tok.at_end():
        kind, value, line = tok.next("a node")
        if value not in ("c", "p", "t"):
            tok.fail(line, f"a node starts with c (chance), p (player) or t (terminal); found "
                           f"{value!r}")  # fmt: skip
        name = tok.string("the node's name")
        rec = {"kind": value, "name": name, "line": line}
        if value == "t":
            rec["payoff"] = outcome(line)
        else:
            if value == "p":
                pl = tok.integer("the player number")
                if not 1 <= pl <= len(players):
                    tok.fail(line, f"player {pl} does not exist (players 1..{len(players)})")
            else:
                pl = 0
            iset = tok.integer("the information set number")
            iname = tok.string("the information set's name") if tok.peek()[0] == "str" else ""
            key = (pl, iset)
            if tok.peek()[:2] == ("brace", "{"):
                tok.next("'{'")
                labels, probs = [], []
                while tok.peek()[:2] != ("brace", "}"):
                    labels.append(tok.string("an action label"))
                    if pl == 0:
                        probs.append(tok.number("a chance probability"))
                tok.next("'}'")
                if not labels:
                    tok.fail(line, "a node needs at least one action")
                if key in infosets and infosets[key][1] != (tuple(labels), tuple(probs)):
                    tok.fail(line, f"information set {iset} of player {pl} is declared twice "
                                   "with different actions")  # fmt: skip
                infosets.setdefault(key, (iname, (tuple(labels), tuple(probs))))
            elif key not in infosets:
                tok.fail(line, f"information set {iset} of player {pl} is used before its "
                               "actions are given")  # fmt: skip
            rec.update(player=pl, iset=iset, key=key)
            rec["payoff"] = outcome(line)
        records.append(rec)
    if not records:
        tok.fail(tok.last_line, "the file has no nodes")

    # node names: unique and non-empty
    names = _unique([r["name"] or f"n{k}" for k, r in enumerate(records)], "n")
    # rebuild the preorder into parent/children
    nodes = []
    pos = 0

    def build(acc: list[Fraction]) -> str:
        nonlocal pos
        if pos >= len(records):
            tok.fail(tok.last_line, "the file ends inside the tree: a node's children are missing")
        rec, name = records[pos], names[pos]
        pos += 1
        total = [a + b for a, b in zip(acc, rec["payoff"], strict=True)]
        if rec["kind"] == "t":
            nodes.append(Terminal(name, tuple(float(v) for v in total)))
            return name
        labels, probs = infosets[rec["key"]][1]
        acts = _unique(labels, "a")
        children = [build(total) for _ in acts]
        if rec["kind"] == "c":
            if sum(probs) != 1 and abs(float(sum(probs)) - 1) > 1e-9:
                tok.fail(rec["line"], f"chance probabilities sum to {float(sum(probs)):g}, not 1")
            nodes.append(Chance(name, tuple(acts), tuple(float(p) for p in probs), tuple(children)))
        else:
            pl, iset = rec["key"]
            nodes.append(
                Decision(
                    name,
                    players[pl - 1],
                    tuple(acts),
                    tuple(children),
                    infoset=_infoset_label(infosets, rec["key"], players),
                )  # fmt: skip
            )
        return name

    root = build([Fraction(0)] * len(players))
    if pos != len(records):
        tok.fail(records[pos]["line"], "a node after the end of the tree (too many nodes)")
    return GameTree(players, nodes[::-1], root=root, name=title or None)


def _infoset_label(infosets, key, players) -> str:
    pl, iset = key
    name = infosets[key][0].strip()
    same = [k for k, v in infosets.items() if v[0].strip() == name and k[0] > 0]
    if name and len(same) == 1:
        return name
    return f"{players[pl - 1]}:{iset}" + (f" {name}" if name else "")


# -- writing ----------------------------------------------------------------------------------
def _q(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(v) -> str:
    """A number as Gambit text that reads back as the same double (no exponent notation)."""
    if isinstance(v, Fraction):
        return str(v)
    v = float(v) + 0.0
    if v.is_integer():
        return str(int(v))
    from decimal import Decimal

    return format(Decimal(repr(v)), "f")


def nfg_text(game) -> str:
    """The ``.nfg`` text (payoff format, strategy names) of a :class:`~deterrence.game.Game`.

    Examples
    --------
    >>> import deterrence as dt
    >>> print(nfg_text(dt.games.prisoners_dilemma()))
    NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
    { { "cooperate" "defect" } { "cooperate" "defect" } }
    ""
    <BLANKLINE>
    3 3 5 0 0 5 1 1
    <BLANKLINE>
    """
    m, n = game.shape
    rows, cols = game.strategies
    body = " ".join(
        f"{_num(game.A[i, j])} {_num(game.B[i, j])}" for j in range(n) for i in range(m)
    )
    return (
        f"NFG 1 R {_q(game.name or '')} {{ {' '.join(map(_q, game.players))} }}\n"
        f"{{ {{ {' '.join(map(_q, rows))} }} {{ {' '.join(map(_q, cols))} }} }}\n"
        f'""\n\n{body}\n'
    )


def efg_text(tree) -> str:
    """The ``.efg`` text of a :class:`~deterrence.tree.GameTree` (one outcome per terminal).

    Chance probabilities are written as exact fractions when they are small ratios, so that
    Gambit reads them summing to exactly 1.

    Examples
    --------
    >>> import deterrence as dt
    >>> t = (dt.GameTree.builder(("A", "B")).decision("r", "A", {"stop": "s", "go": "g"})
    ...      .terminal("s", (0, 0)).terminal("g", (1, -1)).build())
    >>> print(efg_text(t))
    EFG 2 R "" { "A" "B" }
    ""
    <BLANKLINE>
    p "r" 1 1 "r" { "stop" "go" } 0
    t "s" 1 "s" { 0 0 }
    t "g" 2 "g" { 1 -1 }
    <BLANKLINE>
    """
    from ..tree import Chance, Terminal

    players = list(tree.players)
    iset_num: dict[str, tuple[int, int]] = {}
    per_player = [0] * (len(players) + 1)
    lines = [f"EFG 2 R {_q(tree.name or '')} {{ {' '.join(map(_q, players))} }}", '""', ""]
    outcome = 0
    for name in tree.preorder:
        node = tree.nodes[name]
        if isinstance(node, Terminal):
            outcome += 1
            pay = " ".join(_num(v) for v in node.payoffs)
            lines.append(f"t {_q(name)} {outcome} {_q(name)} {{ {pay} }}")
        elif isinstance(node, Chance):
            per_player[0] += 1
            probs = " ".join(f"{_q(o)} {_prob(p)}" for o, p in zip(
                node.outcomes, _exact_probs(node.probabilities), strict=True))  # fmt: skip
            lines.append(f"c {_q(name)} {per_player[0]} {_q(name)} {{ {probs} }} 0")
        else:
            label = node.infoset_label
            pl = players.index(node.player) + 1
            if label not in iset_num:
                per_player[pl] += 1
                iset_num[label] = (pl, per_player[pl])
            k = iset_num[label][1]
            acts = " ".join(map(_q, node.actions))
            lines.append(f"p {_q(name)} {pl} {k} {_q(label)} {{ {acts} }} 0")
    return "\n".join(lines) + "\n"


def _exact_probs(probs) -> list[Fraction | float]:
    fr = [Fraction(p).limit_denominator(10**6) for p in probs]
    if sum(fr) == 1 and all(abs(float(f) - p) <= 1e-12 for f, p in zip(fr, probs, strict=True)):
        return fr
    return list(probs)


def _prob(p) -> str:
    return _num(p)


def read_gambit(path_or_text):
    """Read a Gambit ``.nfg`` or ``.efg`` game: a :class:`Game` or a :class:`GameTree`.

    Parameters
    ----------
    path_or_text : str or path-like
        A file path, or the text of a game itself (recognised by its ``NFG``/``EFG`` header or
        by a line break).

    Returns
    -------
    Game or GameTree
        A two-player strategic game (``.nfg``) or an extensive game (``.efg``).

    Raises
    ------
    InvalidGameError
        The text is not a valid Gambit game; the message names the line and the fix.
    FileNotFoundError

    Examples
    --------
    >>> import deterrence as dt
    >>> g = dt.read_gambit('NFG 1 R "Pennies" { "M" "S" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')
    >>> dt.solve(g)[0].row.tolist()
    [0.5, 0.5]
    """
    text, source = _text_of(path_or_text)
    head = text.lstrip()[:3]
    if head == "NFG":
        return parse_nfg(text, source)
    if head == "EFG":
        return parse_efg(text, source)
    raise GambitFormatError(
        f"{source}, line 1: a Gambit game starts with NFG (strategic form) or EFG (extensive "
        f"form); found {text.lstrip()[:20]!r}."
    )


def _text_of(path_or_text) -> tuple[str, str]:
    if isinstance(path_or_text, str) and (
        path_or_text.lstrip()[:3] in ("NFG", "EFG") or "\n" in path_or_text
    ):
        return path_or_text, "<text>"
    if not isinstance(path_or_text, str | os.PathLike):
        raise TypeError(
            f"read_gambit takes a path or the text of a game; got {type(path_or_text).__name__}."
        )
    path = Path(path_or_text)
    if not path.is_file():
        raise FileNotFoundError(
            f"no Gambit file {str(path)!r} (give the path of a .nfg or .efg file, or its text)."
        )
    return path.read_text(encoding="utf-8"), str(path)


def write_gambit(game_or_tree, path, *, force: bool = False) -> Path:
    """Write a :class:`Game` as ``.nfg`` or a :class:`GameTree` as ``.efg``, atomically.

    Parameters
    ----------
    game_or_tree : Game or GameTree
    path : str or path-like
        The file to write; its suffix must match (``.nfg`` for a Game, ``.efg`` for a tree).
    force : bool
        Overwrite an existing file (never done unasked).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputExistsError
        The file exists and `force` is False.

    Examples
    --------
    >>> import deterrence as dt, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pd.nfg"
    >>> dt.write_gambit(dt.games.prisoners_dilemma(), p).name
    'pd.nfg'
    >>> dt.read_gambit(p) == dt.games.prisoners_dilemma()
    True
    """
    from ..game import Game
    from ..tree import GameTree

    path = Path(path)
    if isinstance(game_or_tree, Game):
        text, suffix = nfg_text(game_or_tree), ".nfg"
    elif isinstance(game_or_tree, GameTree):
        text, suffix = efg_text(game_or_tree), ".efg"
    else:
        raise TypeError(
            f"write_gambit takes a Game or a GameTree; got {type(game_or_tree).__name__}."
        )
    if path.suffix.lower() != suffix:
        raise InvalidGameError(
            f"a {type(game_or_tree).__name__} is written as {suffix}; the path {str(path)!r} "
            f"ends in {path.suffix or 'no suffix'!r}. Use a name ending in {suffix}."
        )
    if path.exists() and not force:
        raise OutputExistsError(
            f"{str(path)!r} exists; pass force=True (or --force) to overwrite it."
        )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
