import csv
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import modus
from modus.awards import services as award_services
from modus.events.models import Participant, RegistrationImport
from tests.factories import EventFactory, OrganisationFactory, ParticipantFactory, PersonFactory

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


def test_the_host_is_linked_only_where_its_page_opens(client):
    event = EventFactory(host=OrganisationFactory(name="Quiet Cluster", visibility="hidden"))
    page = reverse("directory:organisation", args=[event.host.slug])
    body = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "Hosted by Quiet Cluster" in body
    assert page not in body
    event.host.visibility = "public"
    event.host.save()
    body = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert f'<a href="{page}">Quiet Cluster</a>' in body


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


def participant_list_queries(client, event, organiser, rows: int) -> tuple[int, int]:
    for _ in range(rows):
        ParticipantFactory(event=event)
    client.force_login(organiser.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("events:participants", args=[event.slug]))
    return len(queries), len(response.context["page"].object_list)


def test_participant_list_is_paginated_with_a_constant_query_count(client, organiser, event):
    few = participant_list_queries(client, event, organiser, 10)
    other = EventFactory()
    many = participant_list_queries(
        client, other, ParticipantFactory(event=other, role="organiser").person, 120
    )
    assert (few[1], many[1]) == (11, 50)
    assert few[0] == many[0]


def test_csv_export_has_the_import_columns(client, event, organiser):
    ParticipantFactory(
        event=event, person__last_name="Kowalski", person__user__email="k@example.org"
    )
    client.force_login(organiser.user)
    response = client.get(reverse("events:participants-csv", args=[event.slug]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["email"] for row in rows] == ["k@example.org", organiser.user.email]
    assert rows[0]["role"] == "delegate"


def upload_to(client, event, content: bytes, callbacks, name: str = "r.csv"):
    with callbacks(execute=True):
        response = client.post(
            reverse("events:import", args=[event.slug]),
            {"file": SimpleUploadedFile(name, content)},
        )
    assert response.status_code == 302
    return RegistrationImport.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def post_confirmation(client, event, registration_import, callbacks, digest: str | None = None):
    """Confirm an import as its page does, running what follows the commit (the import)."""
    with callbacks(execute=True):
        return client.post(
            reverse("events:import-confirm", args=[event.slug, registration_import.pk]),
            {"digest": digest or registration_import.digest},
        )


def test_import_page_previews_then_imports_on_confirmation(
    client, event, organiser, django_capture_on_commit_callbacks
):
    ParticipantFactory(event=event, role="speaker", person__user__email="s@example.org")
    client.force_login(organiser.user)
    content = (
        b"email,first_name,last_name,country,role\n"
        b"new@example.org,New,Person,CZ,\ns@example.org,S,S,CZ,exhibitor\n"
    )
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    page = client.get(url)
    assert page.context["role_changes"][0]["to"] == "Exhibitor"
    assert 'data-status="ready"' in page.content.decode()
    assert not Participant.objects.filter(person__user__email="new@example.org").exists()
    response = post_confirmation(
        client, event, registration_import, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert Participant.objects.filter(event=event, person__user__email="new@example.org").exists()
    assert Participant.objects.get(person__user__email="s@example.org").role == "exhibitor"
    assert 'data-status="done"' in client.get(url).content.decode()


def test_the_preview_counts_the_existing_accounts_it_registers_and_says_they_are_told(
    client, event, organiser, django_capture_on_commit_callbacks
):
    PersonFactory(user__email="known@example.org")
    ParticipantFactory(event=event, person__user__email="before@example.org")
    client.force_login(organiser.user)
    content = (
        b"email,first_name,last_name\n"
        b"known@example.org,K,K\nbefore@example.org,B,B\nnew@example.org,N,N\n"
    )
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    assert registration_import.plan["existing_accounts_registered"] == 1
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    page = client.get(url).content.decode()
    assert "1 person with an account already will be registered and told so by e-mail" in page
    assert "gets an e-mail in their own language naming the event" in page


def test_the_result_is_told_in_counted_sentences(
    client, event, organiser, django_capture_on_commit_callbacks
):
    ParticipantFactory(event=event, role="speaker", person__user__email="s@example.org")
    client.force_login(organiser.user)
    content = b"email,first_name,last_name,role\nn@example.org,N,N,\ns@example.org,S,S,press\n"
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    post_confirmation(client, event, registration_import, django_capture_on_commit_callbacks)
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    result = re.search(r'data-testid="import-result">(.*?)</p>', client.get(url).content.decode())
    assert result.group(1) == (
        "1 person registered. 1 new person added. 1 role changed. 0 people were registered already."
    )


def test_the_preview_names_the_first_new_organisations_and_counts_them_all(
    client, event, organiser, django_capture_on_commit_callbacks
):
    """A file of thousands of new organisations would make a preview of hundreds of kB."""
    client.force_login(organiser.user)
    rows = "".join(f"p{n}@example.org,P,P,Firma {n:03},CZ\n" for n in range(60))
    content = ("email,first_name,last_name,organisation,country\n" + rows).encode()
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    html = client.get(url).content.decode()
    listed = re.search(r'data-testid="import-new-organisations">([^<]*)<', html).group(1)
    assert listed.startswith("60 new organisations: Firma 000, Firma 001")
    assert "Firma 049" in listed and "Firma 050" not in listed
    assert listed.endswith("and 10 more")


def test_a_confirmation_for_another_file_applies_nothing(
    client, event, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser.user)
    first = upload_to(
        client,
        event,
        b"email,first_name,last_name\na@example.org,A,A\n",
        django_capture_on_commit_callbacks,
    )
    second = upload_to(
        client,
        event,
        b"email,first_name,last_name\nb@example.org,B,B\n",
        django_capture_on_commit_callbacks,
    )
    post_confirmation(
        client, event, first, django_capture_on_commit_callbacks, digest=second.digest
    )
    first.refresh_from_db()
    assert first.status == "ready"
    assert event.participants.count() == 1  # only the organiser


def test_the_progress_page_polls_while_the_import_works(client, event, organiser):
    registration_import = RegistrationImport.objects.create(
        event=event, file_name="r.csv", digest="0" * 64, status="running"
    )
    client.force_login(organiser.user)
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert body.startswith('\n<div id="import-status"') or body.startswith(
        '<div id="import-status"'
    )
    assert f'hx-get="{url}"' in body


def test_import_page_lists_row_errors_and_writes_nothing(
    client, event, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser.user)
    content = b"email,first_name,last_name,country\nnew@example.org,New,Person,CZ\nbad,,X,CZ\n"
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    body = client.get(
        reverse("events:import-detail", args=[event.slug, registration_import.pk])
    ).content.decode()
    assert "Row 3" in body
    assert "Nothing was imported." in body
    assert event.participants.count() == 1  # only the organiser


def test_html_in_cells_is_shown_escaped_in_the_preview_and_errors(
    client, event, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser.user)
    good = (
        b"email,first_name,last_name,organisation,country\n"
        b"h@example.org,H,H,<script>alert(1)</script>,CZ\n"
    )
    bad = b"email,first_name,last_name,country\nh@example.org,H,H,<img src=x onerror=alert(1)>\n"
    for content in (good, bad):
        registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
        body = client.get(
            reverse("events:import-detail", args=[event.slug, registration_import.pk])
        ).content.decode()
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


@pytest.mark.parametrize("name", ["ucastnici.txt", "ucastnici.tsv"])
def test_import_takes_tab_separated_text_files(client, event, organiser, name):
    client.force_login(organiser.user)
    upload = SimpleUploadedFile(name, b"email\tfirst_name\tlast_name\na@example.org\tA\tB\n")
    response = client.post(reverse("events:import", args=[event.slug]), {"file": upload})
    assert response.status_code == 302
    assert event.imports.get().file_name == name


def test_import_refuses_other_file_types(client, event, organiser):
    client.force_login(organiser.user)
    upload = SimpleUploadedFile("r.pdf", b"%PDF")
    response = client.post(reverse("events:import", args=[event.slug]), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Upload a .csv or .xlsx file."]}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.csv", b"\x89PNG\r\n\x1a\n" + bytes(30), "This is a PNG file, not a CSV file."),
        ("r.csv", b"email;\x81\x90\x98\n", "The file's text encoding was not recognised"),
        ("r.xlsx", b"PK\x03\x04broken", "The file is not a readable XLSX workbook."),
    ],
)
def test_hostile_uploads_are_rejected_with_a_clear_message(
    client, event, organiser, django_capture_on_commit_callbacks, name, content, message
):
    client.force_login(organiser.user)
    registration_import = upload_to(
        client, event, content, django_capture_on_commit_callbacks, name=name
    )
    assert registration_import.status == "rejected"
    assert registration_import.errors[0]["message"].startswith(message)
    assert event.participants.count() == 1


@pytest.mark.parametrize("who", ["delegate", "outsider", "other_organiser"])
def test_only_organisers_of_the_event_see_an_import(client, event, who, request):
    registration_import = RegistrationImport.objects.create(
        event=event, file_name="r.csv", digest="0" * 64, status="ready"
    )
    if who == "other_organiser":
        person = ParticipantFactory(role="organiser").person
    else:
        person = request.getfixturevalue(who)
    client.force_login(person.user)
    args = [event.slug, registration_import.pk]
    assert client.get(reverse("events:import-detail", args=args)).status_code == 403
    response = client.post(reverse("events:import-confirm", args=args), {"digest": "0" * 64})
    assert response.status_code == 403
    registration_import.refresh_from_db()
    assert registration_import.status == "ready"


def test_an_import_is_found_only_under_its_own_event(client, event, organiser):
    other = EventFactory()
    ParticipantFactory(event=other, role="organiser", person=organiser)
    registration_import = RegistrationImport.objects.create(
        event=other, file_name="r.csv", digest="0" * 64
    )
    client.force_login(organiser.user)
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    assert client.get(url).status_code == 404


def test_visitors_are_sent_to_sign_in_from_an_import(client, event):
    registration_import = RegistrationImport.objects.create(
        event=event, file_name="r.csv", digest="0" * 64
    )
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    assert client.get(url).status_code == 302


def test_csv_export_neutralises_formulas_in_every_cell(client, event, organiser):
    ParticipantFactory(
        event=event,
        person__user__email="f@example.org",
        person__first_name="=1+1",
        person__last_name="@SUM(A1)",
        person__job_title="-2",
        person__phone="+420 777 123 456",
        person__languages="\tcmd",
        person__organisation__name='=HYPERLINK("http://evil")',
    )
    client.force_login(organiser.user)
    response = client.get(reverse("events:participants-csv", args=[event.slug]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(row for row in rows if row["email"] == "f@example.org")
    assert [row[column] for column in ("first_name", "last_name", "job_title", "phone")] == [
        "'=1+1",
        "'@SUM(A1)",
        "'-2",
        "'+420 777 123 456",
    ]
    assert (row["languages"], row["organisation"]) == ("'\tcmd", '\'=HYPERLINK("http://evil")')


def test_staff_without_a_profile_may_manage(client, event, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("events:participants", args=[event.slug])).status_code == 200


def export_queries(client, event, organiser, rows: int) -> tuple[int, int]:
    for _ in range(rows):
        ParticipantFactory(event=event)
    client.force_login(organiser.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("events:participants-csv", args=[event.slug]))
    return len(queries), response.content.decode().count("\n")


def test_csv_export_runs_the_same_queries_for_any_number_of_rows(client, event, organiser):
    few = export_queries(client, event, organiser, 5)
    other = EventFactory()
    many = export_queries(
        client, other, ParticipantFactory(event=other, role="organiser").person, 60
    )
    assert (few[1], many[1]) == (7, 62)
    assert few[0] == many[0]


@pytest.mark.parametrize(
    ("codec", "said"),
    [
        ("utf-8", "The file was read as UTF-8 text."),
        ("utf-8-sig", "The file was read as UTF-8 text."),
        ("cp1250", "The file was read as Windows-1250 text."),
        ("iso8859_2", "The file was read as ISO-8859-2 text."),
    ],
)
def test_the_preview_says_which_encoding_a_czech_csv_was_read_in(
    client, event, organiser, django_capture_on_commit_callbacks, codec, said
):
    """Czech Excel saves "CSV" in Windows-1250; a UTF-8 file with a byte-order mark once
    answered 500. Both preview, and import, with the names as written."""
    client.force_login(organiser.user)
    content = (
        "email;first_name;last_name;organisation;country\n"
        "jiri@example.org;Jiří;Šťastný;Žlutý kůň s.r.o.;CZ\n"
    ).encode(codec)
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    url = reverse("events:import-detail", args=[event.slug, registration_import.pk])
    page = client.get(url)
    assert page.status_code == 200
    encoding = re.search(r'data-testid="import-encoding">([^<]*)', page.content.decode())
    assert encoding.group(1).strip() == said
    assert page.context["registration_import"].plan["organisations_created"] == ["Žlutý kůň s.r.o."]
    post_confirmation(client, event, registration_import, django_capture_on_commit_callbacks)
    person = Participant.objects.get(person__user__email="jiri@example.org").person
    assert (person.first_name, person.last_name) == ("Jiří", "Šťastný")


def test_import_errors_are_shown_in_an_error_box(
    client, event, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser.user)
    content = b"email,first_name,last_name\nbad,,X\n"
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    body = client.get(
        reverse("events:import-detail", args=[event.slug, registration_import.pk])
    ).content.decode()
    box = re.search(r'<div class="([^"]*)" role="alert" data-testid="import-errors">', body)
    assert box.group(1) == "alert error"
    assert '<div class="messages"' not in body  # whose items are styled as successes


def test_a_refused_confirmation_is_shown_as_an_error_message(
    client, event, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser.user)
    content = b"email,first_name,last_name\na@example.org,A,A\n"
    registration_import = upload_to(client, event, content, django_capture_on_commit_callbacks)
    response = client.post(
        reverse("events:import-confirm", args=[event.slug, registration_import.pk]),
        {"digest": "0" * 64},
        follow=True,
    )
    messages = re.findall(
        r'<ul class="messages"><li class="([^"]*)">([^<]*)</li>', response.content.decode()
    )
    assert messages == [
        (
            "error",
            "This preview is no longer current; upload the file again to see a new one.",
        )
    ]


def test_error_messages_and_boxes_are_styled_as_errors():
    css = (Path(modus.__file__).parent / "common/static/modus/modus.css").read_text()
    assert ".messages li.error { background: #fbe9e7; color: var(--bad); }" in css
    assert ".alert.error { background: #fbe9e7; color: var(--bad); }" in css


def snapshot(event) -> list[tuple]:
    return sorted(
        (
            participant.person.user.email,
            participant.person.first_name,
            participant.person.last_name,
            participant.person.organisation.name if participant.person.organisation else "",
            participant.person.country.code or "",
            participant.role,
            participant.person.job_title,
            participant.person.phone,
            participant.person.languages,
        )
        for participant in event.participants.select_related("person__user", "person__organisation")
    )


def test_re_importing_an_export_is_a_round_trip(
    client, event, organiser, django_capture_on_commit_callbacks
):
    """Names in any script, formula-like text, every role, people without an organisation
    or a country: the export imports back with nothing refused and nothing changed."""
    varied = [
        ("Σοφία", "Παπαδοπούλου", "=SUM(A1:A9)", "GR", "speaker", "+30 210 123 4567"),
        ("Дмитрий", "Иванов", "'=quoted already", "UA", "exhibitor", "-"),
        ("明", "王", "@home Ltd", "CN", "press", "+86 10 1234 5678"),
        ("محمد", "الأحمد", "", "", "delegate", ""),
        ("Jiří", "Šťastný", "Žlutý kůň, s.r.o.", "CZ", "organiser", "+420 777 123 456"),
        ("Zoë", 'O\'Brien "Jr"', "+Plus; Minus", "IE", "delegate", "'"),
    ]
    for number, (first, last, organisation, country, role, phone) in enumerate(varied):
        ParticipantFactory(
            event=event,
            role=role,
            person__user__email=f"person{number}@example.org",
            person__first_name=first,
            person__last_name=last,
            person__organisation=(
                OrganisationFactory(name=organisation, country="CZ") if organisation else None
            ),
            person__country=country,
            person__phone=phone,
            person__job_title="-Head of R&D",
            person__languages="čeština, English",
        )
    before = snapshot(event)
    client.force_login(organiser.user)
    exported = client.get(reverse("events:participants-csv", args=[event.slug])).content
    registration_import = upload_to(client, event, exported, django_capture_on_commit_callbacks)
    registration_import.refresh_from_db()
    assert (registration_import.status, registration_import.errors) == ("ready", [])
    assert registration_import.plan == {
        "people_created": 0,
        "registered": 0,
        "existing_accounts_registered": 0,
        "registered_by_role": {},
        "role_changes": [],
        "unchanged": len(varied) + 1,
        "organisations_created": [],
    }
    post_confirmation(client, event, registration_import, django_capture_on_commit_callbacks)
    registration_import.refresh_from_db()
    assert registration_import.status == "done"
    assert snapshot(event) == before
    assert client.get(reverse("events:participants-csv", args=[event.slug])).content == exported


def test_the_participant_list_links_each_person_to_their_event_page(client, event, organiser):
    delegate = ParticipantFactory(event=event, person__visibility="hidden")
    client.force_login(organiser.user)
    body = client.get(reverse("events:participants", args=[event.slug])).content.decode()
    page = reverse("matchmaking:participant", args=[event.slug, delegate.pk])
    # A hidden profile is still the organiser's to see: the policy lets organisers see
    # everyone registered at their event.
    assert body.count(f'<a href="{page}">{delegate.person.full_name}</a>') == 1


def test_staff_outside_the_event_see_the_names_without_dead_links(client, event, staff_user):
    delegate = ParticipantFactory(event=event)
    client.force_login(staff_user)
    body = client.get(reverse("events:participants", args=[event.slug])).content.decode()
    assert delegate.person.full_name in body
    assert reverse("matchmaking:participant", args=[event.slug, delegate.pk]) not in body


@pytest.mark.parametrize(
    ("language", "dates"),
    [("en", "26–27 September 2022"), ("cs", "26.–27. září 2022")],
)
def test_event_dates_read_as_each_language_writes_them(client, event, language, dates):
    client.cookies["django_language"] = language
    for page in (reverse("home"), reverse("events:detail", args=[event.slug])):
        # The middleware leaves the language active in this thread; the override restores it.
        with translation.override("en"):
            body = client.get(page).content.decode()
        assert dates in body, page


AWARD_LABELS = {"en": ("Awards", "Manage awards"), "cs": ("Ocenění", "Správa ocenění")}


def event_page(client, event, language: str) -> str:
    client.cookies["django_language"] = language
    with translation.override("en"):
        return client.get(reverse("events:detail", args=[event.slug])).content.decode()


@pytest.mark.parametrize("language", ["en", "cs"])
@pytest.mark.parametrize("who", ["anonymous", "organiser"])
def test_the_event_page_links_the_awards_once_there_is_one(client, event, who, language, request):
    if who == "organiser":
        client.force_login(request.getfixturevalue("organiser").user)
    awards, manage = AWARD_LABELS[language]
    vote_link = f'<a class="button secondary" href="{reverse("awards:vote", args=[event.slug])}">'
    manage_link = (
        f'<a class="button secondary" href="{reverse("awards:manage", args=[event.slug])}">'
        f"{manage}</a>"
    )
    before = event_page(client, event, language)
    award_services.add_award(by=None, event=event, name="Cluster Manager of the Year")
    after = event_page(client, event, language)
    assert (vote_link in before, f"{vote_link}{awards}</a>" in after) == (False, True)
    organises = who == "organiser"
    assert (manage_link in before, manage_link in after) == (organises, organises)


def test_the_awards_link_costs_one_query_however_many_awards(client, event, organiser):
    client.force_login(organiser.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("events:detail", args=[event.slug]))
        return len(captured)

    award_services.add_award(by=None, event=event, name="Award 0")
    one = queries()
    for n in range(1, 6):
        award_services.add_award(by=None, event=event, name=f"Award {n}")
    assert queries() == one
