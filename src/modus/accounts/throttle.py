"""Rate limits of signing in: links per address, password attempts per account and client.

Counters live in the cache (Redis in production) through django-ratelimit, keyed on the
client address of `modus.accounts.proxies`. Each attempt is counted before it is made, so
parallel requests cannot slip past the limit.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def normalised(address: str) -> str:
    return address.strip().lower()


def may_mail_link(request: HttpRequest, email: str) -> bool:
    """Count a link request for `email`; False once the address has had its share of mails.

    Only the mailing stops: the page answers the same, links already sent keep working and
    the person can still sign in, so asking for someone else's links locks nobody out.
    """
    return not is_ratelimited(
        request,
        group="sign-in-link-address",
        key=lambda group, request: normalised(email),
        rate=settings.SIGN_IN_RATE_PER_ADDRESS,
        increment=True,
    )


def may_try_password(request: HttpRequest, username: str) -> bool:
    """Count a password attempt per client and per account; False when either is over.

    A client over its own limit no longer counts against the account it names, so one
    address flooding attempts cannot keep someone else's account closed for longer.
    """
    if is_ratelimited(
        request,
        group="password-ip",
        key="ip",
        rate=settings.PASSWORD_RATE_PER_IP,
        increment=True,
    ):
        return False
    return not is_ratelimited(
        request,
        group="password-account",
        key=lambda group, request: normalised(username),
        rate=settings.PASSWORD_RATE_PER_ACCOUNT,
        increment=True,
    )
