"""Pages shown to a signed-in person are theirs: no cache, the browser's included, keeps them.

Without a Cache-Control header a browser stores a page on disk and shows it again from
history: after signing out at a shared computer (a check-in desk, a hotel lobby), the Back
button would bring back the participant list, a stand's leads or someone's agenda. A view
that knows better (a photo kept for an hour, privately) sets its own header and keeps it.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Asked first: a response that chose its caching (healthz) never loads the session.
        if not response.has_header("Cache-Control") and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
