"""`GameTree`: games in extensive form — decision, chance and terminal nodes, information sets.

A tree is built with a :class:`TreeBuilder` (``GameTree.builder(players)``), one node per call,
and frozen by ``build()``, which validates the whole tree and names the offending node on any
error. A built tree never changes; :meth:`GameTree.with_payoffs` and :meth:`GameTree.replace`
return new, re-validated trees (for sweeps). Construction and every traversal here are linear in
the number of nodes and iterative (no recursion limit): a chain of 5,000 moves builds in about
0.15 s of CPU on a 2-core machine.

This package is data, validation and traversal only (:mod:`.nodes`: the node records and the
builder; :mod:`.game_tree`: the tree). What is computed *from* a tree lives in the
layers below it, as free functions that take the tree:

=======================================  ===========================================================
``dt.spe(tree)``                         subgame-perfect equilibrium by backward induction, ties
                                         listed (:mod:`deterrence.solve.backward_induction`)
``dt.spe_many(tree, payoffs, ...)``      the same for a stack of same-shape trees at once
                                         (:mod:`deterrence.solve.tree_batch`)
``dt.pbe(tree, off_path_belief=...)``    pure perfect Bayesian equilibria with beliefs
                                         (:mod:`deterrence.solve.perfect_bayesian`)
``dt.reduced_normal_form(tree)``         the reduced normal form as a :class:`~deterrence.game.Game`
                                         (:mod:`deterrence.solve.normal_form`)
``dt.plot.tree.draw_tree(tree, ax=)``    the drawing, from :func:`deterrence.plot.tree.tree_layout`
=======================================  ===========================================================

Why free functions and not ``tree.spe()``: the package's layers flow one way (data → solvers →
analysis → charts), and a method of the data class that runs a solver or draws a chart is an
import against that flow, whether it is written at module level, inside the method, or hidden
behind ``importlib``. So the tree offers what every layer needs to read it — nodes, information
sets, preorder, parents, reach probabilities, expected payoffs, Bayes-rule beliefs — and the
solvers and charts take it as an argument. Calling one of the old methods (``tree.spe()``,
``tree.pbe()``, ``tree.to_game()``, ``tree.layout()``, ``tree.plot()``) raises an
``AttributeError`` that names the function to call instead.

A *profile* (or plan) maps information-set labels — or node names, for decision nodes — to an
action label, or to ``{action: probability}`` for a behaviour strategy. It needs entries only at
the information sets it reaches.

References: Zagare & Kilgour (2000), *Perfect Deterrence*, ch. 3 (the Generic Deterrence Game);
Fudenberg & Tirole (1991), *Game Theory*, sec. 3.5 (reduced normal form) and sec. 8.2 (perfect Bayesian
equilibrium); Osborne & Rubinstein (1994), *A Course in Game Theory*, ch. 6.
"""

from __future__ import annotations

from .game_tree import GameTree
from .nodes import (
    NATURE,
    NO_MOVE,
    PROB_SUM_TOL,
    Chance,
    Decision,
    InformationSet,
    Terminal,
    TreeBuilder,
)

__all__ = [
    "GameTree",
    "TreeBuilder",
    "Decision",
    "Chance",
    "Terminal",
    "InformationSet",
    "NATURE",
    "NO_MOVE",
    "PROB_SUM_TOL",
]

#: old GameTree methods -> the function that replaced them (named in the AttributeError)
