"""What browsers report the Content-Security-Policy refused, as log lines an admin can grep.

A browser posts a report when a page of ours breaks the policy (`report-uri`, as
`application/csp-report`) or in a batch of the Reporting API (`application/reports+json`).
Anyone can post anything here, so nothing is stored: each report becomes one line of the
`modus.csp` logger, its values cut short and stripped of what could forge another line.
"""

import json
import logging

logger = logging.getLogger("modus.csp")

CSP_REPORT = "application/csp-report"
REPORTS_JSON = "application/reports+json"
# Older Firefox sends its reports as plain JSON.
REPORT_TYPES = (CSP_REPORT, REPORTS_JSON, "application/json")
# A report is well under a kilobyte; a batch of them a few.
MAX_BODY_BYTES = 64 * 1024
# Lines from one request, whatever its batch holds: a flood of reports is not news.
MAX_REPORTS = 20
MAX_VALUE_LENGTH = 300

# Each field a line shows: its name in `report-uri` reports, then in the Reporting API's.
FIELDS = (
    ("directive", "effective-directive", "effectiveDirective"),
    ("blocked", "blocked-uri", "blockedURL"),
    ("page", "document-uri", "documentURL"),
    ("source", "source-file", "sourceFile"),
    ("line", "line-number", "lineNumber"),
    ("disposition", "disposition", "disposition"),
)


class NotAReport(ValueError):
    """The body is no report a browser sends."""


def parse(body: bytes, content_type: str) -> list[dict]:
    """The violations in a posted body, each a dict of the browser's fields."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise NotAReport("not JSON") from error
    if content_type == REPORTS_JSON:
        if not isinstance(data, list):
            raise NotAReport("not a list of reports")
        bodies = [item.get("body") for item in data if isinstance(item, dict)]
        return [body for body in bodies if isinstance(body, dict)]
    if not isinstance(data, dict) or not isinstance(data.get("csp-report"), dict):
        raise NotAReport("no csp-report")
    return [data["csp-report"]]


def plain(value: object) -> str:
    """A value fit for one log line: short, and without a control character that could end
    the line or forge one."""
    if not isinstance(value, str | int | float):
        return "-"
    text = str(value)[:MAX_VALUE_LENGTH]
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def describe(violation: dict) -> str:
    """One report as `CSP violation directive=... blocked=... page=... source=...`."""
    parts = []
    for label, old_name, new_name in FIELDS:
        value = violation.get(old_name, violation.get(new_name))
        if value is not None:
            parts.append(f"{label}={plain(value)}")
    return "CSP violation " + " ".join(parts)


def log_reports(violations: list[dict]) -> None:
    """One warning line for each of the first MAX_REPORTS violations."""
    for violation in violations[:MAX_REPORTS]:
        logger.warning(describe(violation))
