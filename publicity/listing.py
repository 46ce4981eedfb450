"""The context of the public disclosure list and detail, shared by the routable
cms.DisclosureIndexPage and the fallback views at /publicity/ (so no model imports a view)."""

from urllib.parse import urlencode

from django.http import Http404
from django.utils.translation import gettext as _

from portal.paginator import KeysFirstPaginator
from publicity.forms import DisclosureFilterForm
from publicity.selectors import public_disclosure, public_disclosures

PAGE_SIZE = 20


def list_context(request) -> dict:
    form = DisclosureFilterForm(request.GET or None)
    filters = form.filters()
    # A common word is in most disclosures: count them only up to the cap, in
    # the same pass that finds the page.
    page_obj = KeysFirstPaginator(public_disclosures(filters), PAGE_SIZE).get_page(request.GET.get("page"))
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
