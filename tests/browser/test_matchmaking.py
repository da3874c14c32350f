"""Matchmaking pages in Chromium: marketplace, suggestions, requests, inbox and organiser page."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from modus.events.models import Event, Participant
from modus.events.registration_notices import withdraw_token
from modus.matchmaking.models import (
    Dismissal,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Recommendation,
)
from modus.matchmaking.services import recommendations, requests, setup
from tests.browser.helpers import named_participant, switch_to
from tests.factories import OpportunityFactory, ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1

pytestmark = pytest.mark.django_db(transaction=True)

ANNAS_REQUEST = "Optical components supplier for laser cutting"
BENS_OFFER = "Optical components for laser cutting machines"


@dataclass
class Fair:
    event: Event
    session: MatchmakingSession
    anna: Participant
    ben: Participant
    cyril: Participant

    def url(self, path: str) -> str:
        return f"/events/{self.event.slug}/{path}"

    def slot(self, position: int):
        return self.session.slots.get(position=position)


@pytest.fixture
def fair() -> Fair:
    """One session of four 20-minute slots from 14:00 Prague time, two tables, three delegates."""
    event, session = event_with_day_1(name="Optics Fair")
    anna, ben, cyril = (
        named_participant(event, first, last)
        for first, last in (("Anna", "Novak"), ("Ben", "Richter"), ("Cyril", "Dvorak"))
    )
    return Fair(event, session, anna, ben, cyril)


@pytest.fixture
def matched(fair: Fair) -> Fair:
    """Anna looks for what Ben offers; the stored suggestions know it."""
    OpportunityFactory(person=fair.anna.person, direction="request", title=ANNAS_REQUEST)
    OpportunityFactory(person=fair.ben.person, direction="offer", title=BENS_OFFER)
    recommendations.recompute(fair.event)
    return fair


def similar(viewer: Participant, other: Participant) -> str:
    """The reason a similar profile gives, naming the two organisations it compares."""
    return (
        f"Similar profile: {other.person.organisation} describes work like that of "
        f"{viewer.person.organisation}"
    )


def suggested(page: Page) -> list[str]:
    return page.get_by_test_id("recommendations").locator("> li strong a").all_inner_texts()


def suggestion(page: Page, name: str):
    return page.get_by_test_id("recommendations").locator("> li", has_text=name)


def slot_times(*times: str) -> list[re.Pattern]:
    """Slot choices by their time in the event's zone; the session name may come before or after."""
    return [re.compile(rf"(^|\W)Mon 26 Sep {time}(\W|$)") for time in times]


def save_offer_on_profile(page: Page, title: str) -> None:
    """On the profile page: fill the empty offer-or-request row as an offer, and save."""
    form = page.get_by_test_id("opportunity-form").first
    form.get_by_label("Offer or request").select_option("offer")
    form.get_by_label("Kind").select_option("product")
    form.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()


def section(page: Page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def test_an_offer_added_on_my_profile_shows_in_the_marketplace(page, sign_in, fair):
    OpportunityFactory(person=fair.cyril.person, direction="request", title="Funding partner")
    OpportunityFactory(direction="offer", title="An offer of someone at another event")
    fair.ben.person.organisation.name = "Ben's Lasers"
    fair.ben.person.organisation.save()
    sign_in(fair.ben.person.user)
    page.goto(fair.url("marketplace/"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 offer or request")
    page.get_by_role("link", name="Add my offer or request").click()
    save_offer_on_profile(page, BENS_OFFER)
    assert list(fair.ben.person.opportunities.values_list("direction", "title")) == [
        ("offer", BENS_OFFER)
    ]
    page.goto(fair.url("marketplace/"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 offers and requests")
    expect(page.locator(".results h3")).to_have_text(
        [f"Offer · {BENS_OFFER}", "Request · Funding partner"]
    )
    # At phone width the filters are folded, so the results are in sight.
    expect(page.get_by_label("Offers or requests")).to_be_hidden()
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Offers or requests").select_option("offer")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 offer or request")
    # A filter in use keeps them open.
    expect(page.get_by_label("Offers or requests")).to_be_visible()
    expect(page.locator(".results li.opportunity h3")).to_have_text([f"Offer · {BENS_OFFER}"])
    expect(page.locator(".results li.opportunity > div").last).to_have_text(
        "Ben Richter, Ben's Lasers"
    )


def test_saving_a_profile_refreshes_the_suggestions_in_the_background(page, sign_in, fair):
    OpportunityFactory(person=fair.anna.person, direction="request", title=ANNAS_REQUEST)
    recommendations.recompute(fair.event)
    sign_in(fair.ben.person.user)
    page.goto(fair.url("recommendations/"))
    expect(suggestion(page, "Anna Novak").locator(".reasons li")).to_have_text(
        [similar(fair.ben, fair.anna)]
    )
    page.goto("/directory/me/")
    save_offer_on_profile(page, BENS_OFFER)
    page.goto(fair.url("recommendations/"))
    assert suggested(page)[0] == "Anna Novak"
    expect(suggestion(page, "Anna Novak").locator(".reasons li")).to_have_text(
        [
            f"Your offer “{BENS_OFFER}” answers their request “{ANNAS_REQUEST}”",
            similar(fair.ben, fair.anna),
        ]
    )


def test_a_request_no_one_answers_is_told_and_the_answer_announced(page, sign_in, fair):
    OpportunityFactory(person=fair.anna.person, direction="request", title=ANNAS_REQUEST)
    recommendations.recompute(fair.event)
    sign_in(fair.anna.person.user)
    page.goto(fair.url("recommendations/"))
    expect(page.get_by_test_id("unanswered")).to_have_text(
        f"No offer answers “{ANNAS_REQUEST}” yet; we will tell you when one does."
    )
    switch_to(page, sign_in, fair.ben)
    page.goto("/directory/me/")
    save_offer_on_profile(page, BENS_OFFER)
    switch_to(page, sign_in, fair.anna)
    page.goto(fair.url("notifications/"))
    expect(
        page.get_by_text(
            f"Ben Richter offers “{BENS_OFFER}”, which answers your request “{ANNAS_REQUEST}”."
        )
    ).to_be_visible()
    page.goto(fair.url("recommendations/"))
    expect(page.get_by_test_id("unanswered")).to_have_count(0)
    assert suggested(page)[0] == "Ben Richter"


def test_a_withdrawn_answer_leaves_the_request_unanswered_on_the_page(page, sign_in, fair):
    OpportunityFactory(person=fair.anna.person, direction="request", title=ANNAS_REQUEST)
    OpportunityFactory(person=fair.ben.person, direction="offer", title=BENS_OFFER)
    recommendations.recompute(fair.event)
    page.goto(f"/events/withdraw/{withdraw_token(fair.ben)}/")
    page.get_by_role("button", name="Withdraw my registration").click()
    expect(page.get_by_test_id("withdraw-done")).to_be_visible()
    sign_in(fair.anna.person.user)
    page.goto(fair.url("recommendations/"))
    expect(page.get_by_test_id("unanswered")).to_have_text(
        f"No offer answers “{ANNAS_REQUEST}” yet; we will tell you when one does."
    )
    expect(page.get_by_text("Ben Richter")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_answer_whose_author_hid_their_profile_names_them_no_more(page, sign_in, fair):
    OpportunityFactory(person=fair.anna.person, direction="request", title=ANNAS_REQUEST)
    recommendations.recompute(fair.event)
    OpportunityFactory(person=fair.ben.person, direction="offer", title=BENS_OFFER)
    recommendations.recompute(fair.event)
    sign_in(fair.anna.person.user)
    page.goto(fair.url("notifications/"))
    told = f"Ben Richter offers “{BENS_OFFER}”, which answers your request “{ANNAS_REQUEST}”."
    expect(page.get_by_role("link", name=told)).to_be_visible()
    fair.ben.person.visibility = "hidden"
    fair.ben.person.save()
    page.reload()
    expect(page.locator(".results > li").first).to_contain_text(
        f"The offer that answered your request “{ANNAS_REQUEST}” is no longer offered."
    )
    expect(page.get_by_text("Ben Richter")).to_have_count(0)
    expect(page.locator(".results a")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_requesting_a_meeting_from_a_recommendation(page, sign_in, matched):
    fair = matched
    sign_in(fair.anna.person.user)
    page.goto(fair.url("recommendations/"))
    assert suggested(page)[0] == "Ben Richter"
    first = suggestion(page, "Ben Richter")
    expect(first.locator(".reasons li")).to_have_text(
        [
            f"Their offer “{BENS_OFFER}” answers your request “{ANNAS_REQUEST}”",
            similar(fair.anna, fair.ben),
        ]
    )
    first.get_by_role("link", name="Request a meeting").click()
    expect(page.get_by_role("heading", name="Ben Richter", level=1)).to_be_visible()
    expect(page.get_by_text(f"Offer · Product: {BENS_OFFER}")).to_be_visible()
    page.get_by_label("Message").fill("Could we talk about your optics?")
    page.get_by_label("Day 1").check()
    page.get_by_role("button", name="Request a meeting").click()
    expect(page.get_by_text("Your request was sent to Ben Richter.")).to_be_visible()
    expect(page.get_by_test_id("outgoing").locator("li strong a")).to_have_text(["Ben Richter"])
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.status, request.message) == (
        fair.anna,
        fair.ben,
        "pending",
        "Could we talk about your optics?",
    )
    assert list(request.sessions.all()) == [fair.session]
    page.goto(fair.url("recommendations/"))
    assert "Ben Richter" not in suggested(page)


def test_accepting_with_a_slot_shows_the_contact_only_afterwards(page, sign_in, fair):
    request = requests.send_request(by=fair.anna, recipient=fair.ben, message="Hello Ben")
    sign_in(fair.ben.person.user)
    page.goto(fair.url(f"people/{fair.anna.pk}/"))
    expect(page.get_by_role("heading", name="Anna Novak", level=1)).to_be_visible()
    expect(page.get_by_test_id("contact")).to_have_count(0)
    expect(page.get_by_text("anna@example.org")).to_have_count(0)
    expect(page.get_by_text("Anna Novak has asked to meet you.")).to_be_visible()
    page.get_by_role("link", name="Answer the request").click()
    incoming = page.get_by_test_id("incoming")
    expect(incoming.locator("blockquote")).to_have_text("Hello Ben")
    slot = incoming.get_by_label("Time slot")
    expect(slot.locator("option")).to_have_text(
        slot_times("14:00–14:20", "14:20–14:40", "14:40–15:00", "15:00–15:20")
    )
    slot.select_option(value=str(fair.slot(1).pk))
    incoming.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("Meeting with Anna Novak confirmed.")).to_be_visible()
    meetings = page.get_by_test_id("meetings")
    expect(meetings.get_by_test_id("contact")).to_have_text("anna@example.org")
    expect(meetings.locator("li p").first).to_have_text("Mon 26 Sep 14:20–14:40 · Day 1 · table T1")
    expect(incoming.locator("li")).to_have_text(["No requests waiting for you."])
    meeting = Meeting.objects.get()
    assert (meeting.request, meeting.status, meeting.slot, meeting.table.name) == (
        request,
        "confirmed",
        fair.slot(1),
        "T1",
    )
    assert MeetingRequest.objects.get().status == "accepted"
    page.goto(fair.url(f"people/{fair.anna.pk}/"))
    expect(page.get_by_test_id("contact")).to_have_text("anna@example.org")
    expect(page.get_by_text("You have a meeting.")).to_be_visible()


def test_declining_with_a_reason_closes_the_request_for_the_requester(page, sign_in, fair):
    requests.send_request(by=fair.anna, recipient=fair.ben)
    sign_in(fair.ben.person.user)
    page.goto(fair.url("meetings/"))
    incoming = page.get_by_test_id("incoming")
    incoming.locator("summary", has_text="Decline").click()
    incoming.get_by_label("Reason (optional)").fill("Fully booked that day")
    incoming.get_by_role("button", name="Decline request").click()
    expect(page.get_by_text("Request declined.")).to_be_visible()
    expect(page.get_by_test_id("incoming").locator("li")).to_have_text(
        ["No requests waiting for you."]
    )
    request = MeetingRequest.objects.get()
    assert (request.status, request.decline_reason) == ("declined", "Fully booked that day")
    assert Meeting.objects.count() == 0
    switch_to(page, sign_in, fair.anna)
    page.goto(fair.url("meetings/"))
    expect(page.get_by_test_id("outgoing").locator("li")).to_have_text(
        ["You have no open requests."]
    )
    expect(section(page, "Closed requests").locator("li")).to_have_text(
        ["Anna Novak → Ben Richter: Declined (Fully booked that day)"]
    )


def test_withdrawing_my_request(page, sign_in, fair):
    requests.send_request(by=fair.anna, recipient=fair.ben)
    requests.send_request(by=fair.anna, recipient=fair.cyril)
    sign_in(fair.anna.person.user)
    page.goto(fair.url("meetings/"))
    outgoing = page.get_by_test_id("outgoing")
    expect(outgoing.locator("li strong a")).to_have_text(["Ben Richter", "Cyril Dvorak"])
    outgoing.locator("li", has_text="Ben Richter").get_by_role("button", name="Withdraw").click()
    expect(page.get_by_text("Request withdrawn.")).to_be_visible()
    expect(page.get_by_test_id("outgoing").locator("li strong a")).to_have_text(["Cyril Dvorak"])
    expect(section(page, "Closed requests").locator("li")).to_have_text(
        ["Anna Novak → Ben Richter: Withdrawn"]
    )
    assert dict(MeetingRequest.objects.values_list("recipient", "status")) == {
        fair.ben.pk: "withdrawn",
        fair.cyril.pk: "pending",
    }


def test_cancelling_a_confirmed_meeting(page, sign_in, fair):
    request = requests.send_request(by=fair.anna, recipient=fair.ben)
    meeting = requests.accept_request(request=request, by=fair.ben, slot=fair.slot(0))
    sign_in(fair.anna.person.user)
    page.goto(fair.url(f"people/{fair.ben.pk}/"))
    expect(page.get_by_test_id("contact")).to_have_text("ben@example.org")
    page.get_by_role("link", name="See my meetings").click()
    meetings = page.get_by_test_id("meetings")
    expect(meetings.get_by_test_id("contact")).to_have_text("ben@example.org")
    meetings.locator("summary", has_text="Cancel this meeting").click()
    meetings.get_by_label("Reason (optional)").fill("Flight cancelled")
    meetings.get_by_role("button", name="Cancel meeting").click()
    expect(page.get_by_text("Meeting cancelled.")).to_be_visible()
    expect(page.get_by_test_id("meetings").locator("li")).to_have_text(["No meetings yet."])
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_by, meeting.cancel_reason) == (
        "cancelled",
        fair.anna,
        "Flight cancelled",
    )
    assert list(meeting.seats.values_list("active", flat=True)) == [False, False]
    page.goto(fair.url(f"people/{fair.ben.pk}/"))
    expect(page.get_by_role("heading", name="Ben Richter", level=1)).to_be_visible()
    expect(page.get_by_test_id("contact")).to_have_count(0)


def test_not_interested_hides_the_suggestion(page, sign_in, matched):
    fair = matched
    OpportunityFactory(person=fair.cyril.person, direction="offer", title="Laser cutting service")
    recommendations.recompute(fair.event)
    sign_in(fair.anna.person.user)
    page.goto(fair.url("recommendations/"))
    assert sorted(suggested(page)) == ["Ben Richter", "Cyril Dvorak"]
    # A secondary action, drawn as one: outlined, not filled like "Request a meeting".
    not_interested = suggestion(page, "Ben Richter").get_by_role("button", name="Not interested")
    expect(not_interested).to_have_css("background-color", "rgb(255, 255, 255)")
    not_interested.click()
    expect(page.get_by_text("Ben Richter will not be suggested again.")).to_be_visible()
    assert suggested(page) == ["Cyril Dvorak"]
    assert list(Dismissal.objects.values_list("participant", "other")) == [
        (fair.anna.pk, fair.ben.pk)
    ]
    assert not Recommendation.objects.filter(participant=fair.anna, other=fair.ben).exists()
    page.reload()
    expect(page.get_by_test_id("recommendations").locator("> li strong a")).to_have_text(
        ["Cyril Dvorak"]
    )


def test_the_organisers_page_counts_and_saves_settings(page, sign_in, fair):
    organiser = ParticipantFactory(
        event=fair.event, role="organiser", person__first_name="Olga", person__last_name="Org"
    )
    ParticipantFactory(
        event=fair.event,
        person__first_name="Dana",
        person__last_name="Quiet",
        person__user__email="dana@example.org",
        person__organisation__name="Quiet Optics",
    )
    requests.send_request(by=fair.anna, recipient=fair.ben)
    accepted = requests.send_request(by=fair.cyril, recipient=fair.ben)
    requests.accept_request(request=accepted, by=fair.ben, slot=fair.slot(2))
    declined = requests.send_request(by=fair.cyril, recipient=fair.anna)
    requests.decline_request(request=declined, by=fair.anna)
    sign_in(organiser.person.user)
    page.goto(fair.url("manage/matchmaking/"))
    figures = page.get_by_test_id("figures")
    expect(figures.locator("li")).to_have_text(
        [
            "Waiting for an answer: 1",
            "Accepted: 1",
            "Declined: 1",
            "Withdrawn: 0",
            "Expired: 0",
            "Confirmed meetings: 1",
            "Waiting for the scheduler: 0",
        ]
    )
    expect(figures.locator("p")).to_have_text("1 session, 2 tables. Sessions and tables")
    nudges = page.get_by_test_id("without-requests")
    expect(nudges.get_by_role("heading")).to_have_text("1 participant has no request yet")
    expect(nudges.locator("li")).to_have_text(["Dana Quiet · Quiet Optics · dana@example.org"])
    page.get_by_label("Scheduling mode").select_option("organiser")
    page.get_by_label("Meetings per person per session:", exact=True).fill("3")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Matchmaking settings saved.")).to_be_visible()
    settings = setup.settings_for(fair.event)
    assert (settings.scheduling_mode, settings.max_meetings_per_session) == ("organiser", 3)
    assert (settings.request_mode, settings.max_pending_requests) == ("opt-in", 20)
    expect(page.get_by_label("Scheduling mode")).to_have_value("organiser")
    expect(page.get_by_label("Meetings per person per session:", exact=True)).to_have_value("3")


def test_only_slots_free_for_both_and_with_a_free_table_are_offered(page, sign_in, fair):
    dana, emil, fred = (ParticipantFactory(event=fair.event) for _ in range(3))
    # Anna is busy in the first slot; both tables are taken in the third.
    for requester, recipient, position in (
        (fair.cyril, fair.anna, 0),
        (dana, emil, 2),
        (fred, fair.cyril, 2),
    ):
        request = requests.send_request(by=requester, recipient=recipient)
        requests.accept_request(request=request, by=recipient, slot=fair.slot(position))
    requests.send_request(by=fair.anna, recipient=fair.ben)
    sign_in(fair.ben.person.user)
    page.goto(fair.url("meetings/"))
    slot = page.get_by_test_id("incoming").get_by_label("Time slot")
    expect(slot.locator("option")).to_have_text(slot_times("14:20–14:40", "15:00–15:20"))
    assert [option.get_attribute("value") for option in slot.locator("option").all()] == [
        str(fair.slot(1).pk),
        str(fair.slot(3).pk),
    ]


def test_the_recipient_is_notified_of_a_request(page, sign_in, fair):
    requests.send_request(by=fair.anna, recipient=fair.ben)
    sign_in(fair.ben.person.user)
    page.goto(fair.url("notifications/"))
    expect(page.locator(".results li.unread a")).to_have_text(["Anna Novak asks to meet you."])
    expect(page.get_by_test_id("unread-count")).to_have_text("1 new notification")
    # Looking is not reading: only the button marks them read.
    page.reload()
    assert fair.ben.notifications.filter(read_at__isnull=True).count() == 1
    page.get_by_role("button", name="Mark all read").click()
    expect(page.locator(".results li.unread")).to_have_count(0)
    assert fair.ben.notifications.filter(read_at__isnull=True).count() == 0
    page.get_by_role("link", name="Anna Novak asks to meet you.").click()
    expect(page.get_by_role("heading", name="My meetings", level=1)).to_be_visible()
    expect(page.get_by_test_id("incoming").locator("li strong a")).to_have_text(["Anna Novak"])


def test_a_declined_person_asks_again_only_once_allowed(page, sign_in, fair):
    requests.decline_request(
        request=requests.send_request(by=fair.anna, recipient=fair.ben), by=fair.ben
    )
    sign_in(fair.anna.person.user)
    page.goto(fair.url(f"people/{fair.ben.pk}/"))
    expect(page.get_by_test_id("closed")).to_have_text(
        "Ben Richter declined your request or cancelled your meeting; you can ask again once "
        "they allow new requests from you."
    )
    expect(page.get_by_role("button", name="Request a meeting")).to_have_count(0)
    sign_in(fair.ben.person.user)
    page.goto(fair.url("meetings/"))
    closed = page.get_by_test_id("closed")
    expect(closed.locator("li")).to_have_text([re.compile("^Anna Novak")])
    closed.get_by_role("button", name="Allow new requests").click()
    expect(page.get_by_text("Anna Novak may ask you for a meeting again.")).to_be_visible()
    expect(page.get_by_test_id("closed")).to_have_count(0)
    assert requests.send_request(by=fair.anna, recipient=fair.ben).status == "pending"


def test_a_hidden_person_is_not_on_the_marketplace(page, sign_in, fair):
    fair.ben.person.visibility = "hidden"
    fair.ben.person.save()
    OpportunityFactory(person=fair.ben.person, direction="offer", title=BENS_OFFER)
    OpportunityFactory(person=fair.cyril.person, direction="offer", title="Laser optics")
    sign_in(fair.anna.person.user)
    page.goto(fair.url("marketplace/"))
    expect(page.locator(".results h3")).to_have_text(["Offer · Laser optics"])
    expect(page.get_by_text("Ben Richter")).to_have_count(0)


def test_from_the_marketplace_a_delegate_requests_a_meeting_in_two_clicks(page, sign_in, matched):
    fair = matched
    sign_in(fair.anna.person.user)
    page.goto(fair.url("marketplace/"))
    offer = page.locator(".results > li", has_text=BENS_OFFER)
    expect(offer.get_by_test_id("owner").get_by_role("link")).to_have_text("Ben Richter")
    # My own request has no button: there is nobody to ask.
    mine = page.locator(".results > li", has_text=ANNAS_REQUEST)
    expect(mine.get_by_role("link", name="Request a meeting")).to_have_count(0)
    offer.get_by_role("link", name="Request a meeting").click()
    page.get_by_role("button", name="Request a meeting").click()
    expect(page.get_by_text("Your request was sent to Ben Richter.")).to_be_visible()
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.status) == (
        fair.anna,
        fair.ben,
        "pending",
    )


def test_signed_out_the_marketplace_asks_to_sign_in(page, fair):
    page.goto(fair.url("marketplace/"))
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next=/events/.+/marketplace/$"))


# The filter card's height less what it holds: zero when it does not stretch.
CARD_SLACK = """() => {
  const card = document.querySelector("form.filters");
  const inner = card.querySelector("details");
  const style = getComputedStyle(card);
  const frame = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"]
    .reduce((sum, name) => sum + parseFloat(style[name]), 0);
  return Math.round(card.getBoundingClientRect().height - inner.getBoundingClientRect().height
    - frame);
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_card_is_as_tall_as_its_fields(page, sign_in, fair, width):
    for _ in range(8):
        other = ParticipantFactory(event=fair.event)
        OpportunityFactory(person=other.person, direction="offer", title=BENS_OFFER)
    OpportunityFactory(person=fair.anna.person, direction="request", title=ANNAS_REQUEST)
    recommendations.recompute(fair.event)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(fair.anna.person.user)
    page.goto(fair.url("recommendations/"))
    expect(page.get_by_test_id("recommendations").locator("> li")).to_have_count(10)
    assert page.evaluate(CARD_SLACK) == 0


def test_filters_that_leave_nobody_and_a_hidden_profile_are_told_at_phone_width(
    page, sign_in, matched
):
    fair = matched
    sign_in(fair.anna.person.user)
    page.goto(fair.url("recommendations/"))
    page.get_by_text("Filters").click()
    # Only the countries of the people listed are offered.
    options = page.get_by_label("Country").locator("option")
    expect(options).to_have_count(2)
    page.get_by_label("Organisation kind").select_option("investor")
    page.get_by_role("button", name="Filter").click()
    empty = page.get_by_test_id("none-filtered")
    expect(empty).to_contain_text("Nobody in your suggestions matches these filters.")
    empty.get_by_role("link", name="Show all my suggestions").click()
    expect(page.get_by_test_id("recommendations")).to_contain_text("Ben Richter")

    fair.anna.person.visibility = "hidden"
    fair.anna.person.save()
    page.reload()
    notice = page.get_by_test_id("hidden-profile")
    expect(notice).to_be_in_viewport()
    notice.get_by_role("link", name="Change who sees my profile").click()
    expect(page.get_by_label("Profile visibility")).to_be_in_viewport()
