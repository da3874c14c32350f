"""Search texts become word keys (stems and synonyms, directory/wordforms.py), and the
name and profile get their own key columns so that search can rank by where it matched."""

from django.db import migrations, models

from modus.directory.wordforms import KIND_WORDS, document_keys

def compose(parts) -> str:
    return document_keys(" ".join(part for part in parts if part))


def fill(apps, schema_editor):
    """The same shape search.py writes, with the historical models."""
    Organisation = apps.get_model("directory", "Organisation")
    Opportunity = apps.get_model("directory", "Opportunity")
    for organisation in Organisation.objects.prefetch_related("ecosystems", "value_chain_stages"):
        profile = [
            KIND_WORDS.get(organisation.kind, ""),
            organisation.city,
            str(organisation.country.name),
            organisation.description,
        ]
        profile += [ecosystem.name for ecosystem in organisation.ecosystems.all()]
        profile += [stage.name for stage in organisation.value_chain_stages.all()]
        offers = Opportunity.objects.filter(person__organisation=organisation).order_by(
            "person__last_name", "person__first_name", "direction", "id"
        )
        seen = [item for item in offers.select_related("person")]
        participants = [
            f"{item.title} {item.description}"
            for item in seen
            if item.person.visibility in ("public", "participants")
        ]
        public = [
            f"{item.title} {item.description}" for item in seen if item.person.visibility == "public"
        ]
        Organisation.objects.filter(pk=organisation.pk).update(
            search_name=compose([organisation.name]),
            search_profile=compose(profile),
            search_text=compose([organisation.name, *profile, *participants]),
            public_search_text=compose([organisation.name, *profile, *public]),
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_person_language")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_name",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="organisation",
            name="search_profile",
            field=models.TextField(blank=True, editable=False),
        ),
        # Going back leaves key texts the old code's substring search still mostly finds.
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
