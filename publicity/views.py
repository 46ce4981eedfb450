"""Public disclosure pages, feeds and exports. The list and detail are normally served inside the
site by the routable cms.DisclosureIndexPage; these views build their context, and serve the same
pages at /publicity/ when no index page has been created yet."""


from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Page

from publicity.forms import DisclosureFilterForm
from publicity.listing import detail_context, list_context
from publicity.resources import PublicDisclosureResource
from publicity.selectors import public_disclosures

EXPORT_LIMIT = 5000
EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def disclosure_index_page():
    """The live routable disclosure index page of the site, if the editors created one."""
    return (Page.objects.live().filter(content_type__app_label="cms", content_type__model="disclosureindexpage")
            .order_by("path").first())


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
    # Excel opens UTF-8 CSV correctly only with a byte order mark.
    content = ("\ufeff" + dataset.csv).encode("utf-8") if fmt == "csv" else dataset.export("xlsx")
    response = HttpResponse(content, content_type=content_type)
    filename = f"disclosures-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
