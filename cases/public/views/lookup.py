from django.http import JsonResponse
from django.views.decorators.http import require_GET

from cases.public import throttle
from cases.public.projects import search_projects


@require_GET
def project_lookup(request):
    """JSON list of trading projects matching ?q= (code or part of the name), for the intake forms."""
    if throttle.hit(request, "project_lookup"):
        return JsonResponse({"results": [], "error": "rate_limited"}, status=429)
    return JsonResponse({"results": search_projects(request.GET.get("q", ""))})
