"""Each role walks the site at phone width, from the home page, the way a person would:
every link it is shown, breadth first. No page it reaches may be an error, a dead end,
wider than the phone, or without a heading and a title."""

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from modus.matchmaking.services import publishing, scheduling
from tests.access.test_access_matrix import MATRIX, url_for
from tests.access.world import World, build_world
from tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Enough for every page of the small world, a few times over; a bound keeps a link loop
# (a filter that links to itself with one more parameter) from walking forever.
MOST_PAGES = 90
# Pages of one kind (one organisation or another, one filter or another) look alike to a
# walker: a few of each are enough, and leave the bound for the kinds further in.
MOST_OF_ONE_KIND = 3

SIGN_IN = "/accounts/sign-in/"
# Not pages to walk: the admin, downloads, one-time links, language and sign-out actions.
SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/accounts/link/", "/accounts/sign-out/", "/calendar/")
SKIPPED_ENDINGS = (".pdf", ".csv", ".ics", ".xlsx")

# One round trip per page: the links on it, and what is checked on it.
READ_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden"
      && box.right > 0 && box.left < width;
  };
  const here = location.pathname + location.search;
  const own = (a) => a.origin === location.origin;
  const ways_on = [...document.querySelectorAll("a[href]")].filter((a) =>
    own(a) && a.pathname + a.search !== here && visible(a)
    && (a.closest("nav, header") || a.pathname === "/"));
  // What sticks out: the outermost element past the right edge not inside a box that
  // scrolls sideways on purpose.
  const overflow = document.documentElement.scrollWidth - width;
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const wide = overflow <= 1 ? [] : [...document.body.querySelectorAll("*")].filter((el) => {
    if (el.getBoundingClientRect().right <= width + 1) return false;
    for (let up = el.parentElement; up; up = up.parentElement) if (scrolls(up)) return false;
    return true;
  }).filter((el, _, all) => !all.includes(el.parentElement)).slice(0, 3)
    .map((el) => [el.tagName.toLowerCase(), ...el.classList].join("."));
  return {
    links: [...document.querySelectorAll("a[href]")]
      // Downloads, and links that act through htmx rather than open a page, are not walked.
      .filter((a) => own(a) && !a.hasAttribute("download")
        && !a.matches("[hx-post], [hx-put], [hx-patch], [hx-delete]"))
      .map((a) => a.pathname + a.search),
    overflow,
    wide,
    headings: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
    title: document.title.trim(),
    ways_on: ways_on.length,
    lang: document.documentElement.lang,
    nav: [...document.querySelectorAll("nav a, nav button")].map((a) => a.textContent.trim()),
  };
}"""


@dataclass
class Walk:
    """Where a walk went, and what was wrong on the way."""

    pages: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    sent_to_sign_in: list = field(default_factory=list)
    navigation: list = field(default_factory=list)
    languages: set = field(default_factory=set)


def to_walk(address: str) -> bool:
    path = urlsplit(address).path
    return not path.startswith(SKIPPED_PREFIXES) and not path.endswith(SKIPPED_ENDINGS)


def kind_of(address: str) -> str:
    """The view that answers an address: pages of one kind share it."""
    try:
        return resolve(urlsplit(address).path).view_name
    except Resolver404:
        return address


def walk(page: Page, start: list[str], signed_in: bool) -> Walk:
    """Breadth first from the start addresses along every link of the site's own."""
    found = Walk()
    queue = list(start)
    seen = set(queue)
    kinds: dict[str, int] = {}
    while queue and len(found.pages) < MOST_PAGES:
        address = queue.pop(0)
        response = page.goto(address, wait_until="domcontentloaded")
        landed = urlsplit(page.url)
        found.pages.append(address)
        if response is None or response.status >= 400:
            status = response.status if response else "no answer"
            found.failures.append(f"{address}: {status}")
            continue
        if landed.path == SIGN_IN and urlsplit(address).path != SIGN_IN:
            # A link shown to someone signed in must open, not ask them to sign in again.
            if signed_in:
                found.failures.append(f"{address}: sends a signed-in person to sign in")
            kept = parse_qs(landed.query).get("next", [""])[0]
            if kept != address:
                found.failures.append(f"{address}: sign-in keeps next={kept!r}")
            found.sent_to_sign_in.append(address)
        seen_here = page.evaluate(READ_PAGE)
        found.failures += problems(address, seen_here)
        found.navigation += seen_here["nav"]
        found.languages.add(seen_here["lang"])
        for link in seen_here["links"]:
            if link in seen or not to_walk(link):
                continue
            seen.add(link)
            kind = kind_of(link)
            kinds[kind] = kinds.get(kind, 0) + 1
            if kinds[kind] <= MOST_OF_ONE_KIND:
                queue.append(link)
    return found


def problems(address: str, seen: dict) -> list[str]:
    wrong = []
    if seen["overflow"] > 1:
        wrong.append(f"{address}: {seen['overflow']} px wider than the phone: {seen['wide']}")
    if seen["ways_on"] == 0:
        wrong.append(f"{address}: a dead end, no visible navigation or link home")
    if not any(seen["headings"]):
        wrong.append(f"{address}: no <h1>")
    # Every title ends in " · Modus"; a page that forgot its own has nothing before it.
    if seen["title"].split(" · ")[0] in ("", "Modus"):
        wrong.append(f"{address}: no title of its own: {seen['title']!r}")
    return wrong


def sign_in_only_pages(world) -> list[str]:
    """Every page that the policy sends a signed-out visitor to sign in for: the links in
    e-mails and the ones people share."""
    return [
        url_for(name, world)
        for name, access in MATRIX.items()
        if access.method == "GET" and access.outcomes["anonymous"] == "login"
    ]


def demo_like_world() -> World:
    """The access matrix's world with the scheduler run once and the schedule published, so
    the organiser's list of runs and the participants' tables show too, and someone whose
    e-mail address is as long as the demo's longest."""
    world = build_world()
    ParticipantFactory(
        event=world.event,
        person__first_name="Alexandr",
        person__last_name="Novotný",
        person__user__email="alexandr.novotny@nanoprogress.example",
    )
    organiser = world.users["organiser"]
    scheduling.request_run(by=organiser, event=world.event, time_limit=5)
    publishing.publish(by=organiser, event=world.event, state="provisional")
    return world


PUBLIC = {"home", "events:detail", "directory:search", "directory:organisation"}
OWN = {"directory:profile", "matchmaking:inbox", "agenda:page", "matchmaking:marketplace"}
MANAGING = {"events:participants", "matchmaking:review", "matchmaking:table-plan"}
# Each role and the kinds of page its walk must reach: proof it went deep enough to matter.
ROLES = {
    "anonymous": PUBLIC | {"accounts:sign-in"},
    "delegate": PUBLIC | OWN,
    "exhibitor": PUBLIC | OWN,
    "cluster_manager": PUBLIC | OWN | {"directory:organisation-edit"},
    "organiser": PUBLIC | OWN | MANAGING | {"matchmaking:tables", "matchmaking:move"},
    "staff": PUBLIC | MANAGING | {"directory:organisation-edit"},
}


def test_each_role_walks_the_site_at_phone_width_without_a_dead_end(page, sign_in):
    # One world and one browser page for all roles: building the world is the slow part.
    world = demo_like_world()
    failures = []
    for role, must_reach in ROLES.items():
        page.context.clear_cookies()
        user = world.users[role]
        if user is None:
            start = ["/", *filter(to_walk, sign_in_only_pages(world))]
        else:
            sign_in(user)
            start = ["/"]
        found = walk(page, start, signed_in=user is not None)
        failures += [f"{role}: {failure}" for failure in found.failures]
        missed = must_reach - {kind_of(address) for address in found.pages}
        if missed:
            failures.append(f"{role}: never reached {sorted(missed)} in {len(found.pages)} pages")
        if user is None and len(found.sent_to_sign_in) < 10:
            failures.append(f"anonymous: only {found.sent_to_sign_in} asked to sign in")
    assert failures == [], "\n".join(failures)


# Navigation words a Czech page must not show in English (only those whose Czech differs).
NAVIGATION = (
    "Directory",
    "My profile",
    "Sign out",
    "Recommended for me",
    "Marketplace",
    "My meetings",
    "My agenda",
    "Notifications",
)


def test_a_delegate_walks_the_site_in_czech(page, sign_in):
    world = demo_like_world()
    sign_in(world.users["delegate"])
    page.get_by_role("button", name="CS").click()
    # Not wait_for_function: its polling evaluates a string, which the policy refuses.
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    found = walk(page, ["/", reverse("events:detail", args=[world.event.slug])], signed_in=True)
    assert found.failures == [], "\n".join(found.failures)
    assert found.languages == {"cs"}
    with translation.override("cs"):
        english = {word for word in NAVIGATION if translation.gettext(word) != word}
    assert len(english) == len(NAVIGATION)
    assert sorted(english & set(found.navigation)) == []
    assert "Adresář" in found.navigation
