"""Directory pages: search, an organisation, editing it, one's own profile, the catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from modus.common import uploads
from modus.common.errors import problems
from modus.common.permissions import audience_of, people_visible_to, person_of
from modus.common.pickers import suggestions_response, typed
from modus.common.views import picture_policy, private_picture
from modus.directory import pickers, services
from modus.directory.catalogue import catalogue_context, catalogue_pdf, default_association
from modus.directory.forms import (
    DirectoryFilterForm,
    OpportunityFormSet,
    OrganisationForm,
    ProfileForm,
)
from modus.directory.models import Organisation, OrganisationJoinRequest, Person
from modus.directory.search import falls_back
from modus.directory.selectors import (
    explain_results,
    joinable_organisations,
    organisation_page,
    pending_join_requests,
    search_organisations,
)
from modus.matchmaking.services import recommendations

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, viewer=request.user)
    filters = form.filters()
    organisations = search_organisations(request.user, filters)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    partly = falls_back(filters.query, page.paginator.count)
    if partly:
        organisations = search_organisations(request.user, filters, partly=True)
        page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
        partly = page.paginator.count > 0
    page.object_list = explain_results(request.user, filters, page.object_list)
    filtered = any(request.GET.get(name) for name in form.fields if name != "q")
    context = {
        "form": form,
        "page": page,
        "query_string": query_without_page(request),
        "filtered": filtered,
        "partly": partly,
    }
    template = "directory/_results.html" if request.htmx else "directory/search.html"
    return render(request, template, context)


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("manager__user").prefetch_related(
            "ecosystems", "value_chain_stages"
        ),
        slug=slug,
    )
    if not request.user.has_perm("directory.view_organisation", organisation):
        raise Http404
    can_edit = request.user.has_perm("directory.change_organisation", organisation)
    viewer = person_of(request.user)
    context = {
        "organisation": organisation,
        "can_edit": can_edit,
        "manages_it": viewer is not None and organisation.manager_id == viewer.pk,
        "join_requests": pending_join_requests(organisation) if can_edit else [],
        **organisation_page(request.user, organisation),
    }
    return render(request, "directory/organisation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("directory.change_organisation", organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_organisation(
                by=request.user,
                organisation=Organisation.objects.get(pk=organisation.pk),
                ecosystems=data.pop("ecosystems"),
                stages=data.pop("value_chain_stages"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("directory:organisation", slug=organisation.slug)
    return render(
        request, "directory/organisation_edit.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        raise Http404(_("You have no participant profile."))
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=person, viewer=request.user
    )
    formset = OpportunityFormSet(request.POST or None, instance=person, prefix="opportunities")
    if request.method == "POST" and profile_form_valid(request, form) and formset.is_valid():
        try:
            joining = save_profile(request.user, person, form, formset)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile was saved."))
            if joining is not None:
                messages.info(
                    request,
                    _("You asked to join %(name)s; its manager will answer.")
                    % {"name": joining.organisation.name},
                )
            return redirect("directory:profile")
    context = {
        "form": form,
        "formset": formset,
        "problems": problems(form, formset, row=_("Offer or request %(number)d")),
        "join_request": services.open_join_request(person),
        "organisation_page": request.user.has_perm(
            "directory.view_organisation", person.organisation
        ),
    }
    return render(request, "directory/profile.html", context)


@login_required
def organisation_suggestions(request: HttpRequest) -> HttpResponse:
    """What the profile's "Ask to join" box suggests for the text typed so far."""
    choices = joinable_organisations(request.user, person_of(request.user))
    return suggestions_response(request, pickers.suggestions(choices, typed(request)))


def profile_form_valid(request: HttpRequest, form: ProfileForm) -> bool:
    """Whether the form is valid, counting a photo the upload cap stopped as a field error
    (the handler dropped the file, so the form alone would not notice)."""
    valid = form.is_valid()
    refusal = uploads.refusal(request)
    if refusal:
        form.add_error("photo", refusal)
    return valid and not refusal


@transaction.atomic
def save_profile(user, person, form: ProfileForm, formset):
    """Hand each change to its service, so every one is checked and audited."""
    data = dict(form.cleaned_data)
    join = data.pop("join_organisation", None)
    if data.pop("leave_organisation", False):
        data["organisation"] = None
    services.update_profile(by=user, person=person, **data)
    joining = services.request_to_join(by=user, person=person, organisation=join) if join else None
    transaction.on_commit(lambda: recommendations.schedule_for_person(person))
    for item in formset.forms:
        data = dict(getattr(item, "cleaned_data", {}))
        if not data or (item.instance.pk is None and not item.has_changed()):
            continue
        opportunity = data.pop("id", None)
        data.pop("person", None)
        if data.pop("DELETE", False):
            if opportunity is not None:
                services.remove_opportunity(by=user, opportunity=opportunity)
            continue
        ecosystems, version = data.pop("ecosystems"), data.pop("version")
        if opportunity is None:
            services.add_opportunity(
                by=user,
                person=person,
                ecosystems=ecosystems,
                stage=data.pop("value_chain_stage"),
                **data,
            )
        elif item.has_changed():
            services.update_opportunity(
                by=user, opportunity=opportunity, ecosystems=ecosystems, version=version, **data
            )
    return joining


@login_required
@require_POST
def join_request_decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    """The organisation's manager (or staff) approves or declines a request to join it."""
    join_request = get_object_or_404(
        OrganisationJoinRequest.objects.select_related("organisation", "person"),
        pk=pk,
        organisation__slug=slug,
    )
    if not request.user.has_perm("directory.change_organisation", join_request.organisation):
        raise PermissionDenied
    decide = services.approve_join if decision == "approve" else services.decline_join
    try:
        decide(by=request.user, join_request=join_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            _("%(name)s now belongs to the organisation.")
            if decision == "approve"
            else _("The request of %(name)s was declined.")
        )
        messages.success(request, done % {"name": join_request.person.full_name})
    return redirect("directory:organisation", slug=slug)


@login_required
@require_POST
def join_request_withdraw(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    join_request = services.open_join_request(person) if person else None
    if join_request is None:
        raise Http404
    try:
        services.withdraw_join(by=request.user, join_request=join_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request to join was withdrawn."))
    return redirect("directory:profile")


def catalogue_page(request: HttpRequest) -> HttpResponse:
    audience = audience_of(request.user)
    association = default_association(audience)
    if association is None:
        raise Http404(_("No association has members yet."))
    context = catalogue_context(association, audience)
    # Asking needs a profile to answer to; a signed-out reader is asked to sign in first.
    context["may_ask"] = not request.user.is_authenticated or person_of(request.user) is not None
    return render(request, "directory/catalogue.html", context)


def catalogue_download(request: HttpRequest) -> HttpResponse:
    audience = audience_of(request.user)
    association = default_association(audience)
    if association is None:
        raise Http404(_("No association has members yet."))
    response = HttpResponse(catalogue_pdf(association, audience), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{association.slug}-members.pdf"'
    # Differs by audience (the session says which): no shared cache may keep it.
    patch_cache_control(response, private=True)
    return response


@picture_policy
@require_http_methods(["GET", "HEAD"])
def photo(request: HttpRequest, name: str) -> HttpResponse:
    """A person's photo, for those who may see the person (a hidden profile's: 404)."""
    person = get_object_or_404(Person.objects.filter(people_visible_to(request.user)), photo=name)
    return private_picture(person.photo)
