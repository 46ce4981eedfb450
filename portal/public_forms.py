"""What every public form shares, whichever app owns it: accessible error and help links, and a
CAPTCHA for forms anyone can post without logging in."""

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaptchaInput(CaptchaTextInput):
    """The CAPTCHA picture with a translated description and a "new picture" button."""

    template_name = "portal/widgets/captcha.html"


class OneTripCaptchaField(CaptchaField):
    """django-simple-captcha's field with the same rules in two queries instead of three: read the
    challenge, then one DELETE that spends it (even when the answer is wrong, against guessing) and
    removes the expired ones."""

    def clean(self, value):
        forms.MultiValueField.clean(self, value)
        response, value[1] = (value[1] or "").strip().lower(), ""
        hashkey, now = value[0], timezone.now()
        if captcha_settings.CAPTCHA_TEST_MODE and response == "passed":
            expected = response
        else:
            expected = (
                CaptchaStore.objects.filter(hashkey=hashkey, expiration__gt=now)
                .values_list("response", flat=True)
                .first()
            )
        spent = Q(hashkey=hashkey)
        if not captcha_settings.CAPTCHA_GET_FROM_POOL:
            spent |= Q(expiration__lte=now)
        CaptchaStore.objects.filter(spent).delete()
        if expected is None or expected != response:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def captcha_field():
    return OneTripCaptchaField(
        label=_("Verification characters"),
        help_text=_("Type the characters shown in the picture. Click “new picture” if you cannot read them."),
        widget=CaptchaInput(),
        error_messages={"invalid": _("The verification characters do not match the picture. Please try again.")},
    )


class AccessibleForm:
    """Links every input to its help text and error list (aria-describedby), for screen readers,
    and adds a CAPTCHA when asked (forms anyone can post without logging in).

    Templates render errors as <… id="{{ field.auto_id }}_errors"> and help as "…_helptext".
    """

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, with_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields["captcha"] = captcha_field()
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            if not auto_id or field.widget.is_hidden:
                continue
            described = [f"{auto_id}_errors"] + ([f"{auto_id}_helptext"] if field.help_text else [])
            field.widget.attrs.setdefault("aria-describedby", " ".join(described))
