from django.db import migrations

from modus.directory import taxonomy


def load(apps, schema_editor):
    taxonomy.install(apps.get_model("directory", "Ecosystem"), apps.get_model("directory", "ValueChainStage"))


def unload(apps, schema_editor):
    apps.get_model("directory", "Ecosystem").objects.all().delete()
    apps.get_model("directory", "ValueChainStage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
