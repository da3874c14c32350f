"""The badge pages and the check-in desk, through the test client."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from modus.directory.search import refresh_search_text
from modus.events import badge_print
from modus.events.badges import badge_for
from modus.events.check_in_views import DESK_PAGE_SIZE
from modus.events.models import Badge, BadgePrint, CheckIn, RetiredBadgeCode
from modus.events.selectors import ParticipantFilters
from modus.events.services import check_in, issue_badges
from modus.matchmaking.models import ScheduleRun
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, event, organiser):
    client.force_login(organiser.user)
    client.post(reverse("events:check-in-desk", args=[event.slug]), {"desk": "Entrance A"})
    return client


def desk_url(event) -> str:
    return reverse("events:check-in", args=[event.slug])


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_scanning_a_badge_checks_in_and_shows_who(desk, event):
    participant = ParticipantFactory(
        event=event,
        role="speaker",
        person__first_name="Jana",
        person__last_name="Nováková",
        person__organisation__name="CLUTEX",
        person__country="CZ",
    )
    code = badge_for(participant).code
    response = desk.post(desk_url(event), {"code": f"https://example.org/badge/{code}"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Checked in" in body
    assert "Jana Nováková" in body
    assert "CLUTEX · Czechia · Speaker" in body
    assert CheckIn.objects.get().desk == "Entrance A"


def test_a_second_scan_is_refused_with_the_first_time(desk, event):
    participant = ParticipantFactory(event=event, person__first_name="Jana")
    code = badge_for(participant).code
    desk.post(desk_url(event), {"code": code})
    response = desk.post(desk_url(event), {"code": code})
    assert response.status_code == 409
    assert "Already checked in at" in response.content.decode()
    assert "at desk Entrance A." in response.content.decode()
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Scan a badge or type its code."),
        ("nothing", "No badge has this code."),
        ("x" * 400, "No badge has this code."),
    ],
)
def test_bad_codes_get_a_clear_message(desk, event, code, message):
    response = desk.post(desk_url(event), {"code": code})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_a_reissued_code_is_refused_at_the_desk(desk, event):
    participant = ParticipantFactory(event=event)
    old = badge_for(participant).code
    response = desk.post(reverse("events:badge-reissue", args=[event.slug, participant.pk]))
    assert response.status_code == 302
    assert RetiredBadgeCode.objects.get().code == old
    response = desk.post(desk_url(event), {"code": old})
    assert response.status_code == 422
    assert "This badge was replaced by a new one" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_search_by_name_and_check_in_from_the_list(desk, event, django_assert_max_num_queries):
    for number in range(30):
        ParticipantFactory(event=event, person__last_name=f"Svoboda{number:02}")
    target = ParticipantFactory(event=event, person__last_name="Svobodová")
    check_in(by=None, participant=target)
    with django_assert_max_num_queries(14):
        response = desk.get(desk_url(event), {"q": "svobod"})
    body = response.content.decode()
    assert "31 people found" in body
    assert "Page 1 of 2" in body
    first = event.participants.get(person__last_name="Svoboda00")
    response = desk.post(desk_url(event) + "?q=svobod", {"participant": first.pk})
    assert response.status_code == 200
    assert CheckIn.objects.filter(participant=first).exists()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Šárka", ["Šárka Horáková", "Šárka Nová"]),
        ("šárka", ["Šárka Horáková", "Šárka Nová"]),
        ("ŠÁRKA", ["Šárka Horáková", "Šárka Nová"]),
        ("sarka", ["Šárka Horáková", "Šárka Nová"]),
        ("HORÁKOVÁ", ["Eva Horáková", "Šárka Horáková"]),
        ("horakova", ["Eva Horáková", "Šárka Horáková"]),
        ("horakova eva", ["Eva Horáková"]),
        ("horak-optics.cz", ["Eva Horáková"]),
        ("plzen", ["Šárka Nová"]),
        ("horák", ["Eva Horáková", "Šárka Horáková"]),
        ("ková", []),
    ],
)
def test_a_name_is_found_however_it_is_typed(desk, event, query, found):
    ParticipantFactory(
        event=event,
        person__first_name="Eva",
        person__last_name="Horáková",
        person__user__email="eva@horak-optics.cz",
    )
    ParticipantFactory(event=event, person__first_name="Šárka", person__last_name="Horáková")
    nova = ParticipantFactory(event=event, person__first_name="Šárka", person__last_name="Nová")
    nova.person.organisation.name = "Plzeň Optics"
    nova.person.organisation.save()
    refresh_search_text(nova.person.organisation)
    response = desk.get(desk_url(event), {"q": query})
    assert [p.person.full_name for p in response.context["found"]] == found


def test_a_renamed_person_is_found_by_the_new_name(desk, event):
    participant = ParticipantFactory(event=event, person__last_name="Dvořák")
    person = participant.person
    person.last_name = "Dvořáková"
    person.save()
    person.user.email = "renamed@example.org"
    person.user.save()
    for query in ("dvorakova", "renamed@example.org"):
        response = desk.get(desk_url(event), {"q": query})
        assert list(response.context["found"]) == [participant]


def test_the_desk_search_costs_the_same_queries_for_many_found(desk, event):
    def queries(count: int) -> tuple[int, int]:
        for _ in range(count):
            ParticipantFactory(event=event, person__last_name="Říhová")
        with CaptureQueriesContext(connection) as captured:
            response = desk.get(desk_url(event), {"q": "RIHOVA"})
        return len(captured), len(response.context["found"])

    few, many = queries(2), queries(40)
    assert (few[1], many[1]) == (2, DESK_PAGE_SIZE)
    assert few[0] == many[0]


def test_checking_in_another_events_participant_by_id_is_refused(desk, event):
    stranger = ParticipantFactory()
    response = desk.post(desk_url(event), {"participant": stranger.pk})
    assert response.status_code == 422
    assert CheckIn.objects.count() == 0


def test_a_desk_name_too_long_is_refused_and_kept_unchanged(desk, event):
    response = desk.post(reverse("events:check-in-desk", args=[event.slug]), {"desk": "D" * 61})
    assert response.status_code == 302
    assert desk.session["check_in_desk"] == "Entrance A"


def test_arrivals_fragment_for_htmx(desk, event):
    check_in(by=None, participant=ParticipantFactory(event=event))
    response = desk.get(reverse("events:arrivals", args=[event.slug]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "1 of 2 checked in" in body


def print_badges(client, event, **form):
    """Ask for a print as the badge page's form does; the task runs on commit."""
    return client.post(reverse("events:badge-prints", args=[event.slug]), form)


def printed(client, event, job) -> bytes:
    response = client.get(reverse("events:badge-print", args=[event.slug, job.pk]))
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response)


def test_a_print_issues_missing_badges_and_the_pdf_shows_them(
    client, event, organiser, django_capture_on_commit_callbacks
):
    ParticipantFactory(
        event=event,
        person__first_name="Jana",
        person__last_name="Nováková",
        person__organisation__name="NANOPROGRESS",
        person__country="CZ",
    )
    client.force_login(organiser.user)
    for layout, pages in (("a6", 2), ("sheet", 1)):
        with django_capture_on_commit_callbacks(execute=True):
            response = print_badges(client, event, layout=layout)
        assert response.url == reverse("events:badges", args=[event.slug]) + "#badge-prints"
        job = BadgePrint.objects.first()
        assert (job.status, job.total, job.done) == ("done", 2, 2)
        content = printed(client, event, job)
        assert len(PdfReader(io.BytesIO(content)).pages) == pages
    text = pdf_text(content)
    assert "Jana Nováková" in text
    assert "NANOPROGRESS" in text
    assert "Czechia" in text
    assert "DELEGATE" in text  # text-transform: uppercase
    assert Badge.objects.count() == 2
    assert event.participants.get(person__first_name="Jana").badge.code in text.replace("\n", "")
    page = client.get(reverse("events:badges", args=[event.slug])).content.decode()
    assert page.count('data-testid="badge-print"') == 2
    assert "hx-trigger" not in page.split('id="badge-prints"')[1].split(">")[0]


def test_a_print_is_made_in_batches_into_one_pdf(
    client, event, organiser, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(badge_print, "BATCH", 3)
    ParticipantFactory.create_batch(6, event=event)
    client.force_login(organiser.user)
    with django_capture_on_commit_callbacks(execute=True):
        print_badges(client, event, layout="a6", role="delegate")
    job = BadgePrint.objects.get()
    assert (job.status, job.total, job.done, job.filters["role"]) == ("done", 6, 6, "delegate")
    assert len(PdfReader(io.BytesIO(printed(client, event, job))).pages) == 6


def test_a_print_with_an_unknown_layout_or_nobody_chosen_is_refused(client, event, organiser):
    client.force_login(organiser.user)
    response = print_badges(client, event, layout="A0")
    assert response.status_code == 302
    assert Badge.objects.count() == 0
    response = print_badges(client, event, layout="a6", role="exhibitor")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "Nobody matches these filters."
    assert not BadgePrint.objects.exists()


def test_a_print_being_made_is_polled_and_one_cut_off_says_so(client, event, organiser, settings):
    job = BadgePrint.objects.create(event=event, layout="a6", status="running", total=400, done=100)
    client.force_login(organiser.user)
    fragment = client.get(reverse("events:badge-prints", args=[event.slug])).content.decode()
    assert 'hx-trigger="every 2s"' in fragment
    assert "100 of 400" in fragment
    assert client.get(reverse("events:badge-print", args=[event.slug, job.pk])).status_code == 404
    settings.BADGE_PRINT_STALE_MINUTES = 0
    fragment = client.get(reverse("events:badge-prints", args=[event.slug])).content.decode()
    assert "hx-trigger" not in fragment
    assert "No sign of life" in fragment


def test_a_failed_print_is_marked_failed(event, organiser, monkeypatch):
    def broken(*args):
        raise RuntimeError("out of paper")

    monkeypatch.setattr(badge_print, "badges_pdf", broken)
    job = badge_print.start_badge_print(
        by=None, event=event, layout="a6", filters=ParticipantFilters()
    )
    badge_print.make_badge_print(job)
    job.refresh_from_db()
    assert (job.status, bool(job.pdf), job.finished_at is not None) == ("failed", False, True)


def test_only_the_latest_prints_are_kept_with_their_files(
    event, django_capture_on_commit_callbacks
):
    ParticipantFactory(event=event)

    def start() -> BadgePrint:
        with django_capture_on_commit_callbacks(execute=True):  # the task makes the PDF
            job = badge_print.start_badge_print(
                by=None, event=event, layout="a6", filters=ParticipantFilters()
            )
        job.refresh_from_db()
        return job

    jobs = [start() for _ in range(badge_print.KEPT_PRINTS + 2)]
    paths = [Path(job.pdf.path) for job in jobs]
    kept = set(BadgePrint.objects.values_list("pk", flat=True))
    assert kept == {job.pk for job in jobs[-badge_print.KEPT_PRINTS - 1 :]}
    assert [path.exists() for path in paths] == [False] + [True] * (badge_print.KEPT_PRINTS + 1)
    start()
    assert [path.exists() for path in paths] == [False] * 2 + [True] * badge_print.KEPT_PRINTS


def test_prints_cut_off_by_a_restart_go_with_the_old_ones_but_live_and_queued_ones_stay(
    event, settings, django_capture_on_commit_callbacks
):
    ParticipantFactory(event=event)
    long_ago = timezone.now() - timedelta(hours=2)
    cut_off = BadgePrint.objects.create(
        event=event, layout="a6", status="running", heartbeat_at=long_ago
    )
    # Queued long ago, but maybe waiting behind long scheduler runs on the long queue.
    waiting = BadgePrint.objects.create(event=event, layout="a6", status="queued")
    BadgePrint.objects.filter(pk=waiting.pk).update(created_at=long_ago)
    live = BadgePrint.objects.create(
        event=event, layout="a6", status="running", heartbeat_at=timezone.now()
    )
    settings.BADGE_PRINT_STALE_MINUTES = 30
    for _ in range(badge_print.KEPT_PRINTS + 1):
        with django_capture_on_commit_callbacks(execute=True):
            badge_print.start_badge_print(
                by=None, event=event, layout="a6", filters=ParticipantFilters()
            )
    remaining = set(BadgePrint.objects.values_list("pk", flat=True))
    assert {live.pk, waiting.pk} <= remaining
    assert cut_off.pk not in remaining
    assert len(remaining) == badge_print.KEPT_PRINTS + 3  # live, waiting, and the one just made


def test_a_print_queued_behind_long_work_waits_while_the_long_queue_lives(
    client, event, organiser, settings
):
    settings.BADGE_PRINT_STALE_MINUTES = 10
    waiting = BadgePrint.objects.create(event=event, layout="a6", status="queued", total=40)
    BadgePrint.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(minutes=45)
    )
    # Another event's scheduler run holds the long queue's worker, and shows it is alive.
    run = ScheduleRun.objects.create(
        event=EventFactory(), status="running", time_limit=3000, heartbeat_at=timezone.now()
    )
    client.force_login(organiser.user)
    address = reverse("events:badge-prints", args=[event.slug])
    fragment = client.get(address).content.decode()
    assert 'hx-trigger="every 2s"' in fragment
    assert "No sign of life" not in fragment
    assert "Queued: it starts when the work queued before it" in fragment
    assert badge_print.fail_stale_prints() == 0
    # The worker fell silent (a restart no one followed with `fail_stale_runs --all`).
    ScheduleRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=11)
    )
    fragment = client.get(address).content.decode()
    assert "No sign of life" in fragment
    assert "hx-trigger" not in fragment
    assert badge_print.fail_stale_prints() == 1
    assert BadgePrint.objects.get(pk=waiting.pk).status == "failed"


def test_a_print_failed_while_it_waited_in_the_queue_is_not_made(
    event, django_capture_on_commit_callbacks
):
    ParticipantFactory(event=event)
    with django_capture_on_commit_callbacks() as callbacks:  # the task waits in the queue
        job = badge_print.start_badge_print(
            by=None, event=event, layout="a6", filters=ParticipantFilters()
        )
    call_command("fail_stale_runs", "--all", stdout=io.StringIO())  # a worker starts
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.status, bool(job.pdf)) == ("failed", False)


def test_the_start_up_command_fails_prints_a_restart_cut_off(event, settings):
    settings.BADGE_PRINT_STALE_MINUTES = 30
    long_ago = timezone.now() - timedelta(hours=2)
    cut_off = BadgePrint.objects.create(event=event, layout="a6", status="running")
    BadgePrint.objects.filter(pk=cut_off.pk).update(heartbeat_at=long_ago)
    live = BadgePrint.objects.create(
        event=event, layout="a6", status="running", heartbeat_at=timezone.now()
    )
    # Queued long ago, but maybe waiting behind a long scheduler run on the long queue.
    waiting = BadgePrint.objects.create(event=event, layout="a6", status="queued")
    BadgePrint.objects.filter(pk=waiting.pk).update(created_at=long_ago)
    done = BadgePrint.objects.create(event=event, layout="a6", status="done")
    out = io.StringIO()
    call_command("fail_stale_runs", stdout=out)
    assert "1 stale badge prints marked failed" in out.getvalue()
    status = dict(BadgePrint.objects.values_list("pk", "status"))
    expected = {cut_off.pk: "failed", live.pk: "running", waiting.pk: "queued", done.pk: "done"}
    assert status == expected
    # At the start of the only process that makes them, none is still being made.
    call_command("fail_stale_runs", "--all", stdout=out)
    status = dict(BadgePrint.objects.values_list("pk", "status"))
    assert status == {**dict.fromkeys((cut_off.pk, live.pk, waiting.pk), "failed"), done.pk: "done"}


def test_a_print_whose_file_is_gone_says_so_instead_of_failing(
    client, event, organiser, django_capture_on_commit_callbacks
):
    ParticipantFactory(event=event)
    client.force_login(organiser.user)
    with django_capture_on_commit_callbacks(execute=True):
        print_badges(client, event, layout="a6")
    job = BadgePrint.objects.get()
    Path(job.pdf.path).unlink()
    response = client.get(reverse("events:badge-print", args=[event.slug, job.pk]), follow=True)
    assert response.redirect_chain[-1][0].endswith("#badge-prints")
    assert "This PDF is no longer on the server; make it again." in response.content.decode()


def test_another_events_print_is_not_found(client, event, organiser):
    other = BadgePrint.objects.create(event=EventFactory(), layout="a6", status="done")
    client.force_login(organiser.user)
    assert client.get(reverse("events:badge-print", args=[event.slug, other.pk])).status_code == 404


@pytest.mark.parametrize("layout", ["sheet", "a6"])
def test_a_long_name_breaks_within_its_box(client, event, organiser, layout):
    """Unbroken, it ran over the QR code on a sheet and was cut off on a card."""
    surname = "Horáková-Wolfeschlegelsteinhausenbergerdorff"
    eva = ParticipantFactory(event=event, person__first_name="Eva", person__last_name=surname)
    issue_badges(by=None, event=event)
    client.force_login(organiser.user)
    url = reverse("events:badges-pdf", args=[event.slug])
    response = client.get(url, {"layout": layout, "participant": eva.pk})
    lines = pdf_text(response.content).splitlines()
    name_lines = [line for line in lines if line and line in "Eva " + surname]
    assert "".join(name_lines).replace(" ", "") == "Eva" + surname
    assert [line for line in name_lines if len(line) > 30] == []


def test_one_badge_is_printed_at_once(client, event, organiser):
    jana = ParticipantFactory(event=event, person__first_name="Jana")
    issue_badges(by=None, event=event)
    client.force_login(organiser.user)
    url = reverse("events:badges-pdf", args=[event.slug])
    response = client.get(url, {"layout": "a6", "participant": jana.pk})
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert "Jana" in pdf_text(response.content)
    assert client.get(url, {"layout": "a6"}).status_code == 302  # whom?
    assert not BadgePrint.objects.exists()


def test_the_prints_are_in_czech(client, event, organiser):
    BadgePrint.objects.create(event=event, layout="a6", status="running", total=4, done=1)
    client.force_login(organiser.user)
    url = reverse("events:badges", args=[event.slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert "Vytvořit PDF" in page and "1 z 4" in page


def test_badge_list_paginates_in_few_queries(
    client, event, organiser, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(60, event=event)
    issue_badges(by=None, event=event)
    client.force_login(organiser.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:badges", args=[event.slug]))
    assert "61 participants" in response.content.decode()
    assert response.content.decode().count("Reissue (lost badge)") == 50


def test_my_badge_shows_my_code_as_a_qr(client, event, delegate):
    client.force_login(delegate.user)
    response = client.get(reverse("events:my-badge", args=[event.slug]))
    body = response.content.decode()
    assert Badge.objects.get().code in body
    assert '<svg viewBox="0 0 33 33" class="qr">' in body  # version 3: 29 modules + border


def test_an_htmx_scan_answers_with_the_person_and_the_counts_only(
    desk, event, django_assert_max_num_queries
):
    participant = ParticipantFactory(event=event, person__first_name="Jana")
    code = badge_for(participant).code
    # The session, the user and the permission; the badge, the lock, the check-in and its
    # audit entry in savepoints; the three counts. None of them grows with the event.
    with django_assert_max_num_queries(19):
        response = desk.post(desk_url(event), {"code": code}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Checked in" in body
    assert 'hx-swap-oob="true"' in body
    assert "1 of 2 checked in" in body
    response = desk.post(desk_url(event), {"code": code}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "Already checked in at" in response.content.decode()
