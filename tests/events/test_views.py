import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from modus.events.models import Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_home_lists_public_events(client, event):
    EventFactory(name="Private meeting", is_public=False)
    body = client.get(reverse("home")).content.decode()
    assert event.name in body
    assert "Private meeting" not in body


def test_event_page_shows_counts(client, event):
    ParticipantFactory(event=event, person__country="CZ")
    ParticipantFactory(event=event, person__country="PL")
    response = client.get(reverse("events:detail", args=[event.slug]))
    assert (response.context["participant_count"], response.context["country_count"]) == (2, 2)


def test_private_event_is_hidden_from_visitors(client):
    private = EventFactory(is_public=False)
    assert client.get(reverse("events:detail", args=[private.slug])).status_code == 404


@pytest.mark.parametrize("who", ["delegate", "outsider"])
def test_only_organisers_see_the_participant_list(client, event, who, request):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("events:participants", args=[event.slug])).status_code == 403
    assert client.get(reverse("events:participants-csv", args=[event.slug])).status_code == 403
    assert client.get(reverse("events:import", args=[event.slug])).status_code == 403


def test_visitors_are_sent_to_sign_in(client, event):
    response = client.get(reverse("events:participants", args=[event.slug]))
    assert response.status_code == 302


def test_participant_list_searches_filters_and_counts(client, event, organiser):
    ParticipantFactory(
        event=event, person__last_name="Kowalski", person__country="PL", role="speaker"
    )
    ParticipantFactory(event=event, person__last_name="Nowak", person__country="PL")
    ParticipantFactory(event=EventFactory(), person__last_name="Elsewhere")
    client.force_login(organiser.user)
    url = reverse("events:participants", args=[event.slug])
    response = client.get(url, {"country": "PL"})
    assert [p.person.last_name for p in response.context["page"]] == ["Kowalski", "Nowak"]
    assert response.context["by_role"] == [("Delegate", 1), ("Speaker", 1)]
    assert response.context["by_country"] == [("Poland", 2)]
    response = client.get(url, {"q": "kowal"})
    assert [p.person.last_name for p in response.context["page"]] == ["Kowalski"]
    response = client.get(url)
    assert "Elsewhere" not in response.content.decode()
    assert response.context["page"].paginator.count == 3


def test_participant_list_queries_do_not_grow(
    client, event, organiser, django_assert_max_num_queries
):
    for _ in range(30):
        ParticipantFactory(event=event)
    client.force_login(organiser.user)
    with django_assert_max_num_queries(12):
        client.get(reverse("events:participants", args=[event.slug]))


def test_csv_export_has_the_import_columns(client, event, organiser):
    ParticipantFactory(
        event=event, person__last_name="Kowalski", person__user__email="k@example.org"
    )
    client.force_login(organiser.user)
    response = client.get(reverse("events:participants-csv", args=[event.slug]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["email"] for row in rows] == ["k@example.org", organiser.user.email]
    assert rows[0]["role"] == "delegate"


def test_import_page_imports_a_good_file(client, event, organiser):
    client.force_login(organiser.user)
    upload = SimpleUploadedFile(
        "r.csv", b"email,first_name,last_name,country\nnew@example.org,New,Person,CZ\n"
    )
    response = client.post(reverse("events:import", args=[event.slug]), {"file": upload})
    assert response.status_code == 302
    assert Participant.objects.filter(event=event, person__user__email="new@example.org").exists()


def test_import_page_lists_row_errors_and_writes_nothing(client, event, organiser):
    client.force_login(organiser.user)
    upload = SimpleUploadedFile(
        "r.csv", b"email,first_name,last_name,country\nnew@example.org,New,Person,CZ\nbad,,X,CZ\n"
    )
    response = client.post(reverse("events:import", args=[event.slug]), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Row 3" in body
    assert event.participants.count() == 1  # only the organiser


def test_import_refuses_other_file_types(client, event, organiser):
    client.force_login(organiser.user)
    upload = SimpleUploadedFile("r.pdf", b"%PDF")
    response = client.post(reverse("events:import", args=[event.slug]), {"file": upload})
    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()


def test_staff_without_a_profile_may_manage(client, event, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("events:participants", args=[event.slug])).status_code == 200
