"""Printable badges: name, organisation, country and role, with a QR code that holds the
badge code only, as a PDF of A6 cards or of A4 label sheets.

One badge is made at once; a batch (a role, a search, the whole event) is a `BadgePrint`
made in the background, a few hundred badges at a time, and downloaded when ready.
"""

import io
import logging
from dataclasses import asdict, dataclass

import segno
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from pypdf import PdfWriter

from modus import tasks
from modus.common import audit
from modus.common.collation import in_reading_order
from modus.common.pdf import html_to_pdf
from modus.common.permissions import require
from modus.events.models import BadgePrint, Event, Participant
from modus.events.selectors import ParticipantFilters, participants
from modus.events.services import issue_badges

log = logging.getLogger(__name__)
# Badges laid out per step of a background print: its progress and sign of life.
BATCH = 200
# Prints kept per event; older ones and their files go when a new one starts.
KEPT_PRINTS = 5


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
        *in_reading_order("person__last_name", "person__first_name"), "pk"
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


@transaction.atomic
def start_badge_print(*, by, event: Event, layout: str, filters: ParticipantFilters) -> BadgePrint:
    """Queue the PDF of the badges these filters choose (issuing missing badges first)."""
    require(by, "events.manage_badges", event)
    if layout not in LAYOUTS:
        raise ValidationError(_("Choose the paper to print on."))
    issue_badges(by=by, event=event)
    total = participants(event, filters).count()
    if not total:
        raise ValidationError(_("Nobody matches these filters."))
    job = BadgePrint.objects.create(
        event=event,
        created_by=by,
        layout=layout,
        filters=asdict(filters),
        total=total,
    )
    # Prints cut off by a restart count as ended: nothing will finish them.
    being_made = BadgePrint.being_made(tasks.long_queue_seen())
    old = list(event.badge_prints.exclude(being_made)[KEPT_PRINTS:])
    BadgePrint.objects.filter(pk__in=[job.pk for job in old]).delete()
    # Files go once the rows have: a rollback keeps both.
    transaction.on_commit(lambda: [job.pdf.delete(save=False) for job in old if job.pdf])
    audit.record(by=by, action="badge.print_started", obj=event, data={"print": job.pk})
    tasks.enqueue(make_badge_print_task, job.pk)
    return job


@tasks.task(queue=tasks.LONG)
def make_badge_print_task(print_id: int) -> None:
    # Claimed once: a print failed (by a worker's start) or deleted while it waited in the
    # queue is not made.
    queued = BadgePrint.objects.filter(pk=print_id, status=BadgePrint.Status.QUEUED)
    if queued.update(status=BadgePrint.Status.RUNNING, heartbeat_at=timezone.now()):
        make_badge_print(BadgePrint.objects.select_related("event").get(pk=print_id))


def make_badge_print(job: BadgePrint) -> BadgePrint:
    """Lay the chosen badges out in batches, join them into one PDF and keep it."""
    chosen = participants(job.event, ParticipantFilters(**job.filters)).filter(badge__isnull=False)
    ids = list(chosen.values_list("pk", flat=True))
    step(job, status=BadgePrint.Status.RUNNING, total=len(ids), done=0)
    try:
        joined = PdfWriter()
        for start in range(0, len(ids), BATCH):
            batch = Participant.objects.filter(pk__in=ids[start : start + BATCH])
            joined.append(io.BytesIO(badges_pdf(job.event, batch, job.layout)))
            step(job, done=min(start + BATCH, len(ids)))
        out = io.BytesIO()
        joined.write(out)
    except Exception:
        log.exception("badge print %s failed", job.pk)
        step(job, status=BadgePrint.Status.FAILED, finished_at=timezone.now())
        return job
    job.pdf.save(f"{job.event.slug}-badges-{job.pk}.pdf", ContentFile(out.getvalue()), save=False)
    step(job, status=BadgePrint.Status.DONE, pdf=job.pdf.name, finished_at=timezone.now())
    return job


def fail_stale_prints(*, every: bool = False) -> int:
    """Mark failed the prints a restart cut off (see BadgePrint.being_made); with `every`,
    all unfinished ones: for the start of the only process that makes them."""
    prints = BadgePrint.objects.filter(status__in=BadgePrint.ACTIVE)
    if not every:
        prints = prints.exclude(BadgePrint.being_made(tasks.long_queue_seen()))
    return prints.update(status=BadgePrint.Status.FAILED, finished_at=timezone.now())


@tasks.task
def sweep_stale_prints() -> None:
    fail_stale_prints()


def step(job: BadgePrint, **fields) -> None:
    """Write these fields and a sign of life, on the job and in the database."""
    fields["heartbeat_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    BadgePrint.objects.filter(pk=job.pk).update(**fields)
