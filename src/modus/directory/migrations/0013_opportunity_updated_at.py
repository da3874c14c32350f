import django.utils.timezone
from django.db import migrations, models


def from_created(apps, schema_editor):
    # An existing offer last changed, as far as anyone can tell, when it was made.
    Opportunity = apps.get_model("directory", "Opportunity")
    Opportunity.objects.update(updated_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_photos_behind_the_policy")]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RunPython(from_created, migrations.RunPython.noop, elidable=True),
    ]
