"""Matchmaking pages: a participant's page with the request form, the inbox, the marketplace,
notifications, and the organiser's matchmaking page."""

import zoneinfo
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modus.common.permissions import hidden_from_participants
from modus.directory.search import falls_back
from modus.events.models import Event, Participant
from modus.events.selectors import participant_of
from modus.events.views import managed_event, my_participation
from modus.matchmaking.forms import (
    AcceptForm,
    AvailabilityForm,
    CancelForm,
    DeclineForm,
    MarketplaceFilterForm,
    RecommendationFilterForm,
    RequestForm,
    RequestRulesForm,
    ScheduleForm,
    SettingsForm,
)
from modus.matchmaking.models import (
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Notification,
    RequestBlock,
)
from modus.matchmaking.notices import ago, describe
from modus.matchmaking.reasons import describe_rows
from modus.matchmaking.selectors import (
    free_slots,
    free_slots_with,
    inbox,
    mark_unlisted,
    marketplace,
    organiser_figures,
    visible_participants,
)
from modus.matchmaking.services import notifications, recommendations, requests
from modus.matchmaking.services.scheduling import recent_runs
from modus.matchmaking.services.setup import set_request_rules, settings_for, update_settings
from modus.matchmaking.tasks import process_due_requests_soon


def zone(event: Event) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(event.time_zone)


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def attempt(request: HttpRequest, action: Callable[[], object], success: str) -> None:
    """Run a service; say what went wrong, or that it worked."""
    try:
        action()
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)


def valid_reason(form) -> str:
    if not form.is_valid():
        raise ValidationError(form.errors["reason"])
    return form.cleaned_data["reason"]


@login_required
def participant_page(request: HttpRequest, slug: str, participant_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    # A profile the viewer may not see answers 404, as if there were no such person.
    other = get_object_or_404(
        visible_participants(request.user, event).select_related(
            "person__organisation", "person__user"
        ),
        pk=participant_id,
    )
    settings = settings_for(event)
    picks_slot = (
        settings.request_mode == MatchmakingSettings.RequestMode.AUTOMATIC
        and settings.scheduling_mode == MatchmakingSettings.SchedulingMode.PARTICIPANTS
    )
    slots = free_slots(me, other) if picks_slot else None
    form = RequestForm(request.POST or None, event=event, free_slots=slots, zone=zone(event))
    if request.method == "POST" and other.pk != me.pk and form.is_valid():
        try:
            requests.send_request(
                by=me,
                recipient=other,
                message=form.cleaned_data["message"],
                sessions=list(form.cleaned_data["sessions"]),
                slot=form.cleaned_data.get("slot"),
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request, _("Your request was sent to %(name)s.") % {"name": other.person}
            )
            return redirect("matchmaking:inbox", slug=slug)
    their_request = requests.open_requests_sent(other).filter(recipient=me).first()
    context = {
        "event": event,
        "me": me,
        "other": other,
        "form": form,
        "their_request": their_request,
        # A hidden organisation is named beside its visible member, but has no page to link.
        "organisation_page": request.user.has_perm(
            "directory.view_organisation", other.person.organisation
        ),
        "my_request": requests.open_requests_sent(me).filter(recipient=other).first(),
        "closed": RequestBlock.objects.filter(by=other, blocked=me).exists(),
        "meeting": Meeting.objects.filter(status="confirmed", seats__participant=me)
        .filter(seats__participant=other)
        .first(),
    }
    return render(request, "matchmaking/participant.html", context)


@login_required
def recommendations_page(request: HttpRequest, slug: str) -> HttpResponse:
    event, me = my_participation(request, slug)
    stored = list(recommendations.stored_for(me))
    form = RecommendationFilterForm(
        request.GET or None, in_list={recommendations.country_of(row) for row in stored}
    )
    # The whole stored list (STORED_PER_PERSON): what the country filter offers is in it.
    rows = recommendations.matching(stored, **form.values())
    describe_rows(rows, me)
    own = recommendations.own_opportunities(me)
    context = {
        "event": event,
        "me": me,
        "form": form,
        "rows": rows,
        "unanswered": [opportunity for opportunity in own if opportunity.unanswered],
        "has_opportunities": bool(own),
        "hidden": hidden_from_participants(me.person),
        "updating": recommendations.updating(event),
    }
    return render(request, "matchmaking/recommendations.html", context)


@login_required
@require_POST
def dismiss(request: HttpRequest, slug: str, participant_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    other = get_object_or_404(
        visible_participants(request.user, event).select_related("person"), pk=participant_id
    )
    recommendations.dismiss(by=me, other=other)
    messages.success(request, _("%(name)s will not be suggested again.") % {"name": other.person})
    return redirect("matchmaking:recommendations", slug=slug)


@login_required
def inbox_page(request: HttpRequest, slug: str) -> HttpResponse:
    event, me = my_participation(request, slug)
    process_due_requests_soon()
    box = inbox(me)
    settings = settings_for(event)
    participants_choose = (
        settings.scheduling_mode == MatchmakingSettings.SchedulingMode.PARTICIPANTS
    )
    incoming = Paginator(box.incoming, 20).get_page(request.GET.get("page"))
    if participants_choose:
        choices = free_slots_with(
            me, [(item.requester, list(item.sessions.all())) for item in incoming]
        )
        for item, slots in zip(incoming, choices, strict=True):
            item.free_slots = slots
    for meeting in box.meetings:
        meeting.others = [
            seat.participant for seat in meeting.seats.all() if seat.participant_id != me.pk
        ]
    for item in box.answered:
        item.other = item.recipient if item.requester_id == me.pk else item.requester
    mark_unlisted(
        request.user,
        event,
        [item.requester for item in incoming]
        + [item.recipient for item in box.outgoing]
        + [other for meeting in box.meetings for other in meeting.others]
        + [item.other for item in box.answered]
        + [block.blocked for block in box.closed],
    )
    context = {
        "event": event,
        "me": me,
        "box": box,
        "incoming": incoming,
        "page": incoming,
        "query_string": "",
        "participants_choose": participants_choose,
        "availability_form": AvailabilityForm(participant=me),
    }
    return render(request, "matchmaking/inbox.html", context)


def my_request(
    request: HttpRequest, slug: str, request_id: int, side: str
) -> tuple[Participant, MeetingRequest]:
    """The request, when I am on that `side` of it (recipient or requester); refused before
    any form is read, so a stranger learns nothing and changes nothing."""
    event, me = my_participation(request, slug)
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("event", "requester__person", "recipient__person"),
        pk=request_id,
        event=event,
    )
    if getattr(meeting_request, f"{side}_id") != me.pk:
        raise PermissionDenied
    return me, meeting_request


@login_required
@require_POST
def accept(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    me, meeting_request = my_request(request, slug, request_id, "recipient")
    if meeting_request.status != MeetingRequest.Status.PENDING:
        # Answered already (a second tap, another tab): its slot is no longer free, and
        # "pick a free slot" would not say why.
        messages.error(request, _("This request is no longer open."))
        return redirect("matchmaking:inbox", slug=slug)
    settings = settings_for(meeting_request.event)
    participants_choose = (
        settings.scheduling_mode == MatchmakingSettings.SchedulingMode.PARTICIPANTS
    )
    slots = (
        free_slots(me, meeting_request.requester, list(meeting_request.sessions.all()))
        if participants_choose
        else None
    )
    form = AcceptForm(
        request.POST, free_slots=slots, zone=zone(meeting_request.event), prefix=f"r{request_id}"
    )
    if not form.is_valid():
        messages.error(request, _("Pick one of the free slots."))
        return redirect("matchmaking:inbox", slug=slug)
    attempt(
        request,
        lambda: requests.accept_request(
            request=meeting_request, by=me, slot=form.cleaned_data.get("slot")
        ),
        _("Meeting with %(name)s confirmed.") % {"name": meeting_request.requester.person},
    )
    return redirect("matchmaking:inbox", slug=slug)


@login_required
@require_POST
def decline(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    me, meeting_request = my_request(request, slug, request_id, "recipient")
    form = DeclineForm(request.POST)
    attempt(
        request,
        lambda: requests.decline_request(request=meeting_request, by=me, reason=valid_reason(form)),
        _("Request declined."),
    )
    return redirect("matchmaking:inbox", slug=slug)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    me, meeting_request = my_request(request, slug, request_id, "requester")
    attempt(
        request,
        lambda: requests.withdraw_request(request=meeting_request, by=me),
        _("Request withdrawn."),
    )
    return redirect("matchmaking:inbox", slug=slug)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    event, me = my_participation(request, slug)
    meeting = get_object_or_404(Meeting, pk=meeting_id, event=event)
    form = CancelForm(request.POST)
    attempt(
        request,
        lambda: requests.cancel_meeting(meeting=meeting, by=me, reason=valid_reason(form)),
        _("Meeting cancelled."),
    )
    return redirect("matchmaking:inbox", slug=slug)


@login_required
def marketplace_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Signed out, the sign-in page (then back here); signed in, participants and the event's
    organisers. Participants get a link to each owner and a "request a meeting" button."""
    event = get_object_or_404(Event, slug=slug)
    me = participant_of(request.user, event)
    if me is None and not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied(_("The marketplace is for participants of the event."))
    form = MarketplaceFilterForm(request.GET or None)
    values = form.values()
    found = marketplace(event, viewer=request.user, **values)
    if form.refused:
        found = found.none()
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    partly = falls_back(values["query"], page.paginator.count)
    if partly:
        found = marketplace(event, viewer=request.user, partly=True, **values)
        page = Paginator(found, 30).get_page(request.GET.get("page"))
        partly = page.paginator.count > 0
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "event": event,
        "me": me,
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "hidden": me is not None and hidden_from_participants(me.person),
        "partly": partly,
        "filtered": any(request.GET.get(name) for name in form.fields if name != "q"),
    }
    return render(request, "matchmaking/marketplace.html", context)


@login_required
def notifications_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Reading changes nothing: the new ones stay new until marked read (a POST)."""
    event, me = my_participation(request, slug)
    page = Paginator(Notification.objects.filter(recipient=me), 50).get_page(
        request.GET.get("page")
    )
    standing = notifications.standing_answers(request.user, page)
    for item in page:
        if notifications.gone(item, standing):
            # Its author or offer is no longer there for this reader: named no more, no link.
            item.kind, item.url = "opportunity-answer-gone", ""
        item.text = describe(item.kind, item.data)
        item.age = ago(item.created_at)
    unread = Notification.objects.filter(recipient=me, read_at__isnull=True).count()
    context = {"event": event, "page": page, "unread": unread, "query_string": ""}
    return render(request, "matchmaking/notifications.html", context)


@login_required
@require_POST
def mark_notifications_read(request: HttpRequest, slug: str) -> HttpResponse:
    """Mark all of my notifications read, or the one named by `notification`."""
    _event, me = my_participation(request, slug)
    chosen = Notification.objects.filter(recipient=me)
    if request.POST.get("notification", "").isdigit():
        chosen = chosen.filter(pk=int(request.POST["notification"]))
    notifications.mark_read(by=me, notifications=chosen)
    return redirect("matchmaking:notifications", slug=slug)


@login_required
@require_POST
def allow_requests(request: HttpRequest, slug: str, participant_id: int) -> HttpResponse:
    """Let someone whose request I declined (or whose meeting I cancelled) ask me again."""
    _event, me = my_participation(request, slug)
    block = get_object_or_404(
        RequestBlock.objects.select_related("blocked__person"),
        by=me,
        blocked_id=participant_id,
    )
    requests.allow_requests(by=me, other=block.blocked)
    messages.success(
        request,
        _("%(name)s may ask you for a meeting again.") % {"name": block.blocked.person},
    )
    return redirect("matchmaking:inbox", slug=slug)


@login_required
def organiser_runs(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    return render(request, "matchmaking/_runs.html", {"event": event, "runs": recent_runs(event)})


@login_required
@require_POST
def organiser_rules(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = RequestRulesForm(request.POST)
    if form.is_valid():
        set_request_rules(by=request.user, event=event, pairs=form.chosen_pairs())
        messages.success(request, _("Request rules saved."))
    else:
        messages.error(request, _("Pick pairs from the list."))
    return redirect("matchmaking:organiser", slug=slug)


@login_required
def organiser_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = SettingsForm(request.POST or None, instance=settings_for(event))
    current = [f"{r.requester_role}>{r.recipient_role}" for r in event.request_rules.all()]
    rules_form = RequestRulesForm(initial={"pairs": current})
    if request.method == "POST" and form.is_valid():
        try:
            update_settings(by=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Matchmaking settings saved."))
            return redirect("matchmaking:organiser", slug=slug)
    figures = organiser_figures(event)
    context = {
        "event": event,
        "form": form,
        "rules_form": rules_form,
        "schedule_form": ScheduleForm(),
        "runs": recent_runs(event),
        "figures": figures,
        "without_requests": figures.without_requests[:100],
        "sessions": event.matchmaking_sessions.all(),
        "table_count": event.tables.filter(host__isnull=True).count(),
        "stand_count": event.tables.filter(host__isnull=False).count(),
    }
    return render(request, "matchmaking/organiser.html", context)
