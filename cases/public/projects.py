"""Reads of the trading directory for the public forms: project lookup and respondent matching."""

from django.db.models import Q

from directory.models import MarketEntity, TradingProject

LOOKUP_LIMIT = 10


def search_projects(query: str) -> list[dict]:
    """Projects whose code or name contains `query` (at least 2 characters), exact code first."""
    text = (query or "").strip()
    if len(text) < 2:
        return []
    projects = (
        TradingProject.objects.filter(Q(code__iexact=text) | Q(code__icontains=text) | Q(name__icontains=text))
        .select_related("department", "tenderer")
        .order_by("-announced_on", "code")[: LOOKUP_LIMIT * 3]
    )
    ranked = sorted(projects, key=lambda p: (p.code.lower() != text.lower(), not p.name.startswith(text)))
    return [
        {"id": p.pk, "code": p.code, "name": p.name, "category": p.get_category_display(),
         "tenderer": p.tenderer.name, "department": p.department.name}
        for p in ranked[:LOOKUP_LIMIT]
    ]


def resolve_project(project_id, query: str):
    """(project, text): the chosen project, or one whose code or full name is exactly `query`."""
    text = (query or "").strip()
    if project_id:
        project = TradingProject.objects.filter(pk=project_id).first()
        if project and (not text or text in (project.code, project.name, f"{project.code} {project.name}")):
            return project, text
    if text:
        code = text.split()[0]
        project = TradingProject.objects.filter(code__iexact=code).first()
        if project is None:
            matches = list(TradingProject.objects.filter(name=text)[:2])
            project = matches[0] if len(matches) == 1 else None
        if project:
            return project, text
    return None, text


def find_entity_by_code(code: str):
    return MarketEntity.objects.filter(code=code).first() if code else None
