"""Who must step aside (回避) for which target: declared ties, ties derived from entity relations
(the inspector or a declared relative is a legal representative, manager or shareholder; the
inspector's phone or e-mail is an entity's contact) and "not the same inspector as last time"."""

from collections import defaultdict

from django.utils.translation import gettext as _

from directory.models import Award, Bid, EntityRelation
from directory.models.market import normalize_relation_value
from inspections.models import InspectionAssignment, InspectionTarget, Inspector, InspectorTie

PERSON_KINDS = (EntityRelation.Kind.LEGAL_REPRESENTATIVE, EntityRelation.Kind.MANAGER,
                EntityRelation.Kind.SHAREHOLDER)


def entities_of_targets(targets) -> dict[int, set[int]]:
    """Target pk → the market entities it involves (a project: tenderer, agency, bidders, winner)."""
    targets = list(targets)
    involved = {t.pk: ({t.entity_id} if t.kind == InspectionTarget.Kind.ENTITY else set()) for t in targets}
    projects = {t.project_id: t.pk for t in targets if t.kind == InspectionTarget.Kind.PROJECT}
    if projects:
        for target in targets:
            if target.kind == InspectionTarget.Kind.PROJECT:
                involved[target.pk].update(i for i in (target.project.tenderer_id, target.project.agency_id) if i)
        for project_id, bidder_id in Bid.objects.filter(project_id__in=projects).values_list("project_id", "bidder_id"):
            involved[projects[project_id]].add(bidder_id)
        for project_id, winner_id in Award.objects.filter(project_id__in=projects).values_list("project_id", "winner_id"):
            involved[projects[project_id]].add(winner_id)
    return involved


def _entity_reasons(inspector: Inspector) -> dict[int, set[str]]:
    reasons: dict[int, set[str]] = defaultdict(set)
    person_hashes = {}
    if inspector.person_id_hash:
        person_hashes[inspector.person_id_hash] = _("the inspector holds a role in the entity")
    for tie in inspector.ties.all():
        label = tie.get_kind_display()
        if tie.entity_id:
            reasons[tie.entity_id].add(_("declared: %(kind)s") % {"kind": label})
        if tie.kind == InspectorTie.Kind.RELATIVE and tie.relative_id_hash:
            person_hashes[tie.relative_id_hash] = _("a relative (%(name)s) holds a role in the entity") % {
                "name": tie.relative_name or "—"}
    if person_hashes:
        for entity_id, person_hash in EntityRelation.objects.filter(
            kind__in=PERSON_KINDS, person_id_hash__in=person_hashes
        ).values_list("entity_id", "person_id_hash"):
            reasons[entity_id].add(person_hashes[person_hash])
    contacts = []
    if inspector.staff.phone:
        contacts.append((EntityRelation.Kind.PHONE, normalize_relation_value(EntityRelation.Kind.PHONE, inspector.staff.phone)))
    if inspector.staff.user.email:
        contacts.append((EntityRelation.Kind.EMAIL, normalize_relation_value(EntityRelation.Kind.EMAIL, inspector.staff.user.email)))
    for kind, value in contacts:
        if value:
            for entity_id in EntityRelation.objects.filter(kind=kind, normalized_value=value).values_list("entity_id", flat=True):
                reasons[entity_id].add(_("the inspector's contact details are the entity's"))
    return reasons


def last_teams(targets) -> dict[int, set[int]]:
    """Target pk → inspectors of its most recent earlier inspection."""
    latest: dict[int, tuple[int, set[int]]] = {}
    rows = InspectionAssignment.objects.filter(inspection__target__in=list(targets)).values_list(
        "inspection__target_id", "inspection_id", "inspector_id")
    for target_id, inspection_id, inspector_id in rows:
        current = latest.get(target_id)
        if current is None or inspection_id > current[0]:
            latest[target_id] = (inspection_id, {inspector_id})
        elif inspection_id == current[0]:
            current[1].add(inspector_id)
    return {target_id: team for target_id, (_inspection, team) in latest.items()}


def conflicts(inspectors, targets) -> dict[int, dict[int, list[str]]]:
    """Inspector pk → {target pk → reasons}; only pairs that conflict appear."""
    targets = list(targets)
    involved = entities_of_targets(targets)
    previous = last_teams(targets)
    result: dict[int, dict[int, list[str]]] = {}
    for inspector in inspectors:
        by_entity = _entity_reasons(inspector)
        found = {}
        for target in targets:
            reasons = set()
            for entity_id in involved[target.pk] & by_entity.keys():
                reasons |= by_entity[entity_id]
            if inspector.pk in previous.get(target.pk, ()):
                reasons.add(_("inspected this target last time"))
            if reasons:
                found[target.pk] = sorted(reasons)
        result[inspector.pk] = found
    return result
