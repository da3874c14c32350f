"""The private calendar feed and its address on the agenda page (schedule_views)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from modus.common.models import AuditEntry
from modus.events.services import calendar_token, rotate_calendar_token
from modus.matchmaking.services import publishing
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(fair):
    event, session, anna, ben, cyril = fair
    publishing.publish(by=None, event=event, state="final")
    return event, anna, ben


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def feed(token: str) -> int:
    return Client().get(reverse("calendar", args=[token])).status_code


def test_behind_a_tls_proxy_the_feed_address_is_https(published, settings):
    event, anna, ben = published
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["modus.example.org"]
    response = signed_in(anna.person.user).get(
        reverse("agenda:page", args=[event.slug]),
        HTTP_HOST="modus.example.org",
        HTTP_X_FORWARDED_PROTO="https",
    )
    anna.refresh_from_db()
    assert response.context["feed_url"] == (
        f"https://modus.example.org/calendar/{anna.calendar_token}.ics"
    )


def test_a_new_address_stops_the_old_one_at_once(published):
    event, anna, ben = published
    old = calendar_token(anna)
    client = signed_in(anna.person.user)
    response = client.post(reverse("agenda:new-calendar-address", args=[event.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:page", args=[event.slug])
    anna.refresh_from_db()
    assert anna.calendar_token != old
    assert (feed(old), feed(anna.calendar_token)) == (404, 200)
    page = client.get(reverse("agenda:page", args=[event.slug]))
    assert page.context["feed_url"] == f"http://testserver/calendar/{anna.calendar_token}.ics"
    assert [str(message) for message in page.context["messages"]] == [
        "Your calendar has a new address; the old one no longer works. Subscribe again."
    ]
    entry = AuditEntry.objects.get(action="participant.calendar_address_changed")
    assert (entry.actor, entry.object_id) == (anna.person.user, str(anna.pk))


def test_the_new_address_button_needs_a_post_and_a_registration(published, outsider):
    event, anna, ben = published
    url = reverse("agenda:new-calendar-address", args=[event.slug])
    assert signed_in(anna.person.user).get(url).status_code == 405
    assert Client().post(url).status_code == 302  # to sign-in
    assert signed_in(outsider.user).post(url).status_code == 403


def test_only_the_participant_may_change_their_calendar_address(published):
    event, anna, ben = published
    old = calendar_token(anna)
    with pytest.raises(PermissionDenied):
        rotate_calendar_token(by=ben.person.user, participant=anna)
    anna.refresh_from_db()
    assert anna.calendar_token == old


def test_a_deactivated_account_s_feed_is_gone(published):
    event, anna, ben = published
    token = calendar_token(anna)
    assert feed(token) == 200
    anna.person.user.is_active = False
    anna.person.user.save()
    assert feed(token) == 404


def test_a_removed_participant_s_feed_is_gone(published):
    event, anna, ben = published
    token = calendar_token(anna)
    anna.delete()
    assert feed(token) == 404


def test_another_participant_s_feed_is_unaffected(published):
    event, anna, ben = published
    anna_token, ben_token = calendar_token(anna), calendar_token(ben)
    rotate_calendar_token(by=anna.person.user, participant=anna)
    assert (feed(anna_token), feed(ben_token)) == (404, 200)
    assert ParticipantFactory(event=event).calendar_token is None
