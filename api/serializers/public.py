"""Payloads of the public read endpoints: disclosures, draws and published quarterly statistics."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from publicity.models import Disclosure


class DisclosureSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    department = serializers.SerializerMethodField()
    project_code = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField(help_text=_("The disclosure's page on the public site."))

    class Meta:
        model = Disclosure
        fields = ["id", "kind", "kind_label", "severity", "title", "body", "document_number", "decided_on",
                  "department", "entity_name", "entity_code", "project_code", "publish_from", "publish_until",
                  "source_label", "updated_at", "web_url"]

    def get_department(self, disclosure) -> dict | None:
        department = disclosure.department
        return {"id": department.pk, "code": department.code, "name": department.name} if department else None

    def get_project_code(self, disclosure) -> str | None:
        return disclosure.project.code if disclosure.project_id else None

    def get_web_url(self, disclosure) -> str:
        return self.context["request"].build_absolute_uri(disclosure.get_absolute_url())


class DrawLinksSerializer(serializers.Serializer):
    page = serializers.URLField()
    manifest = serializers.URLField()
    targets = serializers.URLField()
    inspectors = serializers.URLField()
    conflicts = serializers.URLField()
    reveal = serializers.URLField(allow_null=True)
    result_json = serializers.URLField(allow_null=True)
    result_csv = serializers.URLField(allow_null=True)
    algorithm = serializers.URLField()
    specification = serializers.URLField()


class DrawRevealSerializer(serializers.Serializer):
    plan = serializers.CharField()
    secret = serializers.CharField()
    public_value = serializers.CharField()
    manifest_sha256 = serializers.CharField()
    conflict_keys = serializers.DictField(child=serializers.CharField())


class DrawSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    draw_at = serializers.DateTimeField()
    frozen_at = serializers.DateTimeField()
    drawn_at = serializers.DateTimeField(allow_null=True)
    manifest = serializers.JSONField(help_text=_("The frozen manifest, exactly as in manifest.json."))
    manifest_sha256 = serializers.CharField()
    reveal = DrawRevealSerializer(allow_null=True, help_text=_("The secret and public value; null before the draw."))
    result = serializers.JSONField(allow_null=True, help_text=_("result.json; null before the draw."))
    links = DrawLinksSerializer()


class QuarterSummarySerializer(serializers.Serializer):
    period = serializers.CharField(help_text=_("YYYY-Qn, e.g. 2026-Q3."))
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    frozen_at = serializers.DateTimeField()
    report_url = serializers.URLField(allow_null=True)


class QuarterSerializer(QuarterSummarySerializer):
    figures = serializers.JSONField(help_text=_("The frozen figures, in total and per department."))
