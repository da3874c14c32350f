from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def mailed_to_current_address(apps, schema_editor):
    """Links already sent went to the address their account has now: they keep working."""
    SignInToken = apps.get_model("accounts", "SignInToken")
    User = apps.get_model("accounts", "User")
    address = User.objects.filter(pk=OuterRef("user_id")).values("email")[:1]
    SignInToken.objects.update(email=Subquery(address))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_constraint_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="signintoken",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="e-mail address"),
        ),
        migrations.RunPython(mailed_to_current_address, migrations.RunPython.noop),
    ]
