"""Helpers shared by the browser tests."""

from playwright.sync_api import Page, expect

from modus.events.models import Event, Participant
from tests.factories import ParticipantFactory


def named_participant(
    event: Event, first: str, last: str, organisation: str | None = None, **fields
) -> Participant:
    """A participant by name, signing in as first@example.org, of the named organisation
    when one is given."""
    if organisation is not None:
        fields["person__organisation__name"] = organisation
    return ParticipantFactory(
        event=event,
        person__first_name=first,
        person__last_name=last,
        person__user__email=f"{first.lower()}@example.org",
        **fields,
    )


def switch_to(page: Page, sign_in, participant: Participant) -> None:
    """Sign out, and in again as the participant."""
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    sign_in(participant.person.user)
