from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ReleasePackageSerializer(serializers.Serializer):
    """An OCDS release package; only `releases` is read (each a release object with the bids extension)."""

    uri = serializers.CharField(required=False, allow_blank=True)
    publishedDate = serializers.CharField(required=False, allow_blank=True)  # noqa: N815 - OCDS field name
    version = serializers.CharField(required=False, allow_blank=True)
    releases = serializers.ListField(child=serializers.DictField(), min_length=1,
                                     help_text=_("OCDS 1.1 releases (ocid, id, date, parties, tender, bids, awards)."))


class ImportJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField(help_text=_("queued, running, succeeded or failed."))
    state_label = serializers.CharField()
    progress = serializers.IntegerField(help_text=_("Percent done."))
    rows_done = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    report = serializers.JSONField(allow_null=True, help_text=_(
        "When finished: rows_read, rows_imported, rows_unchanged, written, errors, committed."))
    error = serializers.CharField()
    url = serializers.URLField(help_text=_("Poll this address until the state is succeeded or failed."))
