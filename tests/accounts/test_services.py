from datetime import timedelta

import pytest
from django.utils import timezone

from modus.accounts.models import SignInToken
from modus.accounts.services import (
    SignInError,
    consume_sign_in_token,
    hash_token,
    issue_sign_in_token,
    send_sign_in_link,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_the_hash_of_a_token_is_stored():
    user = UserFactory()
    raw = issue_sign_in_token(user=user)
    stored = SignInToken.objects.get(user=user)
    assert stored.token_hash == hash_token(raw)
    assert raw not in stored.token_hash
    assert len(raw) >= 40


def test_tokens_are_random():
    user = UserFactory()
    assert issue_sign_in_token(user=user) != issue_sign_in_token(user=user)


def test_token_expires_after_fifteen_minutes():
    user = UserFactory()
    issue_sign_in_token(user=user)
    token = SignInToken.objects.get(user=user)
    assert token.expires_at - token.created_at == pytest.approx(
        timedelta(minutes=15), abs=timedelta(seconds=2)
    )


def test_a_token_signs_in_once():
    user = UserFactory()
    raw = issue_sign_in_token(user=user)
    assert consume_sign_in_token(raw_token=raw) == user
    with pytest.raises(SignInError, match="already been used"):
        consume_sign_in_token(raw_token=raw)


def test_an_expired_token_is_refused():
    user = UserFactory()
    raw = issue_sign_in_token(user=user)
    now = timezone.now()
    SignInToken.objects.update(
        created_at=now - timedelta(minutes=16), expires_at=now - timedelta(seconds=1)
    )
    with pytest.raises(SignInError, match="expired"):
        consume_sign_in_token(raw_token=raw)
    assert SignInToken.objects.get().used_at is None


def test_an_unknown_token_is_refused():
    with pytest.raises(SignInError, match="not valid"):
        consume_sign_in_token(raw_token="made-up")


def test_a_deactivated_account_cannot_use_its_link():
    user = UserFactory()
    raw = issue_sign_in_token(user=user)
    user.is_active = False
    user.save()
    with pytest.raises(SignInError, match="not valid"):
        consume_sign_in_token(raw_token=raw)


def test_link_is_mailed_to_a_known_address(mailoutbox):
    UserFactory(email="eva@example.org")
    assert send_sign_in_link(email="Eva@Example.org ") is True
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["eva@example.org"]
    assert "/accounts/link/" in mailoutbox[0].body


def test_nothing_is_mailed_to_an_unknown_address(mailoutbox):
    assert send_sign_in_link(email="nobody@example.org") is False
    assert mailoutbox == []
    assert SignInToken.objects.count() == 0


def test_a_link_stops_working_once_the_account_has_another_address():
    user = UserFactory(email="jana@old-employer.example")
    raw = issue_sign_in_token(user=user)
    user.email = "jana@new-employer.example"
    user.save(update_fields=["email"])
    with pytest.raises(SignInError, match="not valid"):
        consume_sign_in_token(raw_token=raw)
    assert consume_sign_in_token(raw_token=issue_sign_in_token(user=user)) == user


def test_a_link_survives_a_change_of_case_in_its_address():
    user = UserFactory(email="jana@example.com")
    raw = issue_sign_in_token(user=user)
    user.email = "Jana@Example.com"
    user.save(update_fields=["email"])
    assert consume_sign_in_token(raw_token=raw) == user
