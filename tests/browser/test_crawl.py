"""Every page of the access matrix, in Chromium at phone width, as each kind of user who may
open it, with every control the pages' scripts drive used once.

The Content-Security-Policy refuses quietly: a handler written inline again, or a style a
script sets, simply does nothing. So the crawl fails on any violation the page reports
(the securitypolicyviolation event and the console), any script error or error on the
console, any server error, and any control whose handler no longer does its job. The
controls are found by the data- attributes the static scripts look for: a script that
looks for a new one fails `test_every_handler_of_the_scripts_is_exercised` until the crawl
uses it."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from playwright.sync_api import Error, Locator, Page, expect

from modus.visits.models import SiteVisit
from tests.access.test_access_matrix import MATRIX, url_for
from tests.access.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ("anonymous", "delegate", "exhibitor", "cluster_manager", "organiser", "staff")
SCRIPTS = Path(__file__).parents[2] / "src" / "modus"
VIDEO = "https://youtu.be/dQw4w9WgXcQ"
REFUSAL_SHOWN = re.compile(r"^Failed to load resource: .* status of (409|422) ")

# Before any script of a page: violations are passed to the test as they happen; printing
# is counted rather than opened; and a click on a button that asks first is never let
# through, so that answering the question changes nothing, but whether the page would
# have gone on is kept.
WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.modusViolation(`${event.violatedDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
window.modusPrinted = 0;
window.print = () => { window.modusPrinted += 1; };
window.addEventListener("click", (event) => {
  const asking = event.target instanceof Element && event.target.closest("[data-confirm]");
  if (asking) {
    window.modusWentOn = !event.defaultPrevented;
    event.preventDefault();
  }
});
"""


@dataclass
class Crawl:
    """What went wrong where, and which controls were used."""

    problems: list = field(default_factory=list)
    used: set = field(default_factory=set)
    controls_used_on: set = field(default_factory=set)
    here: str = ""

    def note(self, problem: str) -> None:
        self.problems.append(f"{self.here}: {problem}")


def watch(page: Page, crawl: Crawl) -> None:
    page.expose_binding("modusViolation", lambda _source, text: crawl.note(f"CSP: {text}"))
    page.context.add_init_script(WATCH)
    page.on("pageerror", lambda error: crawl.note(f"script error: {error}"))
    page.on("console", lambda message: console_error(message, crawl))
    page.on(
        "response",
        lambda answer: answer.status >= 500 and crawl.note(f"{answer.status} from {answer.url}"),
    )


def console_error(message, crawl: Crawl) -> None:
    # A refusal the page shows in place (modus.js: data-swap-refusals) is still logged by
    # Chromium as a resource that failed to load.
    if message.type == "error" and not REFUSAL_SHOWN.search(message.text):
        crawl.note(f"console: {message.text}")


# The controls, each with the data- attributes of the scripts that it exercises.


def print_button(page: Page, control: Locator, world) -> None:
    control.click()
    assert page.evaluate("window.modusPrinted") == 1, "Print did not print"


def select_on_click(page: Page, control: Locator, world) -> None:
    control.click()
    selected = control.evaluate("field => field.selectionEnd - field.selectionStart")
    assert selected == len(control.input_value()), "one tap did not select the whole text"


def confirm_button(page: Page, control: Locator, world) -> None:
    question = control.get_attribute("data-confirm")
    for answer, goes_on in (("dismiss", False), ("accept", True)):
        asked = []

        def reply(dialog, answer=answer, asked=asked):
            asked.append(dialog.message)
            getattr(dialog, answer)()

        page.once("dialog", reply)
        control.click()
        assert asked == [question], f"asked {asked}, not {question!r}"
        assert page.evaluate("window.modusWentOn") is goes_on, f"{answer}: went on {not goes_on}"


def check_in_desk(page: Page, control: Locator, world) -> None:
    """A refusal (422) is swapped in, and the form is emptied and ready for the next code."""
    code = control.locator("input:not([type=hidden])").first
    code.fill("BOGUS-123")
    with page.expect_response(lambda answer: answer.request.method == "POST"):
        control.locator("[type=submit]").first.click()
    expect(page.locator("[data-swap-refusals]")).to_contain_text("No badge has this code.")
    expect(code).to_have_value("")
    expect(code).to_be_focused()


def dialog_filled_by_htmx(page: Page, control: Locator, world) -> None:
    inside = control.locator("[id]").first.get_attribute("id")
    page.locator(f"[hx-target='#{inside}']").first.click()
    expect(control).to_have_attribute("open", "")
    expect(control.get_by_role("heading")).not_to_have_count(0)
    page.keyboard.press("Escape")


def picker(page: Page, control: Locator, world) -> None:
    """Typing asks for suggestions; a suggestion clicked is copied into the box, or for a
    box of several, added above it as a ticked box."""
    typed = picker_texts(world)[resolve(urlsplit(control.get_attribute("hx-get")).path).view_name]
    control.fill(typed)
    box = control.get_attribute("id")
    suggestion = page.locator(f"[data-suggestions-for='{box}'] [data-suggestion]").first
    expect(suggestion).to_be_visible()
    label = suggestion.get_attribute("data-suggestion")
    suggestion.click()
    if control.get_attribute("data-multiple") is None:
        expect(control).to_have_value(label)
    else:
        expect(page.locator(f"[data-chosen-for='{box}'] input[value='{label}']")).to_be_checked()
        expect(control).to_have_value("")
    expect(control).to_be_focused()


def picker_texts(world) -> dict[str, str]:
    """What to type into each kind of picker for it to suggest something in the world."""
    exhibitor = world.exhibitor.person
    return {
        "directory:organisation-suggestions": "Optics",
        "matchmaking:stand-hosts": exhibitor.first_name,
        "stands:exhibitors": exhibitor.organisation.name,
        "stands:staffing": exhibitor.first_name,
    }


def scanner(page: Page, control: Locator, world) -> None:
    """Without a camera (a test's browser has none) the scanner says so."""
    control.locator("[data-scanner-start]").click()
    expect(control.locator("[data-scanner-status]")).to_have_text(
        control.get_attribute("data-no-camera")
    )


def table_plan(page: Page, control: Locator, world) -> None:
    """A meeting dropped on another cell is posted, and the plan redrawn in place."""
    # A mark on the plan drawn now, gone once it is drawn again. (Not wait_for_function:
    # its polling evaluates a string, which the policy refuses.)
    control.evaluate("meeting => meeting.closest('#table-plan').classList.add('drawn-before')")
    cell = page.locator(".plan-cell.free").first
    drop = control.get_attribute("data-drop")
    with page.expect_response(lambda answer: answer.url.endswith(drop)):
        control.drag_to(cell)
    expect(page.locator("#table-plan.drawn-before")).to_have_count(0)


def hall_editor(page: Page, control: Locator, world) -> None:
    """An arrow key moves a stand by one unit and writes the place into the form."""
    field_x = page.locator(f"#id_x_{control.get_attribute('data-stand')}")
    x = int(field_x.input_value())
    key, moved = ("ArrowLeft", x - 1) if x > 0 else ("ArrowRight", x + 1)
    control.focus()
    page.keyboard.press(key)
    expect(field_x).to_have_value(str(moved))


def video(page: Page, control: Locator, world) -> None:
    embed = control.get_attribute("data-video-embed")
    # The player's host is out of a test's reach: an empty page stands in for it. (Only
    # here: a route makes every request of the page pass through the test.)
    page.route(f"{embed}**", lambda route: route.fulfill(body=""))
    control.click()
    expect(page.locator("iframe.video-frame")).to_have_attribute("src", embed)
    page.unroute(f"{embed}**")


def search_as_one_types(page: Page, control: Locator, world) -> None:
    """The directory's filters, folded away on a phone: opened, choosing in a list asks for
    the results at once."""
    control.locator("summary").first.click()
    choice = control.locator("select").first
    with page.expect_response(lambda answer: "/directory/" in answer.url):
        choice.select_option(index=1)


@dataclass(frozen=True)
class Control:
    selector: str
    use: Callable
    attributes: tuple = ()


CONTROLS = (
    Control("[data-print]", print_button, ("print",)),
    Control("[data-select-on-click]", select_on_click, ("select-on-click",)),
    Control("[data-confirm]", confirm_button, ("confirm",)),
    Control(
        "form[data-reset-after-request]",
        check_in_desk,
        ("reset-after-request", "swap-refusals"),
    ),
    Control("dialog[data-open-on-swap]", dialog_filled_by_htmx, ("open-on-swap",)),
    Control(
        "[data-suggestions]",
        picker,
        ("suggestions", "suggestion", "suggestions-for", "multiple", "chosen-for"),
    ),
    Control(
        "[data-scanner]",
        scanner,
        (
            "scanner",
            "scanner-ready",
            "scanner-video",
            "scanner-start",
            "scanner-stop",
            "scanner-status",
            "no-camera",
            "jsqr",
        ),
    ),
    Control(".plan-meeting[draggable=true]", table_plan, ("meeting", "drop", "slot", "table")),
    Control("svg.hall-editor .plan-stand", hall_editor, ("width", "height", "stand")),
    Control("[data-video-embed]", video, ("video-embed", "video-title")),
    Control("form[hx-trigger*='change from:select']", search_as_one_types),
)


def use_controls(page: Page, crawl: Crawl, world) -> None:
    for control in CONTROLS:
        found = page.locator(control.selector)
        # A picker of several and one of one differ: each box is used.
        count = found.count() if control.use is picker else min(found.count(), 1)
        for index in range(count):
            try:
                control.use(page, found.nth(index), world)
            except (AssertionError, Error) as error:
                crawl.note(f"{control.use.__name__}: {error}")
            else:
                crawl.used.add(control.use.__name__)


def pages_for(role: str, world) -> list[str]:
    return [
        url_for(name, world)
        for name, access in sorted(MATRIX.items())
        if access.method == "GET" and access.outcomes[role] == "ok"
    ]


def crawl_as(page: Page, crawl: Crawl, role: str, world) -> int:
    """Opens each page the role may open, and uses its controls unless the same page was
    used before as someone else; returns how many were pages rather than files."""
    opened = 0
    for address in pages_for(role, world):
        crawl.here = f"{role} {address}"
        try:
            answer = page.goto(address)
        except Error as error:
            if "Download is starting" not in error.message:
                crawl.note(f"did not open: {error.message}")
                continue
            # A file (PDF, spreadsheet, calendar) is downloaded, not shown: fetched instead.
            answer = page.request.get(address, max_redirects=0)
            if answer.status != 200:
                crawl.note(f"answered {answer.status}")
            continue
        if answer.status != 200 or answer.request.redirected_from is not None:
            crawl.note(f"answered {answer.status}, landed on {page.url}")
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        opened += 1
        if address not in crawl.controls_used_on:
            crawl.controls_used_on.add(address)
            use_controls(page, crawl, world)
    return opened


def crawl_world():
    """The access matrix's world, with a tour that has a video."""
    world = build_world()
    SiteVisit.objects.filter(pk=world.visit.pk).update(video_url=VIDEO)
    return world


def test_every_page_of_every_role_works_under_the_policy(page, sign_in, settings):
    # Words alone are enough to recommend in a world of six people; the model's loading
    # would take longer than the crawl.
    settings.RECOMMENDATION_BACKEND = "tfidf"
    world = crawl_world()
    crawl = Crawl()
    watch(page, crawl)
    opened = {}
    for role in ROLES:
        page.context.clear_cookies()
        if world.users[role] is not None:
            sign_in(world.users[role])
        opened[role] = crawl_as(page, crawl, role, world)
    assert crawl.problems == [], "\n".join(crawl.problems)
    assert crawl.used == {control.use.__name__ for control in CONTROLS}
    # Proof that the crawl went where it should: pages enough for each role.
    assert min(opened.values()) > 5, opened


def handler_attributes() -> set[str]:
    """The data- attributes the static scripts (not the vendored ones) look for."""
    found = set()
    for script in SCRIPTS.glob("*/static/*/*.js"):
        text = script.read_text()
        found |= set(re.findall(r"\[data-([a-z-]+)", text))
        for name in re.findall(r"dataset\.([A-Za-z]+)", text):
            found.add(re.sub(r"[A-Z]", lambda capital: "-" + capital.group().lower(), name))
    return found


def test_every_handler_of_the_scripts_is_exercised():
    exercised = {attribute for control in CONTROLS for attribute in control.attributes}
    assert handler_attributes() == exercised
