"""Organisation names as folded words, for the pickers that suggest organisations as one
types (directory/pickers.py); PostgreSQL serves their `LIKE '% word%'` from a trigram index."""

from django.db import migrations, models

BATCH = 1000


def fill(apps, schema_editor) -> None:
    from modus.directory.wordforms import folded_words

    Organisation = apps.get_model("directory", "Organisation")
    batch = []
    for organisation in Organisation.objects.only("pk", "name").order_by("pk").iterator(chunk_size=BATCH):
        organisation.name_words = folded_words(organisation.name)
        batch.append(organisation)
        if len(batch) == BATCH:
            Organisation.objects.bulk_update(batch, ["name_words"])
            batch = []
    Organisation.objects.bulk_update(batch, ["name_words"])


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_organisation_name_words_trgm "
        "ON directory_organisation USING gin (name_words gin_trgm_ops)"
    )


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_organisation_name_words_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0016_opportunity_title_words")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="name_words",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index),
    ]
