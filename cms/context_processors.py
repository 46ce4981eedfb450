"""What every public page's layout reads: the office's contact details, from the shared cache."""

from django.utils.functional import SimpleLazyObject

from cms.selectors import portal_contacts as read_portal_contacts


def portal_contacts(request):
    # Lazy: pages that do not show the footer (files, JSON) never look the site up.
    return {"portal_contacts": SimpleLazyObject(lambda: read_portal_contacts(request))}
