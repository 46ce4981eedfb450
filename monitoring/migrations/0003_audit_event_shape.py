# Audit events take the one shape of portal.audit.AuditEvent (new columns: client address, request id).

import portal.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0002_trading_imports'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='leadevent',
            options={'ordering': ['created_at', 'pk'], 'verbose_name': 'lead event', 'verbose_name_plural': 'lead events'},
        ),
        migrations.AddField(
            model_name='leadevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AddField(
            model_name='leadevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AlterField(
            model_name='leadevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
        migrations.AlterField(
            model_name='leadevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
    ]
