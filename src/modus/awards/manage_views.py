"""The organiser's award pages: categories, nominees, phases, voters, paper totals, results
and the ceremony. Every action redirects back with what happened."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modus.awards import selectors, services
from modus.awards.forms import AwardForm, NomineeForm, PaperForm, PhaseForm, VotersForm
from modus.awards.models import Award, Nominee, VotingPhase
from modus.common import uploads
from modus.events.views import managed_event

PROPOSALS_PAGE_SIZE = 25


def attempt(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    phases = selectors.phases_of(event)
    with timezone.override(event.time_zone):
        phase_forms = [
            (kind, label, phases.get(kind), PhaseForm(instance=phases.get(kind), prefix=kind))
            for kind, label in VotingPhase.Kind.choices
        ]
        context = {
            "event": event,
            "awards": list(selectors.awards_of(event)),
            "phase_forms": phase_forms,
            "award_form": AwardForm(),
            "voters_form": VotersForm(),
            "voter_count": event.community_voters.count(),
            "counts": selectors.ballot_counts(event),
            "now": timezone.now(),
        }
        return render(request, "awards/manage.html", context)


@login_required
@require_POST
def add_award(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = AwardForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("awards:manage", slug=event.slug)
    done = attempt(
        request,
        lambda: services.add_award(by=request.user, event=event, **form.cleaned_data),
        _("Award added."),
    )
    if done:
        award = event.awards.get(name=form.cleaned_data["name"])
        return redirect("awards:award", slug=event.slug, award_id=award.pk)
    return redirect("awards:manage", slug=event.slug)


def managed_award(request: HttpRequest, slug: str, award_id: int) -> Award:
    event = managed_event(request, slug)
    return get_object_or_404(Award.objects.select_related("event"), pk=award_id, event=event)


@login_required
def award_page(request: HttpRequest, slug: str, award_id: int) -> HttpResponse:
    award = managed_award(request, slug, award_id)
    if request.method == "POST":
        form = AwardForm(request.POST, instance=Award.objects.get(pk=award.pk))
        if form.is_valid():
            attempt(
                request,
                lambda: services.change_award(by=request.user, award=award, **form.cleaned_data),
                _("Award saved."),
            )
            return redirect("awards:award", slug=slug, award_id=award.pk)
    else:
        form = AwardForm(instance=award)
    approved = list(award.nominees.filter(status=Nominee.Status.APPROVED))
    proposals = Paginator(selectors.proposals(award), PROPOSALS_PAGE_SIZE)
    context = {
        "event": award.event,
        "award": award,
        "form": form,
        "approved": approved,
        "page": proposals.get_page(request.GET.get("page")),
        "proposal_counts": selectors.proposal_counts(award),
        "nominee_form": NomineeForm(),
        "paper_form": PaperForm(
            nominees=approved,
            initial={f"n{p.nominee_id}": p.count for p in award.paper_totals.all()},
        ),
    }
    return render(request, "awards/award.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def add_nominee(request: HttpRequest, slug: str, award_id: int) -> HttpResponse:
    award = managed_award(request, slug, award_id)
    form = NomineeForm(request.POST, request.FILES)
    refused = uploads.refusal(request)
    if refused:
        messages.error(request, refused)
    elif not form.is_valid():
        form_errors(request, form)
    else:
        attempt(
            request,
            lambda: services.add_nominee(by=request.user, award=award, **form.cleaned_data),
            _("Nominee added."),
        )
    return redirect("awards:award", slug=slug, award_id=award.pk)


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, nominee_id: int) -> HttpResponse:
    event = managed_event(request, slug)
    nominee = get_object_or_404(
        Nominee.objects.select_related("award__event"), pk=nominee_id, award__event=event
    )
    approve = request.POST.get("decision") == "approve"
    attempt(
        request,
        lambda: services.decide_nominee(by=request.user, nominee=nominee, approve=approve),
        _("Nominee approved.") if approve else _("Nominee declined."),
    )
    # Back to the page of proposals the decision was taken on (the last one, if it is gone).
    back = reverse("awards:award", args=[slug, nominee.award_id])
    page = request.POST.get("page", "")
    return redirect(f"{back}?page={page}" if page.isdigit() else back)


def phase_kind_or_404(phase_kind: str) -> str:
    if phase_kind not in VotingPhase.Kind.values:
        raise Http404
    return phase_kind


@login_required
@require_POST
def configure_phase(request: HttpRequest, slug: str, phase_kind: str) -> HttpResponse:
    event = managed_event(request, slug)
    kind = phase_kind_or_404(phase_kind)
    with timezone.override(event.time_zone):
        form = PhaseForm(request.POST, prefix=kind)
        if form.is_valid():
            attempt(
                request,
                lambda: services.configure_phase(
                    by=request.user, event=event, kind=kind, **form.cleaned_data
                ),
                _("Voting phase saved."),
            )
        else:
            form_errors(request, form)
    return redirect("awards:manage", slug=slug)


def existing_phase(request: HttpRequest, slug: str, phase_kind: str) -> VotingPhase:
    event = managed_event(request, slug)
    return get_object_or_404(
        VotingPhase.objects.select_related("event"), event=event, kind=phase_kind
    )


@login_required
@require_POST
def open_phase(request: HttpRequest, slug: str, phase_kind: str) -> HttpResponse:
    phase = existing_phase(request, slug, phase_kind)
    attempt(
        request,
        lambda: services.open_phase(by=request.user, phase=phase),
        _("Voting is open."),
    )
    return redirect("awards:manage", slug=slug)


@login_required
@require_POST
def close_phase(request: HttpRequest, slug: str, phase_kind: str) -> HttpResponse:
    phase = existing_phase(request, slug, phase_kind)
    attempt(
        request,
        lambda: services.close_phase(by=request.user, phase=phase),
        _("Voting is closed."),
    )
    return redirect("awards:manage", slug=slug)


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    form = VotersForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("awards:manage", slug=slug)
    try:
        emails = services.parse_emails(form.cleaned_data["emails"])
        added = services.invite_voters(by=request.user, event=event, emails=emails)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(added)s new community voters invited; %(known)s were already on the list.")
            % {"added": added, "known": len(emails) - added},
        )
    return redirect("awards:manage", slug=slug)


@login_required
@require_POST
def paper(request: HttpRequest, slug: str, award_id: int) -> HttpResponse:
    award = managed_award(request, slug, award_id)
    form = PaperForm(request.POST, nominees=award.nominees.filter(status=Nominee.Status.APPROVED))
    if form.is_valid():
        attempt(
            request,
            lambda: services.enter_paper_totals(
                by=request.user,
                award=award,
                totals=form.totals(),
                witness=form.cleaned_data["witness"],
            ),
            _("Paper ballot totals recorded."),
        )
    else:
        form_errors(request, form)
    return redirect("awards:award", slug=slug, award_id=award.pk)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, award_id: int) -> HttpResponse:
    award = managed_award(request, slug, award_id)
    attempt(
        request,
        lambda: services.publish_result(by=request.user, award=award),
        _("The result of “%(award)s” is published.") % {"award": award.name},
    )
    if request.POST.get("next") == "ceremony":
        return redirect("awards:ceremony", slug=slug)
    return redirect("awards:award", slug=slug, award_id=award.pk)


@login_required
def ceremony(request: HttpRequest, slug: str) -> HttpResponse:
    event = managed_event(request, slug)
    awards = list(event.awards.all())
    upcoming = next((a for a in awards if not a.is_published), None)
    return render(
        request, "awards/ceremony.html", {"event": event, "awards": awards, "upcoming": upcoming}
    )
