# Audit events take the one shape of portal.audit.AuditEvent; existing rows are kept (renamed columns).

import portal.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('publicity', '0003_search_tokens'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='disclosureevent',
            options={'ordering': ['created_at', 'pk'], 'verbose_name': 'disclosure event', 'verbose_name_plural': 'disclosure events'},
        ),
        migrations.RenameField(
            model_name='disclosureevent',
            old_name='at',
            new_name='created_at',
        ),
        migrations.AddField(
            model_name='disclosureevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AlterField(
            model_name='disclosureevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
        migrations.AddField(
            model_name='disclosureevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
        migrations.AddField(
            model_name='disclosureevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AlterField(
            model_name='disclosureevent',
            name='action',
            field=models.CharField(max_length=40, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='disclosureevent',
            name='from_state',
            field=models.CharField(blank=True, max_length=30, verbose_name='from state'),
        ),
        migrations.AlterField(
            model_name='disclosureevent',
            name='to_state',
            field=models.CharField(blank=True, max_length=30, verbose_name='to state'),
        ),
    ]
