"""The check-in desk in Chromium: a typed code, a name search, and a badge held up to the
camera (Chromium's fake camera playing a video of the badge's QR code)."""

import urllib.request

import pytest
import segno
from PIL import Image
from playwright.sync_api import expect

from modus.accounts.services import issue_sign_in_token
from modus.events.badges import badge_for
from modus.events.models import CheckIn
from tests.browser.conftest import CHROMIUM
from tests.browser.helpers import named_participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 640, 480


@pytest.fixture(autouse=True)
def warm_server(live_server):
    """The server's first page loads the URL configuration and templates: on a busy machine
    that alone can outlast a page's 10-second timeout, so it is asked for first."""
    with urllib.request.urlopen(live_server.url + "/", timeout=120) as response:
        assert response.status == 200


@pytest.fixture
def desk_event(event):
    return {
        "organiser": ParticipantFactory(event=event, role="organiser"),
        "jana": named_participant(event, "Jana", "Nováková", "CLUTEX", role="speaker"),
        "petr": named_participant(event, "Petr", "Dvořák", "NANOPROGRESS"),
    }


def desk_url(event) -> str:
    return f"/events/{event.slug}/check-in/"


def write_y4m(path, code: str, frames: int = 10) -> None:
    """A video for Chromium's fake camera: the QR code of `code` on white, in Y4M (a text
    header and raw YUV 4:2:0 frames; grey, so the colour planes are all 128)."""
    qr = segno.make(code, error="m", micro=False)
    matrix = [[0 if dark else 255 for dark in row] for row in qr.matrix]
    size = len(matrix)
    symbol = Image.new("L", (size, size))
    symbol.putdata([value for row in matrix for value in row])
    symbol = symbol.resize((size * 9, size * 9), Image.NEAREST)
    frame = Image.new("L", (WIDTH, HEIGHT), 255)
    frame.paste(symbol, ((WIDTH - symbol.width) // 2, (HEIGHT - symbol.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)


def test_typed_code_checks_in_and_a_second_time_is_refused(page, sign_in, event, desk_event):
    sign_in(desk_event["organiser"].person.user)
    code = badge_for(desk_event["jana"]).code
    page.goto(desk_url(event))
    page.get_by_label("Desk name").fill("Entrance A")
    page.get_by_role("button", name="Save the desk name").click()
    expect(page.get_by_test_id("desk")).to_have_text("This is desk Entrance A.")
    page.get_by_label("Badge code").fill(code)
    page.get_by_role("button", name="Check in", exact=True).click()
    result = page.get_by_test_id("check-in-result")
    expect(result).to_contain_text("Checked in")
    expect(result).to_contain_text("Jana Nováková")
    expect(result).to_contain_text("CLUTEX")
    expect(result).to_contain_text("Speaker")
    expect(page.get_by_test_id("arrivals-total")).to_have_text("1 of 3 checked in")
    page.get_by_label("Badge code").fill(code)
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(result).to_contain_text("Already checked in at")
    expect(result).to_contain_text("at desk Entrance A.")
    expect(page.get_by_test_id("arrivals-total")).to_have_text("1 of 3 checked in")
    assert CheckIn.objects.get().desk == "Entrance A"


def test_a_mistyped_code_is_refused_on_the_desk_which_stays(
    page, sign_in, event, desk_event, settings
):
    """In DEBUG (the demo), django-htmx's script puts any 400 answer in place of the page."""
    settings.DEBUG = True
    sign_in(desk_event["organiser"].person.user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(desk_url(event))
    page.get_by_label("Badge code").fill("BOGUS-123")
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.locator("#check-in-answer")).to_contain_text("No badge has this code.")
    expect(page.get_by_label("Badge code")).to_be_visible()
    page.get_by_label("Badge code").fill(badge_for(desk_event["petr"]).code)
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.get_by_test_id("check-in-result")).to_contain_text("Petr Dvořák")


def test_find_a_name_and_check_in(page, sign_in, event, desk_event):
    sign_in(desk_event["organiser"].person.user)
    page.goto(desk_url(event))
    page.get_by_label("Name or organisation").fill("dvořák")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("desk-results")
    expect(results.locator("li")).to_have_count(1)
    results.get_by_role("button", name="Check in Petr Dvořák").click()
    expect(page.get_by_test_id("check-in-result")).to_contain_text("Checked in")
    expect(page.get_by_test_id("desk-results")).to_contain_text("Checked in")
    assert CheckIn.objects.get().participant == desk_event["petr"]


def test_the_scanner_shows_only_the_button_to_start_the_camera(page, sign_in, event, desk_event):
    """The hidden attribute the scanner sets hides a button, whatever display .button gives."""
    sign_in(desk_event["organiser"].person.user)
    page.goto(desk_url(event))
    expect(page.get_by_role("button", name="Scan with the camera")).to_be_visible()
    expect(page.get_by_role("button", name="Stop the camera")).to_be_hidden()
    page.evaluate("document.querySelector('[data-scanner-start]').hidden = true")
    expect(page.get_by_role("button", name="Scan with the camera")).to_be_hidden()


def test_a_badge_shown_to_the_camera_checks_in(browser, live_server, event, desk_event, tmp_path):
    video = tmp_path / "badge.y4m"
    write_y4m(video, badge_for(desk_event["jana"]).code)
    # A Chromium of its own, whose camera plays the video (the shared one has no camera).
    camera_browser = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera_browser.new_context(
            base_url=live_server.url, viewport={"width": 390, "height": 844}
        )
        context.grant_permissions(["camera"])
        page = context.new_page()
        page.set_default_timeout(15_000)
        token = issue_sign_in_token(user=desk_event["organiser"].person.user)
        page.goto(f"/accounts/link/{token}/")
        page.get_by_role("button", name="Sign me in").click()
        page.wait_for_url(f"{live_server.url}/")
        page.goto(desk_url(event))
        page.get_by_role("button", name="Scan with the camera").click()
        result = page.get_by_test_id("check-in-result")
        expect(result).to_contain_text("Checked in")
        expect(result).to_contain_text("Jana Nováková")
    finally:
        camera_browser.close()
    assert CheckIn.objects.get().participant == desk_event["jana"]


def test_an_organiser_prints_badges_and_reissues_a_lost_one(page, sign_in, event, desk_event):
    sign_in(desk_event["organiser"].person.user)
    page.goto(f"/events/{event.slug}/manage/badges/")
    expect(page.get_by_test_id("without-badge")).to_have_text("3 participants have no badge yet.")
    page.get_by_label("Paper").select_option("sheet")
    page.get_by_role("button", name="Make the PDF").click()
    expect(page.get_by_test_id("badge-print")).to_contain_text("3 badges")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == f"{event.slug}-badges.pdf"
    expect(page.get_by_test_id("without-badge")).to_have_count(0)
    old = badge_for(desk_event["jana"]).code
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("row", name="Jana Nováková").get_by_role(
        "button", name="Reissue (lost badge)"
    ).click()
    expect(page.get_by_text("Jana Nováková has a new badge code")).to_be_visible()
    desk_event["jana"].badge.refresh_from_db()
    assert desk_event["jana"].badge.code != old


def test_a_participant_sees_their_badge_code(page, sign_in, event, desk_event):
    sign_in(desk_event["petr"].person.user)
    page.goto(f"/events/{event.slug}/")
    page.get_by_role("link", name="My badge").click()
    expect(page.get_by_role("heading", name="My badge")).to_be_visible()
    expect(page.locator(".badge-code")).to_have_text(desk_event["petr"].badge.code)
    expect(page.locator("svg.qr")).to_be_visible()
