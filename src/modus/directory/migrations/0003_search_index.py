"""A trigram index makes `search_text LIKE '%term%'` fast on PostgreSQL; SQLite scans."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_organisation_search_trgm "
        "ON directory_organisation USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_organisation_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_taxonomy")]
    operations = [migrations.RunPython(create_index, drop_index)]
