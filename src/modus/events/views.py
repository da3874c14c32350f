"""Event pages: the public event page and the organiser's participant list, import and export."""

from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from modus.awards.selectors import awards_of
from modus.common import uploads
from modus.common.spreadsheets import spreadsheet_response
from modus.events.forms import ConfirmImportForm, ImportForm, ParticipantFilterForm
from modus.events.models import Event, Participant, RegistrationImport
from modus.events.registration_import import (
    COLUMNS,
    confirm_import,
    current_step,
    result_sentences,
    start_import,
)
from modus.events.registration_notices import WithdrawLinkError, participant_of_token
from modus.events.selectors import (
    counts_by_country,
    counts_by_role,
    linkable_participants,
    participant_of,
    participants,
    public_events,
)
from modus.events.services import withdraw_registration

PAGE_SIZE = 50
WITHDRAWALS_SHOWN = 50  # the latest withdrawals on the participant list; all are counted
IMPORT_LIST_FIELDS = ("pk", "event", "file_name", "status", "row_count", "created_at")
PREVIEW_ROWS = 500  # role changes listed in a preview; all are counted
PREVIEW_ORGANISATIONS = 50  # new organisations named in a preview; all are counted


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "events/home.html", {"events": public_events()})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("host"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    can_manage = request.user.has_perm("events.manage_event", event)
    context = {
        "event": event,
        "can_manage": can_manage,
        "host_page": request.user.has_perm("directory.view_organisation", event.host),
        "is_participant": request.user.is_authenticated
        and event.participants.filter(person__user=request.user).exists(),
        "participant_count": event.participants.count(),
        "country_count": event.participants.values("person__country").distinct().count(),
        # The vote page shows every category to whoever sees the event: one query to ask.
        "has_awards": awards_of(event).exists(),
    }
    return render(request, "events/event.html", context)


def shown_event(request: HttpRequest, slug: str) -> Event:
    """An event whose public pages (programme, tours, stands, awards) this visitor may see;
    404 otherwise, as if there were no such event."""
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def managed_event(
    request: HttpRequest, slug: str, permission: str = "events.manage_event"
) -> Event:
    """The event of the address, if the user may `permission` it; 403 otherwise."""
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm(permission, event):
        raise PermissionDenied
    return event


def my_participation(request: HttpRequest, slug: str) -> tuple[Event, Participant]:
    event = get_object_or_404(Event, slug=slug)
    me = participant_of(request.user, event)
    if me is None:
        raise PermissionDenied(_("You are not registered at this event."))
    return event, me


def paginated(request: HttpRequest, rows, size: int = PAGE_SIZE) -> tuple:
    """The requested page of `rows`, and the query string of the other pages' links."""
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
def participant_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = ParticipantFilterForm(request.GET or None)
    rows = participants(event, form.filters())
    page, query_string = paginated(request, rows)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "query_string": query_string,
        "by_country": counts_by_country(rows),
        "by_role": counts_by_role(rows),
        "filtered": bool(request.GET.get("country") or request.GET.get("role")),
        "linked": linkable_participants(request.user, event, page),
        "withdrawals": event.withdrawals.all()[:WITHDRAWALS_SHOWN],
        "withdrawal_count": event.withdrawals.count(),
    }
    return render(request, "events/participants.html", context)


@login_required
def participant_export(request: HttpRequest, slug: str, kind: str = "csv") -> HttpResponse:
    """The filtered participants in the import's columns, as CSV or XLSX."""
    event = managed_event(request, slug)
    form = ParticipantFilterForm(request.GET or None)
    rows = participant_rows(participants(event, form.filters()))
    return spreadsheet_response(kind, f"{event.slug}-participants", rows)


def participant_rows(found) -> Iterator[list]:
    yield list(COLUMNS)
    for participant in found.iterator(chunk_size=500):
        person = participant.person
        yield [
            person.user.email,
            person.first_name,
            person.last_name,
            person.organisation.name if person.organisation else "",
            person.country.code or "",
            participant.role,
            person.job_title,
            person.phone,
            person.languages,
            person.language,
        ]


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        upload_refused=uploads.refusal(request) if posted else "",
    )
    if posted and form.is_valid():
        registration_import = start_import(
            by=request.user, event=event, uploaded=form.cleaned_data["file"]
        )
        return redirect("events:import-detail", slug=event.slug, pk=registration_import.pk)
    context = {
        "event": event,
        "form": form,
        "imports": event.imports.only(*IMPORT_LIST_FIELDS)[:10],
    }
    status = 413 if form.upload_refused else 200
    return render(request, "events/import.html", context, status=status)


def managed_import(request: HttpRequest, slug: str, pk: int) -> RegistrationImport:
    event = managed_event(request, slug)
    imports = RegistrationImport.objects.select_related("event").defer("rows", "content")
    return get_object_or_404(imports, event=event, pk=pk)


@login_required
def import_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The preview, the progress, the problems or the result of one import; htmx polls it."""
    registration_import = managed_import(request, slug, pk)
    new_organisations = registration_import.plan.get("organisations_created", [])
    context = {
        "event": registration_import.event,
        "registration_import": registration_import,
        "confirm_form": ConfirmImportForm(initial={"digest": registration_import.digest}),
        "step": current_step(registration_import),
        "registered_by_role": [
            (role_label(role), total)
            for role, total in registration_import.plan.get("registered_by_role", {}).items()
        ],
        "role_changes": [
            {**change, "from": role_label(change["from"]), "to": role_label(change["to"])}
            for change in registration_import.plan.get("role_changes", [])[:PREVIEW_ROWS]
        ],
        "new_organisations": new_organisations[:PREVIEW_ORGANISATIONS],
        "more_organisations": max(len(new_organisations) - PREVIEW_ORGANISATIONS, 0),
        "result": result_sentences(registration_import.result)
        if registration_import.status == RegistrationImport.Status.DONE
        else [],
    }
    template = "events/_import_status.html" if request.htmx else "events/import_detail.html"
    return render(request, template, context)


def role_label(role: str) -> str:
    return Participant.Role(role).label if role in Participant.Role.values else role


@login_required
@require_POST
def import_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    registration_import = managed_import(request, slug, pk)
    form = ConfirmImportForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        confirm_import(
            by=request.user,
            registration_import=registration_import,
            digest=form.cleaned_data["digest"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:import-detail", slug=slug, pk=registration_import.pk)


@require_http_methods(["GET", "POST"])
def registration_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail telling an imported person of their registration. GET only
    shows a button, so mail scanners that open links withdraw nothing; the signed link is
    the only key, as it was mailed to the person."""
    try:
        participant = participant_of_token(token)
    except WithdrawLinkError as error:
        context = {"reason": error.reason}
        return render(request, "events/withdraw.html", context, status=400)
    context = {"participant": participant, "event": participant.event}
    if request.method == "GET":
        return render(request, "events/withdraw.html", context)
    try:
        withdraw_registration(by=participant.person.user, participant=participant)
    except ValidationError as error:
        context["reason"] = " ".join(error.messages)
        return render(request, "events/withdraw.html", context, status=422)
    return render(request, "events/withdraw.html", {**context, "withdrawn": True})
