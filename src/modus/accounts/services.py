"""Passwordless sign-in: one-time links that are random, stored hashed and short-lived."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from modus.accounts.models import SignInToken, User
from modus.common import audit


class SignInError(Exception):
    """The link cannot sign anyone in; `reason` says why in words a person understands."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def hash_token(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def is_local_path(next_url: str) -> bool:
    """A path on this site ("/events/x/"), never another host nor a scheme such as javascript:."""
    return bool(next_url) and url_has_allowed_host_and_scheme(next_url, allowed_hosts=set())


def sign_in_url(raw_token: str, next_url: str = "") -> str:
    """The link in the e-mail; it carries where the person was going when it is a local path."""
    url = settings.SITE_URL + reverse("accounts:link", args=[raw_token])
    if is_local_path(next_url):
        url += "?" + urlencode({"next": next_url})
    return url


@transaction.atomic
def issue_sign_in_token(*, user: User, ip: str | None = None) -> str:
    """Store a new token's hash and return the raw token, which exists only in the link."""
    raw_token = secrets.token_urlsafe(32)
    now = timezone.now()
    SignInToken.objects.create(
        user=user,
        token_hash=hash_token(raw_token),
        email=user.email,
        expires_at=now + timedelta(minutes=settings.SIGN_IN_LINK_MINUTES),
        requested_ip=ip,
    )
    return raw_token


def send_sign_in_link(*, email: str, ip: str | None = None, next_url: str = "") -> bool:
    """E-mail a link if the address belongs to an active account; say nothing otherwise.

    The link leads to `next_url` after signing in, when that is a path on this site."""
    return send_link_mail(
        email=email,
        subject=_("Your sign-in link for Modus"),
        template="accounts/sign_in_email.txt",
        ip=ip,
        next_url=next_url,
    )


def send_link_mail(
    *,
    email: str,
    subject: str,
    template: str,
    context: dict | None = None,
    ip: str | None = None,
    next_url: str = "",
) -> bool:
    """E-mail `template` with a new sign-in link ("url", valid "minutes"), if the address
    belongs to an active account; False otherwise. An invitation is such a mail too."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return False
    raw_token = issue_sign_in_token(user=user, ip=ip)
    context = {
        **(context or {}),
        "url": sign_in_url(raw_token, next_url),
        "minutes": settings.SIGN_IN_LINK_MINUTES,
        "sign_in": settings.SITE_URL + reverse("accounts:sign-in"),
    }
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[user.email],
    )
    return True


def mailed_to_account(token: SignInToken) -> bool:
    """Whether the link went to the address the account has now."""
    return token.email.lower() == token.user.email.lower()


def find_token(raw_token: str) -> SignInToken:
    """The stored token for a link, or SignInError if it cannot be used now."""
    token = (
        SignInToken.objects.select_related("user").filter(token_hash=hash_token(raw_token)).first()
    )
    if token is None or not token.user.is_active or not mailed_to_account(token):
        raise SignInError(_("This sign-in link is not valid."))
    if token.used_at is not None:
        raise SignInError(_("This sign-in link has already been used."))
    if token.expires_at <= timezone.now():
        raise SignInError(_("This sign-in link has expired."))
    return token


@transaction.atomic
def consume_sign_in_token(*, raw_token: str) -> User:
    """Use a link once: the conditional update lets only one of two racing clicks win."""
    token = find_token(raw_token)
    now = timezone.now()
    used = SignInToken.objects.filter(pk=token.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if used != 1:
        raise SignInError(_("This sign-in link has already been used."))
    audit.record(by=token.user, action="user.signed_in", obj=token.user)
    return token.user
