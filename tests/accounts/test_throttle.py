from django.test import RequestFactory

from modus.accounts.throttle import may_mail_link, may_try_password


def request_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_link_mails_are_counted_per_address_in_any_spelling(settings):
    settings.SIGN_IN_RATE_PER_ADDRESS = "2/15m"
    answers = [
        may_mail_link(request_from(f"203.0.113.{i}"), spelling)
        for i, spelling in enumerate(["eva@example.org", " EVA@example.org", "Eva@Example.org"])
    ]
    assert answers == [True, True, False]
    assert may_mail_link(request_from("203.0.113.9"), "ben@example.org") is True


def test_a_client_over_its_limit_no_longer_counts_against_the_account(settings):
    settings.PASSWORD_RATE_PER_IP = "2/h"
    settings.PASSWORD_RATE_PER_ACCOUNT = "3/15m"
    flooding = request_from("203.0.113.7")
    assert [may_try_password(flooding, "eva@example.org") for _ in range(5)] == [
        True,
        True,
        False,
        False,
        False,
    ]
    # Only the two attempts within the flooder's limit were counted against Eva's account.
    elsewhere = request_from("198.51.100.9")
    assert [may_try_password(elsewhere, "eva@example.org") for _ in range(2)] == [True, False]
