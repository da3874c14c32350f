"""Voter and public pages: the ballot, receipts, results, exports and the hall's big screen."""

import csv

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from modus.accounts.views import PERSONAL_COOKIE_PREFIX
from modus.awards import selectors, services
from modus.awards.forms import ProposalForm, ReceiptForm, VoteForm
from modus.awards.models import Award, Nominee, VotingPhase
from modus.common.permissions import may_vote, nominee_seen_by_everyone, nominees_visible_to
from modus.common.views import picture_policy, private_picture
from modus.events.models import Event
from modus.events.views import shown_event

RECEIPT_DAYS = 60


def receipt_cookie(award_id: int, phase_kind: str) -> str:
    # Personal: signing out deletes it.
    return f"{PERSONAL_COOKIE_PREFIX}receipt_{award_id}_{phase_kind}"


def receipt_salt(request: HttpRequest) -> str:
    # Signed for the one voter: someone else signed in on the same browser never reads it.
    return f"receipt-of-{request.user.pk}"


def remembered_receipt(request: HttpRequest, award_id: int, phase_kind: str) -> str:
    """The receipt this browser was given; it lives with the voter, never on the server."""
    return request.get_signed_cookie(
        receipt_cookie(award_id, phase_kind), default="", salt=receipt_salt(request)
    )


def ballot_context(request: HttpRequest, event: Event) -> dict:
    """Each award with, per phase, whether this person may vote now and has voted."""
    phases = selectors.phases_of(event)
    now = timezone.now()
    open_phases = [p for p in phases.values() if p.is_open(now)]
    mine = [p for p in open_phases if may_vote(request.user, p)]
    voted = selectors.voted_in(request.user, event)
    awards = list(selectors.awards_of(event))
    for award in awards:
        award.ballots_here = [
            {
                "phase": phase,
                "voted": (award.pk, phase.pk) in voted,
                "receipt": remembered_receipt(request, award.pk, phase.kind),
            }
            for phase in mine
            if not award.is_published
        ]
    return {
        "event": event,
        "awards": awards,
        "phases": phases,
        "open_phases": open_phases,
        "may_vote": bool(mine),
        "may_propose": request.user.has_perm("awards.propose_nominee", event),
        "proposal_form": ProposalForm(),
    }


@picture_policy
@require_GET
def picture(request: HttpRequest, name: str) -> HttpResponse:
    """A nominee's picture, for those who may see the nominee and its event (404 otherwise:
    an unlisted event's nominees are not for whoever was given the address)."""
    visible = Nominee.objects.filter(nominees_visible_to(request.user))
    nominee = get_object_or_404(visible.select_related("award__event"), picture=name)
    event = nominee.award.event
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return private_picture(nominee.picture, public=nominee_seen_by_everyone(nominee))


def vote_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    with timezone.override(event.time_zone):
        return render(request, "awards/vote.html", ballot_context(request, event))


@login_required
@require_POST
def cast(request: HttpRequest, slug: str, award_id: int) -> HttpResponse:
    event = shown_event(request, slug)
    award = get_object_or_404(Award, pk=award_id, event=event)
    form = VoteForm(request.POST)
    error = ""
    if form.is_valid():
        phase = VotingPhase.objects.filter(event=event, kind=form.cleaned_data["phase"]).first()
        try:
            if phase is None:
                raise ValidationError(_("There is no such voting phase."))
            code = services.cast_vote(
                by=request.user,
                award=award,
                phase=phase,
                nominee_id=form.cleaned_data["nominee"],
                receipt=form.cleaned_data["receipt"],
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            # Redirected, so that reloading the receipt does not send the ballot again.
            response = redirect(
                "awards:receipt-given", slug=slug, award_id=award.pk, phase_kind=phase.kind
            )
            response.set_signed_cookie(
                receipt_cookie(award.pk, phase.kind),
                code,
                salt=receipt_salt(request),
                max_age=RECEIPT_DAYS * 86400,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            return response
    elif "nominee" in form.errors:
        error = _("Choose a nominee for “%(award)s” before you vote.") % {"award": award.name}
    else:
        error = " ".join(m for messages in form.errors.values() for m in messages)
    context = ballot_context(request, event) | {"error": error, "error_award": award.pk}
    with timezone.override(event.time_zone):
        return render(request, "awards/vote.html", context, status=400)


@require_GET
def receipt_given(request: HttpRequest, slug: str, award_id: int, phase_kind: str):
    """The receipt of the ballot this browser cast, read from its cookie: never from the
    address, which histories and server logs keep."""
    event = shown_event(request, slug)
    award = get_object_or_404(Award, pk=award_id, event=event)
    phase = get_object_or_404(VotingPhase, event=event, kind=phase_kind)
    code = remembered_receipt(request, award.pk, phase.kind)
    if not code:
        return redirect("awards:vote", slug=slug)
    context = {"event": event, "award": award, "phase": phase, "code": code}
    return render(request, "awards/receipt_given.html", context)


@login_required
@require_POST
def propose(request: HttpRequest, slug: str, award_id: int) -> HttpResponse:
    event = shown_event(request, slug)
    award = get_object_or_404(Award, pk=award_id, event=event)
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.propose_nominee(by=request.user, award=award, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return render(request, "awards/proposed.html", {"event": event, "award": award})
    context = ballot_context(request, event) | {
        "proposal_form": form,
        "proposal_award": award.pk,
    }
    with timezone.override(event.time_zone):
        return render(request, "awards/vote.html", context, status=400)


@require_http_methods(["GET", "POST"])
def receipt_check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check a receipt code. Posted, never in the address: the code opens its ballot's
    choice, and addresses stay in browser histories and server logs."""
    event = shown_event(request, slug)
    form = ReceiptForm(request.POST or None)
    check = selectors.check_receipt(event, form.cleaned_data["code"]) if form.is_valid() else None
    return render(
        request, "awards/receipt_check.html", {"event": event, "form": form, "check": check}
    )


def results(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    awards = list(selectors.published_awards(event))
    return render(request, "awards/results.html", {"event": event, "awards": awards})


def ballots_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every ballot of the published categories: receipt hash and choice, nobody's name."""
    event = shown_event(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-ballots.csv"'
    writer = csv.writer(response)
    writer.writerow(["award", "phase", "receipt_hash", "nominee", "nominee_name"])
    for row in selectors.ballot_rows(event).iterator(chunk_size=2000):
        # Names are the organiser's text: a leading formula character is quoted away.
        name = row[4]
        writer.writerow([*row[:4], "'" + name if name[:1] in "=+-@\t\r" else name])
    return response


def tally_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The configuration, paper totals and published result of every published category."""
    event = shown_event(request, slug)
    data = {
        "event": event.slug,
        "receipt_hash": "sha256('modus-ballot:' + receipt code in capitals without dashes)",
        "awards": [award.result for award in selectors.published_awards(event)],
        "paper": selectors.paper_rows(event),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-tally.json"'
    return response


def screen(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    vote_url = request.build_absolute_uri(reverse("awards:vote", args=[event.slug]))
    # The code is drawn from our own address: markup segno writes, no text of anyone's.
    qr = mark_safe(segno.make(vote_url, error="m").svg_inline(scale=8, border=2))
    return render(
        request,
        "awards/screen.html",
        {"event": event, "vote_url": vote_url, "qr": qr, **screen_counts(event)},
    )


def screen_count(request: HttpRequest, slug: str) -> HttpResponse:
    event = shown_event(request, slug)
    return render(request, "awards/_screen_count.html", {"event": event, **screen_counts(event)})


def screen_counts(event: Event) -> dict:
    counts = selectors.ballot_counts(event)
    phases = selectors.phases_of(event)
    return {
        "rows": [
            {"phase": phase, "count": counts.get(kind, 0), "open": phase.is_open()}
            for kind, phase in sorted(phases.items())
        ]
    }
