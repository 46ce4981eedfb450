"""Back office: the company profile (一企一档) and finding a company."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.models import MarketEntity
from monitoring import profiles
from portal.admin_views import TitledAdminMixin

VIEW_ENTITY = "directory.view_marketentity"


class EntityPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_ENTITY):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EntitySearchView(EntityPermissionMixin, TitledAdminMixin, TemplateView):
    template_name = "monitoring/admin/entity_search.html"
    page_title = _("Company profiles")
    header_icon = "folder-open-inverse"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        page = Paginator(profiles.search_entities(query), 50).get_page(self.request.GET.get("p"))
        return super().get_context_data(query=query, page=page, **kwargs)


class EntityProfileView(EntityPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "monitoring/admin/entity_profile.html"
    header_icon = "folder-open-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.entity = get_object_or_404(MarketEntity.objects.select_related("department"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Company profile: %(name)s") % {"name": self.entity.name}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("monitoring_entities"), "label": _("Company profiles")},
                {"url": "", "label": self.entity.name}]

    def get_context_data(self, **kwargs):
        user, entity = self.request.user, self.entity
        try:
            target = entity.inspection_target
        except ObjectDoesNotExist:
            target = None
        credit_records, other_disclosures = profiles.disclosures(entity)
        return super().get_context_data(
            entity=entity,
            target=target,
            win_rate=profiles.win_rate(entity),
            bids=profiles.recent_bids(entity),
            bid_count=entity.bids.count(),
            wins=profiles.wins(entity),
            win_count=entity.awards.count(),
            co_bidders=profiles.co_bidders(entity),
            relations=profiles.relations(entity),
            leads=profiles.leads(user, entity),
            may_see_leads=user.has_perm("monitoring.view_lead"),
            cases=profiles.cases(user, entity),
            may_see_cases=user.has_perm("cases.view_case"),
            inspections=profiles.inspections(user, entity),
            may_see_inspections=user.has_perm("inspections.view_inspection"),
            credit_records=credit_records,
            disclosures=other_disclosures,
            **kwargs,
        )
