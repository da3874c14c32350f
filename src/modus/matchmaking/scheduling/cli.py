"""`modus schedule-instance INSTANCE.json [--time-limit SECONDS]`: solution JSON on stdout."""

from __future__ import annotations

import argparse
import json
import sys

from modus.matchmaking.scheduling.instance import InstanceError, load_instance
from modus.matchmaking.scheduling.solver import solve

BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so `main` returns the exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InstanceError([f"arguments: {message}"])


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="modus schedule-instance",
        description="Schedule meetings into slots and tables (see FORMAT.md for the JSON).",
    )
    parser.add_argument("instance", help="instance JSON file")
    parser.add_argument(
        "--time-limit", type=float, default=10.0, help="seconds to search (default 10)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    return parser


def main(argv: list[str]) -> int:
    """Run the command; 0 on success, 2 on bad arguments or a bad instance."""
    try:
        args = _parser().parse_args(argv)
        if not args.time_limit > 0:
            raise InstanceError(
                [f"arguments: --time-limit must be positive, got {args.time_limit}"]
            )
        instance = load_instance(args.instance)
    except InstanceError as error:
        print(f"modus schedule-instance: {error}", file=sys.stderr)
        return BAD_INPUT
    solution = solve(instance, args.time_limit, seed=args.seed)
    json.dump(solution.to_json(), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0
