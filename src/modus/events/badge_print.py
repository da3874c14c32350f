"""Printable badges: name, organisation, country and role, with a QR code that holds the
badge code only, as a PDF of A6 cards or of A4 label sheets."""

from dataclasses import dataclass

import segno
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from modus.common.pdf import html_to_pdf
from modus.events.models import Event, Participant


@dataclass(frozen=True)
class Layout:
    key: str
    label: str
    per_page: int


LAYOUTS = {
    layout.key: layout
    for layout in (
        Layout("a6", _("A6 cards, one badge a page"), 1),
        Layout("sheet", _("A4 label sheet, 8 labels of 105 × 74 mm"), 8),
    )
}


def qr_svg(code: str) -> SafeString:
    """The badge code as an inline SVG QR code that scales to its box (CSS sets the size)."""
    qr = segno.make(code, error="m", micro=False)
    # Built from the code alone, which is URL-safe base64: nothing to escape.
    return mark_safe(qr.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr"))


def printable(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """What a badge shows, in one query."""
    return participants.select_related("person__organisation", "badge").order_by(
        "person__last_name", "person__first_name", "pk"
    )


def badges_pdf(event: Event, participants: QuerySet[Participant], layout: str) -> bytes:
    """The badges of these participants (each must have a badge) as one PDF."""
    chosen = LAYOUTS[layout]
    badges = [
        {"participant": participant, "qr": qr_svg(participant.badge.code)}
        for participant in printable(participants)
    ]
    pages = [
        badges[start : start + chosen.per_page] for start in range(0, len(badges), chosen.per_page)
    ]
    html = render_to_string(
        "events/badges_pdf.html", {"event": event, "pages": pages, "layout": chosen.key}
    )
    return html_to_pdf(html)
