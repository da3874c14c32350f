import pytest

from modus import tasks
from modus.accounts.tasks import mail_sign_in_link
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_link_task_is_registered_and_mails_known_addresses_only(mailoutbox):
    UserFactory(email="eva@example.org")
    assert tasks.name_of(mail_sign_in_link) == "modus.accounts.tasks.mail_sign_in_link"
    mail_sign_in_link("nobody@example.org", "203.0.113.7")
    mail_sign_in_link("eva@example.org", "203.0.113.7")
    assert [mail.to for mail in mailoutbox] == [["eva@example.org"]]
