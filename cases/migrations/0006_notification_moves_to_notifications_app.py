# The outbox model now belongs to the `notifications` app (see its 0001): only Django's model
# state is removed here; the table cases_notification and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_merge_20261203_0009'),
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]
