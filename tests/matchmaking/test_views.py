import pytest
from django.urls import reverse
from django.utils import timezone

from modus.matchmaking.models import Dismissal, Meeting, MeetingRequest, Recommendation
from modus.matchmaking.services import recommendations, requests, setup
from tests.factories import OpportunityFactory, ParticipantFactory, PersonFactory
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"matchmaking:{name}", args=[event.slug, *args])


def settings_form(**changes):
    """The organiser's settings form as posted: valid values, overridden by the changes."""
    return {
        "request_mode": "opt-in",
        "scheduling_mode": "participants",
        "max_pending_requests": 5,
        "max_meetings_per_session": 3,
        "min_meetings_per_session": 0,
        "remind_after_hours": 24,
        "expire_after_hours": 48,
        **changes,
    }


def post_settings(client, event, **changes):
    """An organiser of the event signs in and posts the settings form with the changes."""
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    return client.post(url("organiser", event), settings_form(**changes))


def test_pages_are_for_participants_of_the_event(client, fair):
    event, session, anna, ben, _ = fair
    client.force_login(PersonFactory().user)
    for name in ("inbox", "recommendations", "notifications", "marketplace"):
        assert client.get(url(name, event)).status_code == 403, name
    assert client.get(url("participant", event, ben.pk)).status_code == 403


def test_requesting_a_meeting_from_a_participant_page(client, fair):
    event, session, anna, ben, _ = fair
    client.force_login(anna.person.user)
    page = url("participant", event, ben.pk)
    assert client.get(page).status_code == 200
    response = client.post(page, {"message": "Let us talk optics", "sessions": [session.pk]})
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.message) == (
        anna,
        ben,
        "Let us talk optics",
    )


def test_a_request_error_is_shown_and_nothing_is_sent(client, fair):
    event, session, anna, ben, _ = fair
    setup.update_settings(by=None, event=event, max_pending_requests=0)
    client.force_login(anna.person.user)
    response = client.post(url("participant", event, ben.pk), {"message": "Hi"}, follow=True)
    assert "the most this event allows" in response.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_accepting_with_a_slot_from_the_inbox(client, fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    client.force_login(ben.person.user)
    inbox = client.get(url("inbox", event))
    assert "Accept" in inbox.content.decode()
    slot = slots_of(session)[2]
    response = client.post(url("accept", event, request.pk), {f"r{request.pk}-slot": slot.pk})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.slot == slot
    body = client.get(url("inbox", event)).content.decode()
    assert anna.person.user.email in body


def test_someone_else_cannot_accept_a_request(client, fair):
    event, session, anna, ben, cyril = fair
    request = requests.send_request(by=anna, recipient=ben)
    client.force_login(cyril.person.user)
    slot = slots_of(session)[0]
    response = client.post(url("accept", event, request.pk), {f"r{request.pk}-slot": slot.pk})
    assert response.status_code in (302, 403)
    assert Meeting.objects.count() == 0


def test_decline_withdraw_and_cancel_from_the_inbox(client, fair):
    event, session, anna, ben, cyril = fair
    first = requests.send_request(by=anna, recipient=ben)
    second = requests.send_request(by=cyril, recipient=ben)
    client.force_login(ben.person.user)
    client.post(url("decline", event, first.pk), {"reason": "Busy"})
    first.refresh_from_db()
    assert (first.status, first.decline_reason) == ("declined", "Busy")
    meeting = requests.accept_request(request=second, by=ben, slot=slots_of(session)[0])
    client.post(url("cancel", event, meeting.pk), {"reason": ""})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    client.force_login(anna.person.user)
    third = requests.send_request(by=anna, recipient=cyril)
    client.post(url("withdraw", event, third.pk))
    third.refresh_from_db()
    assert third.status == "withdrawn"


def test_inbox_queries_do_not_grow(client, fair, django_assert_max_num_queries):
    event, session, anna, ben, _ = fair
    slots = slots_of(session)
    for index in range(3):
        other = ParticipantFactory(event=event)
        requests.accept_request(
            request=requests.send_request(by=other, recipient=anna), by=anna, slot=slots[index]
        )
        requests.send_request(by=ParticipantFactory(event=event), recipient=anna)
    client.force_login(anna.person.user)
    with django_assert_max_num_queries(60):
        client.get(url("inbox", event))


def test_recommendations_page_shows_reasons_and_dismiss_hides(client, fair):
    event, session, anna, ben, cyril = fair
    OpportunityFactory(
        person=anna.person,
        direction="request",
        title="Optical components supplier for laser cutting",
    )
    OpportunityFactory(
        person=ben.person, direction="offer", title="Optical components for laser cutting machines"
    )
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    response = client.get(url("recommendations", event))
    rows = response.context["rows"]
    assert rows[0].other == ben
    assert any("answers your request" in sentence for sentence in rows[0].sentences)
    client.post(url("dismiss", event, ben.pk))
    assert Dismissal.objects.filter(participant=anna, other=ben).exists()
    assert ben not in [
        row.other for row in client.get(url("recommendations", event)).context["rows"]
    ]
    assert not Recommendation.objects.filter(participant=anna, other=ben).exists()


def test_recommendation_filters(client, fair):
    event, session, anna, ben, cyril = fair
    ben.person.country = "PL"
    ben.person.save()
    for person in (anna.person, ben.person, cyril.person):
        OpportunityFactory(person=person, direction="offer", title="Laser optics")
        OpportunityFactory(person=person, direction="request", title="Laser optics supplier")
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    rows = client.get(url("recommendations", event), {"country": "PL"}).context["rows"]
    assert [row.other for row in rows] == [ben]


def test_marketplace_lists_and_filters_the_events_offers(client, fair):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Cleanroom testing")
    OpportunityFactory(person=anna.person, direction="request", title="Funding partner")
    OpportunityFactory(title="Elsewhere offer")
    client.force_login(anna.person.user)
    page = client.get(url("marketplace", event)).context["page"]
    assert sorted(o.title for o in page) == ["Cleanroom testing", "Funding partner"]
    page = client.get(url("marketplace", event), {"direction": "offer", "q": "cleanroom"}).context[
        "page"
    ]
    assert [o.title for o in page] == ["Cleanroom testing"]


def test_notifications_page_lists_and_marks_read(client, fair):
    event, session, anna, ben, _ = fair
    requests.send_request(by=anna, recipient=ben)
    client.force_login(ben.person.user)
    response = client.get(url("notifications", event))
    assert f"{anna.person} asks to meet you." in response.content.decode()
    assert ben.notifications.filter(read_at__isnull=True).count() == 0


def test_organiser_page_counts_and_nudges(client, fair):
    event, session, anna, ben, cyril = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    requests.send_request(by=anna, recipient=ben)
    client.force_login(organiser.person.user)
    setup.add_stand(by=None, event=event, name="S1", host=cyril)
    response = client.get(url("organiser", event))
    figures = response.context["figures"]
    assert figures.requests["pending"] == 1
    assert list(figures.without_requests) == [cyril]
    assert "1 session, 2 tables, 1 stand." in response.content.decode()
    response = client.post(
        url("organiser", event),
        settings_form(
            request_mode="automatic", scheduling_mode="organiser", min_meetings_per_session=1
        ),
    )
    assert response.status_code == 302
    assert setup.settings_for(event).request_mode == "automatic"
    assert setup.settings_for(event).min_meetings_per_session == 1


def test_organiser_settings_refuse_a_minimum_above_the_maximum(client, fair):
    event, *_ = fair
    response = post_settings(client, event, max_meetings_per_session=2, min_meetings_per_session=3)
    assert response.status_code == 200
    assert "cannot be above the maximum" in response.content.decode()
    assert setup.settings_for(event).max_meetings_per_session == 8


def test_organiser_settings_refuse_expiry_before_reminder(client, fair):
    event, *_ = fair
    response = post_settings(client, event, remind_after_hours=48, expire_after_hours=24)
    assert response.status_code == 200
    assert setup.settings_for(event).expire_after_hours == 168


def test_delegates_cannot_open_the_organiser_page(client, fair):
    event, session, anna, *_ = fair
    client.force_login(anna.person.user)
    assert client.get(url("organiser", event)).status_code == 403


def test_organiser_sets_who_may_request_whom(client, fair):
    event, session, anna, ben, _ = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    client.post(url("organiser-rules", event), {"pairs": ["delegate>exhibitor"]})
    assert list(event.request_rules.values_list("requester_role", "recipient_role")) == [
        ("delegate", "exhibitor")
    ]
    form = client.get(url("organiser", event)).context["rules_form"]
    assert form.initial["pairs"] == ["delegate>exhibitor"]
    client.post(url("organiser-rules", event), {"pairs": ["nonsense"]})
    assert event.request_rules.count() == 1
    client.post(url("organiser-rules", event), {})
    assert event.request_rules.count() == 0


def test_organiser_runs_the_scheduler_and_sees_the_result(
    client, fair, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    requests.accept_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    assert client.get(url("organiser", event)).context["figures"].unscheduled == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("organiser-schedule", event), {"time_limit": 5})
    body = client.get(url("organiser-runs", event)).content.decode()
    assert "1 of at most 1 possible (1 meetings)" in body
    assert Meeting.objects.get().slot is not None
    client.post(url("organiser-schedule", event), {"time_limit": 1})
    assert event.schedule_runs.count() == 1


def test_an_overdue_request_is_closed_everywhere_and_processed_on_inbox_visit(
    client, fair, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now())
    client.force_login(ben.person.user)
    page = client.get(url("participant", event, anna.pk))
    assert page.context["their_request"] is None
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url("inbox", event))
    request.refresh_from_db()
    assert request.status == "expired"
