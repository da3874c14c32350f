"""Every form of every page, as every role that can open it, filled with hostile text.

Forms are read from the pages themselves, so a new form is covered without a new test:
no answer is a server error, and script a person wrote never comes back unescaped.
"""

import re

import pytest
from django.urls import reverse

from modus.common.pickers import SUGGESTIONS
from tests.access.forms import forms_of
from tests.access.test_access_matrix import MATRIX, SECRETS, client_for, outcome_of, url_for
from tests.access.world import HIDDEN_CLUSTER, HIDDEN_PERSON, ROLES
from tests.factories import ParticipantFactory

SCRIPT = '<script>alert("modus-xss")</script><img src=x onerror=alert(1)>'
LONG = "Ž" * 10_000
SIGNED_IN = ("delegate", "exhibitor", "cluster_manager", "organiser", "staff")
# Forms every page carries that act on the session, not on data.
SESSION_FORMS = ("accounts:sign-out", "set_language")


def pages_for(role: str, world) -> list[str]:
    return [
        url_for(name, world)
        for name, access in sorted(MATRIX.items())
        if access.method == "GET" and access.outcomes[role] == "ok"
    ]


def html_pages(client, urls: list[str]) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            pages[url] = response.content.decode()
        if response.streaming:
            # Read to the end: the test client then closes the file, without closing the
            # database connection as a bare close() would (request_finished).
            b"".join(response.streaming_content)
    return pages


def send_every_form(client, pages: dict[str, str], value: str) -> list[tuple[str, int]]:
    skipped = {reverse(name) for name in SESSION_FORMS}
    failures = []
    for url, html in pages.items():
        for form in forms_of(url, html):
            if form.action in skipped:
                continue
            data = form.filled(value)
            send = client.post if form.method == "post" else client.get
            response = send(form.action, data)
            if response.status_code >= 500:
                failures.append((form.action, response.status_code))
    return failures


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("value", [SCRIPT, LONG], ids=["script", "10000-characters"])
def test_hostile_text_in_every_form_gives_no_server_error(client, world, role, value):
    client = client_for(client, world, role)
    pages = html_pages(client, pages_for(role, world))
    assert pages, "the role opens no page"
    assert send_every_form(client, pages, value) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
def test_script_written_into_forms_comes_back_escaped(client, world, role):
    client = client_for(client, world, role)
    urls = pages_for(role, world)
    send_every_form(client, html_pages(client, urls), SCRIPT)
    shown = html_pages(client, urls)
    unescaped = [url for url, html in shown.items() if '<script>alert("modus-xss")' in html]
    assert unescaped == []


# What someone might make a link say on our pages, to be read as ours.
PLANTED = "Your account is locked: call +420 777 000 000"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ("anonymous", *SIGNED_IN))
def test_a_link_cannot_make_a_page_say_what_its_choices_never_offered(client, world, role):
    """A list's filters come from its address: a value no choice offers is refused in
    words of our own, not repeated."""
    if role != "anonymous":
        client = client_for(client, world, role)
    planted = []
    for url, html in html_pages(client, pages_for(role, world)).items():
        for form in forms_of(url, html):
            if form.method == "get" and form.choices:
                answer = client.get(form.action, form.chosen(PLANTED))
                body = b"".join(answer.streaming_content) if answer.streaming else answer.content
                if PLANTED.encode() in body:
                    planted.append(form.action)
    assert planted == []


@pytest.mark.django_db
@pytest.mark.parametrize("value", [SCRIPT, LONG], ids=["script", "10000-characters"])
def test_hostile_text_in_public_forms_gives_no_server_error(client, world, value):
    pages = html_pages(client, pages_for("anonymous", world))
    assert send_every_form(client, pages, value) == []


# The pickers' suggestion addresses take any text typed, from anyone.
PICKERS = (
    "directory:organisation-suggestions",
    "matchmaking:stand-hosts",
    "stands:exhibitors",
    "stands:staffing",
)
TYPED = [SCRIPT, LONG, "%_\\'\"*", "a\x00b", HIDDEN_CLUSTER, HIDDEN_PERSON, "Stín", "Nevid"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PICKERS)
def test_picker_suggestions_answer_any_text_and_leak_nothing(client, world, role, name):
    """Hidden organisations and people, and another event's exhibitors, are suggested to
    nobody the policy keeps them from; odd text finds nothing rather than failing."""
    ParticipantFactory(
        event=world.other_event, role="exhibitor", person__last_name="Cizinec Elsewhere"
    )
    client = client_for(client, world, role)
    expected = MATRIX[name].outcomes[role]
    for typed in [*TYPED, "Cizinec"]:
        response = client.get(url_for(name, world), {"q": typed})
        # Sign-in would come back to a 10,000-character address: refused as too long.
        allowed = {expected, "400"} if expected == "login" and typed == LONG else {expected}
        assert outcome_of(response) in allowed, (role, typed[:20])
        if response.status_code != 200:
            continue
        html = response.content.decode()
        assert '<script>alert("modus-xss")' not in html
        assert "Elsewhere" not in html
        suggested = re.findall(r'data-suggestion="([^"]*)"', html)
        leaked = [s for s, seers in SECRETS.items() if role not in seers and s in str(suggested)]
        assert leaked == [], (role, typed)
        assert len(suggested) <= SUGGESTIONS


@pytest.mark.django_db
def test_the_organisation_picker_finds_for_staff_what_staff_may_see(client, world):
    """The check above can fail: the hidden cluster is suggested to staff, who may see it."""
    client = client_for(client, world, "staff")
    response = client.get(reverse("directory:organisation-suggestions"), {"q": "stín"})
    assert re.findall(r'data-suggestion="([^"]*)"', response.content.decode()) == [HIDDEN_CLUSTER]


# Anyone's browser posts to the policy's report address: whatever comes is refused or
# logged, never a server error, and never touches the database. Each: the answer, the
# body's type, the body.
REPORT_BODIES = {
    "unclosed": (400, "application/csp-report", b"{"),
    "not-utf-8": (400, "application/csp-report", b"\xff\xfe\x00{}"),
    "nested-deep": (400, "application/csp-report", b"[" * 40_000 + b"]" * 20_000),
    "huge-number": (400, "application/csp-report", b'{"csp-report": ' + b"9" * 5_000 + b"}"),
    "report-a-string": (400, "application/csp-report", b'{"csp-report": "inline"}'),
    "a-list": (400, "application/csp-report", b'["csp-report"]'),
    "not-numbers": (
        204,
        "application/csp-report",
        b'{"csp-report": {"line-number": NaN, "x": 1e999}}',
    ),
    "too-large": (413, "application/csp-report", b"Z" * 100_000),
    "batch-a-dict": (400, "application/reports+json", b'{"type": "csp-violation"}'),
    "batch-odd-items": (
        204,
        "application/reports+json",
        b'[1, null, "x", {"body": []}, {"body": {}}]',
    ),
    "script": (400, "application/json", SCRIPT.encode()),
    "plain-text": (415, "text/plain", b'{"csp-report": {}}'),
    "form": (415, "multipart/form-data; boundary=x", b"--x--"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORT_BODIES)
def test_hostile_reports_give_no_server_error(client, django_assert_num_queries, name):
    expected, content_type, body = REPORT_BODIES[name]
    with django_assert_num_queries(0):
        response = client.generic("POST", reverse("csp-report"), body, content_type=content_type)
    assert response.status_code == expected
    assert "<script>" not in response.content.decode()
