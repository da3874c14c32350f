import logging
import re
import smtplib
import time
import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation

from modus.accounts.models import User
from modus.common.models import AuditEntry
from modus.common.templatetags.dates import date_range
from modus.directory.models import Person
from modus.events.models import CheckIn, Participant, RegistrationImport, WithdrawnRegistration
from modus.events.registration_import import import_registrations
from modus.events.registration_notices import (
    WITHDRAW_SALT,
    send_registration_notices,
    withdraw_token,
)
from modus.events.services import withdraw_registration
from modus.matchmaking.models import Notification, Table
from modus.matchmaking.services import notifications
from tests.events.test_registration_import import csv_file, insert_batches
from tests.events.test_views import post_confirmation, upload_to
from tests.factories import EventFactory, OrganisationFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def imported(event, text: str, callbacks, by=None):
    """Import and run what waits for the commit (the e-mails), as the worker would."""
    with callbacks(execute=True):
        return import_registrations(by=by, event=event, uploaded=csv_file(text))


@pytest.fixture
def hosted_event():
    host = OrganisationFactory(name="Czech Cluster Association")
    return EventFactory(name="Cluster Conference", host=host, city="Prague")


def test_one_email_to_each_person_registered_and_none_to_those_registered_before(
    hosted_event, django_capture_on_commit_callbacks
):
    PersonFactory(user__email="known@example.org", language="cs")
    ParticipantFactory(event=hosted_event, person__user__email="before@example.org")
    text = (
        "email,first_name,last_name\n"
        "known@example.org,Karel,Známý\nbefore@example.org,B,B\nnew@example.org,Nora,New\n"
    )
    result = imported(hosted_event, text, django_capture_on_commit_callbacks)
    assert (result.registered, result.unchanged) == (2, 1)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "known@example.org",
        "new@example.org",
    ]
    by_address = {message.to[0]: message for message in mail.outbox}
    new = by_address["new@example.org"]
    assert new.subject == "You are registered for Cluster Conference"
    assert "Czech Cluster Association registered you for Cluster Conference." in new.body
    assert "An account was made for you with this e-mail address." in new.body
    # The existing account is written to in the language its owner chose.
    known = by_address["known@example.org"]
    assert known.extra_headers["Content-Language"] == "cs"
    with translation.override("cs"):
        assert date_range(hosted_event.start_date, hosted_event.end_date) in known.body
    assert new.extra_headers["Content-Language"] == "en"


def link_in(message) -> str:
    return next(line for line in message.body.splitlines() if "/events/withdraw/" in line)


def test_the_link_in_the_email_opens_the_withdraw_page_of_that_registration(
    client, hosted_event, django_capture_on_commit_callbacks, settings
):
    text = "email,first_name,last_name\nnew@example.org,Nora,New\n"
    imported(hosted_event, text, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    assert link.startswith(settings.SITE_URL + "/events/withdraw/")
    page = client.get(link.removeprefix(settings.SITE_URL))
    assert "Czech Cluster Association registered Nora New for Cluster Conference." in (
        page.content.decode()
    )


def test_a_second_import_of_the_same_people_sends_nothing(
    hosted_event, django_capture_on_commit_callbacks
):
    text = "email,first_name,last_name\na@example.org,A,A\n"
    imported(hosted_event, text, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    imported(hosted_event, text.replace(",A,A", ",A,A"), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_new_person_is_written_to_in_the_language_of_the_language_column(
    hosted_event, django_capture_on_commit_callbacks
):
    text = "email,first_name,last_name,Jazyk\ncs@example.org,Č,Č,čeština\nen@example.org,E,E,EN\n"
    imported(hosted_event, text, django_capture_on_commit_callbacks)
    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mail.outbox}
    assert languages == {"cs@example.org": "cs", "en@example.org": "en"}


def queries_with_notices(event, rows: int, callbacks) -> int:
    old = f"old{rows}@example.org"
    ParticipantFactory(event=event, person__user__email=old, role="speaker")
    PersonFactory(user__email=f"known{rows}@example.org")  # an account, not yet registered
    new = "".join(f"p{rows}-{n}@example.org,P,{n},CZ\n" for n in range(rows))
    text = (
        "email,first_name,last_name,country\n"
        + f"{old},O,O,CZ\nknown{rows}@example.org,K,K,CZ\n"
        + new
    )
    ContentType.objects.clear_cache()
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        result = imported(event, text, callbacks)
    assert result.registered == rows + 1
    assert len(mail.outbox) == rows + 1  # the one registered before is not written to
    return len(queries)


def test_the_import_and_its_notices_run_as_many_queries_for_10_or_200_rows(
    event, django_capture_on_commit_callbacks
):
    """The e-mails are read for in one query per 500 people, never one a person."""
    extra = insert_batches(200) - insert_batches(10)
    few = queries_with_notices(event, 10, django_capture_on_commit_callbacks)
    many = queries_with_notices(EventFactory(), 200, django_capture_on_commit_callbacks)
    assert few + extra == many


class RefusingBackend(locmem.EmailBackend):
    """A mail server that refuses the addresses starting with "refused" and takes the rest."""

    def send_messages(self, messages):
        for message in messages:
            refused = [address for address in message.to if address.startswith("refused")]
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user")))
        return super().send_messages(messages)


REFUSING = "tests.events.test_registration_notices.RefusingBackend"


def test_a_refused_address_does_not_keep_the_others_from_their_emails(
    hosted_event, settings, caplog
):
    settings.EMAIL_BACKEND = REFUSING
    registration_import = RegistrationImport.objects.create(event=hosted_event, file_name="r.csv")
    addresses = ["a@example.org", "refused@example.org", "z@example.org"]
    participants = [
        ParticipantFactory(event=hosted_event, person__user__email=address) for address in addresses
    ]
    with caplog.at_level(logging.WARNING, logger="modus.events.registration_notices"):
        sent = send_registration_notices(
            [participant.pk for participant in participants], [], registration_import.pk
        )
    assert sent == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "z@example.org"]
    registration_import.refresh_from_db()
    assert registration_import.notices_failed == 1
    refused = participants[1].pk
    assert [record.getMessage() for record in caplog.records] == [
        f"registration notice to participant {refused} failed: "
        "SMTPRecipientsRefused({'refused@example.org': (550, b'No such user')})"
    ]


def test_the_organiser_sees_how_many_people_could_not_be_emailed(
    client, event, organiser, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(organiser.user)
    content = (
        b"email,first_name,last_name\n"
        b"refused1@example.org,A,A\nok@example.org,B,B\nrefused2@example.org,C,C\n"
    )
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    post_confirmation(client, event, registration_import, django_capture_on_commit_callbacks)
    assert [message.to[0] for message in mail.outbox] == ["ok@example.org"]
    assert Participant.objects.filter(event=event).count() == 4  # with the organiser
    page = client.get(reverse("events:import-detail", args=[event.slug, registration_import.pk]))
    assert page.context["registration_import"].notices_failed == 2
    assert (
        "2 people registered could not be e-mailed: the mail server refused or failed."
        in page.content.decode()
    )


def test_the_import_page_updates_until_its_emails_are_sent(
    client, event, organiser, settings, django_capture_on_commit_callbacks
):
    """The import is done before its e-mails are: its page says how many are still to go and
    keeps asking, then shows those not mailed and stops."""
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(organiser.user)
    content = b"email,first_name,last_name\nrefused@example.org,A,A\nok@example.org,B,B\n"
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    confirm = reverse("events:import-confirm", args=[event.slug, registration_import.pk])
    with django_capture_on_commit_callbacks() as importing:
        client.post(confirm, {"digest": registration_import.digest})
    with django_capture_on_commit_callbacks() as later:
        for callback in importing:
            callback()
    # The registrations committed; the e-mails wait in `later` (a task, on a worker).
    registration_import.refresh_from_db()
    page = client.get(reverse("events:import-detail", args=[event.slug, registration_import.pk]))
    html = page.content.decode()
    assert registration_import.status == "done"
    assert "2 e-mails are still to be sent; this page updates by itself." in html
    assert 'hx-trigger="every 2s"' in html
    for callback in later:
        callback()
    assert [message.to[0] for message in mail.outbox] == ["ok@example.org"]
    page = client.get(reverse("events:import-detail", args=[event.slug, registration_import.pk]))
    html = page.content.decode()
    assert "still to be sent" not in html
    assert 'hx-trigger="every 2s"' not in html
    assert "1 person registered could not be e-mailed" in html


def test_emails_a_dying_task_did_not_send_count_as_not_mailed(hosted_event, monkeypatch):
    """Else the import's page would wait for them for ever."""
    participants = [ParticipantFactory(event=hosted_event) for _ in range(3)]
    registration_import = RegistrationImport.objects.create(
        event=hosted_event, file_name="r.csv", notices_pending=3
    )

    def broken(participant, new_account):
        raise RuntimeError("the template is gone")

    monkeypatch.setattr("modus.events.registration_notices.notice", broken)
    with pytest.raises(RuntimeError):
        send_registration_notices([p.pk for p in participants], [], registration_import.pk)
    registration_import.refresh_from_db()
    assert (registration_import.notices_pending, registration_import.notices_failed) == (0, 3)


def queries_of_notices(event, refused: int) -> int:
    participants = [
        ParticipantFactory(event=event, person__user__email=f"refused{refused}-{n}@example.org")
        for n in range(refused)
    ] + [ParticipantFactory(event=event, person__user__email=f"ok{refused}@example.org")]
    registration_import = RegistrationImport.objects.create(event=event, file_name="r.csv")
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        send_registration_notices([p.pk for p in participants], [], registration_import.pk)
    registration_import.refresh_from_db()
    assert registration_import.notices_failed == refused
    return len(queries)


def test_failures_are_counted_in_as_many_queries_for_one_or_twenty(hosted_event, settings):
    settings.EMAIL_BACKEND = REFUSING
    assert queries_of_notices(hosted_event, 1) == queries_of_notices(EventFactory(), 20)


# Withdrawing through the link -------------------------------------------------------


def test_the_link_shows_a_button_and_its_post_withdraws_the_registration(client, hosted_event):
    participant = ParticipantFactory(event=hosted_event, person__first_name="Nora")
    url = reverse("events:withdraw", args=[withdraw_token(participant)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Czech Cluster Association registered Nora" in page.content.decode()
    assert Participant.objects.filter(pk=participant.pk).exists()  # opening it changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert "You are no longer registered for Cluster Conference." in response.content.decode()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert Person.objects.filter(pk=participant.person_id).exists()  # the account stays
    entry = AuditEntry.objects.get(action="participant.withdrawn")
    assert (entry.actor, entry.object_id) == (participant.person.user, str(participant.pk))
    again = client.post(url)
    assert again.status_code == 400
    assert AuditEntry.objects.filter(action="participant.withdrawn").count() == 1


def tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_expired_or_foreign_link_changes_nothing(
    client, hosted_event, settings, monkeypatch, method
):
    participant = ParticipantFactory(event=hosted_event)
    other = ParticipantFactory(event=hosted_event)
    token = withdraw_token(participant)
    # Another registration's key with this person's: signed, but naming nobody.
    foreign = signing.dumps([other.pk, participant.person_id], salt=WITHDRAW_SALT)
    unsigned = signing.dumps([participant.pk, participant.person_id], salt="another purpose")
    send = getattr(client, method)
    for bad in (tampered(token), foreign, unsigned, "no-such-token"):
        response = send(reverse("events:withdraw", args=[bad]))
        assert response.status_code == 400, bad
    # A link mailed a day longer ago than links work.
    age = (settings.REGISTRATION_WITHDRAW_LINK_DAYS + 1) * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda signer: signing.b62_encode(int(time.time()) - age),
        )
        old = withdraw_token(participant)
    expired = send(reverse("events:withdraw", args=[old]))
    assert expired.status_code == 400
    assert "This link has expired." in expired.content.decode()
    assert Participant.objects.filter(pk__in=[participant.pk, other.pk]).count() == 2
    assert not AuditEntry.objects.filter(action="participant.withdrawn").exists()


def checked_in(participant):
    CheckIn.objects.create(participant=participant)


def hosts_a_stand(participant):
    Table.objects.create(event=participant.event, name="Stand 7", host=participant)


@pytest.mark.parametrize("takes_part", [checked_in, hosts_a_stand])
def test_one_who_takes_part_already_cannot_withdraw_by_the_link(client, hosted_event, takes_part):
    participant = ParticipantFactory(event=hosted_event)
    takes_part(participant)
    response = client.post(reverse("events:withdraw", args=[withdraw_token(participant)]))
    assert response.status_code == 422
    assert "so the registration cannot be withdrawn here" in response.content.decode()
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_only_the_person_may_withdraw_their_registration(hosted_event):
    participant = ParticipantFactory(event=hosted_event)
    organiser = ParticipantFactory(event=hosted_event, role="organiser")
    with pytest.raises(PermissionDenied):
        withdraw_registration(by=organiser.person.user, participant=participant)
    staff = User.objects.create_superuser("staff@example.org", "x")
    with pytest.raises(PermissionDenied):
        withdraw_registration(by=staff, participant=participant)
    assert Participant.objects.filter(pk=participant.pk).exists()
    withdraw_registration(by=participant.person.user, participant=participant)
    with pytest.raises(ValidationError):
        withdraw_registration(by=participant.person.user, participant=participant)


# The organisers hear of a withdrawal ------------------------------------------------


def withdraw_by_link(client, participant, callbacks):
    with callbacks(execute=True):
        response = client.post(reverse("events:withdraw", args=[withdraw_token(participant)]))
    assert response.status_code == 200


def test_each_organiser_is_told_who_withdrew_in_their_own_language(
    client, hosted_event, django_capture_on_commit_callbacks, monkeypatch
):
    # The words are the catalogue's; what matters here is the language each is written in.
    monkeypatch.setattr(notifications, "describe", lambda kind, data: translation.get_language())
    czech = ParticipantFactory(
        event=hosted_event, role="organiser", person__language="cs", person__user__email="o1@x.cz"
    )
    english = ParticipantFactory(
        event=hosted_event, role="organiser", person__language="en", person__user__email="o2@x.cz"
    )
    ParticipantFactory(event=hosted_event, person__user__email="delegate@x.cz")
    ParticipantFactory(role="organiser", person__user__email="elsewhere@x.cz")
    nora = ParticipantFactory(
        event=hosted_event, person__first_name="Nora", person__last_name="Nováková"
    )
    withdraw_by_link(client, nora, django_capture_on_commit_callbacks)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {"o1@x.cz": "Cluster Conference: cs", "o2@x.cz": "Cluster Conference: en"}
    told = Notification.objects.filter(kind="registration-withdrawn").order_by("recipient")
    assert [(n.recipient, n.data) for n in told] == [
        (czech, {"name": "Nora Nováková"}),
        (english, {"name": "Nora Nováková"}),
    ]
    participants_page = reverse("events:participants", args=[hosted_event.slug])
    assert {n.url for n in told} == {participants_page + "#withdrawn"}


def test_the_notice_names_who_withdrew(hosted_event, django_capture_on_commit_callbacks):
    ParticipantFactory(event=hosted_event, role="organiser", person__user__email="o@x.cz")
    nora = ParticipantFactory(event=hosted_event, person__first_name="Nora", person__last_name="N")
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_registration(by=nora.person.user, participant=nora)
    (message,) = mail.outbox
    assert message.subject == (
        "Cluster Conference: Nora N withdrew their registration through the link in the "
        "e-mail that told them of it."
    )
    assert message.body.endswith(f"/events/{hosted_event.slug}/manage/participants/#withdrawn")


def test_an_organiser_who_withdraws_is_not_told_of_it_themselves(
    hosted_event, django_capture_on_commit_callbacks
):
    other = ParticipantFactory(event=hosted_event, role="organiser", person__user__email="o@x.cz")
    leaving = ParticipantFactory(event=hosted_event, role="organiser")
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_registration(by=leaving.person.user, participant=leaving)
    assert [message.to[0] for message in mail.outbox] == ["o@x.cz"]
    assert list(Notification.objects.values_list("recipient", flat=True)) == [other.pk]


def queries_of_withdrawal(organisers: int) -> int:
    event = EventFactory()
    for _ in range(organisers):
        ParticipantFactory(event=event, role="organiser")
    leaving = ParticipantFactory(event=event)
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        withdraw_registration(by=leaving.person.user, participant=leaving)
    assert Notification.objects.filter(recipient__event=event).count() == organisers
    return len(queries)


def test_a_withdrawal_tells_one_or_five_organisers_in_as_many_queries():
    assert queries_of_withdrawal(1) == queries_of_withdrawal(5)


def test_the_participant_list_shows_who_withdrew_and_when_to_this_events_organisers(
    client, hosted_event
):
    hosted_event.time_zone = "Europe/Prague"
    hosted_event.save()
    organiser = ParticipantFactory(event=hosted_event, role="organiser")
    nora = ParticipantFactory(
        event=hosted_event, role="speaker", person__first_name="Nora", person__last_name="Nová"
    )
    elsewhere = ParticipantFactory(person__first_name="Otto", person__last_name="Jinde")
    withdraw_registration(by=nora.person.user, participant=nora)
    withdraw_registration(by=elsewhere.person.user, participant=elsewhere)
    withdrawal = WithdrawnRegistration.objects.get(event=hosted_event)
    assert (withdrawal.person, withdrawal.name) == (nora.person, "Nora Nová")
    assert withdrawal.role == "speaker"
    client.force_login(organiser.person.user)
    html = client.get(reverse("events:participants", args=[hosted_event.slug])).content.decode()
    rows = re.findall(r'<tr data-testid="withdrawal">(.*?)</tr>', html)
    shown = formats.date_format(
        withdrawal.withdrawn_at.astimezone(zoneinfo.ZoneInfo("Europe/Prague")), "DATETIME_FORMAT"
    )
    assert rows == [f"<td>Nora Nová</td><td>Speaker</td><td>{shown}</td>"]
    assert "1 registration withdrawn" in html


def participant_list_queries_with_withdrawals(client, withdrawals: int) -> tuple[int, int]:
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser")
    for _ in range(withdrawals):
        leaving = ParticipantFactory(event=event)
        withdraw_registration(by=leaving.person.user, participant=leaving)
    client.force_login(organiser.person.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("events:participants", args=[event.slug]))
    return len(queries), len(response.context["withdrawals"])


def test_the_withdrawals_cost_the_participant_list_as_many_queries_for_one_or_sixty(client):
    few, many = (participant_list_queries_with_withdrawals(client, n) for n in (1, 60))
    assert (few[1], many[1]) == (1, 50)
    assert few[0] == many[0]
