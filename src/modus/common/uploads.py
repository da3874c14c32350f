"""Upload size limits, enforced while the request body is read, not after.

`UploadLimitMiddleware` answers 413 to a request whose Content-Length passes the cap
without reading its body. `LimitedUploadHandler` (first in FILE_UPLOAD_HANDLERS) counts the
bytes of each uploaded file as they arrive and stops the upload once one passes
`MAX_UPLOAD_MB`; the view's form then shows `refusal(request)` as a field error.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

# Room for the multipart boundaries and the other form fields around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def max_upload_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB.") % {"size": settings.MAX_UPLOAD_MB}


def refusal(request: HttpRequest) -> str:
    """The reason an upload in this request was stopped, or the empty string."""
    return getattr(request, "upload_refused", "")


class LimitedUploadHandler(FileUploadHandler):
    """Passes chunks on to the next handlers until a file grows past the limit."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.request.upload_refused = too_large_message()
            # The rest of the body is bounded by the middleware's Content-Length cap, so it
            # is read and dropped: the browser then gets the form back with the error.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class UploadLimitMiddleware:
    """Refuse a body whose declared length passes the cap before anyone reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_upload_bytes() + MULTIPART_OVERHEAD_BYTES:
            message = escape(too_large_message())
            hint = escape(_("Go back and choose a smaller file."))
            language = escape(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE))
            return HttpResponse(
                f'<!doctype html><html lang="{language}"><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{message}</title><h1>{message}</h1><p>{hint}</p></html>",
                status=413,
            )
        return self.get_response(request)
