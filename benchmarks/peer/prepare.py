"""`python -m benchmarks.peer.prepare`: migrate the peer's database and give it one public queue."""

import os

import django
from django.core.management import call_command

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.peer.settings")
django.setup()

from helpdesk.models import Queue  # noqa: E402 - needs django.setup() first

call_command("migrate", interactive=False, verbosity=0)
Queue.objects.get_or_create(
    slug="complaints", defaults={"title": "Complaints", "allow_public_submission": True, "email_address": ""}
)
