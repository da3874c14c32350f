"""Form fields on a phone: the date and time pickers, file choosers and radio buttons are
as easy to tap as the text fields beside them, and the language buttons as a thumb."""

import pytest

from modus.events.models import Participant
from tests.awards.helpers import checked_in_voter, voting_world
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Each field's box, and the box of the form's first text field to compare it with.
BOXES = """(selector) => {
  const box = (el) => { const b = el.getBoundingClientRect(); return [b.width, b.height]; };
  const text = document.querySelector("main input[type=text]");
  return {
    text: box(text),
    fields: [...document.querySelectorAll(selector)].map((el) => [el.name, ...box(el)]),
  };
}"""


def fields_alike(page, address: str, selector: str) -> list:
    """The fields that are narrower or lower than the text field of their page."""
    page.goto(address)
    seen = page.evaluate(BOXES, selector)
    width, height = seen["text"]
    assert seen["fields"] != []
    return [
        (name, round(w), round(h))
        for name, w, h in seen["fields"]
        if w < width - 1 or h < height - 1
    ]


def test_an_organisers_date_time_and_file_fields_are_as_big_as_the_text_fields(page, sign_in):
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER).person.user
    sign_in(organiser)
    dates = "main input[type=date], main input[type=time], main input[type=datetime-local]"
    assert fields_alike(page, f"/events/{event.slug}/manage/programme/new/", dates) == []
    assert fields_alike(page, f"/events/{event.slug}/visits/new/", dates) == []
    assert fields_alike(page, f"/events/{event.slug}/manage/matchmaking/sessions/", dates) == []
    assert fields_alike(page, f"/events/{event.slug}/stands/manage/", "input[type=file]") == []


def test_a_voters_radio_buttons_are_as_big_as_a_checkbox(page, sign_in):
    voting = voting_world()
    sign_in(checked_in_voter(voting))
    page.goto(f"/events/{voting.event.slug}/awards/")
    sizes = page.evaluate(
        """[...document.querySelectorAll("input[type=radio]")].map((el) => {
          const box = el.getBoundingClientRect(); return [box.width, box.height]; })"""
    )
    assert sizes != []
    assert [size for size in sizes if min(size) < 19] == []


def test_the_language_buttons_are_big_enough_for_a_thumb(page):
    page.goto("/")
    sizes = page.evaluate(
        """[...document.querySelectorAll(".language-switcher button")].map((el) => {
          const box = el.getBoundingClientRect(); return [el.value, box.width, box.height]; })"""
    )
    assert [code for code, *_ in sizes] == ["en", "cs"]
    assert [(code, w, h) for code, w, h in sizes if min(w, h) < 44] == []
