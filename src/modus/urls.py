from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, register_converter

from modus.agenda.views import calendar_feed
from modus.awards.views import picture as nominee_picture
from modus.common.storage import StoredNameConverter
from modus.common.views import favicon, healthz, policy_report
from modus.events.views import home

# Registered before the apps' addresses are read: the directory's photos use it too.
register_converter(StoredNameConverter, "stored")

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("modus.accounts.urls")),
    path("directory/", include("modus.directory.urls")),
    path("events/", include("modus.events.urls")),
    path("events/<slug:slug>/", include("modus.matchmaking.urls")),
    path("events/<slug:slug>/", include("modus.agenda.urls")),
    path("events/<slug:slug>/stands/", include("modus.stands.urls")),
    path("events/<slug:slug>/visits/", include("modus.visits.urls")),
    path("events/<slug:slug>/", include("modus.awards.urls")),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar"),
    # Not under an event: a stored picture's address is made from its name alone.
    path("awards/pictures/<stored:name>", nominee_picture, name="nominee-picture"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("csp-report", policy_report, name="csp-report"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]
