import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from modus.matchmaking.models import Meeting, MeetingRequest, MeetingSeat, Notification
from modus.matchmaking.selectors import free_slots
from modus.matchmaking.services import requests, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db


def test_a_request_notifies_the_recipient(fair, mailoutbox, django_capture_on_commit_callbacks):
    event, session, anna, ben, _ = fair
    with django_capture_on_commit_callbacks(execute=True):
        request = requests.send_request(
            by=anna, recipient=ben, message="Optics?", sessions=[session]
        )
    assert (request.status, request.mutual) == ("pending", False)
    assert list(request.sessions.all()) == [session]
    assert Notification.objects.get(recipient=ben).kind == "request-received"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [ben.person.user.email]


def test_accepting_books_a_slot_and_a_table(fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    slot = slots_of(session)[1]
    meeting = requests.accept_request(request=request, by=ben, slot=slot)
    assert (meeting.slot, meeting.table.name, meeting.status) == (slot, "T1", "confirmed")
    assert sorted(meeting.seats.values_list("participant_id", flat=True)) == sorted(
        [anna.pk, ben.pk]
    )
    request.refresh_from_db()
    assert request.status == "accepted"


def test_contact_details_are_shown_only_after_acceptance(fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    assert not anna.person.user.has_perm("directory.view_contact", ben.person)
    requests.accept_request(request=request, by=ben, slot=slots_of(session)[0])
    assert anna.person.user.has_perm("directory.view_contact", ben.person)
    assert ben.person.user.has_perm("directory.view_contact", anna.person)


def test_only_the_recipient_accepts_or_declines(fair):
    event, session, anna, ben, cyril = fair
    request = requests.send_request(by=anna, recipient=ben)
    with pytest.raises(PermissionDenied):
        requests.accept_request(request=request, by=anna, slot=slots_of(session)[0])
    with pytest.raises(PermissionDenied):
        requests.decline_request(request=request, by=cyril)
    with pytest.raises(PermissionDenied):
        requests.withdraw_request(request=request, by=ben)
    assert MeetingRequest.objects.get().status == "pending"


def test_decline_with_reason_tells_the_requester(fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    requests.decline_request(request=request, by=ben, reason="Not my field")
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == ("declined", "Not my field")
    assert Notification.objects.filter(recipient=anna, kind="request-declined").count() == 1
    with pytest.raises(ValidationError, match="no longer open"):
        requests.accept_request(request=request, by=ben, slot=slots_of(session)[0])


def test_bad_input_changes_nothing(fair):
    event, session, anna, ben, _ = fair
    other_event_person = ParticipantFactory()
    with pytest.raises(ValidationError, match="same event"):
        requests.send_request(by=anna, recipient=other_event_person)
    with pytest.raises(ValidationError, match="yourself"):
        requests.send_request(by=anna, recipient=anna)
    with pytest.raises(ValidationError) as error:
        requests.send_request(by=anna, recipient=ben, message="x" * 501)
    assert "message" in error.value.message_dict
    assert MeetingRequest.objects.count() == 0


def test_asking_twice_is_refused(fair):
    event, session, anna, ben, _ = fair
    requests.send_request(by=anna, recipient=ben)
    with pytest.raises(ValidationError, match="already asked"):
        requests.send_request(by=anna, recipient=ben)


def test_the_pending_limit_is_enforced_and_freed_by_expiry(fair):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, max_pending_requests=1)
    requests.send_request(by=anna, recipient=ben)
    with pytest.raises(ValidationError, match="the most this event allows"):
        requests.send_request(by=anna, recipient=cyril)
    MeetingRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    requests.send_request(by=anna, recipient=cyril)


def test_both_asking_makes_a_mutual_match_weighted_higher(fair):
    event, session, anna, ben, _ = fair
    first = requests.send_request(by=anna, recipient=ben)
    second = requests.send_request(by=ben, recipient=anna)
    first.refresh_from_db()
    assert (first.mutual, second.mutual) == (True, True)
    assert Notification.objects.get(recipient=anna).kind == "request-mutual"
    meeting = requests.accept_request(request=first, by=ben, slot=slots_of(session)[0])
    assert (meeting.mutual, meeting.weight) == (True, 2.0)
    second.refresh_from_db()
    assert second.status == "accepted"
    assert Meeting.objects.count() == 1


def test_a_person_is_never_booked_twice_in_a_slot(fair):
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[0]
    requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slot
    )
    second = requests.send_request(by=cyril, recipient=ben)
    with pytest.raises(ValidationError, match="already has a meeting in this slot"):
        requests.accept_request(request=second, by=ben, slot=slot)
    assert MeetingSeat.objects.filter(participant=ben, slot=slot, active=True).count() == 1


def test_no_table_left_means_no_booking(fair):
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[0]
    for _ in range(2):
        a, b = ParticipantFactory(event=event), ParticipantFactory(event=event)
        requests.accept_request(request=requests.send_request(by=a, recipient=b), by=b, slot=slot)
    request = requests.send_request(by=anna, recipient=ben)
    with pytest.raises(ValidationError, match="No table is free"):
        requests.accept_request(request=request, by=ben, slot=slot)


def test_the_per_session_limit_is_enforced(fair):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, max_meetings_per_session=1)
    slots = slots_of(session)
    requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slots[0]
    )
    request = requests.send_request(by=cyril, recipient=ben)
    with pytest.raises(ValidationError, match="meeting limit"):
        requests.accept_request(request=request, by=ben, slot=slots[1])


def test_accepting_needs_a_slot_when_participants_choose(fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    with pytest.raises(ValidationError) as error:
        requests.accept_request(request=request, by=ben)
    assert "slot" in error.value.message_dict


def test_a_slot_outside_the_named_sessions_is_refused(fair):
    event, session, anna, ben, _ = fair
    other = setup.add_session(
        by=None, event=event, name="Day 2", starts_at=session.starts_at + timedelta(days=1)
    )
    request = requests.send_request(by=anna, recipient=ben, sessions=[session])
    with pytest.raises(ValidationError, match="sessions the request named"):
        requests.accept_request(request=request, by=ben, slot=slots_of(other)[0])


def test_organiser_scheduling_leaves_the_meeting_unscheduled(fair):
    event, session, anna, ben, _ = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    meeting = requests.accept_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    assert (meeting.slot, meeting.table) == (None, None)


def test_automatic_acceptance_books_at_once(fair):
    event, session, anna, ben, _ = fair
    setup.update_settings(by=None, event=event, request_mode="automatic")
    request = requests.send_request(by=anna, recipient=ben, slot=slots_of(session)[2])
    request.refresh_from_db()
    assert request.status == "accepted"
    assert request.meeting.slot == slots_of(session)[2]


def test_request_rules_limit_who_may_ask_whom(fair):
    event, session, anna, ben, _ = fair
    exhibitor = ParticipantFactory(event=event, role="exhibitor")
    setup.set_request_rules(by=None, event=event, pairs=[("delegate", "exhibitor")])
    requests.send_request(by=anna, recipient=exhibitor)
    with pytest.raises(ValidationError, match="cannot request a meeting with"):
        requests.send_request(by=anna, recipient=ben)
    with pytest.raises(ValidationError):
        requests.send_request(by=exhibitor, recipient=ben)


def test_withdraw_frees_the_quota(fair):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, max_pending_requests=1)
    request = requests.send_request(by=anna, recipient=ben)
    requests.withdraw_request(request=request, by=anna)
    requests.send_request(by=anna, recipient=cyril)


def test_cancel_frees_the_slot_and_tells_the_other_side(fair):
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[0]
    meeting = requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slot
    )
    with pytest.raises(PermissionDenied):
        requests.cancel_meeting(meeting=meeting, by=cyril)
    requests.cancel_meeting(meeting=meeting, by=anna, reason="Flight cancelled")
    assert Notification.objects.filter(recipient=ben, kind="meeting-cancelled").count() == 1
    requests.accept_request(
        request=requests.send_request(by=cyril, recipient=ben), by=ben, slot=slot
    )
    with pytest.raises(ValidationError, match="already cancelled"):
        requests.cancel_meeting(meeting=meeting, by=anna)


def test_reminders_then_expiry(fair):
    event, session, anna, ben, _ = fair
    setup.update_settings(by=None, event=event, remind_after_hours=24, expire_after_hours=72)
    request = requests.send_request(by=anna, recipient=ben)
    now = timezone.now()
    assert requests.process_due_requests(now + timedelta(hours=1)) == (0, 0)
    assert requests.process_due_requests(now + timedelta(hours=25)) == (1, 0)
    assert requests.process_due_requests(now + timedelta(hours=26)) == (0, 0)
    assert requests.process_due_requests(now + timedelta(hours=73)) == (0, 1)
    request.refresh_from_db()
    assert request.status == "expired"
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == ["request-expired", "request-received", "request-reminder"]


def test_the_cron_command_processes_due_requests(fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    MeetingRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=30), expires_at=timezone.now()
    )
    output = io.StringIO()
    call_command("process_requests", stdout=output)
    assert output.getvalue().strip() == "0 reminded, 1 expired"


def test_unavailable_slots_are_neither_offered_nor_bookable(fair):
    event, session, anna, ben, _ = fair
    slots = slots_of(session)
    setup.set_unavailable(by=ben, slots=[slots[0], slots[1]])
    assert [s.pk for s in free_slots(anna, ben)] == [slots[2].pk, slots[3].pk]
    request = requests.send_request(by=anna, recipient=ben)
    with pytest.raises(ValidationError, match="not available in this slot"):
        requests.accept_request(request=request, by=ben, slot=slots[0])
    requests.accept_request(request=request, by=ben, slot=slots[2])
    with pytest.raises(ValidationError, match="You have a meeting in one of these slots"):
        setup.set_unavailable(by=ben, slots=[slots[2]])
    setup.set_unavailable(by=ben, slots=[])
    assert ben.unavailable_slots.count() == 0
