import pytest
from playwright.sync_api import expect

from modus.events.models import Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)

FILE = (
    "email,first_name,last_name,country,role\n"
    "nova@example.org,Nová,Osoba,CZ,\n"
    "sara@example.org,Sára,Mluvčí,CZ,exhibitor\n"
    "<b>x</b>@example.org,X,Y,CZ,\n"
)


def test_an_organiser_previews_and_confirms_an_import(page, sign_in, tmp_path):
    event = EventFactory(name="Cluster Conference")
    organiser = ParticipantFactory(event=event, role="organiser").person
    ParticipantFactory(
        event=event,
        role="speaker",
        person__first_name="Sára",
        person__last_name="Mluvčí",
        person__user__email="sara@example.org",
    )
    sign_in(organiser.user)
    page.goto(f"/events/{event.slug}/manage/import/")
    bad = tmp_path / "bad.csv"
    bad.write_text(FILE)
    page.get_by_label("CSV or XLSX file").set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Row 4: email: Enter a valid email address.")

    page.get_by_role("link", name="Upload another file").click()
    good = tmp_path / "good.csv"
    good.write_text(FILE.rsplit("<b>", 1)[0])
    page.get_by_label("CSV or XLSX file").set_input_files(good)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("role-changes")).to_contain_text("Sára Mluvčí")
    expect(page.get_by_test_id("role-changes")).to_contain_text("Exhibitor")
    expect(page.get_by_test_id("import-plan")).to_contain_text("1 new registration (Delegate: 1)")
    assert Participant.objects.get(person__user__email="sara@example.org").role == "speaker"
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("import-result")).to_have_text(
        "Imported: 1 registered, 1 new people, 1 roles changed, 0 already registered."
    )
    assert Participant.objects.get(person__user__email="sara@example.org").role == "exhibitor"
    assert event.participants.count() == 3
