# The outbox model moves here from `cases`. Its table (cases_notification) and rows stay as they
# are: only Django's model state moves, and the content type is relabelled so the permissions
# already granted on it (and their ids) carry over.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    moved = content_type.objects.using(schema_editor.connection.alias)
    if not moved.filter(app_label="notifications", model="notification").exists():
        moved.filter(app_label="cases", model="notification").update(app_label="notifications")


def restore_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    moved = content_type.objects.using(schema_editor.connection.alias)
    if not moved.filter(app_label="cases", model="notification").exists():
        moved.filter(app_label="notifications", model="notification").update(app_label="cases")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0005_merge_20261203_0009'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('email', 'E-mail'), ('sms', 'SMS')], max_length=10, verbose_name='channel')),
                        ('address', models.CharField(max_length=200, verbose_name='address or phone')),
                        ('subject', models.CharField(blank=True, max_length=200, verbose_name='subject')),
                        ('body', models.TextField(verbose_name='message')),
                        ('dedupe_key', models.CharField(max_length=200, unique=True, verbose_name='deduplication key')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sent', 'Sent'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt at')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('recipient_user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'db_table': 'cases_notification',
                        'ordering': ['-created_at'],
                        'indexes': [
                            models.Index(fields=['status', 'created_at'], name='cases_notif_status_09c52b_idx'),
                            models.Index(fields=['status', 'next_attempt_at'], name='cases_notif_status_98fcb5_idx'),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
