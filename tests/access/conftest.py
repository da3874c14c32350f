import copy

import pytest
from django.db import transaction
from django.test.utils import override_settings

from tests.access.world import World, build_world
from tests.environment import fast_settings
from tests.vocabularies import restore_vocabularies


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, built once for a module's tests in a transaction rolled back after them.

    Each test runs in a savepoint inside it and is rolled back to the world as built, as
    with Django's setUpTestData: a thousand tests each building their own world spent most
    of their time building it."""
    with django_db_blocker.unblock(), override_settings(**fast_settings()), transaction.atomic():
        restore_vocabularies()
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db) -> World:
    """The shared world's objects, copied: what a test changes in them stays in that test."""
    return copy.deepcopy(shared_world)
