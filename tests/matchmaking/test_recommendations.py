"""The recommendation service: stored lists without filler, unanswered requests, and the
notice when an offer answers one of them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from modus.directory import services as directory_services
from modus.events import services as events_services
from modus.matchmaking.models import Notification, Recommendation, UnansweredRequest
from modus.matchmaking.recommend.tfidf import TfidfBackend
from modus.matchmaking.services import recommendations
from tests.concurrency import race
from tests.directory.test_forms import organisation_post
from tests.factories import (
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def words_decide(settings):
    """These tests are about storing and telling, so they use the backend whose verdict on
    "does this offer answer that request" follows from shared words alone. With sentence
    embeddings, an event of three texts is centred mostly on the background texts, and an
    unrelated offer can land just above the noise floor (see the quality benchmark)."""
    settings.RECOMMENDATION_BACKEND = "tfidf"


FIBRES = "Optical fibre sensors for harsh environments"
ANSWER = "Optical fibre sensors built for harsh environments and heat"


@pytest.fixture
def fair(fair):
    """The delegates' organisations described apart, so no two profiles look alike."""
    for participant, text in zip(
        fair[2:], ("Oil and gas drilling", "Photonics laboratory", "Bakery"), strict=True
    ):
        participant.person.organisation.description = text
        participant.person.organisation.save()
    return fair


def ask_for_fibres(anna):
    return OpportunityFactory(
        person=anna.person,
        direction="request",
        title=FIBRES,
        description="Our oil and gas wells need sensors that survive the heat downhole.",
    )


def offer_the_answer(participant):
    return OpportunityFactory(person=participant.person, direction="offer", title=ANSWER)


def listed(participant):
    return list(
        Recommendation.objects.filter(participant=participant)
        .order_by("rank")
        .values_list("other_id", flat=True)
    )


def test_an_unanswered_request_is_stored_and_its_owner_told_once_when_an_offer_answers(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    fibres = ask_for_fibres(anna)
    OpportunityFactory(person=cyril.person, direction="offer", title="Organic sourdough bread")
    recommendations.recompute(event)
    assert list(UnansweredRequest.objects.values_list("participant", "opportunity")) == [
        (anna.pk, fibres.pk)
    ]
    assert not Notification.objects.exists()

    offer_the_answer(ben)
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert not UnansweredRequest.objects.exists()
    notice = Notification.objects.get()
    assert (notice.recipient, notice.kind, notice.about) == (anna, "opportunity-answered", ben)
    assert notice.data == {"request": FIBRES, "offer": ANSWER, "name": str(ben.person)}
    # Ben's page, where his offer is: the stored list may not hold him.
    assert notice.url == f"/events/{event.slug}/people/{ben.pk}/"
    assert [mail.to for mail in mailoutbox] == [[anna.person.user.email]]
    assert mailoutbox[0].body.startswith(
        f"{ben.person} offers “{ANSWER}”, which answers your request “{FIBRES}”."
    )

    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_an_answer_lost_and_regained_is_not_told_again_but_a_new_one_is(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    fibres = ask_for_fibres(anna)
    recommendations.recompute(event)
    answer = offer_the_answer(ben)
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert Notification.objects.count() == 1

    answer.title = "Organic sourdough bread"
    answer.save()
    recommendations.recompute(event)
    assert list(UnansweredRequest.objects.values_list("opportunity", flat=True)) == [fibres.pk]
    answer.title = ANSWER
    answer.save()
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert not UnansweredRequest.objects.exists()
    assert Notification.objects.count() == 1

    answer.title = "Organic sourdough bread"
    answer.save()
    recommendations.recompute(event)
    offer_the_answer(cyril)
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert list(Notification.objects.order_by("pk").values_list("about", flat=True)) == [
        ben.pk,
        cyril.pk,
    ]
    assert len(mailoutbox) == 2


def test_an_old_offer_drifting_over_the_answer_level_is_not_announced(
    fair, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    """Every edit recomputes the whole event, and the similarities of texts nobody touched
    move with it: an offer that was there all along and now counts as an answer is no news
    (here the answer level itself moves, as the event's other texts would move it)."""
    event, session, anna, ben, cyril = fair
    offer_the_answer(ben)
    fibres = ask_for_fibres(anna)
    monkeypatch.setattr(TfidfBackend, "answer_level", 0.99)
    recommendations.recompute(event)
    assert list(UnansweredRequest.objects.values_list("opportunity", flat=True)) == [fibres.pk]
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert not UnansweredRequest.objects.exists()
    assert ben.pk in listed(anna)
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_an_old_offer_changed_to_answer_is_announced(fair):
    event, session, anna, ben, cyril = fair
    answer = OpportunityFactory(
        person=ben.person, direction="offer", title="Organic sourdough bread"
    )
    ask_for_fibres(anna)
    recommendations.recompute(event)
    answer.title = ANSWER
    answer.save()
    recommendations.recompute(event)
    assert Notification.objects.get().about == ben


def test_an_offer_of_someone_who_registers_later_is_announced(fair):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    person = PersonFactory()
    # On their profile before they register.
    OpportunityFactory(person=person, direction="offer", title=ANSWER)
    recommendations.recompute(event)
    assert UnansweredRequest.objects.exists()
    newcomer = ParticipantFactory(event=event, person=person)
    recommendations.recompute(event)
    assert Notification.objects.get().about == newcomer


def test_the_notice_is_written_in_the_owners_language(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    anna.person.language = "cs"
    anna.person.save()
    ask_for_fibres(anna)
    recommendations.recompute(event)
    offer_the_answer(ben)
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert mailoutbox[0].body.startswith(
        f"{ben.person} nabízí „{ANSWER}“, což odpovídá vaší poptávce „{FIBRES}“."
    )


def test_a_hidden_persons_offer_answers_nothing_and_is_not_told(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    fibres = ask_for_fibres(anna)
    recommendations.recompute(event)
    ben.person.visibility = "hidden"
    ben.person.save()
    offer_the_answer(ben)
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recompute(event)
    assert not Notification.objects.exists()
    assert mailoutbox == []
    assert list(UnansweredRequest.objects.values_list("opportunity", flat=True)) == [fibres.pk]
    assert ben.pk not in listed(anna)


def visibility_queries_telling(owners: int) -> int:
    """Queries that read people while `owners` people, each asking for fibres at a new
    event, are told of an answer."""
    event = EventFactory()
    asking = [ParticipantFactory(event=event) for _ in range(owners)]
    ParticipantFactory(event=event)  # an event of one is not computed
    for owner in asking:
        ask_for_fibres(owner)
    recommendations.recompute(event)
    offer_the_answer(ParticipantFactory(event=event))
    with CaptureQueriesContext(connection) as captured:
        recommendations.recompute(event)
    assert Notification.objects.filter(recipient__in=asking).count() == owners
    return sum('"directory_person"' in query["sql"] for query in captured.captured_queries)


def test_telling_many_owners_reads_who_they_may_see_at_once(db):
    assert visibility_queries_telling(6) == visibility_queries_telling(1)


def test_a_request_answered_from_the_start_is_not_announced(fair):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    offer_the_answer(ben)
    recommendations.recompute(event)
    assert not UnansweredRequest.objects.exists()
    assert not Notification.objects.exists()


def test_a_deleted_request_is_forgotten_without_a_notice(fair):
    event, session, anna, ben, cyril = fair
    fibres = ask_for_fibres(anna)
    recommendations.recompute(event)
    fibres.delete()
    offer_the_answer(ben)
    recommendations.recompute(event)
    assert not UnansweredRequest.objects.exists()
    assert not Notification.objects.exists()


def test_filler_is_not_stored_beside_a_text_match(fair):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    offer_the_answer(ben)
    cyril.person.country = "AT"  # from another country, and nothing else in common
    cyril.person.save()
    recommendations.recompute(event)
    assert listed(anna) == [ben.pk]
    # Cyril, with no offer or request and nothing better, still meets someone.
    assert sorted(listed(cyril)) == [anna.pk, ben.pk]
    for row in Recommendation.objects.filter(participant=anna):
        assert {reason["code"] for reason in row.reasons} - {"cross-border"}


def test_an_older_recomputation_gives_way_to_a_newer_one_already_stored(fair, monkeypatch):
    event, session, anna, ben, cyril = fair
    fibres = ask_for_fibres(anna)
    recommendations.recompute(event)
    offer_the_answer(ben)
    recommendations.recompute(event)
    assert Notification.objects.count() == 1
    # One that read the profiles before the offer was added, and stores last: it changes
    # nothing, else the next recomputation would announce the answer a second time.
    earlier = timezone.now() - timedelta(minutes=1)
    monkeypatch.setattr(recommendations, "database_now", lambda event: earlier)
    assert recommendations.recompute(event) == 0
    assert not UnansweredRequest.objects.filter(opportunity=fibres).exists()
    assert listed(anna) == [ben.pk]
    monkeypatch.undo()
    recommendations.recompute(event)
    assert Notification.objects.count() == 1


def test_a_dismissed_answerer_is_not_named(fair):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    recommendations.recompute(event)
    recommendations.dismiss(by=anna, other=ben)
    offer_the_answer(ben)
    recommendations.recompute(event)
    assert not Notification.objects.exists()
    assert not UnansweredRequest.objects.exists()


def test_the_best_answer_someone_may_see_is_named(fair):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    recommendations.recompute(event)
    other = ParticipantFactory(event=event)
    OpportunityFactory(person=ben.person, direction="offer", title="Optical fibre sensors")
    OpportunityFactory(person=other.person, direction="offer", title=FIBRES)
    recommendations.recompute(event)
    assert Notification.objects.get().about == other


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_recomputations_racing_over_a_new_answer_announce_it_once(fair, mailoutbox):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    recommendations.recompute(event)
    offer_the_answer(ben)
    race([lambda: recommendations.recompute(event) for _ in range(3)])
    assert Notification.objects.filter(recipient=anna).count() == 1
    assert not UnansweredRequest.objects.exists()
    assert listed(anna) == [ben.pk]


def test_the_lists_count_as_updating_while_a_recomputation_is_queued_or_running(fair, monkeypatch):
    event, session, anna, ben, cyril = fair
    assert not recommendations.updating(event)
    seen = []
    real = recommendations.recompute
    monkeypatch.setattr(
        recommendations,
        "recompute",
        lambda event: seen.append(recommendations.updating(event)) or real(event),
    )
    cache.add(recommendations.queued_key(event.pk), True)
    assert recommendations.updating(event)
    recommendations.recompute_recommendations(event.pk)
    assert seen == [True]
    assert not recommendations.updating(event)


def hide(participant):
    participant.person.visibility = "hidden"
    participant.person.save()


def withdraw(participant):
    events_services.withdraw_registration(by=participant.person.user, participant=participant)


def remove_offer(participant):
    participant.person.opportunities.all().delete()


def retitle_offer(participant):
    participant.person.opportunities.update(title="Organic sourdough bread")


def answered_later(event, anna, ben, capture) -> list:
    """Anna's request waits for an answer, then Ben offers it: the notice is stored, and its
    e-mail waits in the callbacks returned, to be sent when the test says."""
    ask_for_fibres(anna)
    recommendations.recompute(event)
    offer_the_answer(ben)
    with capture() as sending:
        recommendations.recompute(event)
    return sending


@pytest.mark.parametrize("change", [hide, withdraw, remove_offer, retitle_offer])
def test_an_answer_gone_before_its_email_goes_is_not_mailed_nor_named(
    fair, client, mailoutbox, django_capture_on_commit_callbacks, change
):
    """The e-mail goes after the notice is stored (a task, on a worker), and the page is read
    later still: neither names an author the owner may no longer see, nor an offer that is
    no longer there."""
    event, session, anna, ben, cyril = fair
    sending = answered_later(event, anna, ben, django_capture_on_commit_callbacks)
    name = str(ben.person)
    assert Notification.objects.get().data["name"] == name
    change(ben)
    for send in sending:
        send()
    assert mailoutbox == []
    assert not Notification.objects.get().emailed
    client.force_login(anna.person.user)
    response = client.get(reverse("matchmaking:notifications", args=[event.slug]))
    page = response.content.decode()
    assert name not in page
    assert f"/people/{ben.pk}/" not in page
    assert [item.text for item in response.context["page"]] == [
        f"The offer that answered your request “{FIBRES}” is no longer offered."
    ]


def test_an_answer_that_still_stands_is_named_on_the_page_in_few_queries(fair, client):
    event, session, anna, ben, cyril = fair
    ask_for_fibres(anna)
    recommendations.recompute(event)
    offer_the_answer(ben)
    recommendations.recompute(event)
    client.force_login(anna.person.user)
    url = reverse("matchmaking:notifications", args=[event.slug])
    response = client.get(url)
    assert [item.text for item in response.context["page"]] == [
        f"{ben.person} offers “{ANSWER}”, which answers your request “{FIBRES}”."
    ]
    assert f'href="/events/{event.slug}/people/{ben.pk}/"' in response.content.decode()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(5):
        Notification.objects.create(
            recipient=anna,
            kind="opportunity-answered",
            about=cyril if number % 2 else ben,
            data={"request": FIBRES, "offer": ANSWER, "name": "someone"},
        )
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six.captured_queries) == len(one.captured_queries)


def test_a_notice_whose_owner_withdrew_before_its_email_goes_is_dropped(
    fair, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    sending = answered_later(event, anna, ben, django_capture_on_commit_callbacks)
    withdraw(anna)
    for send in sending:
        send()
    assert mailoutbox == []
    assert not Notification.objects.exists()


def reason_codes(viewer, other) -> list[str]:
    row = Recommendation.objects.filter(participant=viewer, other=other).first()
    return [reason["code"] for reason in row.reasons] if row else []


def test_an_organisation_edited_by_its_manager_updates_its_peoples_suggestions(
    fair, client, django_capture_on_commit_callbacks
):
    """Its description is part of each of its people's profiles (with the job title)."""
    event, session, anna, ben, cyril = fair
    recommendations.recompute(event)
    assert "similar-profile" not in reason_codes(anna, ben)
    organisation = ben.person.organisation
    organisation.manager = ben.person
    organisation.save()
    client.force_login(ben.person.user)
    edited = organisation_post(name=organisation.name, description="Oil and gas drilling")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory:organisation-edit", args=[organisation.slug]), edited
        )
    assert response.status_code == 302
    assert "similar-profile" in reason_codes(anna, ben)


def test_a_withdrawn_registration_leaves_the_requests_it_answered_unanswered_again(
    fair, django_capture_on_commit_callbacks
):
    event, session, anna, ben, cyril = fair
    fibres = ask_for_fibres(anna)
    offer_the_answer(ben)
    recommendations.recompute(event)
    assert not UnansweredRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(ben)
    assert list(UnansweredRequest.objects.values_list("opportunity", flat=True)) == [fibres.pk]


def test_joining_an_organisation_updates_the_suggestions(fair, django_capture_on_commit_callbacks):
    event, session, anna, ben, cyril = fair
    drilling = OrganisationFactory(description="Oil and gas drilling")
    drilling.manager = PersonFactory(organisation=drilling)
    drilling.save()
    recommendations.recompute(event)
    assert "similar-profile" not in reason_codes(anna, cyril)
    asked = directory_services.request_to_join(
        by=cyril.person.user, person=cyril.person, organisation=drilling
    )
    with django_capture_on_commit_callbacks(execute=True):
        directory_services.approve_join(by=drilling.manager.user, join_request=asked)
    assert "similar-profile" in reason_codes(anna, cyril)
