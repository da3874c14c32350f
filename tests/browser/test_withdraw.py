import pytest
from playwright.sync_api import expect

from modus.events.models import Participant
from modus.events.registration_notices import withdraw_token
from tests.factories import EventFactory, OrganisationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_withdraws_a_registration_they_did_not_ask_for_on_a_phone(page):
    """From the e-mail's link, without signing in: the page asks, the button withdraws."""
    event = EventFactory(
        name="European Cluster Conference with a rather long name for a phone",
        host=OrganisationFactory(name="Czech National Cluster Association"),
    )
    participant = ParticipantFactory(
        event=event, person__first_name="Nora", person__last_name="Nováková"
    )
    page.goto(f"/events/withdraw/{withdraw_token(participant)}/")
    expect(page.get_by_test_id("withdraw")).to_contain_text(
        "Czech National Cluster Association registered Nora Nováková for European Cluster"
    )
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert Participant.objects.filter(pk=participant.pk).exists()
    page.get_by_role("button", name="Withdraw my registration").click()
    expect(page.get_by_test_id("withdraw-done")).to_contain_text(
        "You are no longer registered for European Cluster Conference"
    )
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_a_damaged_link_says_so_on_a_phone_and_withdraws_nothing(page):
    participant = ParticipantFactory()
    token = withdraw_token(participant)
    damaged = token[:-1] + ("A" if token[-1] != "A" else "B")
    page.goto(f"/events/withdraw/{damaged}/")
    expect(page.get_by_test_id("withdraw-refused")).to_have_text("This link is not valid.")
    expect(page.get_by_role("button", name="Withdraw my registration")).to_have_count(0)
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_the_organiser_finds_who_withdrew_on_the_participant_list_on_a_phone(page, sign_in):
    """From the notice's link: the participant list's section of withdrawals."""
    event = EventFactory(name="Cluster Conference")
    organiser = ParticipantFactory(event=event, role="organiser")
    participant = ParticipantFactory(
        event=event, person__first_name="Nora", person__last_name="Nováková-Dlouhá"
    )
    page.goto(f"/events/withdraw/{withdraw_token(participant)}/")
    page.get_by_role("button", name="Withdraw my registration").click()
    expect(page.get_by_test_id("withdraw-done")).to_be_visible()
    sign_in(organiser.person.user)
    page.goto(f"/events/{event.slug}/notifications/")
    page.get_by_role("link", name="Nora Nováková-Dlouhá withdrew their registration").click()
    withdrawn = page.get_by_test_id("withdrawn")
    expect(withdrawn.get_by_role("heading")).to_have_text("1 registration withdrawn")
    expect(withdrawn.get_by_test_id("withdrawal")).to_contain_text("Nora Nováková-Dlouhá")
    expect(withdrawn).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") == 390
