"""What publicity adds to lower apps' pages through their hooks (registered in apps.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.hooks import CasePageLink


def publish_decision_link(user, case) -> CasePageLink | None:
    """The one-step "publish this decision" action, while it is still to be done."""
    from publicity.selectors import complaint_decisions_to_publish

    if not user.has_perm("publicity.add_disclosure"):
        return None
    if not complaint_decisions_to_publish(user).filter(pk=case.pk).exists():
        return None
    return CasePageLink(_("Publish the decision"), reverse("publicity_publish_decision", args=[case.pk]))
