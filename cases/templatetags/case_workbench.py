from django import template

from cases.admin_views.home import works_from_workbench

register = template.Library()


@register.filter
def works_from_case_workbench(user) -> bool:
    return works_from_workbench(user)
