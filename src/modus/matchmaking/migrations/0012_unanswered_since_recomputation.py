import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("matchmaking", "0011_unanswered_requests")]

    operations = [
        migrations.AlterField(
            model_name="unansweredrequest",
            name="since",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
    ]
