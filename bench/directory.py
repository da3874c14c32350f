"""Directory search over 20,000 organisations: median latency of the first results page.

    .venv/bin/python bench/directory.py [--organisations 20000] [--repeat 15] [--postgres URL]

Runs on SQLite, and on PostgreSQL too when --postgres (or BENCH_POSTGRES_URL, or
DATABASE_URL) names a server (a fresh database `modus_bench_directory` is created there).
Each query type is timed with Modus's search (one column of word keys, indexed: trigrams
on PostgreSQL, FTS5 on SQLite; ranked by where the words matched) and with a naive
baseline that searches the fields across joins with icontains and sorts by name, in the
same run; the ratio is baseline / Modus. The naive baseline finds nothing for Czech words
over English text: its counts are in the last column. The last row is in seconds: making
every stored key again, as migrate does after an upgrade changes the word rules, in
batches against one organisation at a time.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = {
    "one word": {"query": "laser"},
    "two words": {"query": "precision optics"},
    "accented word": {"query": "Plzeň"},
    "rare word": {"query": "geothermal"},
    "no match": {"query": "zzyzx"},
    "Czech word for English text": {"query": "optika"},
    "Czech inflected word": {"query": "výzkumné lasery"},
    "kind + country": {"kind": "research", "country": "CZ"},
    "ecosystem": {"ecosystem": "textile"},
    "members of a cluster": {"member_of": "cluster-7"},
    "word + ecosystem + country": {"query": "sensor", "ecosystem": "electronics", "country": "DE"},
    # No organisation holds every word: the page then lists those holding most of them.
    "sentence, some words": {"query": "We need precision optics and geothermal drills in Plzeň"},
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres", default=postgres_from_environment())
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    backends = [("SQLite", "")]
    if args.postgres:
        backends.append(("PostgreSQL", args.postgres))
    print(f"Directory search, {args.organisations:,} organisations, median of {args.repeat} runs")
    print("| database | query | Modus ms | naive ms | ratio | results | naive results |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, url in backends:
        for row in run_backend(url, args):
            print(
                f"| {label} | {row['query']} | {row['ours']:.1f} | {row['naive']:.1f} "
                f"| {row['naive'] / row['ours']:.1f}× | {row['count']} | {row['naive_count']} |"
            )
    return 0


def postgres_from_environment() -> str:
    """BENCH_POSTGRES_URL, else DATABASE_URL when it names a PostgreSQL server (the bench
    makes its own database there and leaves the named one alone)."""
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def run_backend(postgres_url: str, args) -> list[dict]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="modus.settings")
    data_dir = tempfile.mkdtemp(prefix="modus-bench-")
    env["MODUS_DATA_DIR"] = data_dir
    env.pop("DATABASE_URL", None)
    if postgres_url:
        env["DATABASE_URL"] = fresh_postgres_database(postgres_url)
    command = [
        sys.executable,
        __file__,
        "--child",
        f"--organisations={args.organisations}",
        f"--repeat={args.repeat}",
    ]
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def fresh_postgres_database(url: str) -> str:
    import psycopg

    name = "modus_bench_directory"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def child(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    populate(args.organisations)
    rows = [measure(name, filters, args.repeat) for name, filters in QUERIES.items()]
    rows.append(measure_rebuild())
    print(json.dumps(rows))
    return 0


def measure_rebuild() -> dict:
    """Making every stored key again, as migrate does after an upgrade changes the word
    rules: in batches (Modus), against one organisation at a time (naive, timed on the
    first thousand and scaled to all)."""
    from modus.directory.models import Organisation
    from modus.directory.search import refresh_all_search_keys, refresh_search_texts

    sample = list(Organisation.objects.order_by("pk")[:1000])
    started = time.perf_counter()
    for organisation in sample:
        refresh_search_texts([organisation])
    naive = (time.perf_counter() - started) * Organisation.objects.count() / len(sample)
    started = time.perf_counter()
    rewritten = refresh_all_search_keys()
    ours = time.perf_counter() - started
    return {
        "query": "rebuild every stored key (s, not ms)",
        "ours": ours,
        "naive": naive,
        "count": rewritten,
        "naive_count": len(sample),
    }


def populate(count: int) -> None:
    """Organisations with text from the demo vocabulary, one person with two offers each."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from modus.demo.places import COUNTRIES
    from modus.demo.vocabulary import ECOSYSTEMS
    from modus.directory.models import (
        Ecosystem,
        Membership,
        Opportunity,
        Organisation,
        Person,
    )
    from modus.directory.search import compose
    from modus.directory.wordforms import KIND_WORDS

    rng = random.Random(20000)
    ecosystems = {e.code: e for e in Ecosystem.objects.all()}
    codes = sorted(ECOSYSTEMS)
    User = get_user_model()
    with transaction.atomic():
        plans = []
        for index in range(count):
            code = rng.choice(codes)
            vocabulary = ECOSYSTEMS[code]
            country = rng.choice(COUNTRIES)
            kind = (
                "cluster"
                if index < count // 100
                else rng.choice(["company", "research", "company"])
            )
            offers = rng.sample(vocabulary.offers + vocabulary.requests, 2)
            name = f"{rng.choice(vocabulary.name_words)} {index}"
            city = rng.choice(country.cities)
            description = f"The company {rng.choice(vocabulary.activities)}."
            profile = [KIND_WORDS[kind], city, country.code, description, ecosystems[code].name]
            text = compose([name, *profile] + [f"{o.title} {o.description}" for o in offers])
            organisation = Organisation(
                name=name,
                slug=f"cluster-{index}" if kind == "cluster" else f"organisation-{index}",
                kind=kind,
                country=country.code,
                city=city,
                description=description,
                search_name=compose([name]),
                search_profile=compose(profile),
                search_text=text,
                # Every bench profile is public, so anonymous visitors search the same text.
                public_search_text=text,
            )
            plans.append((organisation, code, offers))
        Organisation.objects.bulk_create([plan[0] for plan in plans], batch_size=2000)
        through = Organisation.ecosystems.through
        through.objects.bulk_create(
            [through(organisation=o, ecosystem=ecosystems[code]) for o, code, _ in plans],
            batch_size=5000,
        )
        clusters = [o for o, _, _ in plans if o.kind == "cluster"]
        Membership.objects.bulk_create(
            [
                Membership(member=o, parent=clusters[i % len(clusters)])
                for i, (o, _, _) in enumerate(plans)
                if o.kind != "cluster"
            ],
            batch_size=5000,
        )
        users = User.objects.bulk_create(
            [User(email=f"p{i}@bench.example", password="!") for i in range(count)],
            batch_size=5000,
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    user=user,
                    first_name="A",
                    last_name=str(i),
                    organisation=plans[i][0],
                    visibility="public",
                )
                for i, user in enumerate(users)
            ],
            batch_size=5000,
        )
        Opportunity.objects.bulk_create(
            [
                Opportunity(
                    person=person,
                    direction="offer",
                    kind=text.kind,
                    title=text.title,
                    description=text.description,
                )
                for person, (_, _, offers) in zip(people, plans, strict=True)
                for text in offers
            ],
            batch_size=5000,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(name: str, filters: dict, repeat: int) -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator

    from modus.directory.search import falls_back
    from modus.directory.selectors import DirectoryFilters, search_organisations

    viewer = AnonymousUser()
    directory_filters = DirectoryFilters(**filters)

    def ours():
        # As the page does: all the words, then, if nothing holds them all, some of them.
        page = Paginator(search_organisations(viewer, directory_filters), 20).get_page(1)
        if falls_back(directory_filters.query, page.paginator.count):
            partly = search_organisations(viewer, directory_filters, partly=True)
            page = Paginator(partly, 20).get_page(1)
        return page.paginator.count, [o.name for o in page]

    def naive():
        page = Paginator(naive_search(directory_filters), 20).get_page(1)
        return page.paginator.count, [o.name for o in page]

    ours_count, _ = ours()
    naive_count, _ = naive()
    return {
        "query": name,
        "ours": median_ms(ours, repeat),
        "naive": median_ms(naive, repeat),
        "count": ours_count,
        "naive_count": naive_count,
    }


def naive_search(filters):
    """The obvious way: icontains on every searched field, across joins, then DISTINCT."""
    from django.db.models import Q

    from modus.directory.models import Organisation

    organisations = Organisation.objects.filter(visibility="public")
    for term in filters.query.split():
        organisations = organisations.filter(
            Q(name__icontains=term)
            | Q(description__icontains=term)
            | Q(city__icontains=term)
            | Q(people__opportunities__title__icontains=term)
            | Q(people__opportunities__description__icontains=term)
        )
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.ecosystem:
        organisations = organisations.filter(ecosystems__code=filters.ecosystem)
    if filters.member_of:
        organisations = organisations.filter(memberships_held__parent__slug=filters.member_of)
    return organisations.distinct().prefetch_related("ecosystems").order_by("name", "pk")


def median_ms(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    sys.exit(main())
