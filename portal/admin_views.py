"""Shared base for custom back-office (Wagtail admin) form views: actions that are not plain
model edits, such as workflow transitions or loading a holiday schedule."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminFormView(WagtailAdminTemplateMixin, FormView):
    """Subclasses set `permission_required`, `page_title`, `form_class` and implement
    `perform(form)`, which calls a service. A ValidationError from the service is shown on the
    form and nothing is lost."""

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
        raise NotImplementedError  # pragma: no cover - every subclass defines its action

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return super().form_valid(form)
