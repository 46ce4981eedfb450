from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    page_size_query_description = _("Results per page (at most 100).")
    max_page_size = 100
