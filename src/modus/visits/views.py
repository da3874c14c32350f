"""Site visit pages: the tour list and page, booking and cancelling, and for the organisers
and the host cluster's manager the list of people, its CSV, the bus check and a message."""

import zoneinfo
from collections.abc import Iterator

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_http_methods, require_POST

from modus.common.permissions import person_of
from modus.common.spreadsheets import spreadsheet_response
from modus.events.selectors import participant_of
from modus.events.views import managed_event, shown_event
from modus.matchmaking.views import my_participation, show_errors
from modus.visits import services
from modus.visits.forms import MessageForm, SiteVisitForm
from modus.visits.models import SiteVisit, TourBooking
from modus.visits.selectors import people_of, visits_of, waitlist_position
from modus.visits.video import PLAYER_ORIGINS, player_for

PAGE_SIZE = 20
PEOPLE_PAGE_SIZE = 100


def managed_visit(request: HttpRequest, slug: str, visit_id: int) -> SiteVisit:
    visit = get_object_or_404(
        SiteVisit.objects.select_related("event", "host"), event__slug=slug, pk=visit_id
    )
    if not request.user.has_perm("visits.manage_visit", visit):
        raise PermissionDenied
    return visit


def visit_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    me = participant_of(request.user, event)
    page = Paginator(visits_of(event, me), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "page": page,
        "can_manage": request.user.has_perm("events.manage_event", event),
    }
    return render(request, "visits/list.html", context)


@csp_update({"frame-src": PLAYER_ORIGINS})
def visit_detail(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    event = shown_event(request, slug)
    me = participant_of(request.user, event)
    visit = get_object_or_404(visits_of(event, me), pk=visit_id)
    context = {
        "event": event,
        "visit": visit,
        "me": me,
        "player": player_for(visit.video_url) if visit.video_url else None,
        "position": waitlist_position(visit, me) if me else None,
        "may_book": me is not None and visit.may_book(me),
        "past": visit.starts_at <= timezone.now(),
        "can_manage": request.user.has_perm("visits.manage_visit", visit),
    }
    return render(request, "visits/detail.html", context)


@login_required
@require_POST
def book(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    visit = get_object_or_404(SiteVisit, event=event, pk=visit_id)
    try:
        place = services.book(visit=visit, participant=me, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        if place.is_booked:
            messages.success(request, _("You have a place on this tour."))
        else:
            messages.info(request, _("The tour is full: you are on the waitlist."))
    return redirect("visits:detail", slug=slug, visit_id=visit.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    visit = get_object_or_404(SiteVisit, event=event, pk=visit_id)
    try:
        services.cancel(visit=visit, participant=me, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("You no longer have a place on this tour."))
    return redirect("visits:detail", slug=slug, visit_id=visit.pk)


@login_required
def people(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    visit = managed_visit(request, slug, visit_id)
    rows = people_of(visit, request.user)
    page = Paginator(rows, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": visit.event,
        "visit": visit,
        "page": page,
        "booked": visit.places.filter(status=TourBooking.Status.BOOKED).count(),
        "message_form": MessageForm(),
    }
    return render(request, "visits/people.html", context)


@login_required
def people_export(
    request: HttpRequest, slug: str, visit_id: int, kind: str = "csv"
) -> HttpResponse:
    """Who comes, as CSV or as XLSX, which a Czech Excel opens in columns (it reads a
    comma-separated file as one column)."""
    visit = managed_visit(request, slug, visit_id)
    return spreadsheet_response(kind, f"tour-{visit.pk}", people_rows(visit, request.user))


def people_rows(visit: SiteVisit, user) -> Iterator[list]:
    zone = zoneinfo.ZoneInfo(visit.event.time_zone)
    yield [
        _("Status"),
        _("Name"),
        _("Organisation"),
        _("Phone"),
        pgettext("column: time of arrival", "Showed up"),
        _("Booked at"),
    ]
    for place in people_of(visit, user).iterator():
        person = place.participant.person
        yield [
            place.get_status_display(),
            person.full_name,
            person.organisation.name if person.organisation else "",
            person.phone if place.contact_visible else "",
            timezone.localtime(place.showed_up_at, zone).strftime("%H:%M")
            if place.showed_up_at
            else "",
            timezone.localtime(place.created_at, zone).strftime("%Y-%m-%d %H:%M"),
        ]


@login_required
@require_POST
def showed_up(request: HttpRequest, slug: str, visit_id: int, booking_id: int) -> HttpResponse:
    visit = managed_visit(request, slug, visit_id)
    place = get_object_or_404(TourBooking, bookable=visit, pk=booking_id)
    try:
        services.mark_showed_up(
            place=place, showed_up=request.POST.get("showed_up") == "1", by=request.user
        )
    except ValidationError as error:
        show_errors(request, error)
    people_url = reverse("visits:people", args=[visit.event.slug, visit.pk])
    return redirect(f"{people_url}#booking-{place.pk}")


@login_required
@require_POST
def message(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    visit = managed_visit(request, slug, visit_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("visits:people", slug=slug, visit_id=visit.pk)
    person = person_of(request.user)
    sender = person.full_name if person else visit.host.name
    try:
        count = services.message_booked(
            visit=visit, message=form.cleaned_data["message"], sender=sender, by=request.user
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        sent = ngettext(
            "Message sent to %(count)s person.", "Message sent to %(count)s people.", count
        )
        messages.success(request, sent % {"count": count})
    return redirect("visits:people", slug=slug, visit_id=visit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    with timezone.override(event.time_zone):
        form = SiteVisitForm(request.POST or None, event=event, viewer=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                visit = services.create_visit(event=event, by=request.user, **form.changes())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Tour added."))
                return redirect("visits:detail", slug=slug, visit_id=visit.pk)
        return render(request, "visits/form.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    visit = managed_visit(request, slug, visit_id)
    event = visit.event
    with timezone.override(event.time_zone):
        form = SiteVisitForm(request.POST or None, instance=visit, event=event, viewer=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                services.update_visit(
                    visit=SiteVisit.objects.get(pk=visit.pk), by=request.user, **form.changes()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Tour saved; everyone booked was told."))
                return redirect("visits:detail", slug=slug, visit_id=visit.pk)
        context = {"event": event, "form": form, "visit": visit}
        return render(request, "visits/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_delete(request: HttpRequest, slug: str, visit_id: int) -> HttpResponse:
    """Asks first, naming how many people are booked; they are told when it is deleted."""
    visit = managed_visit(request, slug, visit_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            told = services.delete_visit(visit=visit, by=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            told_text = ngettext(
                "Tour deleted; %(count)s person was told.",
                "Tour deleted; %(count)s people were told.",
                told,
            )
            messages.success(request, told_text % {"count": told})
        return redirect("visits:list", slug=slug)
    context = {"event": visit.event, "visit": visit, "people": visit.places.count()}
    return render(request, "visits/delete.html", context)
