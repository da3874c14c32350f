"""Event pages: the public event page and the organiser's participant list, import and export."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from modus.events.forms import ImportForm, ParticipantFilterForm
from modus.events.models import Event
from modus.events.registration_import import COLUMNS, ImportRejected, import_registrations
from modus.events.selectors import counts_by_country, counts_by_role, participants, public_events
from modus.matchmaking.services import recommendations

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "events/home.html", {"events": public_events()})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("host"), slug=slug)
    can_manage = request.user.has_perm("events.manage_event", event)
    if not event.is_public and not can_manage:
        raise Http404
    context = {
        "event": event,
        "can_manage": can_manage,
        "is_participant": request.user.is_authenticated
        and event.participants.filter(person__user=request.user).exists(),
        "participant_count": event.participants.count(),
        "country_count": event.participants.values("person__country").distinct().count(),
    }
    return render(request, "events/event.html", context)


def managed_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


@login_required
def participant_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = ParticipantFilterForm(request.GET or None)
    rows = participants(event, form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "by_country": counts_by_country(rows),
        "by_role": counts_by_role(rows),
        "filtered": bool(request.GET.get("country") or request.GET.get("role")),
    }
    return render(request, "events/participants.html", context)


@login_required
def participant_export(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = ParticipantFilterForm(request.GET or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for participant in participants(event, form.filters()).iterator(chunk_size=500):
        person = participant.person
        writer.writerow(
            [
                person.user.email,
                person.first_name,
                person.last_name,
                person.organisation.name if person.organisation else "",
                person.country.code or "",
                participant.role,
                person.job_title,
                person.phone,
                person.languages,
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_registrations(
                by=request.user, event=event, uploaded=form.cleaned_data["file"]
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            recommendations.schedule(event)
            messages.success(
                request,
                _(
                    "Imported: %(registered)d registered, %(created)d new people, "
                    "%(changed)d roles changed, %(unchanged)d already registered."
                )
                % {
                    "registered": result.registered,
                    "created": result.people_created,
                    "changed": result.roles_changed,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("events:participants", slug=event.slug)
    status = 400 if errors else 200
    return render(
        request,
        "events/import.html",
        {"event": event, "form": form, "errors": errors},
        status=status,
    )
