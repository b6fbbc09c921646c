"""Atom feeds of published advice points, force-wide and per group."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from iag.models import AdvisoryGroup
from iag_work import selectors
from iag_work.models import AdviceStatus

ITEMS = 50


class AdviceFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str | None = None):
        return get_object_or_404(AdvisoryGroup, slug=slug) if slug else None

    def title(self, group):
        name = group.name if group else _("Independent Advisory Groups")
        return _("You said, we did: %(name)s") % {"name": name}

    def link(self, group):
        return reverse("iag_work:group", args=[group.slug]) if group else reverse("iag_work:advice")

    def subtitle(self, group):
        return _("Advice from the advisory groups and what the force did about it.")

    def items(self, group):
        return selectors.advice_points(group=group)[:ITEMS]

    def item_title(self, point):
        # AdviceStatus(...).label translates one label; get_status_display() all four, per item.
        return f"{point.group.name}: {point.theme.name} ({AdviceStatus(point.status).label})"

    def item_description(self, point):
        parts = [_("You said: %(advice)s") % {"advice": point.advice}]
        if point.force_response:
            parts.append(_("We said: %(response)s") % {"response": point.force_response})
        if point.what_changed:
            parts.append(_("What changed: %(changed)s") % {"changed": point.what_changed})
        if point.not_taken_forward_reason:
            parts.append(_("Why not: %(reason)s") % {"reason": point.not_taken_forward_reason})
        if point.is_example:
            parts.append(_("This is example data."))
        return "\n\n".join(parts)

    def item_link(self, point):
        return reverse("iag_work:group", args=[point.group.slug]) + f"#advice-{point.pk}"

    def item_guid(self, point):
        return f"iag-advice-{point.pk}"

    item_guid_is_permalink = False

    def item_updateddate(self, point):
        return point.updated_at

    def item_pubdate(self, point):
        return timezone.make_aware(timezone.datetime.combine(point.given_on, timezone.datetime.min.time()))

    def item_categories(self, point):
        return [point.theme.name]
