from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """Liveness check for load balancers: the app is up and answering. It touches
    no database or cache, so it is also the framework floor in benchmarks."""
    return HttpResponse(b"ok", content_type="text/plain")
