"""Recommendation quality on people's own words: hand-written request/offer pairs among the demo.

    .venv/bin/python bench/recommend_quality.py                    # held-out half, every backend
    .venv/bin/python bench/recommend_quality.py --backend tfidf    # one backend (a few minutes)
    .venv/bin/python bench/recommend_quality.py --half tuning --misses   # the half you may tune on
    .venv/bin/python bench/recommend_quality.py --typed without-diacritics   # see TYPED

The pairs are bench/data/recommend_pairs.json: requests and the offers that answer them, in
English and Czech, written by hand for this benchmark (see its "provenance"). A fixed rule (the
SHA-256 of the pair id) splits them into a tuning half and a held-out half; only the held-out
half is reported unless --half tuning is given, and nothing may be tuned on it.

The event is the demo's: its 597 participants besides the organisers are built by
`modus.demo.generator.build_demo` in a temporary SQLite database (the matchmaking step, which
only adds sessions and requests, is skipped) and turned into `ProfileInput`s by
`services.recommendations.profile_of`, as the site does; they are cached in the temporary
folder, keyed by Modus's source. Each pair of the half adds two participants: a requester
whose only opportunity is the request and an offerer whose only one is the offer, each of their
own organisation (a company, research body, public authority or association) in a plausible
country (Czechia for Czech texts), with no profile text and no ecosystem or value-chain stage
beyond what the pair's texts tick: a job title shared by many added people would make them
"similar profiles" of each other, which real people are not. The unanswerable requests of the
half are added the same way, without an offer.

For each text backend (all installed ones, or --backend), `recommend()` gives each requester
their top 30; per group of languages (request -> offer) the table shows the pairs, recall@10
(the offerer among the first 10) with its Wilson 95 % interval (22 pairs of 25 found: 0.70
to 0.96), MRR over the first 30 (0 when absent), and the share of
requesters whose first suggestion has no reason but "cross-border", and the share "told
unanswered": requests `recommend()` finds no answer for, whose page says "no offer answers ...
yet" (wrong for a pair; right for an unanswerable request, the rows at the bottom). Each
backend is also given as a ratio to the baseline (--baseline, "tfidf" by default) of the same
run, and the time each took.

With --typed, the set's texts are given as many people type them: every Czech text
(requests, offers, unanswerable requests) without diacritics, as on a keyboard without the
Czech layout ("rezani" for "řezání"), every title in capitals, or every word of every title
begun with a capital, as English titles often are ("Laser Optics For Cutting Heads").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "recommend_pairs.json"
HALVES = ("held-out", "tuning")
GROUPS = (("en", "en"), ("cs", "cs"), ("cs", "en"), ("en", "cs"))
# Ways people type, besides as the set is written (--typed).
TYPED = {
    "as-written": "as written",
    "without-diacritics": "every Czech text typed without diacritics",
    "titles-in-capitals": "every title typed in capitals",
    "titles-in-title-case": "every word of every title begun with a capital",
}
TOP = 10
DEPTH = 30  # MRR counts ranks up to this depth

# Ids of the added people start far above the demo's database keys.
FIRST_ID = 10_000_000

# Countries of English-writing participants; Czech texts come from Czechia.
COUNTRIES = (
    "DE", "AT", "FR", "IT", "ES", "NL", "BE", "PL", "SE", "FI", "DK", "IE", "PT", "GR",
    "SI", "SK", "HU", "RO", "HR", "LT", "EE", "NO", "GB", "CH",
)  # fmt: skip
KINDS = ("company",) * 7 + ("research", "public-authority", "association")


def half_of(pair_id: str) -> str:
    """The fixed split: the parity of the SHA-256 of the id, independent of order and count."""
    return HALVES[hashlib.sha256(pair_id.encode()).digest()[0] % 2]


def pick(options, *keys: str):
    """A deterministic choice from `options` by the hash of `keys`."""
    digest = hashlib.sha256("|".join(keys).encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def load(path: Path = DATA) -> dict:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


# --- the demo's participants --------------------------------------------------------------


def demo_cache_path() -> Path:
    """A cache file named by all of Modus's source, so that any edit rebuilds it: the demo
    goes through services, selectors and their order (a change of sort order alone once
    gave a different demo, while a cache named by the demo's own files kept the old one)."""
    sources = sorted((ROOT / "src" / "modus").rglob("*.py"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"modus-recommend-quality-demo-{digest}.json"


def demo_profiles(rebuild: bool) -> tuple[list, set, float]:
    """The demo event's ProfileInputs and the ids that may be suggested; seconds it took."""
    started = time.perf_counter()
    cache = demo_cache_path()
    if rebuild or not cache.exists():
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="modus.settings")
        env["MODUS_DATA_DIR"] = tempfile.mkdtemp(prefix="modus-bench-")
        env.pop("DATABASE_URL", None)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        )
        command = [sys.executable, __file__, "--child", str(cache)]
        subprocess.run(command, env=env, check=True)
    rows = json.loads(cache.read_text(encoding="utf-8"))
    profiles = [profile_from_dict(row["profile"]) for row in rows]
    visible = {row["profile"]["id"] for row in rows if row["visible"]}
    return profiles, visible, time.perf_counter() - started


def build_demo_child(target: str) -> int:
    """In a subprocess with a temporary database: build the demo and dump its profiles."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from modus.common.permissions import seen_by_participants
    from modus.demo import generator
    from modus.matchmaking.services.recommendations import event_participants, profile_of

    call_command("migrate", verbosity=0)
    for step in generator.STEPS_AFTER_PROFILES:
        setattr(generator, step, lambda *args, **kwargs: None)
    with override_settings(
        TASKS_BACKEND="inline", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        event = generator.build_demo()
    visible = set(
        event.participants.filter(seen_by_participants("person__")).values_list("pk", flat=True)
    )
    rows = [
        {"profile": profile_to_dict(profile_of(p)), "visible": p.pk in visible}
        for p in event_participants(event)
    ]
    Path(target).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return 0


def profile_to_dict(profile) -> dict:
    row = asdict(profile)
    row["ecosystems"] = sorted(row["ecosystems"])
    row["stages"] = sorted(row["stages"])
    for item in row["opportunities"]:
        item["ecosystems"] = sorted(item["ecosystems"])
    return row


def profile_from_dict(row: dict):
    from modus.matchmaking.recommend import OpportunityInput, ProfileInput

    return ProfileInput(
        **{
            **row,
            "ecosystems": frozenset(row["ecosystems"]),
            "stages": frozenset(row["stages"]),
            "opportunities": tuple(
                OpportunityInput(**{**item, "ecosystems": frozenset(item["ecosystems"])})
                for item in row["opportunities"]
            ),
        }
    )


def retyped(data: dict, typed: str) -> dict:
    """The set as typed another way (see TYPED): each text the way changes, rewritten."""
    from modus.matchmaking.recommend.spelling import unaccent

    def without_diacritics(text: dict, language: str) -> dict:
        if language != "cs":
            return text
        return {
            **text,
            "title": unaccent(text["title"]),
            "description": unaccent(text["description"]),
        }

    def titles_in_capitals(text: dict, language: str) -> dict:
        return {**text, "title": text["title"].upper()}

    def titles_in_title_case(text: dict, language: str) -> dict:
        words = text["title"].split(" ")
        return {**text, "title": " ".join(word[:1].upper() + word[1:] for word in words)}

    change = {
        "without-diacritics": without_diacritics,
        "titles-in-capitals": titles_in_capitals,
        "titles-in-title-case": titles_in_title_case,
    }
    if typed == "as-written":
        return data
    way = change[typed]
    pairs = [
        {
            **pair,
            **{side: way(pair[side], pair[f"{side}_language"]) for side in ("request", "offer")},
        }
        for pair in data["pairs"]
    ]
    lonely = [
        {**item, "request": way(item["request"], item["request_language"])}
        for item in data["unanswerable"]
    ]
    return {**data, "pairs": pairs, "unanswerable": lonely}


# --- the pairs' participants --------------------------------------------------------------


def participant(number: int, key: str, language: str, direction: str, text: dict):
    """One added participant: their own organisation, country and a single opportunity."""
    from modus.matchmaking.recommend import OpportunityInput, ProfileInput

    person_id = FIRST_ID + number
    country = "CZ" if language == "cs" else pick(COUNTRIES, key, "country")
    return ProfileInput(
        id=person_id,
        organisation_id=person_id,
        country=country,
        organisation_kind=pick(KINDS, key, "kind"),
        opportunities=(
            OpportunityInput(
                id=person_id,
                direction=direction,
                kind="service",
                title=text["title"],
                description=text["description"],
                ecosystems=frozenset(text["ecosystems"]),
            ),
        ),
    )


def place(data: dict, half: str):
    """The half's pairs and unanswerable requests as participants.

    Returns (profiles, pairs as (pair, requester id, offerer id), unanswerable as
    (request, requester id)).
    """
    profiles, pairs, lonely = [], [], []
    for pair in data["pairs"]:
        if half_of(pair["id"]) != half:
            continue
        requester = participant(
            len(profiles), pair["id"] + "/request", pair["request_language"], "request",
            pair["request"],
        )  # fmt: skip
        offerer = participant(
            len(profiles) + 1, pair["id"] + "/offer", pair["offer_language"], "offer",
            pair["offer"],
        )  # fmt: skip
        profiles += [requester, offerer]
        pairs.append((pair, requester.id, offerer.id))
    for item in data["unanswerable"]:
        if half_of(item["id"]) != half:
            continue
        requester = participant(
            len(profiles), item["id"] + "/request", item["request_language"], "request",
            item["request"],
        )  # fmt: skip
        profiles.append(requester)
        lonely.append((item, requester.id))
    return profiles, pairs, lonely


# --- measuring ----------------------------------------------------------------------------


def only_cross_border(items) -> bool:
    return bool(items) and {r.code for r in items[0].reasons} == {"cross-border"}


def encoding_store():
    from modus.matchmaking.recommend.multilingual import FileStore

    return FileStore(Path(tempfile.gettempdir()) / "modus-recommend-quality-encodings.npz")


def measure(backend: str, profiles, visible, pairs, lonely) -> dict:
    from modus.matchmaking.recommend import get_backend, recommend

    viewers = [requester for _, requester, _ in pairs] + [requester for _, requester in lonely]
    started = time.perf_counter()
    answers = {}
    lists = recommend(
        profiles,
        k=DEPTH,
        viewer_ids=viewers,
        candidate_ids=visible | {p.id for p in profiles if p.id >= FIRST_ID},
        backend=get_backend(backend, store=encoding_store()),
        answers=answers,
    )
    seconds = time.perf_counter() - started
    rows = {}
    for group in [*GROUPS, None]:
        chosen = [
            (requester, offerer)
            for pair, requester, offerer in pairs
            if group is None or (pair["request_language"], pair["offer_language"]) == group
        ]
        if not chosen:
            continue
        ranks = []
        for requester, offerer in chosen:
            others = [item.other_id for item in lists.get(requester, [])]
            ranks.append(others.index(offerer) + 1 if offerer in others else None)
        name = "all" if group is None else f"{group[0].upper()}->{group[1].upper()}"
        rows[name] = {
            "pairs": len(chosen),
            "recall": sum(r is not None and r <= TOP for r in ranks) / len(chosen),
            "mrr": sum(1 / r for r in ranks if r is not None) / len(chosen),
            "cross_border": sum(only_cross_border(lists.get(r, [])) for r, _ in chosen)
            / len(chosen),
            # A requester's one request has the requester's id (see `participant`).
            "unanswered": sum(r not in answers for r, _ in chosen) / len(chosen),
        }
    for language in ("en", "cs", None):
        chosen = [r for item, r in lonely if language in (None, item["request_language"])]
        if not chosen:
            continue
        name = f"unanswerable {language.upper() if language else 'all'}"
        rows[name] = {
            "pairs": len(chosen),
            "unanswered": sum(r not in answers for r in chosen) / len(chosen),
            "cross_border": sum(only_cross_border(lists.get(r, [])) for r in chosen) / len(chosen),
        }
    misses = [
        (pair["id"], rank)
        for pair, requester, offerer in pairs
        for others in [[item.other_id for item in lists.get(requester, [])]]
        for rank in [others.index(offerer) + 1 if offerer in others else None]
        if rank is None or rank > TOP
    ]
    return {"seconds": seconds, "rows": rows, "misses": misses}


def ratio(value: float, base: float) -> str:
    if base == 0:
        return "-" if value == 0 else "inf"
    return f"{value / base:.2f}"


def interval(share: float, count: int) -> str:
    """The Wilson 95 % interval of a share of `count` pairs: with 25 pairs one pair is 0.04,
    and the interval says how far the share may be from the one a larger set would give."""
    from scipy.stats import binomtest

    found = binomtest(round(share * count), count).proportion_ci(0.95, method="wilson")
    return f"{found.low:.2f}–{found.high:.2f}"


def report(results: dict, baseline: str) -> None:
    base = results.get(baseline)
    print(
        f"| backend | group | pairs | recall@{TOP} | 95 % interval | MRR@{DEPTH} "
        f"| only cross-border | told unanswered | recall / {baseline} | MRR / {baseline} |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in results.items():
        for group, row in result["rows"].items():
            if "recall" in row:
                b = base["rows"].get(group) if base else None
                print(
                    f"| {name} | {group} | {row['pairs']} | {row['recall']:.3f} "
                    f"| {interval(row['recall'], row['pairs'])} "
                    f"| {row['mrr']:.3f} | {row['cross_border']:.3f} | {row['unanswered']:.3f} "
                    f"| {ratio(row['recall'], b['recall']) if b else '-'} "
                    f"| {ratio(row['mrr'], b['mrr']) if b else '-'} |"
                )
            else:
                print(
                    f"| {name} | {group} | {row['pairs']} | | | | {row['cross_border']:.3f} "
                    f"| {row['unanswered']:.3f} | | |"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=HALVES, default="held-out")
    parser.add_argument("--backend", action="append", help="repeat for several (default: all)")
    parser.add_argument("--baseline", default="tfidf", help="backend the others are divided by")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--typed", choices=TYPED, default="as-written", help="give the texts typed another way"
    )
    parser.add_argument("--rebuild-demo", action="store_true", help="ignore the cached demo")
    parser.add_argument(
        "--misses", action="store_true", help="list the pairs missed (tuning half only)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return build_demo_child(args.child)
    if args.misses and args.half != "tuning":
        parser.error("--misses lists pairs of the tuning half only (--half tuning)")

    from modus.matchmaking.recommend import available_backends

    backends = args.backend or available_backends()
    unknown = sorted(set(backends) - set(available_backends()))
    if unknown:
        parser.error(f"backend(s) not installed here: {unknown}; have {available_backends()}")
    run = list(dict.fromkeys([*backends, args.baseline]))

    data = load(args.data)
    data = retyped(data, args.typed)
    demo, visible, demo_seconds = demo_profiles(args.rebuild_demo)
    added, pairs, lonely = place(data, args.half)
    profiles = demo + added
    typed = "" if args.typed == "as-written" else f" ({TYPED[args.typed]})"
    print(
        f"Recommendation quality, {args.half} half{typed}: {len(pairs)} pairs and "
        f"{len(lonely)} unanswerable requests among {len(demo)} demo participants "
        f"({len(profiles)} in all); demo profiles in {demo_seconds:.1f} s"
    )
    results = {name: measure(name, profiles, visible, pairs, lonely) for name in run}
    print()
    report({name: results[name] for name in run}, args.baseline)
    print()
    for name in run:
        print(f"{name}: recommend() for {len(pairs) + len(lonely)} requesters in "
              f"{results[name]['seconds']:.1f} s (text encoding included)")  # fmt: skip
    if args.misses:
        for name in run:
            print(f"\n{name}: missed (id, rank or None)")
            for pair_id, rank in results[name]["misses"]:
                print(f"  {pair_id} {rank}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
