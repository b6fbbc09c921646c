from django.shortcuts import render
from django.views.decorators.http import require_safe

from iag.models import AdvisoryGroup, Community
from iag.selectors import groups_history
from page_cache.decorators import cached_page


@cached_page
@require_safe
def index(request):
    context = {"communities": Community.objects.filter(active=True), **groups_history()}
    return render(request, "iag/index.html", context)


@cached_page
@require_safe
def groups(request):
    advisory_groups = list(AdvisoryGroup.objects.select_related("district"))
    has_examples = any(group.is_example for group in advisory_groups)
    return render(request, "iag/groups.html", {"advisory_groups": advisory_groups, "has_examples": has_examples})
