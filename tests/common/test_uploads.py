import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from modus.common.uploads import LimitedUploadHandler, UploadLimitMiddleware, refusal
from modus.events.models import RegistrationImport


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_declared_length_over_the_cap_is_answered_413_unread(settings):
    settings.MAX_UPLOAD_MB = 1
    request = RequestFactory().post("/x/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(50 * 1024 * 1024)
    request.META["wsgi.input"] = Unreadable()
    response = UploadLimitMiddleware(lambda request: HttpResponse("view"))(request)
    assert response.status_code == 413
    assert "The file is larger than 1 MB." in response.content.decode()


def test_a_body_under_the_cap_reaches_the_view(settings):
    settings.MAX_UPLOAD_MB = 1
    request = RequestFactory().post("/x/", data=b"x" * 1000, content_type="text/plain")
    response = UploadLimitMiddleware(lambda request: HttpResponse("view"))(request)
    assert response.content == b"view"


def test_the_handler_stops_a_file_once_it_passes_the_limit(rf, settings):
    settings.MAX_UPLOAD_MB = 1
    body = (b"x" * 1024 * 1024) + b"y"
    upload = SimpleUploadedFile("big.csv", body)
    request = rf.post("/x/", {"file": upload, "note": "kept"})
    request.upload_handlers = [LimitedUploadHandler(request)]
    assert request.FILES.get("file") is None
    assert refusal(request) == "The file is larger than 1 MB."


@pytest.mark.django_db
def test_an_oversized_import_gets_a_form_error_and_changes_nothing(
    client, event, organiser, settings
):
    settings.MAX_UPLOAD_MB = 1
    client.force_login(organiser.user)
    upload = SimpleUploadedFile("big.csv", b"email,first_name,last_name\n" + b"x" * 1024 * 1024)
    response = client.post(reverse("events:import", args=[event.slug]), {"file": upload})
    assert response.status_code == 413
    assert response.context["form"].errors == {"file": ["The file is larger than 1 MB."]}
    assert RegistrationImport.objects.count() == 0
