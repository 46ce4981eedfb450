"""The one export that holds filers' identities: the filtered queue list plus every identity
field, for users with the reveal permission, with a reason, recorded as a reveal on every case
in it (cases.services.export_identities). Every other export leaves identities out."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from tablib import Dataset

from cases import selectors, services
from cases.admin_views.common import require_case_staff
from cases.admin_views.queues import QUEUE_TITLES, CaseQueueView
from cases.exports import EXPORT_COLUMNS, DeadlineClock, export_row
from cases.models import Case
from portal import spreadsheets
from portal.admin_views import AdminFormView, add_service_errors
from portal.errors import DomainError

FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", spreadsheets.xlsx_bytes),
    "csv": ("text/csv; charset=utf-8", spreadsheets.csv_bytes),
}


class IdentityExportForm(forms.Form):
    reason = forms.CharField(label=_("Reason for exporting the identities"), widget=forms.Textarea(attrs={"rows": 3}))
    file_format = forms.ChoiceField(label=pgettext_lazy("export format", "Format"), choices=[("xlsx", "xlsx"), ("csv", "csv")], initial="xlsx")


def queue_cases(request, queue_name):
    """The queue's list exactly as the user filtered, searched and sorted it (same query string)."""
    view = CaseQueueView()
    view.setup(request, queue=queue_name)
    return view.get_queryset()


def identity_dataset(cases) -> Dataset:
    clock = DeadlineClock()
    identity_headings = [str(Case._meta.get_field(name).verbose_name) for name in selectors.IDENTITY_FIELDS]
    dataset = Dataset(headers=[str(heading) for _key, heading in EXPORT_COLUMNS] + identity_headings)
    for case in cases:
        row = export_row(case, clock)
        identity = selectors.identity_of(case)
        identity["filer_type"] = case.get_filer_type_display()
        dataset.append([row[key] for key, _heading in EXPORT_COLUMNS]
                       + [identity[name] for name in selectors.IDENTITY_FIELDS])
    return dataset


class IdentityExportView(AdminFormView):
    form_class = IdentityExportForm
    permission_required = selectors.REVEAL
    header_icon = "download"
    page_title = _("Export with filers' identities")
    submit_button_label = _("Export and record the reveal")

    def dispatch(self, request, *args, **kwargs):
        require_case_staff(request.user)
        if kwargs["queue"] not in QUEUE_TITLES:
            raise Http404
        if not request.user.has_perm(selectors.REVEAL):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        count = queue_cases(self.request, self.kwargs["queue"]).count()
        self.intro = _(
            "The file holds the %(count)s cases of “%(queue)s” as filtered, with each filer's name, ID number, phone, "
            "e-mail and address. The export is recorded as an identity reveal on every one of these cases, with your "
            "reason. Keep the file out of notes, decisions and messages to departments."
        ) % {"count": count, "queue": QUEUE_TITLES[self.kwargs["queue"]]}
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        cases = queue_cases(self.request, self.kwargs["queue"])
        file_format = form.cleaned_data["file_format"]
        try:
            exported = services.export_identities(
                case_ids=list(cases.values_list("pk", flat=True)), actor=self.request.user,
                reason=form.cleaned_data["reason"], file_format=file_format)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except DomainError as error:
            form.add_error(None, str(error.message))
            return self.form_invalid(form)
        content_type, render = FORMATS[file_format]
        response = HttpResponse(render(identity_dataset(cases.filter(pk__in=exported))), content_type=content_type)
        filename = f"cases-{self.kwargs['queue']}-identities-{timezone.localdate():%Y%m%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
