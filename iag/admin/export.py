"""CSV export of applications. Equality monitoring answers are never exported."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

from audit.exports import csv_safe
from audit.models import actor_fields
from iag.models import ApplicationEvent

COLUMNS = [
    "Reference",
    "Submitted",
    "Status",
    "Name",
    "Email",
    "Phone",
    "Postcode",
    "Groups",
    "Communities and subjects",
    "How they can speak for them",
    "Why they want to join",
    "Experience",
    "Can attend quarterly meetings",
    "Heard about it from",
]


class _Echo:
    def write(self, value):
        return value


def _rows(queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for app in queryset.prefetch_related("groups", "communities").iterator(chunk_size=500):
        yield writer.writerow(
            [
                csv_safe(v)
                for v in (
                    app.reference,
                    timezone.localtime(app.submitted_at).strftime("%Y-%m-%d %H:%M"),
                    app.get_status_display(),
                    app.full_name,
                    app.email,
                    app.phone,
                    app.postcode,
                    "; ".join(g.name for g in app.groups.all()),
                    "; ".join(c.name for c in app.communities.all()),
                    app.communities_detail,
                    app.why_join,
                    app.experience,
                    app.get_can_attend_display(),
                    app.get_heard_about_display(),
                )
            ]
        )


def applications_csv(*, queryset, actor) -> StreamingHttpResponse:
    ApplicationEvent.objects.bulk_create(
        [
            ApplicationEvent(application_id=pk, action=ApplicationEvent.Action.EXPORTED, **actor_fields(actor))
            for pk in queryset.values_list("pk", flat=True).iterator(chunk_size=2000)
        ],
        batch_size=1000,
    )
    response = StreamingHttpResponse(_rows(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iag-applications-{timezone.now():%Y%m%d-%H%M}.csv"'
    response["Cache-Control"] = "no-store"
    return response
