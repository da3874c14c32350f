"""On SQLite, an FTS5 index of the search texts with the triggers that keep it in step;
nothing on PostgreSQL, whose trigram indexes (0003, 0006) already serve the search."""

from django.db import migrations

from modus.directory import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_search_keys_and_weights")]

    operations = [migrations.RunPython(install, uninstall)]
