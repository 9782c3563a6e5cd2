"""The ``deterrence`` command line.

Exit codes: 0 success; 2 bad input (a one-paragraph message on stderr naming the field and the
fix, no traceback); 1 internal error (rerun with ``--debug`` for the traceback).

Start-up is cheap: nothing beyond numpy is imported before a subcommand needs it.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from . import __version__
from .errors import DeterrenceError, close_match_hint

#: games that ``deterrence solve NAME`` knows besides scenarios: name -> builder in games.classic
NAMED_GAMES = {
    "chicken": "chicken",
    "prisoners-dilemma": "prisoners_dilemma",
    "stag-hunt": "stag_hunt",
    "matching-pennies": "matching_pennies",
    "deterrence-game": "deterrence_game",
    "retaliation": "retaliation_game",
}


class UsageError(DeterrenceError, ValueError):
    """Bad command-line input (exit status 2)."""


def _game_from_name(name: str):
    from .games import classic

    if name in NAMED_GAMES:
        return getattr(classic, NAMED_GAMES[name])()
    try:
        from .scenario import load_scenario
    except ImportError:  # the scenario module is optional at this stage of the build
        load_scenario = None
    if load_scenario is not None:
        try:
            return load_scenario(name).retaliation_game()
        except DeterrenceError as exc:
            if name.endswith(".toml") or "/" in name:
                raise
            raise UsageError(
                f"{exc} Named games: {', '.join(NAMED_GAMES)}.{close_match_hint(name, NAMED_GAMES)}"
            ) from None
    if name == "iran-2024":
        return classic.retaliation_game()
    raise UsageError(
        f"unknown game {name!r}.{close_match_hint(name, list(NAMED_GAMES) + ['iran-2024'])} "
        f"Named games: {', '.join(NAMED_GAMES)}; or give a scenario name or .toml path."
    )


def _cmd_solve(args) -> int:
    import deterrence as dt

    game = _game_from_name(args.game)
    eqs = dt.solve(game)
    if args.json:
        out = {
            "game": game.name,
            "players": list(game.players),
            "strategies": [list(s) for s in game.strategies],
            "method": eqs.method,
            "degenerate": eqs.degenerate,
            "max_regret": eqs.max_regret,
            "equilibria": [
                {
                    "row": e.row.tolist(),
                    "col": e.col.tolist(),
                    "payoffs": list(e.payoffs),
                    "pure": e.is_pure,
                    "component": c,
                }
                for c, comp in enumerate(eqs.components)
                for e in comp
            ],
        }
        print(json.dumps(out, indent=2))
        return 0
    import pandas as pd

    print(f"{game.name or 'Game'}: {game.players[0]} (rows) vs {game.players[1]} (columns)")
    print(game.to_frame().to_string())
    print()
    print(
        f"{len(eqs)} extreme equilibria in {len(eqs.components)} component(s) "
        f"[{eqs.method}; max regret {eqs.max_regret:.1e}"
        + ("; degenerate game" if eqs.degenerate else "")
        + "]"
    )
    with pd.option_context(
        "display.width", 120, "display.max_columns", 20, "display.float_format", "{:.4g}".format
    ):
        print(eqs.to_frame().to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="deterrence",
        description="Game-theoretic deterrence modelling: payoff matrices, verified equilibria, "
        "threshold charts and policy memos.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent("""\
            examples:
              deterrence solve iran-2024            equilibria of the seed retaliation game
              deterrence solve chicken --json       a classic game, as JSON
            """),
    )
    p.add_argument("--version", action="version", version=f"deterrence {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    s = sub.add_parser(
        "solve",
        help="every extreme equilibrium of a scenario's game or a named game",
        description="Print the payoff table and every extreme Nash equilibrium (verified).",
        epilog="example: deterrence solve deterrence-game",
    )
    s.add_argument(
        "game",
        metavar="SCENARIO|GAME_NAME",
        help=f"a scenario (path or bundled name) or one of: {', '.join(NAMED_GAMES)}",
    )
    s.add_argument("--json", action="store_true", help="print JSON instead of tables")
    s.set_defaults(func=_cmd_solve)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except (DeterrenceError, ValueError, OSError) as exc:
        if args.debug:
            raise
        print(f"deterrence {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # internal error: say so, hint at --debug
        if args.debug:
            raise
        print(
            f"deterrence {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            "Rerun with --debug for the traceback and report it.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
