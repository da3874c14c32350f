"""Pages that belong to no domain."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer's health check, and the ceiling of the HTTP benchmarks: the
    cheapest answer the Django stack can give, touching neither session nor database."""
    return HttpResponse("ok", content_type="text/plain")
