"""Introduction pages: asking (from a cluster's page, the catalogue or the booth), one's own
requests, a request and its answer, and staff's overview of the open ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from modus.common.permissions import person_of, visible_contacts
from modus.directory import introductions
from modus.directory.forms import (
    BadgeScanForm,
    BoothIntroductionForm,
    IntroductionAskForm,
    IntroductionDeclineForm,
    IntroductionReassignForm,
)
from modus.directory.models import IntroductionRequest
from modus.directory.selectors import (
    introduction_history,
    introductions_asked,
    introductions_listed,
    introductions_to_answer,
    median_time_to_answer,
    open_introductions,
)
from modus.events.badges import BadgeError, participant_for_badge
from modus.events.models import Event

PAGE_SIZE = 20


def errors_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def own_person(request: HttpRequest):
    person = person_of(request.user)
    if person is None:
        raise Http404(_("You have no participant profile."))
    return person


@login_required
@require_http_methods(["GET", "POST"])
def introduction_ask(request: HttpRequest) -> HttpResponse:
    """Ask for an introduction to the cluster in `?cluster=` or, without one, to a partner
    the association finds; `?from=catalogue` notes that the printed catalogue led here."""
    person = own_person(request)
    cluster = None
    slug = request.GET.get("cluster", "")
    if slug:
        cluster = introductions.introducible_clusters(person).filter(slug=slug).first()
        if cluster is None:
            raise Http404(_("No such member cluster."))
    channel = (
        IntroductionRequest.Channel.CATALOGUE
        if request.GET.get("from") == "catalogue"
        else IntroductionRequest.Channel.PAGE
    )
    form = IntroductionAskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = introductions.ask_introduction(
                by=request.user,
                requester=person,
                organisation=cluster,
                wish=form.cleaned_data["wish"],
                channel=channel,
            )
        except ValidationError as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, asked_message(introduction))
            return redirect("directory:introduction", introduction_id=introduction.pk)
    return render(request, "directory/introduction_ask.html", {"form": form, "cluster": cluster})


def asked_message(introduction: IntroductionRequest) -> str:
    if introduction.routed_to_id:
        return _("The request was sent to %(name)s, the manager of %(cluster)s.") % {
            "name": introduction.routed_to.full_name,
            "cluster": introduction.organisation.name,
        }
    return _("The request was sent to the association, which will find the right cluster.")


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    """One's own requests and those routed to one to answer."""
    person = own_person(request)
    asked = Paginator(introductions_asked(person), PAGE_SIZE).get_page(request.GET.get("asked"))
    received = Paginator(introductions_to_answer(person), PAGE_SIZE).get_page(
        request.GET.get("received")
    )
    return render(
        request, "directory/introduction_list.html", {"asked": asked, "received": received}
    )


def visible_introduction(request: HttpRequest, introduction_id: int) -> IntroductionRequest:
    """The request, if this user may see it; someone else's is not found."""
    introduction = get_object_or_404(
        introductions_listed().select_related("suggested_slot__session__event", "event"),
        pk=introduction_id,
    )
    if not request.user.has_perm("directory.view_introduction", introduction):
        raise Http404
    return introduction


# The audit log's actions on a request, as its history lists them.
HISTORY_ACTIONS = {
    "introduction.asked": gettext_lazy("Asked"),
    "introduction.accepted": gettext_lazy("Accepted"),
    "introduction.declined": gettext_lazy("Declined"),
    "introduction.nudged": gettext_lazy("Reminder sent to the cluster manager"),
    "introduction.reassigned": gettext_lazy("Routed to another cluster"),
}


def history_rows(introduction: IntroductionRequest) -> list[dict]:
    """Each entry of the request's history: when, what (in words) and who (by name)."""
    return [
        {
            "when": entry.created_at,
            "what": HISTORY_ACTIONS.get(entry.action, entry.action),
            "who": actor_name(entry.actor),
        }
        for entry in introduction_history(introduction)
    ]


def actor_name(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person else user.email


@login_required
def introduction_detail(request: HttpRequest, introduction_id: int) -> HttpResponse:
    introduction = visible_introduction(request, introduction_id)
    user = request.user
    can_route = user.has_perm("directory.route_introduction", introduction)
    contacts = visible_contacts(user)
    sides = [introduction.requester, introduction.routed_to]
    shown = set(contacts.filter(pk__in=[p.pk for p in sides if p]).values_list("pk", flat=True))
    context = {
        "introduction": introduction,
        "open": introduction.status == IntroductionRequest.Status.OPEN,
        "can_answer": user.has_perm("directory.answer_introduction", introduction),
        "can_route": can_route,
        "requester_contact": introduction.requester.pk in shown,
        "manager_contact": introduction.routed_to_id in shown,
        "decline_form": IntroductionDeclineForm(initial={"version": introduction.version}),
        "reassign_form": IntroductionReassignForm(
            initial={"version": introduction.version, "organisation": introduction.organisation}
        ),
        "history": history_rows(introduction) if can_route else [],
        "slot": introduction.suggested_slot,
    }
    return render(request, "directory/introduction.html", context)


def version_of(request: HttpRequest) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def answer_arguments(request: HttpRequest) -> tuple[dict, str]:
    return {"version": version_of(request)}, _(
        "You accepted the introduction; you both have each other's contacts now."
    )


def decline_arguments(request: HttpRequest) -> tuple[dict, str]:
    arguments = {"reason": request.POST.get("reason", ""), "version": version_of(request)}
    return arguments, _("You declined the introduction.")


def nudge_arguments(request: HttpRequest) -> tuple[dict, str]:
    return {}, _("The manager was reminded.")


def reassign_arguments(request: HttpRequest) -> tuple[dict, str]:
    form = IntroductionReassignForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a member cluster from the list."))
    cluster = form.cleaned_data["organisation"]
    arguments = {"organisation": cluster, "version": form.cleaned_data["version"]}
    return arguments, _("The introduction was routed to %(name)s.") % {"name": cluster.name}


# What each button on a request's page does: who may, the service, and its arguments.
ACTIONS = {
    "accept": (
        "directory.answer_introduction",
        introductions.accept_introduction,
        answer_arguments,
    ),
    "decline": (
        "directory.answer_introduction",
        introductions.decline_introduction,
        decline_arguments,
    ),
    "nudge": ("directory.route_introduction", introductions.nudge_introduction, nudge_arguments),
    "reassign": (
        "directory.route_introduction",
        introductions.reassign_introduction,
        reassign_arguments,
    ),
}


@login_required
@require_POST
def introduction_action(request: HttpRequest, introduction_id: int, action: str) -> HttpResponse:
    """Answer (the manager), nudge or reassign (staff) a request, then show it again."""
    introduction = visible_introduction(request, introduction_id)
    permission, service, arguments_of = ACTIONS[action]
    if not request.user.has_perm(permission, introduction):
        raise PermissionDenied
    try:
        arguments, done = arguments_of(request)
        service(by=request.user, introduction=introduction, **arguments)
    except ValidationError as error:
        messages.error(request, errors_of(error))
    else:
        messages.success(request, done)
    return redirect("directory:introduction", introduction_id=introduction.pk)


@login_required
def introduction_overview(request: HttpRequest) -> HttpResponse:
    """Staff: every open request, the longest waiting first, and the median time to answer."""
    if not request.user.has_perm("directory.route_introduction"):
        raise PermissionDenied
    unrouted = request.GET.get("unrouted") == "1"
    page = Paginator(open_introductions(unrouted_only=unrouted), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    median = median_time_to_answer()
    context = {
        "page": page,
        "unrouted": unrouted,
        "now": now,
        "median_since": now - median if median is not None else None,
        "query_string": "unrouted=1" if unrouted else "",
    }
    return render(request, "directory/introduction_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def booth(request: HttpRequest, event_slug: str) -> HttpResponse:
    """The association's booth at an event: scan a visitor's badge, then ask for them.

    A code that opens nothing here (unknown, reissued, another event's) is said so and
    records nothing."""
    event = get_object_or_404(Event, slug=event_slug)
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    scan = BadgeScanForm(request.POST if request.POST.get("step") == "scan" else None)
    ask = None
    visitor = None
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            visitor = participant_for_badge(event, code)
        except BadgeError as error:
            scan = BadgeScanForm(request.POST)
            scan.is_valid()
            scan.add_error("code", errors_of(error))
            visitor = None
        if visitor is not None and request.POST.get("step") == "ask":
            ask = BoothIntroductionForm(request.POST, visitor=visitor.person)
            if ask.is_valid():
                try:
                    introduction = introductions.ask_introduction(
                        by=request.user,
                        requester=visitor.person,
                        organisation=ask.cleaned_data["organisation"],
                        wish=ask.cleaned_data["wish"],
                        channel=IntroductionRequest.Channel.BOOTH,
                        event=event,
                    )
                except ValidationError as error:
                    ask.add_error(None, errors_of(error))
                else:
                    messages.success(
                        request,
                        _("The introduction for %(name)s was recorded. %(routed)s")
                        % {"name": visitor.person.full_name, "routed": asked_message(introduction)},
                    )
                    return redirect("directory:booth", event_slug=event.slug)
        elif visitor is not None:
            ask = BoothIntroductionForm(initial={"code": code}, visitor=visitor.person)
    context = {"event": event, "scan": scan, "ask": ask, "visitor": visitor}
    return render(request, "directory/booth.html", context)
