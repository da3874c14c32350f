import pytest
from PIL import Image
from playwright.sync_api import expect

from modus.directory.models import Person
from tests.factories import OpportunityFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_editing_my_profile_and_adding_an_offer(page, sign_in):
    person = PersonFactory(first_name="Eva", job_title="Engineer")
    sign_in(person.user)
    page.get_by_role("link", name="My profile").click()
    page.get_by_label("Job title").fill("Head of R&D")
    page.get_by_label("Profile visibility").select_option("public")
    form = page.get_by_test_id("opportunity-form").first
    form.get_by_label("Offer or request").select_option("offer")
    form.get_by_label("Kind").select_option("technology")
    form.get_by_label("Title").fill("Femtosecond laser micromachining")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    person = Person.objects.get(pk=person.pk)
    assert (person.job_title, person.visibility) == ("Head of R&D", "public")
    assert [o.title for o in person.opportunities.all()] == ["Femtosecond laser micromachining"]
    expect(page.get_by_test_id("opportunity-form").first.get_by_label("Title")).to_have_value(
        "Femtosecond laser micromachining"
    )


def test_a_bad_profile_shows_errors_and_saves_nothing(page, sign_in):
    person = PersonFactory(first_name="Eva", job_title="Engineer")
    sign_in(person.user)
    page.goto("/directory/me/")
    page.get_by_label("First name").fill("")
    page.get_by_label("Job title").fill("Changed")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".errorlist").first).to_have_text("This field is required.")
    assert Person.objects.get(pk=person.pk).job_title == "Engineer"


def test_my_photo_uploads_and_shows_on_my_organisations_page(page, sign_in, tmp_path):
    image = tmp_path / "eva.png"
    Image.new("RGB", (40, 40), "teal").save(image)
    person = PersonFactory(first_name="Eva", visibility="public", organisation__name="Optika")
    sign_in(person.user)
    page.goto("/directory/me/")
    page.get_by_label("Photo").set_input_files(image)
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    page.get_by_role("link", name="Optika").click()
    avatar = page.locator("img.avatar").first
    expect(avatar).to_be_visible()
    # Drawn, not a broken image: the view answered with the picture. decode() waits for the
    # load (and fails for a broken image), so a slow answer is not read as a wrong one.
    assert avatar.evaluate("img => img.decode().then(() => img.naturalWidth)") == 40


def test_a_refused_save_opens_at_the_summary_whose_link_leads_to_the_field(page, sign_in):
    """On a phone the offers' rows are screens below the top: the page opens at the
    summary of what to correct, and its link jumps to the row's title."""
    person = PersonFactory(first_name="Eva", job_title="Engineer")
    sign_in(person.user)
    page.goto("/directory/me/#new-opportunity")
    form = page.get_by_test_id("opportunity-form").first
    expect(form).to_be_in_viewport()
    form.get_by_label("Offer or request").select_option("offer")
    form.get_by_label("Kind").select_option("technology")
    form.get_by_label("Title").fill("   ")
    page.get_by_role("button", name="Save profile").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Nothing was saved: correct this.")
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link", name="Offer or request 1 – Title").click()
    row = page.get_by_test_id("opportunity-form").first
    expect(row.get_by_label("Title")).to_be_in_viewport()
    # The field's error, above its label, stays in sight too.
    expect(row.locator(".errorlist")).to_be_in_viewport()
    assert not person.opportunities.exists()


def test_an_offer_saved_from_two_tabs_keeps_the_first_change_and_tells_the_second(page, sign_in):
    person = PersonFactory(first_name="Eva")
    offer = OpportunityFactory(person=person, title="Lenses", description="From stock")
    sign_in(person.user)
    page.goto("/directory/me/")
    other_tab = page.context.new_page()
    other_tab.goto("/directory/me/")
    page.get_by_test_id("opportunity-form").first.get_by_label("Title").fill("Lenses and mirrors")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    row = other_tab.get_by_test_id("opportunity-form").first
    row.get_by_label("Description").fill("In six weeks")
    other_tab.get_by_role("button", name="Save profile").click()
    summary = other_tab.get_by_test_id("error-summary")
    expect(summary.locator("li")).to_have_text(
        "“Lenses and mirrors” was changed in another tab or window after this page was "
        "opened; open My profile again to see it as it now is, and make your change there."
    )
    expect(summary).to_be_in_viewport()
    assert other_tab.evaluate("document.documentElement.scrollWidth") <= 390
    offer.refresh_from_db()
    assert (offer.title, offer.description) == ("Lenses and mirrors", "From stock")
    other_tab.get_by_role("link", name="My profile").click()
    expect(other_tab.get_by_test_id("opportunity-form").first.get_by_label("Title")).to_have_value(
        "Lenses and mirrors"
    )
