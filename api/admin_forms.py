from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from api.models import IntegrationClient, Scope
from directory.models import Department


class IntegrationClientForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(label=_("Scopes"), choices=Scope.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = IntegrationClient
        fields = ["name", "department", "acts_as", "scopes", "allowed_networks", "expires_at", "is_active"]
        widgets = {"expires_at": AdminDateTimeInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).exclude(
            kind=Department.Kind.OUTSIDE_BODY)
        self.fields["acts_as"].queryset = (
            get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
            .select_related("staff_profile").order_by("username"))
