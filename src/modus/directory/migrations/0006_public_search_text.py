"""Anonymous visitors search a text without the offers of non-public profiles."""

import unicodedata

from django.db import migrations, models


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fill(apps, schema_editor):
    """Organisation text and public profiles' offers; the same shape search.py writes."""
    Organisation = apps.get_model("directory", "Organisation")
    Opportunity = apps.get_model("directory", "Opportunity")
    for organisation in Organisation.objects.prefetch_related("ecosystems", "value_chain_stages"):
        country = str(organisation.country.name)
        parts = [organisation.name, organisation.city, country, organisation.description]
        parts += [ecosystem.name for ecosystem in organisation.ecosystems.all()]
        parts += [stage.name for stage in organisation.value_chain_stages.all()]
        offers = Opportunity.objects.filter(
            person__organisation=organisation, person__visibility="public"
        ).order_by("person__last_name", "person__first_name", "direction", "id")
        parts += [f"{item.title} {item.description}" for item in offers]
        text = fold(" ".join(part for part in parts if part))
        Organisation.objects.filter(pk=organisation.pk).update(public_search_text=text)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS directory_organisation_public_search_trgm "
            "ON directory_organisation USING gin (public_search_text gin_trgm_ops)"
        )


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_organisation_public_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_join_requests_and_limits")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="public_search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, unfill),
    ]
