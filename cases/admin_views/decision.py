"""The decision document (投诉处理决定书) as a printable page and as a PDF, for the staff the
rules let read it; the complainant is shown as the reader may see them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cases import decision_document, selectors
from cases.admin_views.common import require_case_staff


def _document_for(request, pk):
    require_case_staff(request.user)
    case, document = selectors.visible_document(request.user, pk)
    return case, document, selectors.filer_identity(request.user, case)


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


class DecisionDocumentView(View):
    def get(self, request, pk):
        case, document, identity = _document_for(request, pk)
        html = decision_document.render_html(
            document,
            identity=identity,
            extra={
                "printable_controls": True,
                "pdf_url": reverse("cases_decision_pdf", args=[case.pk]),
                "case_url": reverse("cases_case", args=[case.pk]),
            },
        )
        return _private(HttpResponse(html))


class DecisionDocumentPdfView(View):
    def get(self, request, pk):
        case, document, identity = _document_for(request, pk)
        try:
            pdf = decision_document.render_pdf(document, identity=identity)
        except decision_document.PdfUnavailable:
            messages.error(request, _("This server cannot make PDFs (the Pango library is not installed). "
                                      "Open the printable page and print it to PDF instead."))
            return redirect("cases_case", case.pk)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"decision-{case.number}-{document.round}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return _private(response)
