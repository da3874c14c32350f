import re

import pytest
from django.urls import reverse

from modus.accounts.models import SignInToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_from(mail) -> str:
    return re.search(r"https?://\S+/accounts/link/\S+/", mail.body).group(0)


def test_asking_for_a_link_mails_it_and_says_so(client, mailoutbox):
    UserFactory(email="eva@example.org")
    response = client.post(reverse("accounts:sign-in"), {"email": "eva@example.org"})
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert len(mailoutbox) == 1


def test_an_unknown_address_gets_the_same_answer(client, mailoutbox):
    response = client.post(reverse("accounts:sign-in"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert mailoutbox == []


def test_a_bad_address_gets_a_field_error(client):
    response = client.post(reverse("accounts:sign-in"), {"email": "not-an-address"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_opening_a_link_asks_for_a_click_and_then_signs_in(client, mailoutbox):
    user = UserFactory(email="eva@example.org")
    client.post(reverse("accounts:sign-in"), {"email": user.email})
    path = link_from(mailoutbox[0]).split("127.0.0.1:8000")[-1]
    response = client.get(path)
    assert response.status_code == 200
    assert SignInToken.objects.get().used_at is None
    response = client.post(path)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.post(path).status_code == 400


def test_a_used_link_explains_why_it_fails(client):
    response = client.get(reverse("accounts:link", args=["unknown-token"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_links_per_address_are_rate_limited(client, mailoutbox, settings):
    settings.SIGN_IN_RATE_PER_ADDRESS = "3/15m"
    UserFactory(email="eva@example.org")
    statuses = [
        client.post(reverse("accounts:sign-in"), {"email": "eva@example.org"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert len(mailoutbox) == 3
    other = client.post(reverse("accounts:sign-in"), {"email": "other@example.org"})
    assert other.status_code == 200


def test_links_per_ip_are_rate_limited(client, settings):
    settings.SIGN_IN_RATE_PER_IP = "2/h"
    statuses = [
        client.post(reverse("accounts:sign-in"), {"email": f"p{i}@example.org"}).status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_staff_can_sign_in_with_a_password(client, staff_user):
    response = client.post(
        reverse("accounts:password"),
        {"username": staff_user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_sign_out(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("accounts:sign-out"))
    assert "_auth_user_id" not in client.session
