"""Award voting in Chromium on a phone-sized screen: voting in both phases, changing a vote,
checking a receipt, the big screen's live count, and the organiser revealing results."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from modus.awards import services
from modus.awards.models import Ballot
from tests.awards.helpers import checked_in_voter, close_all, community_voter, voting_world
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sign_in(page, live_server):
    """A signed-in session cookie, made as Django's login makes one (the e-mail link itself
    has its own browser test)."""

    def sign_in_as(user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )

    return sign_in_as


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_voting_in_both_phases_changing_a_vote_and_checking_the_receipt(page, sign_in):
    voting = voting_world()
    voter = checked_in_voter(voting)
    services.invite_voters(
        by=voting.organiser, event=voting.event, emails=[voter.email], send=False
    )
    sign_in(voter)
    page.goto(f"/events/{voting.event.slug}/awards/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Awards")
    fits_the_phone(page)
    online = page.locator("form.vote-form[data-phase=online]")
    online.get_by_label("Alena Nováková").check()
    online.get_by_role("button", name="Vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for voting")
    first = page.get_by_test_id("receipt").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", first)
    # The receipt's own page, reached by a redirect: a reload shows it, and votes no more.
    assert page.url.endswith(f"/awards/{voting.award.pk}/receipt/online/")
    fits_the_phone(page)
    page.reload()
    expect(page.get_by_test_id("receipt")).to_have_text(first)

    page.get_by_role("link", name="Back to the awards").click()
    on_site = page.locator("form.vote-form[data-phase=onsite]")
    on_site.get_by_label("Cecílie Černá").check()
    on_site.get_by_role("button", name="Vote").click()
    expect(page.get_by_test_id("receipt")).to_be_visible()

    page.get_by_role("link", name="Back to the awards").click()
    online = page.locator("form.vote-form[data-phase=online]")
    expect(online.get_by_test_id("voted")).to_be_visible()
    expect(online.get_by_label("Receipt code of your earlier ballot")).to_have_value(first)
    online.get_by_label("Boris Beran").check()
    online.get_by_role("button", name="Change my vote").click()
    second = page.get_by_test_id("receipt").inner_text().strip()
    assert second != first
    assert sorted(Ballot.objects.values_list("nominee__name", flat=True)) == [
        "Boris Beran",
        "Cecílie Černá",
    ]

    page.get_by_role("button", name="Check this receipt").click()
    expect(page.get_by_test_id("receipt-check")).to_contain_text("Boris Beran")
    assert "code=" not in page.url  # the code opens the choice: never in an address
    page.get_by_label("Receipt code").fill(first)
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_test_id("receipt-check")).to_contain_text("No ballot has this receipt code.")
    fits_the_phone(page)


def test_the_big_screen_counts_ballots_live_without_results(page):
    voting = voting_world()
    page.goto(f"/events/{voting.event.slug}/awards/screen/")
    count = page.get_by_test_id("screen-count")
    expect(count.locator("[data-phase=online]")).to_contain_text("0 ballots cast")
    expect(page.get_by_test_id("vote-url")).to_contain_text(f"/events/{voting.event.slug}/awards/")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    services.cast_vote(
        by=community_voter(voting),
        award=voting.award,
        phase=voting.online,
        nominee_id=voting.nominees[0].pk,
    )
    expect(count.locator("[data-phase=online]")).to_contain_text("1 ballot cast", timeout=15_000)
    expect(page.locator("body")).not_to_contain_text("Alena")
    fits_the_phone(page)


def test_the_organiser_reveals_the_result_at_the_ceremony(page, sign_in):
    voting = voting_world()
    for nominee in (voting.nominees[1], voting.nominees[1], voting.nominees[0]):
        services.cast_vote(
            by=community_voter(voting),
            award=voting.award,
            phase=voting.online,
            nominee_id=nominee.pk,
        )
    close_all(voting)
    sign_in(voting.organiser)
    page.goto(f"/events/{voting.event.slug}/manage/awards/ceremony/")
    card = page.get_by_test_id(f"ceremony-{voting.award.pk}")
    card.get_by_role("button", name="Reveal and publish the result").click()
    expect(page.get_by_text("is published.")).to_be_visible()
    chart = page.get_by_test_id(f"ceremony-{voting.award.pk}").locator(".chart li")
    expect(chart.first).to_contain_text("1. Boris Beran 33.3 %")
    fits_the_phone(page)
    page.goto(f"/events/{voting.event.slug}/awards/results/")
    result = page.get_by_test_id(f"result-{voting.award.pk}")
    expect(result.locator("tbody tr").first).to_contain_text("Boris Beran")
    expect(result.locator("tbody tr").first).to_contain_text("2 (66.7 %)")
    expect(page.get_by_role("link", name="ballot list (CSV)")).to_be_visible()


def test_a_nominees_picture_added_by_the_organiser_shows_on_the_ballot(page, sign_in, tmp_path):
    image = tmp_path / "dana.png"
    Image.new("RGB", (40, 40), "teal").save(image)
    voting = voting_world()
    sign_in(voting.organiser)
    page.goto(f"/events/{voting.event.slug}/manage/awards/{voting.award.pk}/")
    page.get_by_label("Name").fill("Dana Dvořáková")
    page.get_by_label("Picture").set_input_files(image)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Nominee added.")).to_be_visible()
    page.goto(f"/events/{voting.event.slug}/awards/")
    fits_the_phone(page)
    picture = page.locator(".nominees img.avatar")
    expect(picture).to_have_count(1)
    # decode() waits for the picture and fails for a broken one: the view answered with it.
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") == 40


def test_an_unlisted_events_nominee_picture_shows_to_its_participant_only(page, sign_in):
    voting = voting_world(EventFactory(is_public=False))
    nominee = voting.nominees[0]
    drawn = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(drawn, "PNG")
    nominee.picture.save("alena.png", ContentFile(drawn.getvalue()))
    address = nominee.picture.url
    # Not signed in: the address alone shows nothing.
    assert page.request.get(address).status == 404
    sign_in(ParticipantFactory(event=voting.event).person.user)
    page.goto(f"/events/{voting.event.slug}/awards/")
    fits_the_phone(page)
    picture = page.locator(".nominees img.avatar")
    expect(picture).to_have_count(1)
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") == 40
