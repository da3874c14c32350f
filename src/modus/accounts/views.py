"""Sign-in pages: ask for a link, use a link, or (staff) a password."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from modus.accounts.forms import PasswordSignInForm, SignInForm
from modus.accounts.proxies import client_ip
from modus.accounts.services import SignInError, consume_sign_in_token, find_token
from modus.accounts.tasks import mail_sign_in_link
from modus.accounts.throttle import may_mail_link
from modus.tasks import enqueue


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "accounts/rate_limited.html", status=429)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=lambda group, request: settings.SIGN_IN_RATE_PER_IP, method="POST")
def sign_in(request: HttpRequest) -> HttpResponse:
    """The same answer, as fast, for any address: the account is looked up in the background.

    `next` (where a signed-out person was going) rides along in a hidden field and the link."""
    next_url = safe_next(request, request.GET.get("next", ""))
    form = SignInForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        next_url = safe_next(request, form.cleaned_data["next"])
        if may_mail_link(request, email):
            enqueue(mail_sign_in_link, email, client_ip(request), next_url)
        return render(request, "accounts/link_sent.html", {"email": email, "next": next_url})
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


def safe_next(request: HttpRequest, next_url: str) -> str:
    """`next_url` if it leads to a page of this site, else "" (never another host)."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


@require_http_methods(["GET", "POST"])
def use_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button, so mail scanners that open links do not use them up."""
    try:
        if request.method == "GET":
            find_token(token)
            return render(request, "accounts/confirm_link.html")
        user = consume_sign_in_token(raw_token=token)
    except SignInError as error:
        return render(request, "accounts/link_invalid.html", {"reason": error.reason}, status=400)
    login(request, user, backend="modus.common.permissions.PolicyModelBackend")
    return redirect(safe_next(request, request.GET.get("next", "")) or settings.LOGIN_REDIRECT_URL)


class PasswordSignInView(auth_views.LoginView):
    template_name = "accounts/password_sign_in.html"
    authentication_form = PasswordSignInForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("Staff sign-in")}


# Cookies named so hold one person's own data (an award receipt): they go when that person
# signs out, or the next person on a shared browser would find them.
PERSONAL_COOKIE_PREFIX = "modus_"


class SignOutView(auth_views.LogoutView):
    """Sign out, and forget what this browser kept for the person."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        for name in request.COOKIES:
            if name.startswith(PERSONAL_COOKIE_PREFIX):
                response.delete_cookie(name, samesite="Lax")
        return response
