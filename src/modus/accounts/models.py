"""Accounts: people sign in with their e-mail address; staff may also have a password."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin, _user_has_perm
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modus.common.constraints import ConstraintErrorsOnFields


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str):
        return self.get(email__iexact=username)


class User(ConstraintErrorsOnFields, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    is_staff = models.BooleanField(
        pgettext_lazy("user who may open the admin", "staff"), default=False
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "user_email_unique_ci": "email",
    }

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def has_perm(self, perm, obj=None) -> bool:
        """As Django's, except that being a superuser grants none of the perms that are a
        person's own (common.permissions.PERSONAL_PERMS): the policy alone decides those."""
        # Imported here: the policy module imports the models of every app.
        from modus.common.permissions import PERSONAL_PERMS

        if perm in PERSONAL_PERMS:
            return self.is_active and _user_has_perm(self, perm, obj)
        return super().has_perm(perm, obj)


class SignInToken(ConstraintErrorsOnFields):
    """A one-time sign-in link: only the SHA-256 of the random token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    # The address the link was mailed to. A link proves its holder reads that mailbox, so
    # it signs in only while the account still has that address: once the address changes
    # (a person who left their company), links in the old mailbox stop working.
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    requested_ip = models.GenericIPAddressField(null=True, blank=True)

    # The field each constraint's message is shown on (see ConstraintErrorsOnFields).
    constraint_fields = {
        "sign_in_token_expires_after_creation": "expires_at",
    }

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="sign_in_token_expires_after_creation",
                violation_error_message=_("A sign-in link must expire after it is made."),
            )
        ]

    def __str__(self) -> str:
        return f"sign-in link for {self.user}"
