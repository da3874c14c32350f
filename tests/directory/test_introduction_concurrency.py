"""Racing answers and reassignments of one introduction request on PostgreSQL."""

import time

import pytest

from modus.common.models import AuditEntry
from modus.directory import introductions
from modus.directory.models import IntroductionRequest
from tests.concurrency import race
from tests.directory.introduction_helpers import cluster_with_manager
from tests.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def slow_locks(monkeypatch) -> None:
    """Hold the row a while after locking it, so the other thread surely waits on it."""
    real = introductions.lock_introduction

    def slow(pk):
        found = real(pk)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(introductions, "lock_introduction", slow)


def test_an_accept_racing_a_decline_answers_once(monkeypatch):
    slow_locks(monkeypatch)
    cluster, visitor = cluster_with_manager("CZECHIMPLANT"), PersonFactory()
    introduction = introductions.ask_introduction(
        by=visitor.user, requester=visitor, organisation=cluster, wish="Implants"
    )
    manager = cluster.manager.user
    outcomes = race(
        [
            lambda: introductions.accept_introduction(by=manager, introduction=introduction),
            lambda: introductions.decline_introduction(
                by=manager, introduction=introduction, reason="Not now"
            ),
        ]
    )
    assert outcomes == ["done", "refused"]
    introduction.refresh_from_db()
    answers = AuditEntry.objects.filter(
        action__in=["introduction.accepted", "introduction.declined"]
    ).values_list("action", flat=True)
    assert list(answers) == [f"introduction.{introduction.status}"]
    assert (introduction.status == "declined") == (introduction.reason == "Not now")


def test_two_staff_reassigning_at_once_leave_one_routing(monkeypatch):
    slow_locks(monkeypatch)
    visitor = PersonFactory()
    introduction = introductions.ask_introduction(
        by=visitor.user, requester=visitor, wish="A cluster in medical implants in Moravia"
    )
    targets = [cluster_with_manager(name) for name in ("CZECHIMPLANT", "NANOPROGRESS")]
    staff = [UserFactory(is_staff=True) for _target in targets]
    seen = introduction.version
    outcomes = race(
        [
            lambda by=by, target=target: introductions.reassign_introduction(
                by=by, introduction=introduction, organisation=target, version=seen
            )
            for by, target in zip(staff, targets, strict=True)
        ]
    )
    assert outcomes == ["done", "refused"]
    introduction.refresh_from_db()
    assert introduction.version == seen + 1
    assert introduction.routed_to == introduction.organisation.manager
    entry = AuditEntry.objects.get(action="introduction.reassigned")
    assert entry.data["to"]["organisation"] == introduction.organisation_id


def test_many_asks_for_one_cluster_at_once_leave_one_open():
    cluster, visitor = cluster_with_manager("CLUTEX"), PersonFactory()
    outcomes = race(
        [
            lambda: introductions.ask_introduction(
                by=visitor.user, requester=visitor, organisation=cluster, wish="Textiles"
            )
        ]
        * 8
    )
    assert outcomes == ["done"] + ["refused"] * 7
    assert IntroductionRequest.objects.filter(status="open").count() == 1
