# Audit events take the one shape of portal.audit.AuditEvent; existing rows are kept (renamed columns).

from django.db import migrations, models

import portal.clock


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_merge_20261203_0009'),
    ]

    operations = [
        migrations.RenameField(
            model_name='caseevent',
            old_name='ip_address',
            new_name='client_address',
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AddField(
            model_name='caseevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='from_state',
            field=models.CharField(blank=True, max_length=30, verbose_name='from state'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='to_state',
            field=models.CharField(blank=True, max_length=30, verbose_name='to state'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
    ]
