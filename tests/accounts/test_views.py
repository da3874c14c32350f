import re

import pytest
from django.test import Client
from django.urls import reverse

from modus.accounts.models import SignInToken
from modus.accounts.services import issue_sign_in_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_from(mail) -> str:
    return re.search(r"https?://\S+/accounts/link/\S+/", mail.body).group(0)


def ask_for_link(client, email: str, **headers):
    return client.post(reverse("accounts:sign-in"), {"email": email}, **headers)


def test_asking_for_a_link_mails_it_after_answering(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="eva@example.org")
    with django_capture_on_commit_callbacks() as queued:
        response = ask_for_link(client, "eva@example.org")
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert mailoutbox == []  # the page does not wait for the mail server
    assert len(queued) == 1
    queued[0]()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["eva@example.org"]


def without_csrf_token(content: bytes) -> bytes:
    """The masked CSRF token differs on every page; everything else must not."""
    return re.sub(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]*"', rb"\1", content)


def test_known_and_unknown_addresses_get_byte_identical_answers(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued_unknown:
        unknown = ask_for_link(client, "eva@example.org")
    UserFactory(email="eva@example.org")
    with django_capture_on_commit_callbacks() as queued_known:
        known = ask_for_link(client, "eva@example.org")
    assert (unknown.status_code, known.status_code) == (200, 200)
    assert without_csrf_token(unknown.content) == without_csrf_token(known.content)
    assert (len(queued_unknown), len(queued_known)) == (1, 1)
    assert mailoutbox == []


def test_an_unknown_address_gets_the_same_answer(client, mailoutbox):
    response = client.post(reverse("accounts:sign-in"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert mailoutbox == []


def test_a_bad_address_gets_a_field_error(client):
    response = client.post(reverse("accounts:sign-in"), {"email": "not-an-address"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_opening_a_link_asks_for_a_click_and_then_signs_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="eva@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, user.email)
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


def test_links_per_address_stop_mailing_silently_and_lock_nobody_out(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """Someone asking for Eva's links over and over fills no more of her inbox, gets the
    same answer as anyone, and Eva still signs in: by a link already sent or a password."""
    settings.SIGN_IN_RATE_PER_ADDRESS = "3/15m"
    eva = UserFactory(email="eva@example.org")
    eva.set_password("correct horse battery staple")
    eva.save()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask_for_link(client, "Eva@example.org") for _ in range(5)]
    assert [answer.status_code for answer in answers] == [200] * 5
    assert len({without_csrf_token(answer.content) for answer in answers}) == 1
    assert len(mailoutbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        other = ask_for_link(client, "other@example.org")
    assert other.status_code == 200

    eva_client = Client()
    path = link_from(mailoutbox[0]).split("127.0.0.1:8000")[-1]
    assert eva_client.post(path).status_code == 302
    assert eva_client.session["_auth_user_id"] == str(eva.pk)
    by_password = Client().post(
        reverse("accounts:password"),
        {"username": eva.email, "password": "correct horse battery staple"},
    )
    assert by_password.status_code == 302


def test_links_per_ip_are_rate_limited(client, settings, mailoutbox):
    settings.SIGN_IN_RATE_PER_IP = "2/h"
    statuses = [ask_for_link(client, f"p{i}@example.org").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_the_ip_limit_counts_clients_behind_the_proxy_apart(client, settings, mailoutbox):
    settings.SIGN_IN_RATE_PER_IP = "2/h"
    settings.TRUSTED_PROXY_COUNT = 1
    first = [
        ask_for_link(client, f"p{i}@example.org", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code
        for i in range(3)
    ]
    second = ask_for_link(client, "q@example.org", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert first == [200, 200, 429]
    assert second.status_code == 200


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, settings, mailoutbox):
    settings.SIGN_IN_RATE_PER_IP = "2/h"
    statuses = [
        ask_for_link(client, f"p{i}@example.org", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
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


def try_password(client, url: str, username: str, password: str, **headers):
    return client.post(url, {"username": username, "password": password}, **headers)


@pytest.mark.parametrize("url", ["/accounts/password/", "/admin/login/"])
def test_password_attempts_per_account_are_limited_before_checking(
    client, settings, staff_user, url
):
    settings.PASSWORD_RATE_PER_ACCOUNT = "3/15m"
    wrong = [try_password(Client(), url, staff_user.email, "guess").status_code for _ in range(3)]
    # Over the limit even the right password is not checked, from any client.
    refused = try_password(client, url, staff_user.email.upper(), "correct horse battery staple")
    assert wrong == [200, 200, 200]
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert refused.context["form"].non_field_errors() == [
        "Too many sign-in attempts. Please wait a few minutes, or ask for a sign-in link by "
        "e-mail instead."
    ]


@pytest.mark.parametrize("url", ["/accounts/password/", "/admin/login/"])
def test_password_attempts_per_client_are_limited(client, settings, staff_user, url):
    settings.PASSWORD_RATE_PER_IP = "3/h"
    settings.TRUSTED_PROXY_COUNT = 1
    tries = [
        try_password(client, url, f"p{i}@example.org", "guess", HTTP_X_FORWARDED_FOR="203.0.113.7")
        for i in range(3)
    ]
    refused = try_password(
        client,
        url,
        staff_user.email,
        "correct horse battery staple",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    elsewhere = try_password(
        Client(),
        url,
        staff_user.email,
        "correct horse battery staple",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert [attempt.status_code for attempt in tries] == [200, 200, 200]
    assert refused.context["form"].errors["__all__"][0].startswith("Too many sign-in attempts.")
    assert elsewhere.status_code == 302


def test_a_locked_password_still_leaves_the_e_mail_link(
    client, settings, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RATE_PER_ACCOUNT = "1/15m"
    for _ in range(2):
        try_password(Client(), "/accounts/password/", staff_user.email, "guess")
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, staff_user.email)
    path = link_from(mailoutbox[0]).split("127.0.0.1:8000")[-1]
    assert client.post(path).status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


LONG = "a" * 9_988 + "@example.org"


def test_a_ten_thousand_character_address_gets_a_field_error(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = ask_for_link(client, LONG)
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Enter a valid email address.",
        "Ensure this value has at most 254 characters (it has 10000).",
    ]
    assert queued == []


@pytest.mark.parametrize(
    "username, password, field, error",
    [
        (LONG, "guess", "username", "Ensure this value has at most 254 characters (it has 10000)."),
        (
            "eva@example.org",
            "p" * 10_000,
            "password",
            "Ensure this value has at most 4096 characters (it has 10000).",
        ),
    ],
)
def test_ten_thousand_characters_of_password_form_get_a_field_error(
    client, settings, username, password, field, error
):
    settings.PASSWORD_RATE_PER_IP = "1/h"
    for _ in range(2):
        response = try_password(client, "/accounts/password/", username, password)
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [error]
    assert "__all__" not in response.context["form"].errors  # nothing was tried or counted


SCRIPT = "<script>alert(1)</script>"


def test_markup_in_the_address_is_shown_escaped(client, django_capture_on_commit_callbacks):
    invalid = ask_for_link(client, SCRIPT + "@example.org")
    with django_capture_on_commit_callbacks():
        # Quoted, it is a valid address, so the "check your e-mail" page shows it.
        valid = ask_for_link(client, f'"{SCRIPT}"@example.org')
    password = try_password(client, "/accounts/password/", SCRIPT, "guess")
    for response in (invalid, valid, password):
        assert response.status_code == 200
        assert SCRIPT not in response.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    assert "Check your e-mail" in valid.content.decode()


def test_a_next_address_off_the_site_is_ignored(client, staff_user):
    response = client.post(
        "/accounts/password/?next=https://evil.example/",
        {
            "username": staff_user.email,
            "password": "correct horse battery staple",
            "next": "//evil.example/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert (
        'value="https://evil.example/"'
        not in client.get("/accounts/password/?next=https://evil.example/").content.decode()
    )


def test_a_link_ignores_a_next_address_off_the_site(client):
    user = UserFactory()
    token = issue_sign_in_token(user=user)
    response = client.post(reverse("accounts:link", args=[token]) + "?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_asking_for_a_link_reads_nothing_in_the_request(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """No account look-up while the person waits: the same work for any address."""
    UserFactory(email="eva@example.org")
    for address in ("eva@example.org", "nobody@example.org"):
        with django_capture_on_commit_callbacks(), django_assert_num_queries(0):
            assert ask_for_link(client, address).status_code == 200


def test_a_link_over_https_ignores_a_plain_http_next_address(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["modus.example.org"]
    link = reverse("accounts:link", args=[issue_sign_in_token(user=UserFactory())])
    response = client.post(
        link + "?next=http://modus.example.org/directory/",
        HTTP_HOST="modus.example.org",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_signing_in_by_link_from_a_deep_link_lands_on_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="eva@example.org")
    deep_link = reverse("directory:profile") + "?tab=offers"
    sent_away = client.get(deep_link)
    assert sent_away.status_code == 302
    assert sent_away["Location"] == "/accounts/sign-in/?next=/directory/me/%3Ftab%3Doffers"
    form = client.get(sent_away["Location"]).content.decode()
    assert '<input type="hidden" name="next" value="/directory/me/?tab=offers"' in form
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("accounts:sign-in"), {"email": "eva@example.org", "next": deep_link}
        )
    again = re.search(r'<a href="([^"]*)">Send another link</a>', sent.content.decode())
    assert again.group(1) == "/accounts/sign-in/?next=/directory/me/%3Ftab%3Doffers"
    link = re.search(r"https?://\S+/accounts/link/\S+", mailoutbox[0].body).group(0)
    assert link.endswith("/?next=%2Fdirectory%2Fme%2F%3Ftab%3Doffers")
    path = link.split("127.0.0.1:8000", 1)[1]
    assert client.get(path).status_code == 200  # the button; its form posts to this address
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == deep_link


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_a_link_mail_carries_no_next_address_off_the_site(
    client, mailoutbox, django_capture_on_commit_callbacks, next_url
):
    UserFactory(email="eva@example.org")
    assert (
        f'value="{next_url}"'
        not in client.get(reverse("accounts:sign-in") + "?next=" + next_url).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign-in"), {"email": "eva@example.org", "next": next_url})
    link = re.search(r"https?://\S+/accounts/link/\S+", mailoutbox[0].body).group(0)
    assert re.fullmatch(r"http://127.0.0.1:8000/accounts/link/[\w-]+/", link)


def test_the_password_form_keeps_where_the_person_was_going(client, staff_user):
    sign_in_page = client.get(reverse("accounts:sign-in") + "?next=/directory/me/")
    assert 'href="/accounts/password/?next=/directory/me/"' in sign_in_page.content.decode()
    form = client.get("/accounts/password/?next=/directory/me/").content.decode()
    assert '<input type="hidden" name="next" value="/directory/me/">' in form
    response = client.post(
        "/accounts/password/?next=/directory/me/",
        {
            "username": staff_user.email,
            "password": "correct horse battery staple",
            "next": "/directory/me/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/directory/me/"
