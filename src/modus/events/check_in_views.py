"""Badges and the check-in desk: printing and reissuing badges, checking people in by a
scanned or typed code or by name, the live arrival counts, and one's own badge."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from modus import tasks
from modus.events.badge_print import KEPT_PRINTS, badges_pdf, qr_svg, start_badge_print
from modus.events.badges import BadgeError, badge_for
from modus.events.forms import BadgeCodeForm, BadgePrintForm, DeskForm, ParticipantFilterForm
from modus.events.models import BadgePrint, Event
from modus.events.selectors import arrivals, desk_search, participants
from modus.events.services import (
    AlreadyCheckedIn,
    check_in,
    check_in_badge,
    reissue_badge,
)
from modus.events.views import managed_event, paginated

DESK_PAGE_SIZE = 20
DESK_SESSION_KEY = "check_in_desk"


@login_required
def badge_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Print badges (all, a role, a search) and reissue a lost one."""
    event = managed_event(request, slug, "events.manage_badges")
    filters = ParticipantFilterForm(request.GET or None)
    page, query_string = paginated(
        request, participants(event, filters.filters()).select_related("badge")
    )
    context = {
        "event": event,
        "filters": filters,
        "print_form": BadgePrintForm(initial={"layout": "a6"}, auto_id="print_%s"),
        **recent_prints(event),
        "page": page,
        "query_string": query_string,
        "without_badge": event.participants.filter(badge__isnull=True).count(),
    }
    return render(request, "events/badges.html", context)


def recent_prints(event: Event) -> dict:
    """The event's latest prints, and whether the page should poll them (one is being made)."""
    prints = list(event.badge_prints.all()[: KEPT_PRINTS + 1])
    active = [job for job in prints if job.status in BadgePrint.ACTIVE]
    seen = tasks.long_queue_seen() if active else None
    for job in prints:
        job.stale = job in active and job.looks_stale(seen)
    polling = any(not job.stale for job in active)
    return {"prints": prints, "polling": polling}


@login_required
@require_http_methods(["GET", "POST"])
def badge_prints(request: HttpRequest, slug: str) -> HttpResponse:
    """POST: start printing the chosen badges in the background. GET: the list of prints,
    which the page polls while one is being made."""
    event = managed_event(request, slug, "events.manage_badges")
    if request.method == "GET":
        context = {"event": event, **recent_prints(event)}
        return render(request, "events/_badge_prints.html", context)
    form = BadgePrintForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose the paper to print on."))
        start_badge_print(
            by=request.user,
            event=event,
            layout=form.cleaned_data["layout"],
            filters=form.filters(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The badges are being made; the PDF will be listed below."))
    return redirect(reverse("events:badges", args=[slug]) + "#badge-prints")


@login_required
def badge_print_pdf(request: HttpRequest, slug: str, print_id: int) -> HttpResponse:
    event = managed_event(request, slug, "events.manage_badges")
    job = get_object_or_404(event.badge_prints, pk=print_id, status=BadgePrint.Status.DONE)
    try:
        pdf = job.pdf.open("rb")
    except (FileNotFoundError, ValueError):  # removed from the disk, or never saved
        messages.error(request, _("This PDF is no longer on the server; make it again."))
        return redirect(reverse("events:badges", args=[slug]) + "#badge-prints")
    return FileResponse(
        pdf,
        as_attachment=True,
        filename=f"{event.slug}-badges.pdf",
        content_type="application/pdf",
    )


@login_required
def badge_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """One participant's badge as a PDF, made at once (after a reissue, say)."""
    event = managed_event(request, slug, "events.manage_badges")
    form = BadgePrintForm(request.GET)
    one = request.GET.get("participant", "")
    chosen = event.participants.filter(pk=int(one) if one.isdigit() else 0, badge__isnull=False)
    if not form.is_valid() or not chosen.exists():
        messages.error(request, _("Choose a participant with a badge, and the paper."))
        return redirect("events:badges", slug=slug)
    response = HttpResponse(
        badges_pdf(event, chosen, form.cleaned_data["layout"]), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-badge.pdf"'
    return response


@login_required
@require_POST
def badge_reissue(request: HttpRequest, slug: str, participant_id: int) -> HttpResponse:
    event = managed_event(request, slug, "events.manage_badges")
    participant = get_object_or_404(
        event.participants.select_related("person", "event"), pk=participant_id
    )
    reissue_badge(by=request.user, participant=participant)
    messages.success(
        request,
        _("%(name)s has a new badge code; the old badge no longer works. Print the new badge.")
        % {"name": participant.person.full_name},
    )
    query = urlencode({"q": participant.person.last_name})
    return redirect(reverse("events:badges", kwargs={"slug": slug}) + f"?{query}")


def desk_context(request: HttpRequest, event: Event, **extra) -> dict:
    query = request.GET.get("q", "").strip()[:200]
    found = None
    if query:
        found = Paginator(desk_search(event, query), DESK_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    return {
        "event": event,
        "desk": request.session.get(DESK_SESSION_KEY, ""),
        "desk_form": DeskForm(initial={"desk": request.session.get(DESK_SESSION_KEY, "")}),
        "code_form": BadgeCodeForm(),
        "query": query,
        "found": found,
        "query_string": urlencode({"q": query}) if query else "",
        "arrivals": arrivals(event),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def check_in_desk(request: HttpRequest, slug: str) -> HttpResponse:
    """Scan or type a badge code, or find a name; the answer says who it is and whether
    they are now checked in or were already."""
    event = managed_event(request, slug, "events.check_in")
    if request.method == "GET":
        return render(request, "events/check_in.html", desk_context(request, event))
    desk = request.session.get(DESK_SESSION_KEY, "")
    form = BadgeCodeForm(request.POST)
    participant = None
    arrival = None
    status = 200
    try:
        chosen = request.POST.get("participant", "")
        if chosen:
            shown = event.participants.select_related("person__organisation", "event")
            participant = shown.filter(pk=int(chosen) if chosen.isdigit() else 0).first()
            if participant is None:
                raise ValidationError(_("Nobody with this registration is at this event."))
            arrival = check_in(by=request.user, participant=participant, desk=desk)
        else:
            code = form.cleaned_data["code"] if form.is_valid() else ""
            if not form.is_valid():
                raise BadgeError(_("No badge has this code."), code="unknown")
            arrival = check_in_badge(by=request.user, event=event, code=code, desk=desk)
            participant = arrival.participant
    except AlreadyCheckedIn as refusal:
        participant = refusal.first.participant
        error = refusal.messages[0]
        status = 409
    except ValidationError as refusal:
        error = refusal.messages[0]
        # 422, not 400: in DEBUG, django-htmx's script replaces the whole page with any
        # 400 answer, which would take the desk away on every mistyped code.
        status = 422
    else:
        error = ""
    answer = {"result": participant, "arrival": arrival, "error": error}
    if request.htmx:
        # The answer alone, and the counts out of band: the page and its camera stay.
        answer.update(event=event, arrivals=arrivals(event), oob=True)
        return render(request, "events/_check_in_answer.html", answer, status=status)
    return render(
        request, "events/check_in.html", desk_context(request, event, **answer), status=status
    )


@login_required
@require_POST
def desk_name(request: HttpRequest, slug: str) -> HttpResponse:
    """Name this desk for the check-ins it records; kept in the session."""
    event = managed_event(request, slug, "events.check_in")
    form = DeskForm(request.POST)
    if form.is_valid():
        request.session[DESK_SESSION_KEY] = form.cleaned_data["desk"].strip()
    else:
        messages.error(request, " ".join(form.errors.get("desk", [])))
    return redirect("events:check-in", slug=event.slug)


@login_required
def arrival_counts(request: HttpRequest, slug: str) -> HttpResponse:
    """The arrival counts; the desk page polls the fragment, alone it is a page."""
    event = managed_event(request, slug, "events.check_in")
    template = "events/_arrivals.html" if request.htmx else "events/arrivals.html"
    return render(request, template, {"event": event, "arrivals": arrivals(event)})


@login_required
def my_badge(request: HttpRequest, slug: str) -> HttpResponse:
    """One's own badge code and QR, to show at the desk from a phone."""
    event = get_object_or_404(Event, slug=slug)
    me = (
        event.participants.select_related("person__organisation", "event")
        .filter(person__user=request.user)
        .first()
    )
    if me is None or not request.user.has_perm("events.view_badge", me):
        raise PermissionDenied
    badge = badge_for(me)
    context = {"event": event, "me": me, "badge": badge, "qr": qr_svg(badge.code)}
    return render(request, "events/my_badge.html", context)
