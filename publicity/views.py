"""Public disclosure pages, feeds and exports. The list and detail are normally served inside the
site by the routable cms.DisclosureIndexPage; these views build their context, and serve the same
pages at /publicity/ when no index page has been created yet."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from portal import spreadsheets
from publicity.forms import DisclosureFilterForm
from publicity.resources import PublicDisclosureResource
from publicity.selectors import public_disclosure, public_disclosures

PAGE_SIZE = 20
EXPORT_LIMIT = 5000
EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def disclosure_index_page():
    """The live routable disclosure index page of the site, if the editors created one."""
    return (Page.objects.live().filter(content_type__app_label="cms", content_type__model="disclosureindexpage")
            .order_by("path").first())


def list_context(request) -> dict:
    form = DisclosureFilterForm(request.GET or None)
    filters = form.filters()
    page_obj = Paginator(public_disclosures(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    kept = [(key, value) for key, value in request.GET.items() if key != "page" and value]
    return {
        "filter_form": form,
        "filters": filters,
        "page_obj": page_obj,
        "disclosures": page_obj.object_list,
        "querystring": urlencode(kept),
        "export_querystring": urlencode(kept),
    }


def detail_context(pk: int) -> dict:
    disclosure = public_disclosure(pk)
    if disclosure is None:
        raise Http404(_("This disclosure does not exist or is no longer published."))
    return {"disclosure": disclosure}


@require_GET
def disclosure_list(request):
    page = disclosure_index_page()
    if page is not None:
        query = request.GET.urlencode()
        return redirect(page.url + (f"?{query}" if query else ""))
    return render(request, "publicity/disclosure_list.html", list_context(request))


@require_GET
def disclosure_detail(request, pk: int):
    page = disclosure_index_page()
    if page is not None:
        return redirect(page.url + page.specific.reverse_subpage("detail", args=[pk]))
    return render(request, "publicity/disclosure_detail.html", detail_context(pk))


@require_GET
def disclosure_export(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    filters = DisclosureFilterForm(request.GET or None).filters()
    queryset = public_disclosures(filters)[:EXPORT_LIMIT]
    resource = PublicDisclosureResource(base_url=request.build_absolute_uri("/")[:-1])
    dataset = resource.export(queryset=queryset)
    content_type, extension = EXPORT_FORMATS[fmt]
    content = spreadsheets.csv_bytes(dataset) if fmt == "csv" else spreadsheets.xlsx_bytes(dataset)
    response = HttpResponse(content, content_type=content_type)
    filename = f"disclosures-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
