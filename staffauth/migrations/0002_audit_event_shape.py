# Audit events take the one shape of portal.audit.AuditEvent; existing rows are kept (renamed columns).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import portal.clock


class Migration(migrations.Migration):

    dependencies = [
        ('staffauth', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='accountevent',
            options={'ordering': ['-created_at', '-pk'], 'permissions': [('reset_two_factor', "Can reset a staff member's second factor")], 'verbose_name': 'account event', 'verbose_name_plural': 'account events'},
        ),
        migrations.RemoveIndex(
            model_name='accountevent',
            name='staffauth_a_user_id_ab5a5f_idx',
        ),
        migrations.RenameField(
            model_name='accountevent',
            old_name='at',
            new_name='created_at',
        ),
        migrations.RenameField(
            model_name='accountevent',
            old_name='ip_address',
            new_name='client_address',
        ),
        migrations.AlterField(
            model_name='accountevent',
            name='client_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='client address'),
        ),
        migrations.AddField(
            model_name='accountevent',
            name='data',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
        migrations.AddField(
            model_name='accountevent',
            name='from_state',
            field=models.CharField(blank=True, max_length=30, verbose_name='from state'),
        ),
        migrations.AddField(
            model_name='accountevent',
            name='request_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='request ID'),
        ),
        migrations.AddField(
            model_name='accountevent',
            name='to_state',
            field=models.CharField(blank=True, max_length=30, verbose_name='to state'),
        ),
        migrations.AlterField(
            model_name='accountevent',
            name='action',
            field=models.CharField(choices=[('login', 'Signed in'), ('login_failed', 'Sign-in failed'), ('logout', 'Signed out'), ('idle_timeout', 'Signed out after inactivity'), ('otp_verified', 'Second factor verified'), ('otp_failed', 'Second factor refused'), ('device_enrolled', 'Authenticator app enrolled'), ('backup_codes_issued', 'Backup codes issued'), ('devices_reset', 'Second factor reset by the office')], max_length=40, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='accountevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='actor'),
        ),
        migrations.AddIndex(
            model_name='accountevent',
            index=models.Index(fields=['user', '-created_at'], name='staffauth_a_user_id_c4ed68_idx'),
        ),
        migrations.AlterField(
            model_name='accountevent',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=portal.clock.now, verbose_name='time'),
        ),
    ]
