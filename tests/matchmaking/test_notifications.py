"""Notifications: in-app notices, their e-mails, and marking them read."""

import pytest
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from modus.matchmaking.models import Notification
from modus.matchmaking.services import notifications, requests, setup
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db


def test_a_name_with_a_line_break_cannot_add_a_mail_header(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    anna.person.first_name = "Anna\nBcc: victim@example.org"
    anna.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        requests.send_request(by=anna, recipient=ben)
    assert [mail.subject for mail in mailoutbox] == [
        f"{event.name}: Anna Bcc: victim@example.org {anna.person.last_name} asks to meet you."
    ]
    assert [mail.to for mail in mailoutbox] == [[ben.person.user.email]]
    assert mailoutbox[0].bcc == []


def test_marking_read_touches_only_the_readers_notices(fair):
    event, session, anna, ben, cyril = fair
    requests.send_request(by=anna, recipient=ben)
    requests.send_request(by=ben, recipient=cyril)
    assert notifications.mark_read(by=ben, notifications=Notification.objects.all()) == 1
    assert notifications.mark_read(by=ben) == 0
    assert list(Notification.objects.filter(read_at__isnull=True)) == [
        Notification.objects.get(recipient=cyril)
    ]


def test_the_request_email_quotes_the_requesters_message(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    with django_capture_on_commit_callbacks(execute=True):
        requests.send_request(by=anna, recipient=ben, message="Shall we talk optics?")
    inbox = reverse("matchmaking:inbox", args=[event.slug])
    assert [mail.body for mail in mailoutbox] == [
        f"{anna.person} asks to meet you.\n\nTheir message:\nShall we talk optics?\n\n"
        f"Answer in Modus: {settings.SITE_URL}{inbox}"
    ]


def test_an_acceptance_sends_one_email_to_each_person(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    with django_capture_on_commit_callbacks(execute=True):
        requests.accept_request(request=request, by=ben, slot=slots_of(session)[0])
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [anna.person.user.email, ben.person.user.email]
    )
    assert [mail.subject for mail in mailoutbox if mail.to == [anna.person.user.email]] == [
        f"{event.name}: {ben.person} accepted your meeting request: "
        "you meet at Mon 26 Sep 14:00, table T1."
    ]


def test_a_czech_recipient_gets_a_czech_email_with_the_pages_date_format(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    ben.person.language = "cs"
    ben.person.save()
    request = requests.send_request(by=anna, recipient=ben)
    with django_capture_on_commit_callbacks(execute=True):
        requests.accept_request(request=request, by=ben, slot=slots_of(session)[0])
    inbox = reverse("matchmaking:inbox", args=[event.slug])
    (czech,) = [mail for mail in mailoutbox if mail.to == [ben.person.user.email]]
    assert czech.body == (
        f"Vaše schůzka ({anna.person}) je po 26. 9. 14:00 u stolu T1.\n\n"
        f"Otevřete Modus: {settings.SITE_URL}{inbox}"
    )
    (english,) = [mail for mail in mailoutbox if mail.to == [anna.person.user.email]]
    assert english.subject == (
        f"{event.name}: {ben.person} accepted your meeting request: "
        "you meet at Mon 26 Sep 14:00, table T1."
    )


def test_an_email_follows_the_language_last_used_unless_one_is_chosen(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    signing_in = RequestFactory().get("/")
    signing_in.LANGUAGE_CODE = "cs"
    user_logged_in.send(sender=type(ben.person.user), request=signing_in, user=ben.person.user)
    ben.person.refresh_from_db()
    assert (ben.person.last_used_language, ben.person.preferred_language) == ("cs", "cs")
    with django_capture_on_commit_callbacks(execute=True):
        requests.send_request(by=anna, recipient=ben)
    assert [mail.subject for mail in mailoutbox] == [
        f"{event.name}: {anna.person} vás žádá o schůzku."
    ]
    ben.person.language = "en"
    assert ben.person.preferred_language == "en"
    assert anna.person.preferred_language == "en"


def test_an_email_is_written_in_the_recipients_language_and_the_event_time_zone(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    request = requests.send_request(by=anna, recipient=ben)
    # Accepted while the site speaks Czech to Ben; both have English as their language.
    with translation.override("cs"), django_capture_on_commit_callbacks(execute=True):
        requests.accept_request(request=request, by=ben, slot=slots_of(session)[0])
    # The slot starts 12:00 UTC; Prague in September is two hours ahead.
    assert sorted(mail.body.split("\n")[0] for mail in mailoutbox) == sorted(
        [
            f"{ben.person} accepted your meeting request: you meet at Mon 26 Sep 14:00, table T1.",
            f"Your meeting with {anna.person} is at Mon 26 Sep 14:00, table T1.",
        ]
    )


def emails_per_person(mailoutbox) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mail in mailoutbox:
        for address in mail.to:
            counts[address] = counts.get(address, 0) + 1
    return counts


@pytest.mark.parametrize("language", ["en", "cs"])
def test_a_manual_request_and_acceptance_send_one_email_each_per_step(
    fair, mailoutbox, django_capture_on_commit_callbacks, language
):
    event, session, anna, ben, _ = fair
    ben.person.language = language
    ben.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        request = requests.send_request(by=anna, recipient=ben, message="Optics?")
    assert emails_per_person(mailoutbox) == {ben.person.user.email: 1}
    with django_capture_on_commit_callbacks(execute=True):
        requests.accept_request(request=request, by=ben, slot=slots_of(session)[0])
    assert emails_per_person(mailoutbox) == {ben.person.user.email: 2, anna.person.user.email: 1}


@pytest.mark.parametrize(
    ("language", "first_line", "quoting", "closing"),
    [
        (
            "en",
            "{anna} asks to meet you and the meeting is booked: Mon 26 Sep 14:40, table T1.",
            "Their message:",
            "Open Modus",
        ),
        (
            "cs",
            "{anna} vás žádá o schůzku a ta je rovnou domluvena: po 26. 9. 14:40, stůl T1.",
            "Zpráva:",
            "Otevřete Modus",
        ),
    ],
)
def test_an_automatic_booking_sends_each_person_one_email(
    fair, mailoutbox, django_capture_on_commit_callbacks, language, first_line, quoting, closing
):
    event, session, anna, ben, _ = fair
    setup.update_settings(by=None, event=event, request_mode="automatic")
    ben.person.language = language
    ben.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        requests.send_request(
            by=anna, recipient=ben, message="Shall we talk optics?", slot=slots_of(session)[2]
        )
    assert emails_per_person(mailoutbox) == {ben.person.user.email: 1, anna.person.user.email: 1}
    (to_ben,) = [mail for mail in mailoutbox if mail.to == [ben.person.user.email]]
    inbox = reverse("matchmaking:inbox", args=[event.slug])
    heading = first_line.format(anna=anna.person)
    assert to_ben.subject == f"{event.name}: {heading}"
    assert to_ben.body.split("\n\n") == [
        heading,
        f"{quoting}\nShall we talk optics?",
        f"{closing}: {settings.SITE_URL}{inbox}",
    ]
    (to_anna,) = [mail for mail in mailoutbox if mail.to == [anna.person.user.email]]
    assert to_anna.subject == (
        f"{event.name}: {ben.person} accepted your meeting request: "
        "you meet at Mon 26 Sep 14:40, table T1."
    )


def test_an_automatic_acceptance_left_to_the_scheduler_sends_one_email_each(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, _ = fair
    setup.update_settings(
        by=None, event=event, request_mode="automatic", scheduling_mode="organiser"
    )
    with django_capture_on_commit_callbacks(execute=True):
        requests.send_request(by=anna, recipient=ben, message="Optics?")
    assert emails_per_person(mailoutbox) == {ben.person.user.email: 1, anna.person.user.email: 1}
    assert sorted(mail.subject for mail in mailoutbox) == sorted(
        [
            f"{event.name}: {anna.person} asks to meet you and the meeting is confirmed; "
            "the schedule will give its time and table.",
            f"{event.name}: {ben.person} accepted your meeting request.",
        ]
    )
