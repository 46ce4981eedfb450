# Audit events take the one shape of portal.audit.AuditEvent (new columns: client address, request id).

import portal.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0004_merge_20261203_0049'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='inspectionevent',
            options={'ordering': ['created_at', 'pk'], 'verbose_name': 'inspection event', 'verbose_name_plural': 'inspection events'},
        ),
        migrations.AlterModelOptions(
            name='planevent',
            options={'ordering': ['created_at', 'pk'], 'verbose_name': 'plan event', 'verbose_name_plural': 'plan events'},
        ),
        migrations.AlterModelOptions(
            name='targetevent',
            options={'ordering': ['created_at', 'pk'], 'verbose_name': 'target event', 'verbose_name_plural': 'target events'},
        ),
        migrations.AddField(
            model_name='inspectionevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AddField(
            model_name='inspectionevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AddField(
            model_name='planevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AddField(
            model_name='planevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AddField(
            model_name='targetevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AddField(
            model_name='targetevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AlterField(
            model_name='inspectionevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
        migrations.AlterField(
            model_name='inspectionevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
        migrations.AlterField(
            model_name='planevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
        migrations.AlterField(
            model_name='planevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
        migrations.AlterField(
            model_name='targetevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
        migrations.AlterField(
            model_name='targetevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
    ]
