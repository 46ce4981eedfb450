from django import template
from wagtail.models import Site

from cms.selectors import menu_pages

register = template.Library()


@register.inclusion_tag("cms/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The site's top-level sections; the one the visitor is in is marked aria-current."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    path = request.path if request is not None else ""
    items = []
    for page in menu_pages(site):
        url = page.get_url(request)
        items.append({"title": page.title, "url": url, "current": bool(url) and path.startswith(url)})
    return {"menu_items": items}
