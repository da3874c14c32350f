"""Pages that belong to no domain."""

from csp.decorators import csp_update
from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from modus.common import policy_reports


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer's health check, and the ceiling of the HTTP benchmarks: the
    cheapest answer the Django stack can give, touching neither session nor database."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the icon, which
    static files serve (under a hashed name in production, hence no permanent redirect)."""
    response = redirect(static("modus/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


# A picture opened on its own is shown in the browser's image page, which Chromium lays out
# with style attributes: unless its answer lets them in, the policy refuses them (and
# reports that) for every picture opened. The answer is an image, not markup anyone wrote.
picture_policy = csp_update({"style-src": ["'unsafe-inline'"]})


def private_picture(picture: FieldFile, *, public: bool = False) -> FileResponse:
    """A picture from private storage, for a view that has asked the policy who may see it.

    `public`: anyone may see it, so shared caches may keep it too (for an hour, like
    browsers); otherwise only the browser that asked, since it is not for everyone."""
    try:
        response = FileResponse(picture.open("rb"))
    except FileNotFoundError:
        raise Http404(_("This photo is no longer on the server.")) from None
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, max_age=3600)
    return response


@csrf_exempt
@require_POST
@never_cache
def policy_report(request: HttpRequest) -> HttpResponse:
    """Where browsers report what the Content-Security-Policy refused (CSP_REPORT_URI). Each
    report is logged as one line and nothing is stored, so anyone may post; a client past
    CSP_REPORTS_PER_IP is refused before its body is read."""
    if request.content_type not in policy_reports.REPORT_TYPES:
        kinds = "application/csp-report, application/reports+json"
        return refused(415, _("Send a report as one of: %(kinds)s.") % {"kinds": kinds})
    if is_ratelimited(
        request, group="csp-report", key="ip", rate=settings.CSP_REPORTS_PER_IP, increment=True
    ):
        return refused(429, _("Too many reports from this address; try again later."))
    # Read no further than one byte past the cap, whatever length the request declares.
    body = request.read(policy_reports.MAX_BODY_BYTES + 1)
    if len(body) > policy_reports.MAX_BODY_BYTES:
        size = policy_reports.MAX_BODY_BYTES // 1024
        return refused(413, _("A report is at most %(size)s KB.") % {"size": size})
    try:
        violations = policy_reports.parse(body, request.content_type)
    except policy_reports.NotAReport:
        return refused(400, _("This is not a report of the Content-Security-Policy."))
    policy_reports.log_reports(violations)
    return HttpResponse(status=204)


def refused(status: int, reason: str) -> HttpResponse:
    return HttpResponse(reason, status=status, content_type="text/plain; charset=utf-8")
