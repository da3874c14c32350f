"""Reports of what the Content-Security-Policy refused: one log line each, nothing stored,
and a client that floods is refused."""

import json
import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from modus.common.policy_reports import MAX_REPORTS

pytestmark = pytest.mark.django_db

# What Chromium posts for `report-uri` when a page runs an inline handler.
CHROMIUM_REPORT = {
    "csp-report": {
        "document-uri": "https://modus.example.org/events/ecc-2022/agenda/",
        "referrer": "",
        "violated-directive": "script-src-attr",
        "effective-directive": "script-src-attr",
        "original-policy": "default-src 'self'; script-src 'self'; report-uri /csp-report",
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 16,
        "source-file": "https://modus.example.org/events/ecc-2022/agenda/",
        "status-code": 200,
        "script-sample": "",
    }
}
CHROMIUM_LINE = (
    "CSP violation directive=script-src-attr blocked=inline"
    " page=https://modus.example.org/events/ecc-2022/agenda/"
    " source=https://modus.example.org/events/ecc-2022/agenda/ line=16 disposition=enforce"
)


def reporting_api(*blocked: str) -> list[dict]:
    """A batch of the Reporting API (`report-to`), one report for each blocked address."""
    return [
        {
            "type": "csp-violation",
            "age": 10,
            "url": "https://modus.example.org/directory/",
            "user_agent": "Mozilla/5.0",
            "body": {
                "documentURL": "https://modus.example.org/directory/",
                "effectiveDirective": "img-src",
                "blockedURL": address,
                "disposition": "enforce",
                "statusCode": 200,
            },
        }
        for address in blocked
    ]


def post(client, body, content_type: str = "application/csp-report"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(reverse("csp-report"), data, content_type=content_type)


def lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "modus.csp"]


def test_a_browsers_report_is_one_line_an_admin_can_grep(client, caplog, django_assert_num_queries):
    caplog.set_level(logging.WARNING, logger="modus.csp")
    with django_assert_num_queries(0):
        response = post(client, CHROMIUM_REPORT)
    assert response.status_code == 204
    assert lines(caplog) == [CHROMIUM_LINE]


def test_a_batch_of_the_reporting_api_is_a_line_for_each(client, caplog):
    caplog.set_level(logging.WARNING, logger="modus.csp")
    batch = reporting_api("https://tracker.example/pixel.gif", "data")
    response = post(client, batch, "application/reports+json")
    assert response.status_code == 204
    assert lines(caplog) == [
        "CSP violation directive=img-src blocked=https://tracker.example/pixel.gif"
        " page=https://modus.example.org/directory/ disposition=enforce",
        "CSP violation directive=img-src blocked=data"
        " page=https://modus.example.org/directory/ disposition=enforce",
    ]


def test_a_value_cannot_forge_a_second_line(client, caplog):
    caplog.set_level(logging.WARNING, logger="modus.csp")
    forged = "x\nCSP violation directive=forged\r\x1b[2J"
    post(client, {"csp-report": {"blocked-uri": forged, "line-number": {"a": 1}}})
    assert lines(caplog) == [
        "CSP violation blocked=x\\nCSP violation directive=forged\\r\\x1b[2J line=-"
    ]


def test_a_long_batch_gives_a_few_lines(client, caplog):
    caplog.set_level(logging.WARNING, logger="modus.csp")
    batch = reporting_api(*(f"https://x.example/{n}" for n in range(MAX_REPORTS * 3)))
    assert post(client, batch, "application/reports+json").status_code == 204
    assert len(lines(caplog)) == MAX_REPORTS


@override_settings(CSP_REPORTS_PER_IP="2/m")
def test_a_client_past_its_rate_is_refused_and_not_logged(client, caplog):
    caplog.set_level(logging.WARNING, logger="modus.csp")
    answers = [post(client, CHROMIUM_REPORT).status_code for _ in range(3)]
    assert answers == [204, 204, 429]
    assert lines(caplog) == [CHROMIUM_LINE, CHROMIUM_LINE]


def test_a_report_is_refused_above_the_cap_unlogged(client, caplog):
    caplog.set_level(logging.WARNING, logger="modus.csp")
    padded = {"csp-report": {**CHROMIUM_REPORT["csp-report"], "script-sample": "x" * 70_000}}
    response = post(client, padded)
    assert (response.status_code, response.content) == (413, b"A report is at most 64 KB.")
    assert lines(caplog) == []
