from django.conf import settings
from django.http import HttpResponseRedirect
from django.views.decorators.cache import never_cache

from form_drafts.services import drafts_discard_all
from page_cache.decorators import cached_page


# Someone leaving in a hurry should wait for nothing: without a session there is
# nothing to forget, so the redirect is the same for everyone and kept.
@cached_page(redirect=True)
@never_cache
def leave(request):
    """Quick exit: forget the session (and so anything half-filled in), then go to
    a neutral site. The page's script uses location.replace() to get here, so
    Back does not return to the page that was left."""
    if request.session.session_key is not None:  # a session cookie came with the request
        drafts_discard_all(request)
        request.session.flush()
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    response["Clear-Site-Data"] = '"cache"'
    return response
