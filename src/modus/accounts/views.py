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

from modus.accounts.forms import SignInForm
from modus.accounts.services import (
    SignInError,
    consume_sign_in_token,
    find_token,
    send_sign_in_link,
)


def address_key(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "accounts/rate_limited.html", status=429)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=lambda group, request: settings.SIGN_IN_RATE_PER_IP, method="POST")
@ratelimit(
    key=address_key, rate=lambda group, request: settings.SIGN_IN_RATE_PER_ADDRESS, method="POST"
)
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_sign_in_link(email=form.cleaned_data["email"], ip=request.META.get("REMOTE_ADDR"))
        return render(request, "accounts/link_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_in.html", {"form": form})


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
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = settings.LOGIN_REDIRECT_URL
    return redirect(next_url)


class PasswordSignInView(auth_views.LoginView):
    template_name = "accounts/password_sign_in.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("Staff sign-in")}
