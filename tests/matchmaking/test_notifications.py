"""Notifications: in-app notices, their e-mails, and marking them read."""

import pytest

from modus.matchmaking.models import Notification
from modus.matchmaking.services import notifications, requests

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
