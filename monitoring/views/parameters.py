"""Back office: the office edits each screen's parameters (through the parameters service, which
checks every value against the screen's documented defaults)."""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from monitoring.models import Screen
from monitoring.screens import DEFAULTS
from monitoring.services import parameters
from portal.admin_views import AdminFormView, TitledAdminMixin


class ParameterListView(TitledAdminMixin, TemplateView):
    template_name = "monitoring/admin/parameter_list.html"
    page_title = _("Screen parameters")
    header_icon = "cog"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("monitoring.view_screenparameter"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        values, enabled = parameters.effective_parameters()
        rows = [(screen, Screen(screen).label, screen in enabled, values[screen]) for screen in DEFAULTS]
        return super().get_context_data(rows=rows, can_change=self.request.user.has_perm(parameters.CHANGE), **kwargs)


class ScreenParameterForm(forms.Form):
    """One field per documented parameter: yes/no, a number, or JSON for lists and weights."""

    is_enabled = forms.BooleanField(label=_("Enabled"), required=False)

    def __init__(self, *args, screen, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.screen = screen
        for key, default in DEFAULTS[screen].items():
            value = current[key]
            if isinstance(default, bool):
                field = forms.BooleanField(required=False, initial=value)
            elif isinstance(default, list | dict):
                field = forms.JSONField(initial=value, encoder=None)
            elif isinstance(default, int) and not isinstance(default, bool):
                field = forms.IntegerField(min_value=0, initial=value)
            else:
                field = forms.FloatField(min_value=0, required=default is None, initial=value)
            field.label = key
            self.fields[key] = field

    def values(self) -> dict:
        return {key: self.cleaned_data[key] for key in DEFAULTS[self.screen]}


class ScreenParameterEditView(AdminFormView):
    permission_required = parameters.CHANGE
    header_icon = "cog"
    form_class = ScreenParameterForm
    submit_button_label = _("Save")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["screen"] not in DEFAULTS:
            raise Http404
        self.screen = kwargs["screen"]
        values, enabled = parameters.effective_parameters()
        self.current, self.enabled = values[self.screen], self.screen in enabled

    def get_page_title(self):
        return _("Parameters of %(screen)s") % {"screen": Screen(self.screen).label}

    @property
    def intro(self):
        return _("Defaults and formulas: docs/monitoring.md. Current values: %(values)s") % {
            "values": json.dumps(self.current, ensure_ascii=False)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "screen": self.screen, "current": self.current,
                "initial": {"is_enabled": self.enabled}}

    def perform(self, form):
        parameters.update_parameters(screen=self.screen, actor=self.request.user, values=form.values(),
                                     is_enabled=form.cleaned_data["is_enabled"])
        self.success_message = _("The parameters were saved; the next run uses them.")

    def get_success_url(self):
        return reverse("monitoring_parameters")
