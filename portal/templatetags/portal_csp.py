"""Content-Security-Policy helpers for templates."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_STYLE_TAG = re.compile(r"<style\b")


@register.filter
def csp_nonce(markup, request):
    """Lets the <style> blocks of markup the portal generated itself (pygal's chart SVG) run
    under the policy by giving them this response's nonce. Never apply it to user input."""
    nonce = getattr(request, "csp_nonce", None)
    if not nonce or not isinstance(markup, SafeString):
        return markup
    return mark_safe(_STYLE_TAG.sub(f'<style nonce="{nonce}"', markup))  # noqa: S308 - our own markup
