"""The data step of the accounts' migrations."""

import pytest

from modus.accounts.services import consume_sign_in_token, hash_token
from tests.migrations import migrate, migrate_to_the_latest

pytestmark = pytest.mark.django_db(transaction=True)


def test_links_sent_before_the_upgrade_keep_working():
    apps = migrate([("accounts", "0002_constraint_messages")])
    user = apps.get_model("accounts", "User").objects.create(email="jana@example.com")
    try:
        apps.get_model("accounts", "SignInToken").objects.create(
            user=user,
            token_hash=hash_token("sent-before"),
            expires_at="2999-01-01T00:00:00Z",
        )
        migrate([("accounts", "0003_sign_in_token_email")])
    finally:
        migrate_to_the_latest()
    assert consume_sign_in_token(raw_token="sent-before").email == "jana@example.com"
