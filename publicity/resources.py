"""Export of the public disclosure list (csv, xlsx). Export only: disclosures are never imported,
they are published through publicity.services."""

from django.utils.translation import pgettext_lazy
from import_export import fields, resources

from publicity.models import Disclosure


class PublicDisclosureResource(resources.ModelResource):
    id = fields.Field(attribute="id", column_name=pgettext_lazy("disclosure export", "No."))
    kind = fields.Field(attribute="get_kind_display", column_name=pgettext_lazy("disclosure export", "Kind"))
    title = fields.Field(attribute="title", column_name=pgettext_lazy("disclosure export", "Title"))
    entity_name = fields.Field(attribute="entity_name", column_name=pgettext_lazy("disclosure export", "Entity"))
    entity_code = fields.Field(attribute="entity_code", column_name=pgettext_lazy("disclosure export", "Credit code"))
    department = fields.Field(attribute="department__name", column_name=pgettext_lazy("disclosure export", "Department"))
    document_number = fields.Field(attribute="document_number", column_name=pgettext_lazy("disclosure export", "Document number"))
    decided_on = fields.Field(attribute="decided_on", column_name=pgettext_lazy("disclosure export", "Decision date"))
    publish_from = fields.Field(attribute="publish_from", column_name=pgettext_lazy("disclosure export", "Published from"))
    publish_until = fields.Field(attribute="publish_until", column_name=pgettext_lazy("disclosure export", "Published until"))
    url = fields.Field(column_name=pgettext_lazy("disclosure export", "Link"))
    body = fields.Field(attribute="body", column_name=pgettext_lazy("disclosure export", "Text"))

    class Meta:
        model = Disclosure
        fields = ["id", "kind", "title", "entity_name", "entity_code", "department", "document_number",
                  "decided_on", "publish_from", "publish_until", "url", "body"]
        export_order = fields

    def __init__(self, *, base_url: str = "", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url

    def dehydrate_url(self, disclosure):
        return self.base_url + disclosure.get_absolute_url()
