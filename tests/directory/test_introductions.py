"""Introduction requests: asking, routing, answering, nudging and reassigning."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from modus.common.models import AuditEntry
from modus.common.permissions import visible_contacts
from modus.directory import introductions
from modus.directory.models import IntroductionRequest, OrganisationKind, Visibility
from modus.directory.selectors import (
    introductions_to_answer,
    median_time_to_answer,
    open_introductions,
)
from modus.events.models import Participant
from modus.matchmaking.selectors import free_slots
from tests.directory.introduction_helpers import cluster_with_manager
from tests.factories import OrganisationFactory, ParticipantFactory, PersonFactory, UserFactory
from tests.matchmaking.helpers import DAY_1_STARTS, event_with_day_1

pytestmark = pytest.mark.django_db

Status = IntroductionRequest.Status
SERVICES = (
    "ask_introduction",
    "accept_introduction",
    "decline_introduction",
    "nudge_introduction",
    "reassign_introduction",
)


@pytest.fixture(autouse=True)
def commit_each_call(django_capture_on_commit_callbacks, monkeypatch):
    """Services mail after their transaction commits: run those callbacks as each returns."""
    for name in SERVICES:
        service = getattr(introductions, name)

        def committed(*args, service=service, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return service(*args, **kwargs)

        monkeypatch.setattr(introductions, name, committed)


def ask(person, cluster=None, wish="Partners for medical implants", **kw):
    return introductions.ask_introduction(
        by=person.user, requester=person, organisation=cluster, wish=wish, **kw
    )


def actions(introduction) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(introduction.pk), action__startswith="introduction")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_asking_for_a_cluster_routes_to_its_manager_and_mails_them():
    cluster = cluster_with_manager()
    visitor = PersonFactory(first_name="Vera")
    introduction = ask(visitor, cluster)
    assert (introduction.status, introduction.routed_to) == (Status.OPEN, cluster.manager)
    assert [m.to for m in mail.outbox] == [[cluster.manager.email]]
    assert "CZECHIMPLANT" in mail.outbox[0].subject
    assert actions(introduction) == ["introduction.asked"]


def test_asking_without_a_cluster_waits_for_staff_to_route_and_mails_them():
    UserFactory(email="staff@x.example", is_staff=True)
    czech = PersonFactory(user__email="stafflerova@x.example", user__is_staff=True, language="cs")
    UserFactory(email="gone@x.example", is_staff=True, is_active=False)
    UserFactory(email="delegate@x.example")
    visitor = PersonFactory(first_name="Vera", last_name="Visitor")
    introduction = ask(visitor, wish="A cluster in medical implants in Moravia")
    assert introduction.routed_to is None
    assert list(open_introductions(unrouted_only=True)) == [introduction]
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == ["staff@x.example", czech.email]
    english = sent["staff@x.example"]
    assert english.subject == "Vera Visitor asks for an introduction: route it to a manager"
    assert "A cluster in medical implants in Moravia" in english.body
    assert f"/introductions/{introduction.pk}/" in english.body
    assert sent[czech.email].subject.startswith("Vera Visitor žádá o seznámení")


@pytest.mark.parametrize("wish", ["", "   ", "x" * 2001])
def test_an_empty_or_overlong_wish_is_refused_and_records_nothing(wish):
    with pytest.raises(ValidationError) as refused:
        ask(PersonFactory(), cluster_with_manager(), wish=wish)
    assert list(refused.value.message_dict) == ["wish"]
    assert IntroductionRequest.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="introduction").count() == 0


def test_a_second_open_request_to_one_cluster_is_refused():
    cluster, visitor = cluster_with_manager(), PersonFactory()
    ask(visitor, cluster)
    with pytest.raises(ValidationError) as refused:
        ask(visitor, cluster)
    assert list(refused.value.message_dict) == ["organisation"]
    assert IntroductionRequest.objects.count() == 1


def test_a_hidden_cluster_a_company_or_ones_own_cluster_cannot_be_asked_for():
    visitor = PersonFactory()
    hidden = cluster_with_manager("Hidden", visibility=Visibility.HIDDEN)
    company = OrganisationFactory(kind=OrganisationKind.COMPANY)
    own = cluster_with_manager("Own")
    for organisation, person in ((hidden, visitor), (company, visitor), (own, own.manager)):
        with pytest.raises(ValidationError):
            ask(person, organisation)
    assert IntroductionRequest.objects.count() == 0


def test_nobody_asks_in_someone_elses_name():
    visitor, other = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionDenied):
        introductions.ask_introduction(
            by=other.user, requester=visitor, organisation=None, wish="Anyone"
        )
    assert IntroductionRequest.objects.count() == 0


def test_accepting_shares_contacts_and_suggests_a_free_slot_at_a_shared_event(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: DAY_1_STARTS - timedelta(days=1))
    event, _session = event_with_day_1()
    cluster = cluster_with_manager()
    visitor = PersonFactory(phone="+420 777 111 222")
    visitor_there = ParticipantFactory(event=event, person=visitor)
    manager_there = ParticipantFactory(event=event, person=cluster.manager)
    introduction = ask(visitor, cluster)
    assert cluster.manager not in visible_contacts(visitor.user)
    mail.outbox.clear()
    introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
    introduction.refresh_from_db()
    assert introduction.status == Status.ACCEPTED
    assert introduction.suggested_slot == free_slots(manager_there, visitor_there)[0]
    assert cluster.manager in visible_contacts(visitor.user)
    assert visitor in visible_contacts(cluster.manager.user)
    to_visitor, to_manager = sorted(mail.outbox, key=lambda m: m.to != [visitor.email])
    assert cluster.manager.email in to_visitor.body
    assert "+420 777 111 222" in to_manager.body
    assert "14:00" in to_visitor.body  # the slot, in Prague time
    assert actions(introduction) == ["introduction.asked", "introduction.accepted"]


def test_a_slot_already_begun_is_not_suggested(monkeypatch):
    """During the event, the morning's slots are gone: the first one yet to start."""
    event, session = event_with_day_1()
    monkeypatch.setattr(timezone, "now", lambda: DAY_1_STARTS + timedelta(minutes=30))
    cluster = cluster_with_manager()
    visitor = PersonFactory()
    ParticipantFactory(event=event, person=visitor)
    ParticipantFactory(event=event, person=cluster.manager)
    introduction = ask(visitor, cluster)
    introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
    introduction.refresh_from_db()
    assert introduction.suggested_slot == session.slots.order_by("starts_at")[2]
    monkeypatch.setattr(timezone, "now", lambda: DAY_1_STARTS + timedelta(days=1))
    later = ask(PersonFactory(), cluster)
    ParticipantFactory(event=event, person=later.requester)
    introductions.accept_introduction(by=cluster.manager.user, introduction=later)
    later.refresh_from_db()
    assert later.suggested_slot is None


def test_accepting_without_a_shared_event_suggests_no_slot():
    cluster = cluster_with_manager()
    introduction = ask(PersonFactory(), cluster)
    introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
    introduction.refresh_from_db()
    assert (introduction.status, introduction.suggested_slot) == (Status.ACCEPTED, None)


def test_declining_needs_a_reason_and_tells_the_visitor():
    cluster, visitor = cluster_with_manager(), PersonFactory()
    introduction = ask(visitor, cluster)
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        introductions.decline_introduction(
            by=cluster.manager.user, introduction=introduction, reason="  "
        )
    introductions.decline_introduction(
        by=cluster.manager.user, introduction=introduction, reason="We make no implants."
    )
    introduction.refresh_from_db()
    assert (introduction.status, introduction.reason) == (Status.DECLINED, "We make no implants.")
    assert [m.to for m in mail.outbox] == [[visitor.email]]
    assert "We make no implants." in mail.outbox[0].body
    assert cluster.manager not in visible_contacts(visitor.user)


def test_only_the_manager_it_is_routed_to_answers_and_only_once():
    cluster, visitor = cluster_with_manager(), PersonFactory()
    introduction = ask(visitor, cluster)
    for outsider in (visitor.user, PersonFactory().user, cluster_with_manager("B").manager.user):
        with pytest.raises(PermissionDenied):
            introductions.accept_introduction(by=outsider, introduction=introduction)
    introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
    with pytest.raises(ValidationError):
        introductions.decline_introduction(
            by=cluster.manager.user, introduction=introduction, reason="Changed my mind"
        )
    introduction.refresh_from_db()
    assert introduction.status == Status.ACCEPTED


def test_staff_reassign_an_unrouted_request_and_the_new_manager_answers():
    staff = UserFactory(is_staff=True)
    introduction = ask(PersonFactory(), wish="Implants, Moravia")
    cluster = cluster_with_manager()
    introductions.reassign_introduction(
        by=staff, introduction=introduction, organisation=cluster, version=introduction.version
    )
    introduction.refresh_from_db()
    assert (introduction.organisation, introduction.routed_to) == (cluster, cluster.manager)
    # Staff heard of the request when it came; the manager, when it was passed to them.
    assert [m.to for m in mail.outbox] == [[staff.email], [cluster.manager.email]]
    introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
    assert actions(introduction) == [
        "introduction.asked",
        "introduction.reassigned",
        "introduction.accepted",
    ]


def test_a_stale_reassignment_is_refused():
    staff = UserFactory(is_staff=True)
    introduction = ask(PersonFactory(), wish="Implants")
    seen = introduction.version
    first, second = cluster_with_manager("A"), cluster_with_manager("B")
    introductions.reassign_introduction(
        by=staff, introduction=introduction, organisation=first, version=seen
    )
    with pytest.raises(ValidationError):
        introductions.reassign_introduction(
            by=staff, introduction=introduction, organisation=second, version=seen
        )
    introduction.refresh_from_db()
    assert introduction.organisation == first


def test_reassigning_to_a_cluster_without_manager_or_a_duplicate_is_refused():
    staff = UserFactory(is_staff=True)
    visitor = PersonFactory()
    cluster = cluster_with_manager()
    ask(visitor, cluster)
    general = ask(visitor, wish="Anyone in implants")
    no_manager = OrganisationFactory(kind=OrganisationKind.CLUSTER)
    for target in (no_manager, cluster, OrganisationFactory(kind=OrganisationKind.COMPANY)):
        with pytest.raises(ValidationError):
            introductions.reassign_introduction(by=staff, introduction=general, organisation=target)
    general.refresh_from_db()
    assert (general.organisation, general.routed_to) == (None, None)


def test_only_staff_route_and_nudge():
    cluster, visitor = cluster_with_manager(), PersonFactory()
    introduction = ask(visitor, cluster)
    for user in (visitor.user, cluster.manager.user):
        with pytest.raises(PermissionDenied):
            introductions.nudge_introduction(by=user, introduction=introduction)
        with pytest.raises(PermissionDenied):
            introductions.reassign_introduction(
                by=user, introduction=introduction, organisation=cluster
            )


def test_a_nudge_mails_the_manager_once_an_hour():
    staff = UserFactory(is_staff=True)
    cluster = cluster_with_manager()
    introduction = ask(PersonFactory(), cluster)
    mail.outbox.clear()
    introductions.nudge_introduction(by=staff, introduction=introduction)
    with pytest.raises(ValidationError):
        introductions.nudge_introduction(by=staff, introduction=introduction)
    IntroductionRequest.objects.filter(pk=introduction.pk).update(
        nudged_at=timezone.now() - timedelta(hours=2)
    )
    introductions.nudge_introduction(by=staff, introduction=introduction)
    introduction.refresh_from_db()
    assert introduction.nudge_count == 2
    assert [m.to for m in mail.outbox] == [[cluster.manager.email]] * 2
    assert actions(introduction)[1:] == ["introduction.nudged", "introduction.nudged"]


def test_an_unrouted_request_cannot_be_nudged():
    with pytest.raises(ValidationError):
        introductions.nudge_introduction(
            by=UserFactory(is_staff=True), introduction=ask(PersonFactory(), wish="Anyone")
        )


def test_the_booth_asks_for_a_scanned_visitor_of_its_event():
    event, _session = event_with_day_1()
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    visitor = ParticipantFactory(event=event)
    cluster = cluster_with_manager()
    introduction = introductions.ask_introduction(
        by=organiser.person.user,
        requester=visitor.person,
        organisation=cluster,
        wish="Implants",
        channel=IntroductionRequest.Channel.BOOTH,
        event=event,
    )
    assert (introduction.entered_by, introduction.event) == (organiser.person.user, event)
    with pytest.raises(PermissionDenied):
        introductions.ask_introduction(
            by=PersonFactory().user,
            requester=visitor.person,
            wish="Implants",
            channel=IntroductionRequest.Channel.BOOTH,
            event=event,
        )


def test_the_median_time_to_answer_takes_the_middle_of_the_answered():
    assert median_time_to_answer() is None
    cluster = cluster_with_manager()
    now = timezone.now()
    for hours in (1, 3, 10, 30):
        introduction = ask(PersonFactory(), cluster)
        IntroductionRequest.objects.filter(pk=introduction.pk).update(
            status=Status.ACCEPTED, created_at=now - timedelta(hours=hours), answered_at=now
        )
    ask(PersonFactory(), cluster)  # open: not counted
    assert median_time_to_answer() == timedelta(hours=6.5)
    IntroductionRequest.objects.filter(created_at__lte=now - timedelta(hours=30)).delete()
    assert median_time_to_answer() == timedelta(hours=3)


def test_the_managers_list_puts_open_requests_first():
    cluster = cluster_with_manager()
    answered = ask(PersonFactory(), cluster)
    introductions.accept_introduction(by=cluster.manager.user, introduction=answered)
    waiting = ask(PersonFactory(), cluster)
    assert list(introductions_to_answer(cluster.manager)) == [waiting, answered]
