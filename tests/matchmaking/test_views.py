from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from modus.directory.models import Ecosystem
from modus.matchmaking.models import (
    Dismissal,
    Meeting,
    MeetingRequest,
    Notification,
    Recommendation,
)
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


def test_accepting_twice_says_the_request_is_answered(client, fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    client.force_login(ben.person.user)
    form = {f"r{request.pk}-slot": slots_of(session)[2].pk}
    client.post(url("accept", event, request.pk), form)
    response = client.post(url("accept", event, request.pk), form, follow=True)
    body = response.content.decode()
    assert "This request is no longer open." in body
    assert "Pick one of the free slots." not in body
    assert Meeting.objects.count() == 1


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


def test_the_country_filter_offers_the_countries_of_the_people_listed(client, fair):
    event, session, anna, ben, cyril = fair
    ben.person.country, cyril.person.country = "PL", ""
    cyril.person.organisation.country = "SK"
    for person in (ben.person, cyril.person):
        person.save()
        person.organisation.save()
        OpportunityFactory(person=person, direction="offer", title="Laser optics")
    OpportunityFactory(person=anna.person, direction="request", title="Laser optics supplier")
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    form = client.get(url("recommendations", event)).context["form"]
    assert [code for code, _ in form.fields["country"].choices] == ["", "PL", "SK"]


@pytest.mark.parametrize("page", ["recommendations", "marketplace"])
def test_a_hidden_participant_is_told_what_hiding_costs(client, fair, page):
    event, session, anna, ben, cyril = fair
    client.force_login(anna.person.user)
    anna.person.visibility = "participants"
    anna.person.save()
    assert 'data-testid="hidden-profile"' not in client.get(url(page, event)).content.decode()
    anna.person.visibility = "hidden"
    anna.person.save()
    shown = client.get(url(page, event)).content.decode()
    assert "Your profile is hidden: nobody is suggested to meet you" in shown


def test_the_page_says_when_suggestions_are_being_updated(client, fair):
    event, session, anna, ben, cyril = fair
    client.force_login(anna.person.user)
    before = client.get(url("recommendations", event)).content.decode()
    assert 'data-testid="updating"' not in before
    cache.add(recommendations.queued_key(event.pk), True)
    body = client.get(url("recommendations", event)).content.decode()
    assert "Your suggestions are being recalculated after a profile change" in body
    cache.delete(recommendations.queued_key(event.pk))


def test_filters_that_leave_nobody_say_so_not_that_there_are_no_suggestions(client, fair):
    event, session, anna, ben, cyril = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Laser optics")
    OpportunityFactory(person=anna.person, direction="request", title="Laser optics supplier")
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    page = client.get(url("recommendations", event), {"kind": "investor"}).content.decode()
    assert "Nobody in your suggestions matches these filters." in page
    assert "No suggestions yet" not in page


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


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("senzor", ["Fibre sensors for wells"]),
        ("optika", ["Laser optics for cutting heads"]),
        ("optické", ["Laser optics for cutting heads"]),
        ("LASEROVÉ optiky", ["Laser optics for cutting heads"]),
        ("pekárna", []),
    ],
)
def test_marketplace_search_finds_word_forms_and_czech_as_the_directory_does(
    client, fair, query, found
):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Laser optics for cutting heads")
    OpportunityFactory(
        person=ben.person, direction="offer", title="Fibre sensors for wells", description="Heat."
    )
    client.force_login(anna.person.user)
    page = client.get(url("marketplace", event), {"q": query}).context["page"]
    assert [o.title for o in page] == found


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("laserové řezání", ["Laser cutting heads"]),
        ("čočky", ["Precision optics"]),
        ("kamera", ["Machine vision for sorting"]),
    ],
)
def test_marketplace_search_joins_common_czech_words_to_english_ones(client, fair, query, found):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Laser cutting heads")
    OpportunityFactory(
        person=ben.person, direction="offer", title="Precision optics", description="Lenses."
    )
    OpportunityFactory(
        person=ben.person,
        direction="offer",
        title="Machine vision for sorting",
        description="Line-scan cameras.",
    )
    client.force_login(anna.person.user)
    page = client.get(url("marketplace", event), {"q": query}).context["page"]
    assert [o.title for o in page] == found


def test_a_marketplace_sentence_nothing_holds_whole_shows_what_holds_most(client, fair):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Laser cutting heads")
    OpportunityFactory(
        person=ben.person, direction="offer", title="Precision optics", description="Lenses."
    )
    OpportunityFactory(person=ben.person, direction="offer", title="Sourdough bread")
    client.force_login(anna.person.user)
    response = client.get(url("marketplace", event), {"q": "Hledáme čočky pro laserové řezání"})
    assert response.context["partly"]
    assert [o.title for o in response.context["page"]] == [
        "Laser cutting heads",
        "Precision optics",
    ]
    assert "No offer or request holds all these words" in response.content.decode()
    whole = client.get(url("marketplace", event), {"q": "laser cutting"})
    assert not whole.context["partly"]
    assert [o.title for o in whole.context["page"]] == ["Laser cutting heads"]
    nothing = client.get(url("marketplace", event), {"q": "xyzzy qwertz"})
    assert (list(nothing.context["page"]), nothing.context["partly"]) == ([], False)
    assert "Nothing matches." in nothing.content.decode()


def test_marketplace_search_puts_a_match_in_the_title_first(client, fair):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Laser optics")
    OpportunityFactory(
        person=ben.person, direction="offer", title="Recycling line", description="Optical sorting."
    )
    client.force_login(anna.person.user)
    page = client.get(url("marketplace", event), {"q": "optika"}).context["page"]
    assert [o.title for o in page] == ["Laser optics", "Recycling line"]


def test_an_edited_offer_is_found_by_its_new_words(client, fair):
    event, session, anna, ben, _ = fair
    item = OpportunityFactory(person=ben.person, direction="offer", title="Bread")
    item.title = "Laser optics"
    item.save(update_fields=["title"])
    client.force_login(anna.person.user)
    page = client.get(url("marketplace", event), {"q": "optika"}).context["page"]
    assert [o.title for o in page] == ["Laser optics"]


def test_reading_notifications_changes_nothing_marking_read_is_a_post(client, fair):
    event, session, anna, ben, cyril = fair
    requests.send_request(by=anna, recipient=ben)
    requests.send_request(by=cyril, recipient=ben)
    theirs = requests.send_request(by=ben, recipient=anna)
    client.force_login(ben.person.user)
    response = client.get(url("notifications", event))
    assert f"{anna.person} asks to meet you." in response.content.decode()
    assert response.context["unread"] == 2
    assert ben.notifications.filter(read_at__isnull=True).count() == 2
    assert client.get(url("notifications-read", event)).status_code == 405
    first = ben.notifications.order_by("pk").first()
    client.post(url("notifications-read", event), {"notification": first.pk})
    assert list(ben.notifications.filter(read_at__isnull=True)) == [
        ben.notifications.order_by("pk").last()
    ]
    # Someone else's notification is not touched.
    their_notice = Notification.objects.get(recipient=anna, about=ben)
    client.post(url("notifications-read", event), {"notification": their_notice.pk})
    their_notice.refresh_from_db()
    assert their_notice.read_at is None
    client.post(url("notifications-read", event))
    assert ben.notifications.filter(read_at__isnull=True).count() == 0
    assert "new notification" not in client.get(url("notifications", event)).content.decode()
    assert theirs.status == "pending"


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


def test_organiser_settings_refuse_a_number_the_database_cannot_hold(client, fair):
    """Found by QA: SQLite stored 99999999999 meetings per session; PostgreSQL would fail."""
    event, *_ = fair
    response = post_settings(client, event, max_meetings_per_session=99_999_999_999)
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 32767." in response.content.decode()
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


def hidden_and_shown(event):
    """A hidden delegate and a participants-only one, both with an offer that answers the
    viewer's request (so each would be recommended on merit)."""
    hidden = ParticipantFactory(
        event=event,
        person__first_name="Hedda",
        person__last_name="Hiddenova",
        person__job_title="Secret buyer",
        person__organisation__name="Undisclosed Optics",
        person__visibility="hidden",
    )
    shown = ParticipantFactory(event=event, person__first_name="Sven", person__last_name="Shown")
    for participant in (hidden, shown):
        OpportunityFactory(
            person=participant.person, direction="offer", title="Optical components for lasers"
        )
    return hidden, shown


HIDDEN_WORDS = ("Hiddenova", "Secret buyer", "Undisclosed Optics")


def test_a_hidden_person_is_on_no_list_of_a_delegate_but_is_for_organisers(client, fair):
    event, session, anna, ben, cyril = fair
    hidden, shown = hidden_and_shown(event)
    OpportunityFactory(person=anna.person, direction="request", title="Optical components")
    recommendations.recompute(event)
    assert not Recommendation.objects.filter(other=hidden).exists()
    assert Recommendation.objects.filter(participant=hidden).exists()
    client.force_login(anna.person.user)
    pages = {
        name: client.get(url(name, event)).content.decode()
        for name in ("marketplace", "recommendations", "inbox", "notifications")
    }
    assert "Sven Shown" in pages["marketplace"]
    assert "Sven Shown" in pages["recommendations"]
    for name, body in pages.items():
        for word in HIDDEN_WORDS:
            assert word not in body, (name, word)
    assert client.get(url("participant", event, hidden.pk)).status_code == 404
    response = client.post(url("dismiss", event, hidden.pk))
    assert response.status_code == 404
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    body = client.get(url("marketplace", event)).content.decode()
    link = url("participant", event, hidden.pk)
    assert f'<a href="{link}">Hedda Hiddenova</a>, Undisclosed Optics' in body
    page = client.get(url("participant", event, hidden.pk))
    assert page.status_code == 200
    assert "Secret buyer" in page.content.decode()


def test_a_profile_hidden_after_the_lists_were_computed_drops_out_at_once(client, fair):
    event, session, anna, *_ = fair
    hidden, shown = hidden_and_shown(event)
    hidden.person.visibility = "participants"
    hidden.person.save()
    OpportunityFactory(person=anna.person, direction="request", title="Optical components")
    recommendations.recompute(event)
    hidden.person.visibility = "hidden"
    hidden.person.save()
    client.force_login(anna.person.user)
    rows = client.get(url("recommendations", event)).context["rows"]
    assert hidden not in [row.other for row in rows]
    assert shown in [row.other for row in rows]


def test_the_inbox_names_a_hidden_person_who_asked_without_linking_their_page(client, fair):
    event, session, anna, *_ = fair
    hidden, shown = hidden_and_shown(event)
    requests.send_request(by=hidden, recipient=anna)
    requests.send_request(by=shown, recipient=anna)
    client.force_login(anna.person.user)
    body = client.get(url("inbox", event)).content.decode()
    assert "Hedda Hiddenova" in body
    assert url("participant", event, hidden.pk) not in body
    assert url("participant", event, shown.pk) in body
    notices = client.get(url("notifications", event)).content.decode()
    assert "Hedda Hiddenova asks to meet you." in notices


def test_a_visible_persons_hidden_organisation_is_named_but_not_linked(client, fair):
    event, session, anna, ben, cyril = fair
    ben.person.organisation.name = "Quiet Optics"
    ben.person.organisation.visibility = "hidden"
    ben.person.organisation.save()
    organisation_page = reverse("directory:organisation", args=[ben.person.organisation.slug])
    client.force_login(anna.person.user)
    body = client.get(url("participant", event, ben.pk)).content.decode()
    assert "Quiet Optics" in body
    assert organisation_page not in body
    ben.person.organisation.visibility = "participants"
    ben.person.organisation.save()
    body = client.get(url("participant", event, ben.pk)).content.decode()
    assert f'<a href="{organisation_page}">Quiet Optics</a>' in body


def test_a_closed_pair_is_listed_and_reopened_from_the_inbox(client, fair):
    event, session, anna, ben, cyril = fair
    requests.decline_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    client.force_login(ben.person.user)
    assert "Allow new requests" in client.get(url("inbox", event)).content.decode()
    # Only the one who closed the pair can open it; others get 404.
    client.force_login(cyril.person.user)
    assert client.post(url("allow-requests", event, anna.pk)).status_code == 404
    client.force_login(ben.person.user)
    assert client.get(url("allow-requests", event, anna.pk)).status_code == 405
    response = client.post(url("allow-requests", event, anna.pk))
    assert response.status_code == 302
    assert requests.send_request(by=anna, recipient=ben).status == "pending"


def test_an_over_long_message_is_a_field_error_and_sends_nothing(client, fair):
    event, session, anna, ben, _ = fair
    client.force_login(anna.person.user)
    response = client.post(url("participant", event, ben.pk), {"message": "x" * 10_000})
    assert response.status_code == 200
    assert response.context["form"].errors["message"] == [
        "Ensure this value has at most 500 characters (it has 10000)."
    ]
    assert MeetingRequest.objects.count() == 0
    assert Notification.objects.count() == 0


def test_an_over_long_decline_reason_changes_nothing(client, fair):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    client.force_login(ben.person.user)
    client.post(url("decline", event, request.pk), {"reason": "x" * 10_000})
    request.refresh_from_db()
    assert request.status == "pending"


SCRIPT = '<script>alert("x")</script>'


def test_markup_in_messages_and_titles_is_shown_escaped(
    client, fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    for person in (ben.person, cyril.person):
        OpportunityFactory(person=person, direction="offer", title=f"Optics {SCRIPT}")
        person.job_title = SCRIPT
        person.save()
    OpportunityFactory(person=anna.person, direction="request", title=f"Optics {SCRIPT}")
    recommendations.recompute(event)
    with django_capture_on_commit_callbacks(execute=True):
        requests.send_request(by=ben, recipient=anna, message=SCRIPT)
    client.force_login(anna.person.user)
    for name in ("inbox", "marketplace", "recommendations", "notifications"):
        body = client.get(url(name, event)).content.decode()
        assert SCRIPT not in body, name
        if name != "notifications":
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, name
    # The e-mail is plain text only: no HTML part to inject into.
    assert [mail.alternatives for mail in mailoutbox] == [[]]


def queries_for(client, page_url) -> int:
    client.get(page_url)  # warm: session, the inbox's due-request run
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page_url).status_code == 200
    return len(captured)


def grow(event, anna, slots, count):
    """`count` more people, each with an offer, a request to anna (and a notification to
    her), one of her requests, (while slots last) a meeting with her, and one to suggest."""
    for _ in range(count):
        asking, asked, meeting, stranger = (ParticipantFactory(event=event) for _ in range(4))
        for other in (asking, asked, meeting, stranger):
            OpportunityFactory(person=other.person, direction="offer", title="Optical components")
        requests.send_request(by=asking, recipient=anna)
        requests.send_request(by=anna, recipient=asked)
        if slots:
            requests.accept_request(
                request=requests.send_request(by=meeting, recipient=anna),
                by=anna,
                slot=slots.pop(),
            )


def suggested_from_the_same_ecosystem(event, anna, count: int) -> None:
    """`count` more people of anna's ecosystem, each offering what she asks for."""
    for _ in range(count):
        other = ParticipantFactory(event=event)
        other.person.organisation.ecosystems.set([Ecosystem.objects.get(code="digital")])
        OpportunityFactory(person=other.person, direction="offer", title="Optical components")


def test_recommendations_name_a_shared_ecosystem_without_a_query_per_person(client, fair):
    """The demo's exhibitor, suggested thirty people of the ecosystems they share, cost a
    query per "Same ecosystem" sentence."""
    event, session, anna, ben, cyril = fair
    anna.person.organisation.ecosystems.set([Ecosystem.objects.get(code="digital")])
    OpportunityFactory(person=anna.person, direction="request", title="Optical components")
    suggested_from_the_same_ecosystem(event, anna, 1)
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    few = queries_for(client, url("recommendations", event))
    suggested_from_the_same_ecosystem(event, anna, 6)
    recommendations.recompute(event)
    assert queries_for(client, url("recommendations", event)) == few
    with translation.override("en"):
        sentences = client.get(url("recommendations", event)).context["rows"][0].sentences
    assert "Same ecosystem: Digital" in sentences


@pytest.mark.parametrize("name", ["marketplace", "recommendations", "inbox", "notifications"])
def test_list_pages_take_the_same_queries_however_many_rows(
    client, fair, name, django_assert_num_queries
):
    event, session, anna, ben, cyril = fair
    OpportunityFactory(person=anna.person, direction="request", title="Optical components")
    slots = slots_of(session)
    grow(event, anna, slots, 1)
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    page_url = url(name, event)
    few = queries_for(client, page_url)
    grow(event, anna, slots, 6)
    recommendations.recompute(event)
    client.get(page_url)
    with django_assert_num_queries(few):
        response = client.get(page_url)
    rows = {
        "marketplace": lambda: response.context["page"].paginator.count,
        "recommendations": lambda: len(response.context["rows"]),
        "inbox": lambda: len(response.context["incoming"]) + len(response.context["box"].meetings),
        "notifications": lambda: response.context["page"].paginator.count,
    }[name]()
    assert rows >= 7


def test_an_over_long_cancel_reason_changes_nothing(client, fair):
    event, session, anna, ben, _ = fair
    meeting = requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slots_of(session)[0]
    )
    client.force_login(ben.person.user)
    response = client.post(url("cancel", event, meeting.pk), {"reason": "x" * 10_000}, follow=True)
    assert "Ensure this value has at most 300 characters (it has 10000)." in (
        response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.status == "confirmed"


def test_an_over_long_marketplace_search_is_a_field_error(client, fair):
    event, session, anna, *_ = fair
    client.force_login(anna.person.user)
    response = client.get(url("marketplace", event), {"q": "x" * 10_000})
    assert response.status_code == 200
    assert response.context["form"].errors["q"] == [
        "Ensure this value has at most 200 characters (it has 10000)."
    ]
    assert "Ensure this value has at most 200 characters" in response.content.decode()


@pytest.mark.parametrize("query", ["x" * 300, "!!! 🚀"])
def test_a_refused_marketplace_search_finds_nothing_and_keeps_the_other_filters(
    client, fair, query
):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Cleanroom testing")
    client.force_login(anna.person.user)
    response = client.get(url("marketplace", event), {"q": query, "direction": "offer"})
    assert list(response.context["page"]) == []
    assert response.context["form"].errors["q"]
    assert response.context["form"].values()["direction"] == "offer"
    page = client.get(url("marketplace", event), {"q": "cleanroom", "kind": "nonsense"})
    assert [o.title for o in page.context["page"]] == ["Cleanroom testing"]
    assert page.context["form"].errors["kind"]


def test_signed_out_the_marketplace_sends_to_sign_in_and_back(client, fair):
    event = fair[0]
    page = url("marketplace", event)
    response = client.get(page)
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('accounts:sign-in')}?next={page}",
    )


def test_each_offer_links_its_owner_and_offers_a_meeting_request(client, fair):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Cleanroom testing")
    OpportunityFactory(person=anna.person, direction="request", title="Funding partner")
    client.force_login(anna.person.user)
    body = client.get(url("marketplace", event)).content.decode()
    ben_page, anna_page = url("participant", event, ben.pk), url("participant", event, anna.pk)
    assert body.count(f'<a href="{ben_page}">{ben.person.full_name}</a>') == 1
    assert body.count(f'<a class="button" href="{ben_page}#meet">Request a meeting</a>') == 1
    # One's own request links to one's page, with nothing to request.
    assert body.count(f'<a href="{anna_page}">{anna.person.full_name}</a>') == 1
    assert body.count(f'href="{anna_page}#meet"') == 0


def test_a_staff_member_outside_the_event_sees_names_without_dead_links(client, fair):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Cleanroom testing")
    staff = PersonFactory()
    staff.user.is_staff = True
    staff.user.save()
    client.force_login(staff.user)
    body = client.get(url("marketplace", event)).content.decode()
    assert ben.person.full_name in body
    assert url("participant", event, ben.pk) not in body


def test_the_request_button_leads_to_a_request_in_one_more_click(client, fair):
    event, session, anna, ben, _ = fair
    OpportunityFactory(person=ben.person, direction="offer", title="Cleanroom testing")
    client.force_login(anna.person.user)
    client.get(url("marketplace", event))
    response = client.post(url("participant", event, ben.pk), {"message": ""})
    assert response.status_code == 302
    assert list(MeetingRequest.objects.values_list("requester", "recipient")) == [(anna.pk, ben.pk)]


def test_a_notification_under_a_minute_old_was_just_now(client, fair):
    event, session, anna, ben, cyril = fair
    requests.send_request(by=anna, recipient=ben)
    Notification.objects.filter(recipient=ben).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    requests.send_request(by=cyril, recipient=ben)
    client.force_login(ben.person.user)
    response = client.get(url("notifications", event))
    assert [item.age for item in response.context["page"]] == ["just now", "5\xa0minutes ago"]
    client.cookies["django_language"] = "cs"
    # The middleware leaves Czech active in this thread; the override restores English.
    with translation.override("en"):
        response = client.get(url("notifications", event))
    assert [item.age for item in response.context["page"]] == ["právě teď", "před 5\xa0minutami"]


def test_closed_requests_and_closed_pairs_link_the_other_person(client, fair):
    event, session, anna, ben, _ = fair
    requests.decline_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, reason="Busy"
    )
    client.force_login(ben.person.user)
    body = client.get(url("inbox", event)).content.decode()
    anna_page = f'<a href="{url("participant", event, anna.pk)}">{anna.person.full_name}</a>'
    # Once under "Closed requests", once under "People who cannot ask you again".
    assert body.count(anna_page) == 2
    assert url("participant", event, ben.pk) not in body


def test_the_recommendations_page_says_which_requests_no_offer_answers(
    client, fair, django_assert_max_num_queries
):
    event, session, anna, ben, cyril = fair
    OpportunityFactory(
        person=anna.person, direction="request", title="Optical fibre sensors for harsh wells"
    )
    OpportunityFactory(person=anna.person, direction="request", title="Hotel booking software")
    OpportunityFactory(person=anna.person, direction="offer", title="Drilling services")
    OpportunityFactory(
        person=ben.person, direction="offer", title="Optical fibre sensors for harsh wells"
    )
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    client.get(url("recommendations", event))
    # No more than before the page told of unanswered requests (9 then, measured): her own
    # offers and requests took the query saved by reading asked and dismissed pairs at once.
    with django_assert_max_num_queries(9):
        response = client.get(url("recommendations", event))
    assert [o.title for o in response.context["unanswered"]] == ["Hotel booking software"]
    body = response.content.decode()
    assert "No offer answers “Hotel booking software” yet; we will tell you when one does." in body
    assert "Optical fibre sensors for harsh wells” yet" not in body
    assert 'data-testid="no-opportunities"' not in body
    client.cookies["django_language"] = "cs"
    with translation.override("en"):
        body = client.get(url("recommendations", event)).content.decode()
    assert (
        "Vaší poptávce „Hotel booking software“ zatím neodpovídá žádná nabídka; "
        "dáme vám vědět, jakmile se nějaká objeví." in body
    )


def test_someone_without_offers_or_requests_is_told_how_to_be_matched(client, fair):
    event, session, anna, ben, cyril = fair
    ben.person.country = "AT"
    ben.person.save()
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    response = client.get(url("recommendations", event))
    assert ben in [row.other for row in response.context["rows"]]
    assert response.context["unanswered"] == []
    body = response.content.decode()
    assert "You have no offers or requests yet" in body
    assert f'href="{reverse("directory:profile")}"' in body


def test_a_similar_profile_names_the_two_organisations_it_compares(client, fair):
    event, session, anna, ben, cyril = fair
    for participant, name in ((anna, "Optika Brno"), (ben, "Lasertech Praha")):
        participant.person.organisation.name = name
        participant.person.organisation.description = "Precision optics for laser machines"
        participant.person.organisation.save()
    cyril.person.organisation.description = "Bakery"
    cyril.person.organisation.save()
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    rows = client.get(url("recommendations", event)).context["rows"]
    assert [(row.other, row.sentences) for row in rows[:1]] == [
        (ben, ["Similar profile: Lasertech Praha describes work like that of Optika Brno"])
    ]


def test_ecosystem_reasons_take_no_query_per_suggestion(client, fair):
    """A shared ecosystem is named from one read of the ecosystems, not one per reason."""
    event, session, anna, ben, cyril = fair
    ecosystems = list(Ecosystem.objects.order_by("code")[:2])

    def share_ecosystems(participant):
        participant.person.organisation.ecosystems.set(ecosystems)

    share_ecosystems(anna)
    share_ecosystems(ben)
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    page_url = url("recommendations", event)
    few = queries_for(client, page_url)
    for _ in range(6):
        share_ecosystems(ParticipantFactory(event=event))
    recommendations.recompute(event)
    client.get(page_url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page_url)
    sharing = [
        row
        for row in response.context["rows"]
        if f"Same ecosystem: {ecosystems[0]}" in row.sentences
    ]
    assert len(sharing) == 7
    assert len(captured) == few
