from django.shortcuts import render
from django.views.decorators.http import require_safe

from force.selectors import force_profile
from page_cache.decorators import cached_page
from site_pages.emails import public_emails, sender


@cached_page
@require_safe
def emails_we_send(request):
    name, address = sender()
    return render(
        request,
        "site_pages/emails_we_send.html",
        {"sections": public_emails(force_profile()), "sender_name": name, "sender_address": address},
    )
