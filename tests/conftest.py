import os

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.environment import fast_settings
from tests.factories import EventFactory, ParticipantFactory, PersonFactory, UserFactory
from tests.vocabularies import restore_vocabularies


# First: pytest-xdist reads the groups in its own hook of this name, and ignores a group
# added after it (both workers then built the demo, two minutes each).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests run when DATABASE_URL points at PostgreSQL, and never skip in CI.

    With pytest-xdist (`-n 2 --dist loadgroup`), the concurrency tests run one after another
    on one worker, so that their many connections together stay below the server's limit,
    and the demo's tests share one build of the demo."""
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.xdist_group("postgres"))
        elif "tests/demo/test_generator.py" in item.nodeid:
            item.add_marker(pytest.mark.xdist_group("demo"))
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if on_postgres:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request in Czech leaves Czech active in the test's thread (LocaleMiddleware does not
    reset it): the next test would read Czech messages."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_and_clean(settings):
    for name, value in fast_settings().items():
        setattr(settings, name, value)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def taxonomy(request):
    """Transactional tests flush the tables, and with them the vocabularies a migration
    loaded: every test with the database finds them again, a test that runs after such a
    flush on the same worker as well."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    restore_vocabularies()


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def organiser(event):
    return ParticipantFactory(event=event, role="organiser").person


@pytest.fixture
def delegate(event):
    return ParticipantFactory(event=event).person


@pytest.fixture
def staff_user(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.set_password("correct horse battery staple")
    user.save()
    return user


@pytest.fixture
def outsider(db):
    """Signed in, with a profile, but registered at no event."""
    return PersonFactory()
