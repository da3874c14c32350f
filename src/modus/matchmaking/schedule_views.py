"""Schedule pages: a participant's meeting availability and the organiser's review,
moves, locks, publishing, table sheets and the table plan (moves by drag and drop)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from modus.common.pickers import suggestions_response, typed
from modus.events.models import Event
from modus.events.pickers import participant_suggestions
from modus.events.views import managed_event
from modus.matchmaking.agenda import (
    PLACE,
    SEATS,
    review,
    review_meetings,
    table_sheets,
)
from modus.matchmaking.forms import (
    AvailabilityForm,
    MoveForm,
    ReviewFilterForm,
    ScheduleForm,
    SessionForm,
    StandForm,
    TablesForm,
)
from modus.matchmaking.models import MatchmakingSession, Meeting, Slot, Table
from modus.matchmaking.selectors import exhibitors_without_stand
from modus.matchmaking.services import publishing, scheduling, setup
from modus.matchmaking.services.busy import overlapping_sessions, parallel_sessions
from modus.matchmaking.services.setup import settings_for
from modus.matchmaking.table_plan import table_plan
from modus.matchmaking.views import attempt, my_participation


@login_required
@require_POST
def availability(request: HttpRequest, slug: str) -> HttpResponse:
    me = my_participation(request, slug)[1]
    form = AvailabilityForm(request.POST, participant=me)
    if form.is_valid():
        attempt(
            request,
            lambda: setup.set_unavailable(by=me, slots=list(form.cleaned_data["away"])),
            _("Your availability was saved."),
        )
    else:
        messages.error(request, _("Pick slots from the list."))
    return redirect("matchmaking:inbox", slug=slug)


@login_required
@require_POST
def schedule_run(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the scheduler; refused with a message while a run of the event is under way."""
    event = managed_event(request, slug)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: scheduling.request_run(
                by=request.user,
                event=event,
                time_limit=form.cleaned_data["time_limit"],
                allow_moves=form.cleaned_data["allow_moves"],
            ),
            _("The scheduler is running; this page shows its result."),
        )
    else:
        messages.error(request, _("Give a time limit between 5 and 300 seconds."))
    return redirect("matchmaking:organiser", slug=slug)


REVIEW_PAGE_SIZE = 50
STANDS_PAGE_SIZE = 50
# What the review page's address may carry back to it after a move or a lock.
REVIEW_QUERY = ("q", "session", "table", "person", "page")


@login_required
def review_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The schedule in figures and the accepted meetings, filtered and a page at a time."""
    event = managed_event(request, slug)
    settings = settings_for(event)
    form = ReviewFilterForm(request.GET or None, event=event)
    filters = form.filters()
    meetings = review_meetings(event, **filters)
    page = Paginator(meetings, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    everyone = query.copy()
    everyone.pop("person", None)
    context = {
        "event": event,
        "review": review(event),
        "form": form,
        "page": page,
        "person": filters.get("person"),
        "query_string": query.urlencode(),
        "everyone_query": everyone.urlencode(),
        "back": review_query(request.GET),
        "state_label": settings.get_schedule_state_display(),
        "state": settings.schedule_state,
    }
    return render(request, "matchmaking/review.html", context)


def review_query(data: QueryDict) -> str:
    """The review page's own filters and page from a query, as a query string."""
    kept = QueryDict(mutable=True)
    for name in REVIEW_QUERY:
        if data.get(name):
            kept[name] = data.get(name)[:100]
    return kept.urlencode()


def back_to_review(slug: str, back: str) -> HttpResponse:
    query = review_query(QueryDict(back))
    url = reverse("matchmaking:review", args=[slug])
    return redirect(f"{url}?{query}" if query else url)


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Pick a slot for one meeting: a small form (htmx loads it into the review page's dialog,
    without JavaScript it is a page of its own); posted, the meeting moves."""
    event = managed_event(request, slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("slot", *PLACE).prefetch_related(SEATS),
        pk=meeting_id,
        event=event,
    )
    data = request.POST if request.method == "POST" else request.GET
    back = review_query(QueryDict(data.get("back", "")))
    # Opened from the table plan (on a touch screen, which cannot drag): back to the plan.
    from_plan = data.get("from") == "plan"
    if request.method == "POST":
        form = MoveForm(request.POST, event=event)
        attempt(
            request,
            lambda: publishing.move_meeting(
                by=request.user, meeting=meeting, slot=valid_slot(form)
            ),
            _("Meeting moved."),
        )
        if from_plan:
            return redirect("matchmaking:table-plan", slug=slug)
        return back_to_review(slug, back)
    form = MoveForm(initial={"slot": meeting.slot_id}, event=event)
    context = {
        "event": event,
        "meeting": meeting,
        "form": form,
        "back": back,
        "from_plan": from_plan,
    }
    template = "matchmaking/_move.html" if request.htmx else "matchmaking/move.html"
    return render(request, template, context)


def valid_slot(form: MoveForm):
    if not form.is_valid():
        raise ValidationError(_("Pick a slot."))
    return form.cleaned_data["slot"]


@login_required
@require_POST
def lock(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    event = managed_event(request, slug)
    meeting = get_object_or_404(Meeting, pk=meeting_id, event=event)
    publishing.set_locked(
        by=request.user, meeting=meeting, locked=request.POST.get("locked") == "1"
    )
    return back_to_review(slug, request.POST.get("back", ""))


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    attempt(
        request,
        lambda: publishing.publish(
            by=request.user, event=event, state=request.POST.get("state", "")
        ),
        _("The schedule is published."),
    )
    return redirect("matchmaking:review", slug=slug)


@login_required
def tables_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    # Linked from the review and the plan before any table exists: a page that says so.
    context = {"event": event, "sheets": table_sheets(event)}
    return render(request, "matchmaking/tables.html", context)


@login_required
def table_plan_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    context = {"event": event, "plan": table_plan(event)}
    return render(request, "matchmaking/table_plan.html", context)


@login_required
@require_POST
def drop(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """A meeting dropped onto a cell of the table plan: moved there, or told why not.

    htmx gets the redrawn plan with the outcome in it, so nothing reloads."""
    event = managed_event(request, slug)
    meeting = get_object_or_404(Meeting, pk=meeting_id, event=event)
    outcome = {}
    try:
        slot, table = drop_target(event, request.POST)
        publishing.move_meeting(by=request.user, meeting=meeting, slot=slot, table=table)
    except ValidationError as error:
        outcome["refused"] = " ".join(error.messages)
    else:
        outcome["moved"] = _("Meeting moved.")
    if not request.htmx:
        level = messages.error if "refused" in outcome else messages.success
        level(request, outcome.get("refused") or outcome["moved"])
        return redirect("matchmaking:table-plan", slug=slug)
    context = {"event": event, "plan": table_plan(event), **outcome}
    return render(request, "matchmaking/_table_plan.html", context)


def drop_target(event: Event, data: QueryDict) -> tuple[Slot, Table]:
    """The cell's slot and table, both of this event."""
    slot_id, table_id = (data.get(name, "") for name in ("slot", "table"))
    slot = (
        Slot.objects.select_related("session")
        .filter(session__event=event, pk=slot_id if slot_id.isdigit() else None)
        .first()
    )
    table = Table.objects.filter(event=event, pk=table_id if table_id.isdigit() else None).first()
    if slot is None or table is None:
        raise ValidationError(_("Drop the meeting onto a cell of the plan."))
    return slot, table


@login_required
def sessions_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session = setup.add_session(by=request.user, event=event, **form.session_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session added."))
            warn_of_parallel_sessions(request, session)
            return redirect("matchmaking:sessions", slug=slug)
    sessions = list(event.matchmaking_sessions.prefetch_related("slots"))
    parallel = parallel_sessions(sessions)
    for session in sessions:
        session.parallel = quoted_names(parallel[session.pk])
    stands = (
        event.tables.filter(host__isnull=False)
        .select_related("host__person__organisation")
        .order_by("name", "pk")
    )
    context = {
        "event": event,
        "form": form,
        "tables_form": TablesForm(),
        "sessions": sessions,
        "table_count": event.tables.filter(host__isnull=True).count(),
        "stand_form": StandForm(event=event),
        "without_stand": exhibitors_without_stand(event).count(),
        "page": Paginator(stands, STANDS_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "matchmaking/sessions.html", context)


@login_required
def stand_hosts(request: HttpRequest, slug: str) -> HttpResponse:
    """What the add-stand form's exhibitor box suggests for the text typed so far."""
    event = managed_event(request, slug)
    return suggestions_response(
        request, participant_suggestions(exhibitors_without_stand(event), typed(request))
    )


def quoted_names(sessions) -> str:
    """The sessions' names in the quotation marks of the reader's language („…“ in Czech)."""
    # Translators: a name in quotation marks, as the language writes them.
    return ", ".join(_("“%(name)s”") % {"name": session.name} for session in sessions)


def warn_of_parallel_sessions(request: HttpRequest, session: MatchmakingSession) -> None:
    """Parallel sessions are allowed (other rooms), but the organiser should know of them."""
    parallel = overlapping_sessions(session)
    if parallel:
        messages.warning(
            request,
            _(
                "“%(session)s” overlaps in time with %(others)s. Both may run, but nobody "
                "will be booked into both at once."
            )
            % {
                "session": session.name,
                "others": quoted_names(parallel),
            },
        )


@login_required
@require_POST
def remove_session(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = managed_event(request, slug)
    session = get_object_or_404(MatchmakingSession, pk=session_id, event=event)
    attempt(
        request,
        lambda: setup.remove_session(by=request.user, session=session),
        _("Session removed."),
    )
    return redirect("matchmaking:sessions", slug=slug)


@login_required
@require_POST
def add_tables(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = TablesForm(request.POST)
    if form.is_valid():
        setup.add_tables(by=request.user, event=event, count=form.cleaned_data["count"])
        messages.success(request, _("Tables added."))
    else:
        messages.error(request, _("Give a number of tables between 1 and 500."))
    return redirect("matchmaking:sessions", slug=slug)


@login_required
@require_POST
def add_stand(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = StandForm(request.POST, event=event)
    if form.is_valid():
        attempt(
            request,
            lambda: setup.add_stand(by=request.user, event=event, **form.cleaned_data),
            _("Stand added."),
        )
    else:
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[name].label}: {error}")
    return redirect("matchmaking:sessions", slug=slug)


@login_required
@require_POST
def remove_stand(request: HttpRequest, slug: str, table_id: int) -> HttpResponse:
    event = managed_event(request, slug)
    stand = get_object_or_404(Table, pk=table_id, event=event, host__isnull=False)
    attempt(request, lambda: setup.remove_stand(by=request.user, stand=stand), _("Stand removed."))
    page = request.POST.get("page", "")
    back = reverse("matchmaking:sessions", args=[slug])
    return redirect(f"{back}?page={page}" if page.isdigit() else back)
