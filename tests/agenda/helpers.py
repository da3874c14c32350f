"""A kind of agenda entry made up for tests, so the agenda and the scheduler are tested
against the provider interface without the sessions or tours code."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import datetime

from modus.agenda import providers
from modus.agenda.providers import Entry


class MadeUpKind:
    """Entries kept in memory by participant id; counts the calls and who was asked."""

    def __init__(self, kind: str, label: str = "") -> None:
        self.kind = kind
        self.label = label
        self.by_participant: dict[int, list[Entry]] = {}
        self.asked: list[list[int]] = []

    def add(
        self,
        participant,
        starts_at: datetime,
        ends_at: datetime,
        title: str,
        *,
        number: int | None = None,
        **fields,
    ) -> Entry:
        entries = self.by_participant.setdefault(participant.pk, [])
        number = len(entries) + 1 if number is None else number
        entry = Entry(
            kind=self.kind,
            key=f"{self.kind}:{number}",
            starts_at=starts_at,
            ends_at=ends_at,
            title=title,
            **fields,
        )
        entries.append(entry)
        return entry

    def entries(self, participant_ids: Iterable[int]) -> dict[int, list[Entry]]:
        ids = list(participant_ids)
        self.asked.append(ids)
        return {pk: list(self.by_participant[pk]) for pk in ids if pk in self.by_participant}


@contextlib.contextmanager
def registered(*kinds: MadeUpKind) -> Iterator[None]:
    """The kinds take part in every agenda read while the block runs; a real kind of the
    same name stands aside meanwhile and is back afterwards."""
    replaced = {p.kind: p for p in providers.providers() if p.kind in {k.kind for k in kinds}}
    for kind in kinds:
        providers.register(kind)
    try:
        yield
    finally:
        for kind in kinds:
            providers.unregister(kind.kind)
        for provider in replaced.values():
            providers.register(provider)
