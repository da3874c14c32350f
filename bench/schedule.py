"""Benchmark the meeting scheduler against the first-fit baseline and the LP bound.

    .venv/bin/python bench/schedule.py               # B2B events, 600 (file), generated 600/10,000
    .venv/bin/python bench/schedule.py FILE.json ... # any instances in FORMAT.md
    .venv/bin/python bench/schedule.py --quick       # only the 600-participant events (one
                                                     # with a parallel session)

Each instance runs in its own process so that its peak memory is its own. Every solution is
re-checked by the independent checker (feasibility.check) and re-measured (feasibility.measure).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from modus.matchmaking.scheduling.board import assign_tables
from modus.matchmaking.scheduling.construct import first_fit
from modus.matchmaking.scheduling.feasibility import check, measure
from modus.matchmaking.scheduling.instance import Assignment, Instance, load_instance
from modus.matchmaking.scheduling.problem import compile_problem
from modus.matchmaking.scheduling.solver import solve
from modus.matchmaking.scheduling.synthetic import generate

DATA = Path(__file__).parent / "data" / "scheduling" / "b2b"
# The demo-scale event of the benchmark set Modus was specified against (see its README).
SHARED_600 = DATA.parent / "synthetic-600.json"
# The paper's proven optima (README of the data), and the best found for tic-13.forb0003.
BEST_KNOWN_GAPS = {
    "forum-13.fixed020-Forb": 20,
    "forum-13.forb0003": 0,
    "forum-13.original": 0,
    "forum-13crafb.original": 6,
    "forum-14.original": 2,
    "forumt-14.fixed020-Forb": 7,
    "forumt-14.original": 5,
    "forumt-14crafd.original": 4,
    "tic-12.original": 0,
    "tic-12crafc.original": 0,
    "tic-13.fixed020-Forb": 2,
    "tic-13.forb0003": 9,
    "tic-13.original": 0,
    "tic-14crafc.original": 0,
    "ticf-13crafc.original": 1,
}
SYNTHETIC = {"synthetic:600": 600, "synthetic:10000": 10000}
# Beside the morning a parallel session whose slots overlap two of its slots each: the
# tables are one pool at any moment (the checker refuses a table in two overlapping slots).
PARALLEL = {"synthetic-parallel:600": 600}


def _time_limit(instance: Instance) -> float:
    """The goal's limit: 30 s for real B2B events, 10 s at 600 people, 60 s at 10,000."""
    if instance.objective == "place-all-min-gaps":
        return 30.0
    return 10.0 if len(instance.participants) <= 1000 else 60.0


def _load(source: str) -> Instance:
    if source in SYNTHETIC:
        return generate(SYNTHETIC[source])
    if source in PARALLEL:
        return generate(PARALLEL[source], parallel=True)
    return load_instance(source)


def run_one(source: str, time_limit: float | None) -> dict:
    """Solve one instance and measure it; runs in a child process."""
    instance = _load(source)
    limit = time_limit or _time_limit(instance)
    problem = compile_problem(instance)
    started = time.monotonic()
    baseline_slots = first_fit(problem)
    baseline_seconds = time.monotonic() - started
    tables = assign_tables(problem, baseline_slots)
    baseline = [
        Assignment(
            instance.meetings[k].id,
            instance.slots[int(baseline_slots[k])].id,
            instance.tables[int(tables[k])] if tables[k] >= 0 else None,
        )
        for k in range(problem.n_meetings)
        if baseline_slots[k] >= 0
    ]
    solution = solve(instance, limit)
    measured = measure(instance, solution)
    measured_baseline = measure(instance, baseline)
    violations = check(instance, solution) + check(instance, baseline)
    agrees = all(measured[key] == solution.objective[key] for key in ("placed", "gaps"))
    return {
        "name": instance.name,
        "participants": len(instance.participants),
        "meetings": len(instance.meetings),
        "limit": limit,
        "placed": measured["placed"],
        "weight": measured["weight"],
        "gaps": measured["gaps"],
        "bound_placed": solution.bound["placed"],
        "bound_weight": solution.bound.get("weight"),
        "ff_placed": measured_baseline["placed"],
        "ff_weight": measured_baseline["weight"],
        "ff_gaps": measured_baseline["gaps"],
        "ff_seconds": baseline_seconds,
        "status": solution.status,
        "seconds": solution.seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # The MaxSAT child processes of place-all events: the largest one.
        "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "checker": "ok" if not violations and agrees else f"FAIL {violations[:3]} {agrees}",
        "objective": instance.objective,
    }


def _row(r: dict) -> str:
    best = BEST_KNOWN_GAPS.get(r["name"])
    ratio = r["placed"] / r["bound_placed"] if r["bound_placed"] else 1.0
    ff_ratio = r["ff_placed"] / r["bound_placed"] if r["bound_placed"] else 1.0
    weight_ratio = r["weight"] / r["bound_weight"] if r["bound_weight"] else None
    cells = [
        r["name"],
        f"{r['participants']:,}",
        f"{r['meetings']:,}",
        f"{r['placed']:,}/{r['bound_placed']:,}",
        f"{ratio:.2%}",
        "-" if weight_ratio is None else f"{weight_ratio:.2%}",
        f"{ff_ratio:.2%}",
        f"{r['placed'] / r['ff_placed']:.3f}" if r["ff_placed"] else "-",
        str(r["gaps"]),
        str(r["ff_gaps"]),
        "-" if best is None else str(best),
        r["status"],
        f"{r['seconds']:.1f}/{r['limit']:.0f}",
        f"{r['rss_mb']:.0f}",
        f"{r['child_rss_mb']:.0f}" if r["child_rss_mb"] else "-",
        r["checker"],
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| instance | people | meetings | placed/bound | placed % | weight % | first-fit % "
    "| ours/first-fit | gaps | first-fit gaps | best known gaps | status | seconds/limit "
    "| peak RSS MB | largest child MB | checker |"
)


def main(argv: list[str]) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", help="instance files (default: all)")
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--quick", action="store_true", help="only the 600-person event")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.time_limit)))
        return 0
    sources = args.instances or (
        ["synthetic:600", "synthetic-parallel:600", str(SHARED_600)]
        if args.quick
        else [str(p) for p in sorted(DATA.glob("*.json"))]
        + [str(SHARED_600), *SYNTHETIC, *PARALLEL]
    )
    print(HEADER)
    print("|" + "---|" * 16)
    failed = False
    for source in sources:
        command = [sys.executable, __file__, "--one", source]
        if args.time_limit:
            command += ["--time-limit", str(args.time_limit)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"| {source} | error: {done.stderr.strip().splitlines()[-1:]} |")
            failed = True
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        failed |= result["checker"] != "ok"
        print(_row(result), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
