import copy

import pytest

from tests.access.world import World, build_world
from tests.environment import rolled_back


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, built once for a module's tests: a thousand tests each building their own
    spent most of their time building it."""
    with rolled_back(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(shared_world, db) -> World:
    """The shared world's objects, copied: what a test changes in them stays in that test."""
    return copy.deepcopy(shared_world)
