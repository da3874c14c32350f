"""Offers and requests get word keys of their own (directory/wordforms.py), which the
marketplace searches (the title's, to rank); a trigram index serves `LIKE '% key%'` on
PostgreSQL."""

from django.db import migrations, models

from modus.directory.wordforms import document_keys


def fill(apps, schema_editor):
    Opportunity = apps.get_model("directory", "Opportunity")
    batch = []
    fields = ["search_keys", "title_keys"]
    for item in Opportunity.objects.only("title", "description").iterator(chunk_size=2000):
        item.search_keys = document_keys(f"{item.title} {item.description}")
        item.title_keys = document_keys(item.title)
        batch.append(item)
        if len(batch) == 2000:
            Opportunity.objects.bulk_update(batch, fields)
            batch = []
    Opportunity.objects.bulk_update(batch, fields)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_opportunity_search_trgm "
        "ON directory_opportunity USING gin (search_keys gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_opportunity_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0013_opportunity_updated_at")]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="search_keys",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="title_keys",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index),
    ]
