"""Shared base for custom back-office (Wagtail admin) form views: actions that are not plain
model edits, such as workflow transitions or loading a holiday schedule."""

from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, PermissionDenied, ValidationError
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.errors import DomainError


class TitledAdminMixin(WagtailAdminTemplateMixin):
    """Wagtail shows the last breadcrumb as the page header; without this, a custom view's header
    reads "Home" instead of its own title."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class AdminFormView(TitledAdminMixin, FormView):
    """Subclasses set `permission_required`, `page_title`, `form_class` and implement
    `perform(form)`, which calls a service. A ValidationError or DomainError from the service is
    shown on the form (field errors next to their fields) and nothing is lost."""

    template_name = "portal/admin/form.html"
    permission_required: str | None = None
    submit_button_label = ""
    success_message = ""
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        if self.permission_required and not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            intro=self.intro,
        )
        return context

    def perform(self, form):
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform(form)")

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return super().form_valid(form)


def add_service_errors(form, exc: ValidationError, field_map: dict[str, str] | None = None):
    """Show a service's ValidationError on the form: errors for a field the form has go next to
    that field (service argument names translated through `field_map`), everything else at the top."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.message_dict.items():
        field = (field_map or {}).get(name, name)
        for message in errors:
            form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, message)
