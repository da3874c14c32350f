"""Stand pages: the floor plan and stand search for visitors, a stand's scanner and leads for
its staff, a visitor's "who scanned me", and the organiser's halls and placement."""

import zoneinfo
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from modus.common import uploads
from modus.common.pickers import suggestions_response, typed
from modus.common.spreadsheets import spreadsheet_response
from modus.directory import pickers as organisation_pickers
from modus.events.models import Event
from modus.events.pickers import participant_suggestions
from modus.events.selectors import participant_of
from modus.events.views import managed_event, shown_event
from modus.matchmaking.views import my_participation
from modus.stands import services
from modus.stands.forms import (
    HallForm,
    LeadForm,
    PlacementForm,
    ScanForm,
    StaffForm,
    StandAddForm,
    StandEditForm,
    StandSearchForm,
)
from modus.stands.models import Hall, Lead, Stand
from modus.stands.selectors import (
    halls_with_stands,
    in_number_order,
    lead_row,
    leads_of,
    scans_of,
    search_stands,
    staff_choices,
    staff_suggestion_pool,
    staffing_organisations,
    stand_of_user,
    stands_of_hall,
    unplaced_stands,
    visible_staff,
)

PAGE_SIZE = 25


def stand_of(event: Event, stand_id: int) -> Stand:
    return get_object_or_404(
        Stand.objects.select_related(
            "event", "exhibitor", "hall", "meeting_point__host__person__organisation"
        ),
        event=event,
        pk=stand_id,
    )


def staffed_stand(request: HttpRequest, slug: str, stand_id: int, permission: str) -> Stand:
    stand = get_object_or_404(Stand.objects.select_related("event"), event__slug=slug, pk=stand_id)
    if not request.user.has_perm(permission, stand):
        raise PermissionDenied
    return stand


def floor_plan(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    context = {
        "event": event,
        "halls": halls_with_stands(event),
        "unplaced": unplaced_stands(event),
        "form": StandSearchForm(),
        "my_stands": stand_of_user(request.user, event),
        "can_manage": request.user.has_perm("events.manage_event", event),
        # Only the event's participants wear its badges, so only they were scanned.
        "is_participant": participant_of(request.user, event) is not None,
    }
    return render(request, "stands/plan.html", context)


def stand_search(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    form = StandSearchForm(request.GET or None)
    stands = event.stands.none()
    if form.is_valid():
        stands = search_stands(
            event,
            user=request.user,
            text=form.cleaned_data["q"],
            ecosystem=form.cleaned_data["ecosystem"],
        )
    elif not request.GET:
        stands = search_stands(event, user=request.user)
    page = Paginator(stands, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"event": event, "form": form, "page": page, "query_string": query.urlencode()}
    return render(request, "stands/search.html", context)


def stand_page(request: HttpRequest, slug: str, stand_id: int) -> HttpResponse:
    event = shown_event(request, slug)
    stand = stand_of(event, stand_id)
    context = {
        "event": event,
        "stand": stand,
        "staff": visible_staff(request.user, stand),
        "exhibitor_shown": bool(stand.exhibitor)
        and request.user.has_perm("directory.view_organisation", stand.exhibitor),
        "may_scan": request.user.has_perm("stands.scan_badges", stand),
        "may_edit": request.user.has_perm("stands.change_stand", stand),
        "may_change_staff": request.user.has_perm("stands.change_staff", stand),
    }
    return render(request, "stands/stand.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stand_edit(request: HttpRequest, slug: str, stand_id: int) -> HttpResponse:
    stand = staffed_stand(request, slug, stand_id, "stands.change_stand")
    form = StandEditForm(request.POST if request.method == "POST" else None, instance=stand)
    if request.method == "POST" and form.is_valid():
        services.update_stand(by=request.user, stand=stand, **form.cleaned_data)
        messages.success(request, _("The stand's page is saved."))
        return redirect("stands:stand", slug=slug, stand_id=stand.pk)
    return render(
        request, "stands/stand_edit.html", {"event": stand.event, "stand": stand, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def stand_staff(request: HttpRequest, slug: str, stand_id: int) -> HttpResponse:
    stand = staffed_stand(request, slug, stand_id, "stands.change_staff")
    choices = staff_choices(request.user, stand)
    posted = request.POST if request.method == "POST" else None
    typed_choice = request.user.has_perm("events.manage_event", stand.event)
    form = StaffForm(posted, stand=stand, choices=choices, typed=typed_choice)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_staff(by=request.user, stand=stand, staff=form.cleaned_data["staff"])
        except ValidationError as error:
            form.add_error("staff", error)
        else:
            messages.success(request, _("The stand's staff are saved."))
            return redirect("stands:stand", slug=slug, stand_id=stand.pk)
    context = {
        "event": stand.event,
        "stand": stand,
        "form": form,
        "choices": typed_choice or choices.exists(),
    }
    return render(request, "stands/staff.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def scan(request: HttpRequest, slug: str, stand_id: int) -> HttpResponse:
    stand = staffed_stand(request, slug, stand_id, "stands.scan_badges")
    form = ScanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lead, created = services.scan_badge(
                by=request.user, stand=stand, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            name = lead.visitor.person.full_name
            if created:
                messages.success(request, _("New lead: %(name)s.") % {"name": name})
            else:
                messages.success(request, _("Scanned again: %(name)s.") % {"name": name})
            return redirect("stands:lead", slug=slug, stand_id=stand.pk, lead_id=lead.pk)
    context = {"event": stand.event, "stand": stand, "form": form}
    return render(request, "stands/scan.html", context)


@login_required
def lead_list(request: HttpRequest, slug: str, stand_id: int) -> HttpResponse:
    stand = staffed_stand(request, slug, stand_id, "stands.view_leads")
    page = Paginator(leads_of(stand), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": stand.event,
        "stand": stand,
        "page": page,
        "rows": [lead_row(lead) for lead in page],
        "query_string": "",
    }
    return render(request, "stands/leads.html", context)


CSV_COLUMNS = (
    "name",
    "organisation",
    "job_title",
    "email",
    "phone",
    "country",
    "first_scanned",
    "last_scanned",
    "scans",
    "interest",
    "follow_up",
    "notes",
)


@login_required
def lead_export(request: HttpRequest, slug: str, stand_id: int, kind: str = "csv") -> HttpResponse:
    """The stand's leads as CSV or XLSX; a visitor who withheld their contact is a name and
    an organisation only."""
    stand = staffed_stand(request, slug, stand_id, "stands.view_leads")
    stem = f"{stand.event.slug}-stand-{stand.pk}-leads"
    return spreadsheet_response(kind, stem, lead_rows(stand))


def lead_rows(stand: Stand) -> Iterator[list]:
    zone = zoneinfo.ZoneInfo(stand.event.time_zone)
    yield list(CSV_COLUMNS)
    for lead in leads_of(stand).iterator(chunk_size=500):
        row = lead_row(lead)
        yield [
            row.name,
            row.organisation,
            row.job_title,
            row.email,
            row.phone,
            row.country,
            lead.first_scanned_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            lead.last_scanned_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            lead.scans,
            lead.rating or "",
            lead.follow_up,
            lead.notes,
        ]


@login_required
@require_http_methods(["GET", "POST"])
def lead_page(request: HttpRequest, slug: str, stand_id: int, lead_id: int) -> HttpResponse:
    stand = staffed_stand(request, slug, stand_id, "stands.view_leads")
    lead = get_object_or_404(leads_of(stand), pk=lead_id)
    form = LeadForm(request.POST if request.method == "POST" else None, instance=lead)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_lead(by=request.user, lead=lead, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The lead is saved."))
            return redirect("stands:scan", slug=slug, stand_id=stand.pk)
    context = {"event": stand.event, "stand": stand, "row": lead_row(lead), "form": form}
    return render(request, "stands/lead.html", context)


@login_required
def scanned_me(request: HttpRequest, slug: str) -> HttpResponse:
    event, me = my_participation(request, slug)
    page = Paginator(scans_of(me), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"event": event, "page": page, "query_string": ""}
    return render(request, "stands/scanned_me.html", context)


@login_required
@require_POST
def withhold(request: HttpRequest, slug: str, lead_id: int) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    lead = get_object_or_404(
        Lead.objects.select_related("visitor__person", "stand"), stand__event=event, pk=lead_id
    )
    if not request.user.has_perm("stands.withhold_contact", lead):
        raise PermissionDenied
    withheld = request.POST.get("withheld") == "1"
    services.withhold_contact(by=request.user, lead=lead, withheld=withheld)
    if withheld:
        message = _("%(stand)s now sees only your name and organisation.")
    else:
        message = _("%(stand)s may see your contact details again.")
    messages.success(request, message % {"stand": lead.stand})
    return redirect("stands:scanned-me", slug=slug)


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    return render_manage(request, event, HallForm(), StandAddForm(event=event))


def render_manage(request, event: Event, hall_form, stand_form, status: int = 200):
    stands = in_number_order(event.stands.select_related("hall", "exhibitor", "meeting_point"))
    page = Paginator(stands, 50).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "halls": event.halls.all(),
        "page": page,
        "query_string": "",
        "hall_form": hall_form,
        "stand_form": stand_form,
    }
    return render(request, "stands/manage.html", context, status=status)


def posted_hall(request: HttpRequest, event: Event, hall: Hall | None = None):
    """The hall form as posted, and the hall it saved (None when the form has errors)."""
    form = HallForm(request.POST, request.FILES)
    refused = uploads.refusal(request)
    if refused:
        form.is_valid()
        form.add_error("image", refused)
        return form, None
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        saved = services.save_hall(
            by=request.user,
            event=event,
            hall=hall,
            name=data["name"],
            width=data["width"],
            height=data["height"],
            image=data["image"] or None,
            clear_image=data["clear_image"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return form, None
    return form, saved


@login_required
@require_POST
def add_hall(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form, hall = posted_hall(request, event)
    if hall is None:
        return render_manage(request, event, form, StandAddForm(event=event))
    messages.success(request, _("Hall %(name)s is added.") % {"name": hall.name})
    return redirect("stands:hall", slug=slug, hall_id=hall.pk)


@login_required
@require_POST
def add_stand(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = StandAddForm(request.POST, event=event)
    if form.is_valid():
        data = form.cleaned_data
        try:
            stand = services.add_stand(
                by=request.user, event=event, **data, meeting_point=meeting_point_for(event, data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Stand %(stand)s is added.") % {"stand": stand})
            return redirect("stands:manage", slug=slug)
    return render_manage(request, event, HallForm(), form)


@login_required
def exhibitor_suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """What the add-stand form's exhibitor box suggests for the text typed so far."""
    event = managed_event(request, slug)
    return suggestions_response(
        request, organisation_pickers.suggestions(staffing_organisations(event), typed(request))
    )


@login_required
def staffing_suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """What the staff box of the add-stand form, or of a stand's staff page (`?stand=`: its
    exhibitor's own people too), suggests for the text typed so far."""
    event = managed_event(request, slug)
    stand = None
    if "stand" in request.GET:
        asked = request.GET["stand"]
        stand = stand_of(event, int(asked) if asked.isdigit() and len(asked) < 19 else 0)
    candidates = staff_suggestion_pool(request.user, event, stand)
    return suggestions_response(request, participant_suggestions(candidates, typed(request)))


def meeting_point_for(event: Event, data: dict):
    """The stand keeps the B2B meeting point of the first of its staff who hosts one."""
    staff = [p.pk for p in data["staff"]]
    return event.tables.filter(host__in=staff, floor_stand=None).order_by("pk").first()


@login_required
@require_http_methods(["GET", "POST"])
def hall_page(request: HttpRequest, slug: str, hall_id: int) -> HttpResponse:
    """The drag-and-drop placement of a hall's stands, with the same positions as numbers."""
    event = managed_event(request, slug)
    hall = get_object_or_404(Hall, event=event, pk=hall_id)
    stands = stands_of_hall(hall)
    form = PlacementForm(
        request.POST if request.method == "POST" else None, hall=hall, stands=stands
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.place_stands(by=request.user, hall=hall, positions=form.positions())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            saved = ngettext(
                "Positions saved; %(count)s stand moved.",
                "Positions saved; %(count)s stands moved.",
                moved,
            )
            messages.success(request, saved % {"count": moved})
            return redirect("stands:hall", slug=slug, hall_id=hall.pk)
    hall_form = HallForm(initial={"name": hall.name, "width": hall.width, "height": hall.height})
    context = {"event": event, "hall": hall, "form": form, "hall_form": hall_form}
    return render(request, "stands/hall.html", context)


@login_required
@require_POST
def hall_edit(request: HttpRequest, slug: str, hall_id: int) -> HttpResponse:
    event = managed_event(request, slug)
    hall = get_object_or_404(Hall, event=event, pk=hall_id)
    form, saved = posted_hall(request, event, hall)
    if saved is not None:
        messages.success(request, _("The hall is saved."))
        return redirect("stands:hall", slug=slug, hall_id=hall.pk)
    hall.refresh_from_db()
    stands = stands_of_hall(hall)
    context = {
        "event": event,
        "hall": hall,
        "form": PlacementForm(hall=hall, stands=stands),
        "hall_form": form,
    }
    return render(request, "stands/hall.html", context)
