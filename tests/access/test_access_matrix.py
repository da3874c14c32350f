"""Every URL of the project, asked for by every role, answers what the policy says.

The URL resolver is walked, so a page added without an entry in MATRIX fails
`test_every_url_has_an_entry`. Each page a role may open is then searched for what that
role must not see: a hidden person, a hidden cluster, contacts nobody consented to show.
"""

import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from modus.awards.models import Award, Ballot, VotingPhase
from modus.common.models import AuditEntry
from modus.common.spreadsheets import XLSX_TYPE
from modus.directory.models import IntroductionRequest
from modus.events.registration_notices import withdraw_token
from modus.events.services import calendar_token
from modus.matchmaking.models import Meeting, MeetingRequest, Table
from modus.stands.models import Hall, Lead, Stand
from tests.access.world import (
    HIDDEN_CLUSTER,
    HIDDEN_EMAIL,
    HIDDEN_OFFER,
    HIDDEN_PERSON,
    LEAD_NOTE,
    MANAGER_EMAIL,
    MANAGER_PHONE,
    PHOTO,
    ROLES,
    World,
)

PARTICIPANTS = ("delegate", "exhibitor", "cluster_manager", "organiser")


@dataclass(frozen=True)
class Access:
    """What each role gets. Outcomes: ok (200), done (a redirect after an action),
    login (a redirect to sign in), 403, 404, 405, 400, 422 (a refusal the page shows)."""

    method: str
    outcomes: dict


def rule(method: str, default: str, **by_role: str) -> Access:
    return Access(method, {role: by_role.get(role, default) for role in ROLES})


def everyone(method: str = "GET") -> Access:
    return rule(method, "ok")


def participants_only(method: str = "GET", ok: str = "ok") -> Access:
    """Pages of one's own participation: registered people of the event only."""
    return rule(method, "403", anonymous="login", **dict.fromkeys(PARTICIPANTS, ok))


def organisers_only(method: str = "GET", ok: str = "ok") -> Access:
    return rule(method, "403", anonymous="login", organiser=ok, staff=ok)


def host_and_organisers(method: str = "GET", ok: str = "ok") -> Access:
    return rule(method, "403", anonymous="login", cluster_manager=ok, organiser=ok, staff=ok)


MATRIX = {
    "home": everyone(),
    "healthz": everyone(),
    "favicon": rule("GET", "done"),
    # Where browsers report what the Content-Security-Policy refused: no page (so no browser
    # test), anyone's browser may post; a form is no report (415).
    "csp-report": rule("POST", "415"),
    "accounts:sign-in": everyone(),
    "accounts:link": rule("GET", "400"),
    "accounts:password": everyone(),
    "accounts:sign-out": rule("POST", "done"),
    "set_language": rule("POST", "done"),
    "calendar": everyone(),
    "directory:search": everyone(),
    "directory:catalogue": everyone(),
    "directory:catalogue-pdf": everyone(),
    "directory:organisation": everyone(),
    "directory:profile": rule("GET", "ok", anonymous="login", staff="404"),
    # The hidden person's photo: for those who may see the person only.
    "directory:photo": rule("GET", "404", organiser="ok", staff="ok"),
    # A declined nominee's picture: for those who manage the event only.
    "nominee-picture": rule("GET", "404", organiser="ok", staff="ok"),
    "directory:organisation-edit": rule(
        "GET", "403", anonymous="login", cluster_manager="ok", staff="ok"
    ),
    # The delegate asked to join the cluster that the cluster manager runs.
    "directory:join-withdraw": rule("POST", "404", anonymous="login", delegate="done"),
    # What "Ask to join" suggests: organisations the asker may see (none without a text).
    "directory:organisation-suggestions": rule("GET", "ok", anonymous="login"),
    "directory:join-approve": rule(
        "POST", "403", anonymous="login", cluster_manager="done", staff="done"
    ),
    "directory:join-decline": rule(
        "POST", "403", anonymous="login", cluster_manager="done", staff="done"
    ),
    # Introductions: the delegate asked for one to the cluster the cluster manager runs.
    "directory:introductions": rule("GET", "ok", anonymous="login", staff="404"),
    "directory:introduction-ask": rule("GET", "ok", anonymous="login", staff="404"),
    "directory:introductions-open": rule("GET", "403", anonymous="login", staff="ok"),
    "directory:introduction": rule(
        "GET", "404", anonymous="login", delegate="ok", cluster_manager="ok", staff="ok"
    ),
    # Only the manager answers, not even staff who are superusers (they route and nudge);
    # the visitor sees but may not.
    "directory:introduction-accept": rule(
        "POST", "404", anonymous="login", delegate="403", cluster_manager="done", staff="403"
    ),
    "directory:introduction-decline": rule(
        "POST", "404", anonymous="login", delegate="403", cluster_manager="done", staff="403"
    ),
    "directory:introduction-nudge": rule(
        "POST", "404", anonymous="login", delegate="403", cluster_manager="403", staff="done"
    ),
    "directory:introduction-reassign": rule(
        "POST", "404", anonymous="login", delegate="403", cluster_manager="403", staff="done"
    ),
    # The association's booth at the event: its organisers and staff.
    "directory:booth": organisers_only(),
    "events:detail": everyone(),
    "events:participants": organisers_only(),
    "events:participants-csv": organisers_only(),
    "events:participants-xlsx": organisers_only(),
    "events:import": organisers_only(),
    "events:import-detail": organisers_only(),
    "events:import-confirm": organisers_only("POST", ok="done"),
    "events:badges": organisers_only(),
    "events:badges-pdf": rule("GET", "403", anonymous="login", organiser="done", staff="done"),
    # The prints' list (polled while one is made) and a made PDF: it holds badge codes.
    "events:badge-prints": organisers_only(),
    "events:badge-print": organisers_only(),
    "events:badge-reissue": organisers_only("POST", ok="done"),
    "events:check-in": organisers_only(),
    "events:check-in-desk": organisers_only("POST", ok="done"),
    "events:arrivals": organisers_only(),
    "events:my-badge": participants_only(),
    # The link e-mailed to the delegate is the only key, whoever opens it: it shows the
    # button (the delegate takes part in a meeting, so posting it is refused and says so).
    "events:withdraw": everyone(),
    "matchmaking:participant": participants_only(),
    "matchmaking:recommendations": participants_only(),
    "matchmaking:dismiss": participants_only("POST", ok="done"),
    "matchmaking:inbox": participants_only(),
    "matchmaking:marketplace": rule(
        "GET", "403", anonymous="login", staff="ok", **dict.fromkeys(PARTICIPANTS, "ok")
    ),
    "matchmaking:notifications": participants_only(),
    "matchmaking:notifications-read": participants_only("POST", ok="done"),
    # Only one who closed the pair with that person may reopen it; nobody here has.
    "matchmaking:allow-requests": participants_only("POST", ok="404"),
    "agenda:page": participants_only(),
    "agenda:pdf": participants_only(),
    "matchmaking:availability": participants_only("POST", ok="done"),
    "agenda:new-calendar-address": participants_only("POST", ok="done"),
    # The request is the delegate's, to the exhibitor: only they may act on it; anyone
    # else is refused and nothing changes.
    "matchmaking:accept": rule("POST", "403", anonymous="login", exhibitor="done"),
    "matchmaking:decline": rule("POST", "403", anonymous="login", exhibitor="done"),
    "matchmaking:withdraw": rule("POST", "403", anonymous="login", delegate="done"),
    # The meeting is the delegate's with the public person.
    "matchmaking:cancel": rule("POST", "403", anonymous="login", delegate="done"),
    "matchmaking:organiser": organisers_only(),
    "matchmaking:organiser-rules": organisers_only("POST", ok="done"),
    "matchmaking:organiser-schedule": organisers_only("POST", ok="done"),
    "matchmaking:organiser-runs": organisers_only(),
    "matchmaking:review": organisers_only(),
    "matchmaking:publish": organisers_only("POST", ok="done"),
    "matchmaking:move": organisers_only(),
    "matchmaking:lock": organisers_only("POST", ok="done"),
    "matchmaking:tables": organisers_only(),
    "matchmaking:table-plan": organisers_only(),
    "matchmaking:drop": organisers_only("POST", ok="done"),
    "matchmaking:sessions": organisers_only(),
    "matchmaking:remove-session": organisers_only("POST", ok="done"),
    "matchmaking:add-tables": organisers_only("POST", ok="done"),
    "matchmaking:add-stand": organisers_only("POST", ok="done"),
    "matchmaking:stand-hosts": organisers_only(),
    "matchmaking:remove-stand": organisers_only("POST", ok="done"),
    # Stands: the plan, search and stand pages are the public event's; the scanner and the
    # leads are the stand's staff's alone (the exhibitor staffs A1), not the organisers' nor
    # a superuser's; the lead is the delegate's, and only they choose whether A1 keeps
    # their contact.
    "stands:plan": everyone(),
    "stands:search": everyone(),
    "stands:stand": everyone(),
    "stands:edit": rule(
        "GET", "403", anonymous="login", exhibitor="ok", organiser="ok", staff="ok"
    ),
    # Staffing opens the leads: the organisers and the exhibitor's manager choose (the
    # exhibitor staffs A1 but does not manage their organisation).
    "stands:staff": organisers_only(),
    "stands:scan": rule("GET", "403", anonymous="login", exhibitor="ok"),
    "stands:leads": rule("GET", "403", anonymous="login", exhibitor="ok"),
    "stands:leads-csv": rule("GET", "403", anonymous="login", exhibitor="ok"),
    "stands:leads-xlsx": rule("GET", "403", anonymous="login", exhibitor="ok"),
    "stands:lead": rule("GET", "403", anonymous="login", exhibitor="ok"),
    "stands:scanned-me": participants_only(),
    "stands:withhold": rule("POST", "403", anonymous="login", delegate="done"),
    "stands:manage": organisers_only(),
    "stands:add-hall": organisers_only("POST", ok="ok"),
    "stands:add-stand": organisers_only("POST", ok="ok"),
    "stands:exhibitors": organisers_only(),
    "stands:staffing": organisers_only(),
    "stands:hall": organisers_only(),
    "stands:hall-edit": organisers_only("POST", ok="ok"),
    # The programme and the tours are as public as their event; attending and booking are
    # for its participants (the world's event is past: they are told so, nothing changes).
    "events:programme": everyone(),
    "events:programme-session": everyone(),
    "events:programme-pdf": everyone(),
    "events:programme-ics": everyone(),
    "events:programme-attend": participants_only("POST", ok="done"),
    "events:programme-leave": participants_only("POST", ok="done"),
    "events:programme-new": organisers_only(),
    "events:programme-edit": organisers_only(),
    "events:programme-delete": organisers_only(),
    "visits:list": everyone(),
    "visits:detail": everyone(),
    "visits:new": organisers_only(),
    "visits:book": participants_only("POST", ok="done"),
    "visits:cancel": participants_only("POST", ok="done"),
    # The tour's people, its CSV, the bus check and writing to them: the event's organisers
    # and the manager of the host cluster.
    "visits:edit": host_and_organisers(),
    "visits:delete": host_and_organisers(),
    "visits:people": host_and_organisers(),
    "visits:people-csv": host_and_organisers(),
    "visits:people-xlsx": host_and_organisers(),
    "visits:showed-up": host_and_organisers("POST", ok="done"),
    "visits:message": host_and_organisers("POST", ok="done"),
    "awards:vote": everyone(),
    "awards:cast": rule("POST", "400", anonymous="login"),
    "awards:propose": rule("POST", "400", anonymous="login"),
    "awards:receipt": everyone(),
    # Without this browser's receipt cookie: back to the vote page.
    "awards:receipt-given": rule("GET", "done"),
    "awards:results": everyone(),
    "awards:ballots-csv": everyone(),
    "awards:tally-json": everyone(),
    "awards:screen": everyone(),
    "awards:screen-count": everyone(),
    "awards:manage": organisers_only(),
    "awards:add-award": organisers_only("POST", ok="done"),
    "awards:award": organisers_only(),
    "awards:add-nominee": organisers_only("POST", ok="done"),
    "awards:paper": organisers_only("POST", ok="done"),
    "awards:publish": organisers_only("POST", ok="done"),
    "awards:decide": organisers_only("POST", ok="done"),
    "awards:voters": organisers_only("POST", ok="done"),
    "awards:phase": organisers_only("POST", ok="done"),
    "awards:open": organisers_only("POST", ok="done"),
    "awards:close": organisers_only("POST", ok="done"),
    "awards:ceremony": organisers_only(),
}

# Addresses that answer a second method too: the move dialog (GET) also takes the move.
ALSO = {
    "matchmaking:move": organisers_only("POST", ok="done"),
    # Posting no code, no follow-up or no positions is refused with a message on the form.
    "stands:scan": rule("POST", "403", anonymous="login", exhibitor="ok"),
    "stands:lead": rule("POST", "403", anonymous="login", exhibitor="ok"),
    "stands:hall": organisers_only("POST", ok="ok"),
    # Nobody chosen is a choice: the stand is left without staff.
    "stands:staff": organisers_only("POST", ok="done"),
    "stands:edit": rule(
        "POST", "403", anonymous="login", exhibitor="done", organiser="done", staff="done"
    ),
    # Printing badges: an empty form is refused with a message on the badge page.
    "events:badge-prints": organisers_only("POST", ok="done"),
    # The check-in desk (GET) takes a scanned code; an empty one is refused (422).
    "events:check-in": organisers_only("POST", ok="422"),
    # Withdrawing by the delegate's link: refused, as the delegate takes part (a meeting).
    "events:withdraw": rule("POST", "422"),
    # The award page also saves the category; an empty form is sent back with its errors.
    "awards:award": organisers_only("POST", ok="400"),
}

# Who may see what: each secret, and the roles the policy lets see it.
SECRETS = {
    HIDDEN_PERSON: {"organiser", "staff"},
    HIDDEN_OFFER: {"organiser", "staff"},
    HIDDEN_EMAIL: {"organiser", "staff"},
    HIDDEN_CLUSTER: {"staff"},
    MANAGER_EMAIL: {"cluster_manager", "organiser", "staff"},
    MANAGER_PHONE: {"cluster_manager", "organiser", "staff"},
    LEAD_NOTE: {"exhibitor", "staff"},
}


def walk(patterns, namespace: str = "", parameters: frozenset = frozenset()):
    """(name, the names of its address's parameters) of every named URL."""
    for pattern in patterns:
        inner = parameters | set(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            space = pattern.namespace or ""
            full = f"{namespace}:{space}" if namespace and space else (space or namespace)
            yield from walk(pattern.url_patterns, full, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, inner


def project_url_names() -> set[str]:
    return {name for name, _ in walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_url_has_an_entry():
    assert project_url_names() == set(MATRIX)


def url_for(name: str, world: World) -> str:
    parameters = dict(walk(get_resolver().url_patterns))[name]
    values = {
        "slug": world.cluster_slug if name.startswith("directory:") else world.event.slug,
        "participant_id": world.public_person.pk,
        "request_id": world.meeting_request.pk,
        "meeting_id": world.meeting.pk,
        "session_id": world.meeting.slot.session_id,
        "table_id": world.stand.pk,
        "stand_id": world.exhibit.pk,
        "lead_id": world.lead.pk,
        "hall_id": world.hall.pk,
        "visit_id": world.visit.pk,
        "booking_id": world.visit_booking.pk,
        "programme_session_id": world.programme_session.pk,
        "pk": (
            world.join_request.pk if name.startswith("directory:") else world.registration_import.pk
        ),
        "introduction_id": world.introduction.pk,
        "event_slug": world.event.slug,
        "token": {
            "calendar": lambda: calendar_token(world.delegate),
            "events:withdraw": lambda: withdraw_token(world.delegate),
        }.get(name, lambda: "no-such-token")(),
        "award_id": world.award.pk,
        "print_id": world.badge_print.pk,
        "nominee_id": world.nominee.pk,
        "phase_kind": "online",
        "name": (
            world.hidden.person.photo.name
            if name == "directory:photo"
            else world.declined_nominee.picture.name
        ),
    }
    return reverse(name, kwargs={key: values[key] for key in parameters})


def outcome_of(response) -> str:
    if response.status_code in (301, 302):
        target = response["Location"]
        signing_in = target.startswith((reverse("accounts:sign-in"), reverse("admin:login")))
        return "login" if signing_in else "done"
    return "ok" if response.status_code == 200 else str(response.status_code)


def text_of(response) -> str:
    content = b"".join(response) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if kind.startswith("image/"):
        return ""  # a photo tells no text; whether it may be shown is the outcome
    if kind.startswith(XLSX_TYPE):
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
        return "\n".join(" ".join(map(str, row)) for row in sheet.iter_rows(values_only=True))
    return content.decode()


def client_for(client, world: World, role: str):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def state_of(world: World) -> tuple:
    """What a refused request must leave as it was."""
    return (
        AuditEntry.objects.count(),
        list(Meeting.objects.order_by("pk").values_list("pk", "status", "slot", "table", "locked")),
        list(MeetingRequest.objects.order_by("pk").values_list("pk", "status")),
        Table.objects.count(),
        list(Lead.objects.order_by("pk").values_list("pk", "scans", "notes", "contact_withheld")),
        list(Stand.objects.order_by("pk").values_list("pk", "x", "y", "description")),
        Hall.objects.count(),
        list(
            IntroductionRequest.objects.order_by("pk").values_list(
                "pk", "status", "organisation", "routed_to", "version"
            )
        ),
        Ballot.objects.count(),
        list(Award.objects.order_by("pk").values_list("name", "published_at")),
        list(VotingPhase.objects.order_by("pk").values_list("opens_at", "closes_at")),
    )


CASES = [
    (name, access.method, role)
    for table in (MATRIX, ALSO)
    for name, access in sorted(table.items())
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_each_role_gets_what_the_policy_says(client, world, name, method, role):
    access = MATRIX[name] if MATRIX[name].method == method else ALSO[name]
    client = client_for(client, world, role)
    url = url_for(name, world)
    before = state_of(world)
    response = client.get(url) if access.method == "GET" else client.post(url, {})
    expected = access.outcomes[role]
    assert outcome_of(response) == expected, f"{role} {access.method} {url}"
    if expected not in ("ok", "done", "400", "422"):
        assert state_of(world) == before, "a refused request changed something"
    if response.status_code == 200:
        shown = text_of(response)
        leaked = [s for s, seers in SECRETS.items() if role not in seers and s in shown]
        assert leaked == [], f"{role} sees {leaked} on {url}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, a in MATRIX.items() if a.method == "POST"))
def test_a_post_only_address_refuses_get(client, world, name):
    client.force_login(world.users["organiser"])
    response = client.get(url_for(name, world))
    assert response.status_code in (405, 302)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(client, world, role):
    client = client_for(client, world, role)
    pages = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    outcomes = {page: outcome_of(client.get(page)) for page in pages}
    expected = "ok" if role == "staff" else "login"
    assert outcomes == dict.fromkeys(pages, expected)


def event_page(name: str) -> bool:
    """A page of one event that anyone may open while the event is listed."""
    access = MATRIX[name]
    parameters = dict(walk(get_resolver().url_patterns))[name]
    return (
        access.method == "GET"
        and access.outcomes["anonymous"] != "login"
        and "slug" in parameters
        and not name.startswith("directory:")
    )


# Those who may see an unlisted event: its participants, its organisers and staff.
UNLISTED_SEERS = {"delegate", "exhibitor", "cluster_manager", "organiser", "staff"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(filter(event_page, MATRIX)))
def test_an_unlisted_events_pages_are_for_those_it_concerns(world, name):
    """An unlisted event's slug is easily guessed: its programme, tours, stands and votes
    must not open to whoever types it."""
    world.event.is_public = False
    world.event.save(update_fields=["is_public"])
    url = url_for(name, world)
    roles = MATRIX[name].outcomes
    outcomes = {role: outcome_of(client_for(Client(), world, role).get(url)) for role in roles}
    expected = {role: roles[role] if role in UNLISTED_SEERS else "404" for role in roles}
    assert outcomes == expected


@pytest.mark.django_db
def test_an_unlisted_events_nominee_pictures_are_for_those_it_concerns(world):
    """A picture's address is made of its stored name alone: the event's own rule decides."""
    world.nominee.picture.save("alena.png", ContentFile(PHOTO))
    url = reverse("nominee-picture", args=[world.nominee.picture.name])

    def outcomes() -> dict:
        answers = {role: client_for(Client(), world, role).get(url) for role in ROLES}
        for response in answers.values():
            # Read to the end, as a browser does: the test client then closes the file.
            text_of(response)
        return {role: outcome_of(response) for role, response in answers.items()}

    assert outcomes() == dict.fromkeys(ROLES, "ok")
    world.event.is_public = False
    world.event.save(update_fields=["is_public"])
    assert outcomes() == {role: "ok" if role in UNLISTED_SEERS else "404" for role in ROLES}
