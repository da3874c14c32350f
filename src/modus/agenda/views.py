"""A participant's agenda: the page, its PDF, and the private iCalendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modus.agenda.selectors import calendar, personal_agenda, visible_entries
from modus.common.pdf import html_to_pdf
from modus.events.models import Participant
from modus.events.services import calendar_token, rotate_calendar_token
from modus.events.views import my_participation


def agenda_context(request: HttpRequest, slug: str) -> dict:
    event, me = my_participation(request, slug)
    feed = request.build_absolute_uri(reverse("calendar", args=[calendar_token(me)]))
    return {"event": event, "me": me, "agenda": personal_agenda(me), "feed_url": feed}


@login_required
def agenda_page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "agenda/agenda.html", agenda_context(request, slug))


@login_required
def agenda_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    context = agenda_context(request, slug)
    html = render_to_string("agenda/agenda_pdf.html", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slug}-agenda.pdf"'
    return response


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the unguessable token in the address is the only key; it opens
    nothing once the person's account is deactivated."""
    participant = get_object_or_404(
        Participant.objects.select_related("event", "person"),
        calendar_token=token,
        person__user__is_active=True,
    )
    # A calendar app fetches the feed from its own servers, in no language of the person's:
    # the feed is worded as their e-mails are.
    with translation.override(participant.person.preferred_language):
        feed = calendar(
            participant,
            visible_entries(participant),
            now=timezone.now(),
            absolute=request.build_absolute_uri,
        )
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{participant.event.slug}.ics"'
    return response


@login_required
@require_POST
def new_calendar_address(request: HttpRequest, slug: str) -> HttpResponse:
    me = my_participation(request, slug)[1]
    rotate_calendar_token(by=request.user, participant=me)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works. Subscribe again."),
    )
    return redirect("agenda:page", slug=slug)
