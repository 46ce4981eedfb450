"""A target's risk grade has one write path: inspections.services.targets (with a target event).
The generic Wagtail editor and the import cannot change it."""

import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from inspections.models import InspectionTarget, TargetEvent
from inspections.resources import InspectionTargetResource
from tests.factories.directory import MarketEntityFactory

pytestmark = pytest.mark.django_db


def test_the_generic_editor_cannot_change_the_grade(client, manager, city):
    target = city["targets"]["ZJ"][0]
    grade = target.risk_grade
    client.force_login(manager)
    url = reverse("inspections_target:edit", args=[target.pk])
    assert 'name="risk_grade"' not in client.get(url).content.decode()
    response = client.post(url, {"kind": target.kind, "entity": target.entity_id, "department": target.department_id,
                                 "industry": "房建", "risk_grade": "D" if grade != "D" else "A", "is_active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert (target.risk_grade, target.industry) == (grade, "房建")
    assert not TargetEvent.objects.filter(target=target).exists()


def test_a_new_target_gets_its_grade_from_the_create_form(client, manager, city):
    client.force_login(manager)
    assert 'name="risk_grade"' in client.get(reverse("inspections_target:add")).content.decode()


def test_the_grade_changes_through_the_service_with_a_reason_and_an_event(client, manager, city):
    target = city["targets"]["ZJ"][0]
    client.force_login(manager)
    url = reverse("inspections_target_grade", args=[target.pk])
    assert client.get(url).status_code == 200
    with translation.override("zh-hans"):
        response = client.post(url, {"grade": "D", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    target.refresh_from_db()
    previous = target.risk_grade
    assert previous == "A" and not TargetEvent.objects.filter(target=target).exists()
    response = client.post(url, {"grade": "D", "reason": "多次被投诉"})
    assert response.status_code == 302
    target.refresh_from_db()
    event = TargetEvent.objects.get(target=target)
    assert (target.risk_grade, event.from_state, event.to_state, event.note, event.actor) == (
        "D", previous, "D", "多次被投诉", manager)


def test_a_handler_without_the_permission_cannot_change_the_grade(client, city, roles):
    from directory.roles import HANDLER
    from tests.factories.directory import UserFactory

    client.force_login(UserFactory(roles=[HANDLER]))
    target = city["targets"]["ZJ"][0]
    response = client.post(reverse("inspections_target_grade", args=[target.pk]), {"grade": "D", "reason": "x"})
    assert response.status_code in (302, 403)
    target.refresh_from_db()
    assert not TargetEvent.objects.exists()


def test_import_sets_a_new_grade_but_cannot_change_an_existing_one(city):
    entity = MarketEntityFactory()
    data = tablib.Dataset(headers=["kind", "entity", "project", "department", "risk_grade"])
    data.append(["entity", entity.code, "", "ZJ", "A"])
    assert not InspectionTargetResource().import_data(data, dry_run=False).has_errors()
    target = InspectionTarget.objects.get(entity=entity)
    assert target.risk_grade == "A"
    data = tablib.Dataset(headers=["kind", "entity", "project", "department", "risk_grade"])
    data.append(["entity", entity.code, "", "ZJ", "D"])
    with translation.override("zh-hans"):
        result = InspectionTargetResource().import_data(data, dry_run=False)
    assert result.has_errors()
    assert "风险等级不能通过导入修改" in str(result.row_errors()[0][1][0].error)
    target.refresh_from_db()
    assert target.risk_grade == "A" and not TargetEvent.objects.filter(target=target).exists()
