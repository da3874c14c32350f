from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from modus.accounts.throttle import may_try_password

# Longer than any password a person types; refusing more keeps hashing cheap.
PASSWORD_MAX_LENGTH = 4096


# Longer than any address of a page here; a longer `next` is dropped, not an error.
NEXT_MAX_LENGTH = 2000


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    # Where the person was going: checked by the view (same host only) and carried in the link.
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_next(self) -> str:
        value = self.cleaned_data["next"]
        return value if len(value) <= NEXT_MAX_LENGTH else ""


class ThrottledPasswordMixin:
    """Password sign-in that counts each attempt and refuses, unchecked, once over a limit."""

    throttled_message = _(
        "Too many sign-in attempts. Please wait a few minutes, or ask for a sign-in link "
        "by e-mail instead."
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Django sets the username's max_length only on the widget; enforce both here.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        password = self.fields["password"]
        password.max_length = PASSWORD_MAX_LENGTH
        password.widget.attrs["maxlength"] = PASSWORD_MAX_LENGTH
        password.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password and not may_try_password(self.request, username):
            raise ValidationError(self.throttled_message, code="throttled")
        return super().clean()


class PasswordSignInForm(ThrottledPasswordMixin, AuthenticationForm):
    pass


class AdminPasswordSignInForm(ThrottledPasswordMixin, AdminAuthenticationForm):
    pass
