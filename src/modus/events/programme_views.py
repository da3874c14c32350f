"""Programme pages: the programme by day and track, a session's page with "I'll attend", and
the organisers' session form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from modus.events import programme
from modus.events import programme_documents as documents
from modus.events.models import ProgrammeSession
from modus.events.programme_forms import ProgrammeFilterForm, ProgrammeSessionForm
from modus.events.selectors import (
    event_days,
    participant_of,
    programme_of,
    tracks_of,
    with_visible_speakers,
)
from modus.events.views import managed_event, shown_event
from modus.matchmaking.views import my_participation, show_errors

PAGE_SIZE = 60


def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    me = participant_of(request.user, event)
    form = ProgrammeFilterForm(request.GET or None, days=event_days(event), tracks=tracks_of(event))
    sessions = with_visible_speakers(programme_of(event, me, form.filters()), request.user)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "me": me,
        "query_string": query.urlencode(),
        "can_manage": request.user.has_perm("events.manage_event", event),
    }
    return render(request, "events/programme.html", context)


def programme_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole programme on A4, every day."""
    event = shown_event(request, slug)
    sessions = list(with_visible_speakers(programme_of(event), request.user))
    response = HttpResponse(
        documents.programme_pdf(event, sessions, request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-programme.pdf"'
    return response


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The public programme as a calendar feed to subscribe to."""
    event = shown_event(request, slug)
    response = HttpResponse(
        documents.programme_calendar(event, list(programme_of(event))),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-programme.ics"'
    return response


def session_page(request: HttpRequest, slug: str, programme_session_id: int) -> HttpResponse:
    event = shown_event(request, slug)
    me = participant_of(request.user, event)
    session = get_object_or_404(
        with_visible_speakers(programme_of(event, me), request.user), pk=programme_session_id
    )
    context = {
        "event": event,
        "session": session,
        "me": me,
        "past": session.starts_at <= timezone.now(),
        "can_manage": request.user.has_perm("events.manage_event", event),
    }
    return render(request, "events/programme_session.html", context)


@login_required
@require_POST
def attend(request: HttpRequest, slug: str, programme_session_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    session = get_object_or_404(ProgrammeSession, event=event, pk=programme_session_id)
    try:
        place = programme.attend(session=session, participant=me, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        if place.is_booked:
            messages.success(request, _("The session is in your agenda."))
        else:
            messages.info(request, _("All seats are taken: you are on the waitlist."))
    return redirect("events:programme-session", slug=slug, programme_session_id=session.pk)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str, programme_session_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    session = get_object_or_404(ProgrammeSession, event=event, pk=programme_session_id)
    try:
        programme.leave(session=session, participant=me, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The session is no longer in your agenda."))
    return redirect("events:programme-session", slug=slug, programme_session_id=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, slug: str) -> HttpResponse:
    return session_form(request, slug, None)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, programme_session_id: int) -> HttpResponse:
    return session_form(request, slug, programme_session_id)


def session_form(request: HttpRequest, slug: str, session_id: int | None) -> HttpResponse:
    event = managed_event(request, slug)
    session = get_object_or_404(event.programme, pk=session_id) if session_id else None
    with timezone.override(event.time_zone):
        form = ProgrammeSessionForm(request.POST or None, instance=session, event=event)
        if request.method == "POST" and form.is_valid():
            speakers = form.cleaned_data["speakers"]
            try:
                if session is None:
                    session = programme.create_session(
                        event=event, by=request.user, speakers=speakers, **form.changes()
                    )
                else:
                    session = programme.update_session(
                        session=ProgrammeSession.objects.get(pk=session.pk),
                        by=request.user,
                        speakers=speakers,
                        **form.changes(),
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Session saved."))
                return redirect(
                    "events:programme-session", slug=slug, programme_session_id=session.pk
                )
        context = {"event": event, "form": form, "session": session}
        return render(request, "events/programme_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request: HttpRequest, slug: str, programme_session_id: int) -> HttpResponse:
    event = managed_event(request, slug)
    session = get_object_or_404(event.programme, pk=programme_session_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        told = programme.delete_session(session=session, by=request.user)
        told_text = ngettext(
            "Session deleted; %(count)s person was told.",
            "Session deleted; %(count)s people were told.",
            told,
        )
        messages.success(request, told_text % {"count": told})
        return redirect("events:programme", slug=slug)
    context = {"event": event, "session": session, "people": session.places.count()}
    return render(request, "events/programme_delete.html", context)
