import datetime as dt

import factory
from django.utils import timezone

from publicity.models import Disclosure
from publicity.services import publish_disclosure


class DisclosureFactory(factory.Factory):
    """Builds disclosures through the publishing service, so they are redacted like real ones."""

    class Meta:
        model = Disclosure

    kind = Disclosure.Kind.COMPLAINT_DECISION
    title = factory.Sequence(lambda n: f"关于道路改造工程{n}投诉的处理决定")
    body = "经调查，投诉事项不属实，驳回投诉。"
    department = None
    entity = None
    severity = ""
    publish_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    publish_until = None
    personal_values = ()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return publish_disclosure(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("Disclosures only exist through publish_disclosure; use create().")
