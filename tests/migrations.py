"""Running the project's migrations to a point and back, for the tests of their data steps."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target: list[tuple[str, str]]):
    """Migrate to `target`; the apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrate_to_the_latest() -> None:
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
