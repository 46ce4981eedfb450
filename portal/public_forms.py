"""What every public form shares, whichever app owns it: accessible error and help links, and a
CAPTCHA for forms anyone can post without logging in."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.captcha import PortalCaptchaField


def captcha_field():
    return PortalCaptchaField(
        label=_("Verification code"),
        help_text=_(
            "Type the characters shown in the picture (capital or small letters both work). If you cannot "
            "read them, click “new picture” or answer the text question below instead."
        ),
        error_messages={
            "invalid": _("The answer does not match the picture or the question. Please try again with the new ones.")
        },
    )


CHOSEN_NOT_TYPED = (forms.ChoiceField, forms.FileField, forms.BooleanField, forms.ModelChoiceField)


def _required_message(field: forms.Field) -> str:
    template = (
        gettext("Please choose %(field)s.")
        if isinstance(field, CHOSEN_NOT_TYPED)
        else gettext("Please fill in %(field)s.")
    )
    return template % {"field": str(field.label).rstrip("？?：: ")}  # a question label ends in the message's 。


required_message = lazy(_required_message, str)


class AccessibleForm:
    """Links every input to its help text and error list (aria-describedby), for screen readers,
    names the field in its "required" message (请填写联系电话。 rather than Django's generic one),
    and adds a CAPTCHA when asked (forms anyone can post without logging in).

    Templates render errors as <… id="{{ field.auto_id }}_errors"> and help as "…_helptext".
    """

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, with_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields["captcha"] = captcha_field()
        generic = forms.Field.default_error_messages["required"]
        for name, field in self.fields.items():
            if field.label and field.error_messages.get("required") == generic:
                field.error_messages["required"] = required_message(field)
            auto_id = self[name].auto_id
            if not auto_id or field.widget.is_hidden:
                continue
            described = [f"{auto_id}_errors"] + ([f"{auto_id}_helptext"] if field.help_text else [])
            field.widget.attrs.setdefault("aria-describedby", " ".join(described))
