"""Two clicks on one link at the same moment: exactly one signs in (PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from modus.accounts.services import SignInError, consume_sign_in_token, issue_sign_in_token
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_racing_clicks_on_one_link_sign_in_once():
    raw = issue_sign_in_token(user=UserFactory())
    barrier = Barrier(4)

    def click() -> str:
        barrier.wait()
        try:
            consume_sign_in_token(raw_token=raw)
            return "signed in"
        except SignInError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(lambda _: click(), range(4)))
    assert outcomes == ["refused", "refused", "refused", "signed in"]
