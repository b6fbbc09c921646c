from django.shortcuts import render
from django.views.decorators.http import require_safe

from iag.models import AdvisoryGroup, Community
from page_cache.decorators import cached_page


@cached_page
@require_safe
def index(request):
    return render(request, "iag/index.html", {"communities": Community.objects.filter(active=True)})


@cached_page
@require_safe
def groups(request):
    advisory_groups = AdvisoryGroup.objects.select_related("district")
    return render(request, "iag/groups.html", {"advisory_groups": advisory_groups})
