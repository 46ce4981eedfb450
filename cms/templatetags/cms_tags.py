from django import template

from cms.selectors import menu_entries

register = template.Library()


@register.inclusion_tag("cms/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The site's top-level sections; the one the visitor is in is marked aria-current."""
    request = context.get("request")
    if request is None:
        return {"menu_items": []}
    items = [
        {"title": title, "url": url, "current": bool(url) and request.path.startswith(url)}
        for title, url in menu_entries(request)
    ]
    return {"menu_items": items}
