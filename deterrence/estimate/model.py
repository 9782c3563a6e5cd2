"""Strategic models: a game tree whose utilities are linear in covariates, with agent errors.

A :class:`StrategicModel` is the skeleton of a perfect-information game tree (who moves where,
which outcome each path ends in) and a *specification*: which covariates enter which player's
utility of which outcome. Every player decides with an agent error (Signorino 1999, "Strategic
interaction and the statistical analysis of international conflict", *American Political
Science Review* 93(2):279–297; Signorino 2003, *Political Analysis* 11(4):316–344): at a node
the mover picks action a with probability

* ``logit``: exp(EU_a) / Σ_b exp(EU_b);
* ``probit`` (binary nodes): Φ((EU_a − EU_b)/√2) — each action's utility carries an independent
  standard normal error,

where EU_a is the mover's expected utility of a *given the later movers' error-ridden choices*,
computed by backward recursion for every crisis (row of data) at once. The probability of an
observed outcome is the product of the choice probabilities along its path.

The builders :func:`egame12` (the deterrence game of Signorino 1999 and Kenkel & Signorino
2014, "Bootstrapping strategic models", and their R package *games*, *Journal of Statistical
Software* 56(8)) and :func:`egame123` (a three-move crisis: challenge, resist, war or back down)
name the utilities as the *games* package does (``u11`` = player 1's utility of outcome 1).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidGameError, ParameterError, close_match_hint

__all__ = ["StrategicModel", "egame12", "egame123", "parse_terms", "LINKS"]

#: error distributions of the agents
LINKS = ("logit", "probit")
_TERM = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def parse_terms(formula: str, field: str) -> tuple[bool, tuple[str, ...]]:
    """A formula's right-hand side -> (intercept?, covariate names), patsy's conventions.

    ``"x1 + x2"`` has an intercept (as in R and patsy); ``"0 + x1"`` or ``"x1 - 1"`` has none;
    ``"1"`` is the intercept alone; ``"0"`` fixes the utility at zero.

    Examples
    --------
    >>> parse_terms("x1 + x2", "u11")
    (True, ('x1', 'x2'))
    >>> parse_terms("0 + resolve", "u24")
    (False, ('resolve',))
    >>> parse_terms("1", "u13")
    (True, ())
    """
    if not isinstance(formula, str) or not formula.strip():
        raise ParameterError(
            f"the formula of {field} must be a string such as '1 + x1' or '0'; got {formula!r}."
        )
    text = formula.replace(" ", "")
    text = re.sub(r"-1(?=$|\+|-)", "+0", text)
    intercept, names = True, []
    for term in text.split("+"):
        if term == "1":
            continue
        if term == "0":
            intercept = False
            continue
        if not _TERM.match(term):
            raise ParameterError(
                f"the formula of {field}, {formula!r}, has the term {term!r}; terms are column "
                "names joined by '+', with '1' (intercept) or '0' / '- 1' (no intercept). "
                "Build interactions or transformations as DataFrame columns first."
            )
        if term in names:
            raise ParameterError(f"the formula of {field}, {formula!r}, repeats {term!r}.")
        names.append(term)
    return intercept, tuple(names)


@dataclass(frozen=True)
class _Node:
    player: int  # 0-based
    children: tuple  # child indices (into the node list) or ("outcome", k)
    actions: tuple[str, ...]


class StrategicModel:
    """A perfect-information game tree with utilities linear in covariates (no data yet).

    Parameters
    ----------
    tree : GameTree
        The skeleton: perfect information, decision nodes (chance nodes are not supported in
        estimation); its payoffs are ignored.
    utilities : mapping str -> str
        Utility name (by default ``"u{player}{outcome}"``, player 1-based in the tree's order,
        outcome 1-based over the terminals in preorder) -> formula (see
        :func:`parse_terms`). Utilities not listed are fixed at 0 (the normalisation).
    link : {"logit", "probit"}
    outcome_names : sequence of str, optional
        A name per terminal (default the terminal node names).
    utility_names : mapping str -> (int, int), optional
        Utility name -> (player index, outcome index), both 0-based; default
        ``u{player}{outcome}`` for every pair, 1-based (``u12``: player 1, outcome 2).
    name : str, optional

    Examples
    --------
    >>> m = egame12({"u11": "1", "u13": "0", "u14": "x", "u24": "1 + z"})
    >>> m.param_names
    ('u11:(Intercept)', 'u14:(Intercept)', 'u14:x', 'u24:(Intercept)', 'u24:z')
    """

    def __init__(
        self,
        tree,
        utilities: Mapping[str, str],
        *,
        link="logit",
        outcome_names=None,
        utility_names=None,
        name=None,
    ):
        from ..tree import Decision, GameTree, Terminal

        if not isinstance(tree, GameTree):
            raise TypeError(f"StrategicModel takes a GameTree skeleton; got {type(tree).__name__}.")
        if not tree.is_perfect_information:
            raise InvalidGameError(
                "strategic estimation needs a perfect-information tree (every information set "
                "a single node); the tree has information sets joining several nodes."
            )
        if link not in LINKS:
            raise ParameterError(
                f"link must be one of {LINKS}; got {link!r}." + close_match_hint(str(link), LINKS)
            )
        self.link = link
        self.name = name or tree.name or "strategic model"
        self.players = tuple(tree.players)
        terminals = list(tree.terminals)
        self.outcomes = tuple(outcome_names or terminals)
        if len(self.outcomes) != len(terminals) or len(set(self.outcomes)) != len(terminals):
            raise ParameterError(
                f"outcome_names must give {len(terminals)} distinct names, one per terminal."
            )
        order = [n for n in tree.preorder if not isinstance(tree.nodes[n], Terminal)]
        index = {n: k for k, n in enumerate(order)}
        nodes = []
        for n in order:
            node = tree.nodes[n]
            if not isinstance(node, Decision):
                raise InvalidGameError(
                    f"node {n!r} is a chance node; strategic estimation here takes decision "
                    "nodes only (fold known chance into the utilities)."
                )
            kids = tuple(
                ("outcome", terminals.index(c)) if isinstance(tree.nodes[c], Terminal) else index[c]
                for c in node.children
            )
            if link == "probit" and len(kids) != 2:
                raise ParameterError(
                    f"the probit link takes binary choices; node {n!r} has {len(kids)} actions. "
                    "Use link='logit'."
                )
            nodes.append(_Node(self.players.index(node.player), kids, node.actions))
        self.node_names = tuple(order)
        self._nodes = tuple(nodes)
        # utility names: u{player}{outcome number}, plus the builder's aliases
        if utility_names is None:
            utility_names = {
                f"u{i + 1}{k + 1}": (i, k)
                for i in range(len(self.players))
                for k in range(len(terminals))
            }
        self.utility_names = dict(utility_names)
        if not isinstance(utilities, Mapping) or not utilities:
            raise ParameterError(
                "utilities must be a mapping {utility: formula}, e.g. {'u11': '1', "
                "'u14': '1 + x'}; utilities not listed are fixed at 0."
            )
        spec, names = [], []
        for key, formula in utilities.items():
            if key not in self.utility_names:
                raise ParameterError(
                    f"unknown utility {key!r}; this model's utilities are "
                    f"{sorted(self.utility_names)}."
                    + close_match_hint(str(key), self.utility_names)
                )
            intercept, covs = parse_terms(formula, key)
            terms = (("(Intercept)",) if intercept else ()) + covs
            if not terms:
                continue  # "0": fixed at zero
            spec.append((key, self.utility_names[key], terms))
            names += [f"{key}:{t}" for t in terms]
        if not names:
            raise ParameterError("every utility is fixed at 0: there is nothing to estimate.")
        self.spec = tuple(spec)
        self.param_names = tuple(names)
        self.covariates = tuple(
            dict.fromkeys(t for _, _, terms in spec for t in terms if t != "(Intercept)")
        )

    def __repr__(self):
        return (
            f"<StrategicModel {self.name}: {len(self.param_names)} parameters, {self.link} "
            f"agent errors, outcomes {list(self.outcomes)}>"
        )

    # -- arrays ----------------------------------------------------------------------------------
    def design(self, data) -> np.ndarray:
        """The (n, k) matrix whose column j is parameter j's regressor (1 for an intercept)."""
        import pandas as pd

        if not isinstance(data, pd.DataFrame):
            raise TypeError(
                f"data must be a pandas DataFrame (one row per crisis); got {type(data).__name__}."
            )
        missing = [c for c in self.covariates if c not in data.columns]
        if missing:
            raise ParameterError(
                f"the data have no column {missing[0]!r} (named in the utilities); columns are "
                f"{list(data.columns)}."
                + close_match_hint(missing[0], list(map(str, data.columns)))
            )
        cols = []
        for key, _, terms in self.spec:
            for t in terms:
                if t == "(Intercept)":
                    cols.append(np.ones(len(data)))
                    continue
                try:
                    v = np.asarray(data[t], dtype=float)
                except (TypeError, ValueError):
                    raise ParameterError(
                        f"column {t!r} (in {key}) must be numeric; code categories as 0/1 columns."
                    ) from None
                if not np.isfinite(v).all():
                    raise ParameterError(
                        f"column {t!r} (in {key}) has missing or non-finite values in rows "
                        f"{np.flatnonzero(~np.isfinite(v))[:5].tolist()}; drop or impute them first."
                    )
                cols.append(v)
        return np.column_stack(cols)

    def outcome_codes(self, values) -> np.ndarray:
        """Outcome labels (names, or 1-based numbers) -> 0-based terminal indices."""
        vals = list(values)
        out = np.empty(len(vals), dtype=int)
        for r, v in enumerate(vals):
            if isinstance(v, str) and v in self.outcomes:
                out[r] = self.outcomes.index(v)
            elif isinstance(v, int | np.integer) and 1 <= v <= len(self.outcomes):
                out[r] = int(v) - 1
            else:
                raise ParameterError(
                    f"row {r}: outcome {v!r} is not one of {list(self.outcomes)} (or their "
                    f"numbers 1..{len(self.outcomes)})."
                    + (close_match_hint(v, self.outcomes) if isinstance(v, str) else "")
                )
        return out

    def utilities_of(self, X: np.ndarray, params) -> np.ndarray:
        """(n, players, outcomes) utilities at `params`: one vector (k,), or one per row (n, k)
        (many data sets stacked, each with its own parameters)."""
        params = np.asarray(params, float)
        U = np.zeros((X.shape[0], len(self.players), len(self.outcomes)))
        j = 0
        for _, (i, k), terms in self.spec:
            m = len(terms)
            if params.ndim == 1:
                U[:, i, k] += X[:, j : j + m] @ params[j : j + m]
            else:
                U[:, i, k] += np.einsum("nj,nj->n", X[:, j : j + m], params[:, j : j + m])
            j += m
        return U

    def _forward(self, X: np.ndarray, params):
        """Backward recursion over the nodes for every crisis at once.

        Returns per node (node order): log choice probabilities (n, actions), the children's
        values (n, actions, players) and, for probit, the standardised utility difference d.
        """
        U = self.utilities_of(X, params)
        k = len(self._nodes)
        logp, vals_of, d_of, value = [None] * k, [None] * k, [None] * k, [None] * k
        for idx in reversed(range(k)):
            node = self._nodes[idx]
            vals = np.stack(
                [U[:, :, c[1]] if isinstance(c, tuple) else value[c] for c in node.children],
                axis=1,
            )  # (n, actions, players)
            eu = vals[:, :, node.player]
            if self.link == "logit":
                z = eu - eu.max(axis=1, keepdims=True)
                lp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            else:
                from scipy.special import log_ndtr

                d = (eu[:, 0] - eu[:, 1]) / math.sqrt(2.0)
                lp = np.column_stack([log_ndtr(d), log_ndtr(-d)])
                d_of[idx] = d
            logp[idx] = lp
            vals_of[idx] = vals
            value[idx] = np.einsum("na,nap->np", np.exp(lp), vals)
        return logp, vals_of, d_of

    def log_choice(self, X: np.ndarray, params):
        """Log choice probabilities at every node: list of (n, actions) arrays, node order."""
        return self._forward(X, params)[0]

    def _path_actions(self) -> np.ndarray:
        """(nodes, outcomes): the action each node takes towards each outcome, −1 off the path."""
        if not hasattr(self, "_paths"):
            P = np.full((len(self._nodes), len(self.outcomes)), -1, dtype=int)

            def below(idx):
                out = []
                for a, c in enumerate(self._nodes[idx].children):
                    ks = [c[1]] if isinstance(c, tuple) else below(c)
                    P[idx, ks] = a
                    out += ks
                return out

            below(0)
            self._paths = P
        return self._paths

    def loglike_score(self, X: np.ndarray, y: np.ndarray, params):
        """Log-likelihood of each crisis (n,) and its gradient in the parameters (n, k).

        The gradient is exact: reverse-mode differentiation of the backward recursion (the
        adjoint of each node's value flows to its children, then to the utilities).
        """
        logp, vals_of, d_of = self._forward(X, params)
        n = X.shape[0]
        rows = np.arange(n)
        paths = self._path_actions()
        ll = np.zeros(n)
        g_U = np.zeros((n, len(self.players), len(self.outcomes)))
        g_val = [None] * len(self._nodes)
        for idx, node in enumerate(self._nodes):
            lp, vals = logp[idx], vals_of[idx]
            p = np.exp(lp)
            act = paths[idx, y]
            on = act >= 0
            ll[on] += lp[rows[on], act[on]]
            g_lp = np.zeros_like(lp)
            g_lp[rows[on], act[on]] = 1.0
            g_vals = np.zeros_like(vals)
            if g_val[idx] is not None:
                # value = Σ_a p_a vals_a
                g_p = np.einsum("np,nap->na", g_val[idx], vals)
                g_lp += g_p * p
                g_vals += p[:, :, None] * g_val[idx][:, None, :]
            if self.link == "logit":
                g_eu = g_lp - p * g_lp.sum(axis=1, keepdims=True)
            else:
                d = d_of[idx]
                log_pdf = -0.5 * d * d - 0.5 * math.log(2 * math.pi)
                mills_hi = np.exp(log_pdf - lp[:, 0])
                mills_lo = np.exp(log_pdf - lp[:, 1])
                g_d = g_lp[:, 0] * mills_hi - g_lp[:, 1] * mills_lo
                g_eu = np.column_stack([g_d, -g_d]) / math.sqrt(2.0)
            g_vals[:, :, node.player] += g_eu
            for a, c in enumerate(node.children):
                if isinstance(c, tuple):
                    g_U[:, :, c[1]] += g_vals[:, a, :]
                elif g_val[c] is None:
                    g_val[c] = g_vals[:, a, :].copy()
                else:
                    g_val[c] += g_vals[:, a, :]
        score = np.empty_like(X)
        j = 0
        for _, (i, k), terms in self.spec:
            m = len(terms)
            score[:, j : j + m] = g_U[:, i, k][:, None] * X[:, j : j + m]
            j += m
        return ll, score

    def log_outcome_probabilities(self, X: np.ndarray, params) -> np.ndarray:
        """(n, outcomes) log-probability of each outcome."""
        logp = self.log_choice(X, params)
        out = np.zeros((X.shape[0], len(self.outcomes)))

        def walk(idx, acc):
            for a, c in enumerate(self._nodes[idx].children):
                here = acc + logp[idx][:, a]
                if isinstance(c, tuple):
                    out[:, c[1]] = here
                else:
                    walk(c, here)

        walk(0, np.zeros(X.shape[0]))
        return out

    def outcome_probabilities(self, data, params):
        """A DataFrame (one row per crisis, one column per outcome) of outcome probabilities."""
        import pandas as pd

        P = np.exp(self.log_outcome_probabilities(self.design(data), self._params(params)))
        return pd.DataFrame(P, columns=list(self.outcomes), index=data.index)

    def _params(self, params) -> np.ndarray:
        if isinstance(params, Mapping):
            unknown = [k for k in params if k not in self.param_names]
            if unknown:
                raise ParameterError(
                    f"unknown parameter {unknown[0]!r}; parameters are {list(self.param_names)}."
                    + close_match_hint(str(unknown[0]), self.param_names)
                )
            missing = [k for k in self.param_names if k not in params]
            if missing:
                raise ParameterError(f"no value for the parameters {missing}.")
            return np.array([float(params[k]) for k in self.param_names])
        p = np.asarray(params, float).ravel()
        if p.shape != (len(self.param_names),) or not np.isfinite(p).all():
            raise ParameterError(
                f"params must be {len(self.param_names)} finite numbers "
                f"({list(self.param_names)}); got {params!r}."
            )
        return p

    def simulate(self, data, params, *, seed=None):
        """Outcomes drawn from the model at `params` for each row of `data` (a pandas Series).

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> m = egame12({"u11": "1", "u14": "1", "u24": "1 + z"})
        >>> df = pd.DataFrame({"z": np.linspace(-1, 1, 5)})
        >>> m.simulate(df, [0.5, -1.0, 0.2, 1.0], seed=1).tolist()
        ['SQ', 'WAR', 'SQ', 'WAR', 'SQ']
        """
        import pandas as pd

        P = np.exp(self.log_outcome_probabilities(self.design(data), self._params(params)))
        rng = np.random.default_rng(seed)
        u = rng.random(len(P))
        k = (P.cumsum(axis=1) < u[:, None]).sum(axis=1)
        k = np.minimum(k, len(self.outcomes) - 1)
        return pd.Series(np.array(self.outcomes, dtype=object)[k], index=data.index, name="outcome")


def _egame12_tree():
    from ..tree import GameTree

    return (
        GameTree.builder(("Challenger", "Defender"), name="egame12 (deterrence)")
        .decision("1", "Challenger", {"status quo": "SQ", "challenge": "2"})
        .decision("2", "Defender", {"capitulate": "CAP", "war": "WAR"})
        .terminal("SQ", (0, 0))
        .terminal("CAP", (0, 0))
        .terminal("WAR", (0, 0))
        .build()
    )


def egame12(utilities: Mapping[str, str], *, link="logit") -> StrategicModel:
    """The deterrence game ``egame12``: three outcomes, status quo, capitulation, war.

    Player 1 (the Challenger) keeps the status quo (outcome ``SQ``, "1") or challenges; player 2
    (the Defender) then capitulates (``CAP``, "3") or fights (``WAR``, "4"). Utilities, named
    as in Kenkel & Signorino's *games* package: ``u11`` (Challenger, SQ), ``u13`` (Challenger,
    CAP), ``u14`` (Challenger, WAR), ``u23`` (Defender, CAP), ``u24`` (Defender, WAR). The usual
    normalisation fixes ``u23`` = 0; only differences of the Challenger's utilities matter, so a
    constant in all of ``u11``, ``u13``, ``u14`` is not identified (the fit says so).

    Parameters
    ----------
    utilities : mapping str -> str
        e.g. ``{"u11": "1 + x1", "u13": "0", "u14": "1 + x2", "u24": "1 + x3"}``.
    link : {"logit", "probit"}

    Examples
    --------
    >>> m = egame12({"u11": "1", "u14": "1", "u24": "1"})
    >>> m.outcomes, m.param_names
    (('SQ', 'CAP', 'WAR'), ('u11:(Intercept)', 'u14:(Intercept)', 'u24:(Intercept)'))
    """
    names = {"u11": (0, 0), "u13": (0, 1), "u14": (0, 2), "u23": (1, 1), "u24": (1, 2)}
    return StrategicModel(
        _egame12_tree(), utilities, link=link, utility_names=names, name="egame12"
    )


def egame123(utilities: Mapping[str, str], *, link="logit") -> StrategicModel:
    """A three-move crisis (the structure of the *games* package's ``egame123``): four outcomes.

    Player 1 keeps the status quo (``SQ``, 1) or challenges; player 2 concedes (``CAP``, 2) or
    resists; player 1 then backs down (``BD``, 3) or goes to war (``WAR``, 4). Utilities
    ``u{player}{outcome}``: ``u11, u12, u13, u14`` (player 1), ``u22, u23, u24`` (player 2;
    player 2 never moves before the status quo, so ``u21`` is not identified).

    Examples
    --------
    >>> egame123({"u11": "1", "u13": "0", "u14": "1", "u24": "1"}).outcomes
    ('SQ', 'CAP', 'BD', 'WAR')
    """
    from ..tree import GameTree

    tree = (
        GameTree.builder(("Challenger", "Defender"), name="egame123 (crisis with back-down)")
        .decision("1", "Challenger", {"status quo": "SQ", "challenge": "2"})
        .decision("2", "Defender", {"concede": "CAP", "resist": "3"})
        .decision("3", "Challenger", {"back down": "BD", "war": "WAR"})
        .terminal("SQ", (0, 0))
        .terminal("CAP", (0, 0))
        .terminal("BD", (0, 0))
        .terminal("WAR", (0, 0))
        .build()
    )
    return StrategicModel(tree, utilities, link=link, name="egame123")
