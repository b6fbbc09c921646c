"""Reads beyond one filter: the check-your-answers summary, the equality totals and
the groups shown in the admin list of applications."""

from collections import Counter, defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from iag.disclosure import protect_row
from iag.models import AdvisoryGroup, ApplicationChoice, CanAttend, EqualityMonitoring, HeardAbout
from iag.models.monitoring import CHARACTERISTICS


def _row(key: str, value, step: str, field: str) -> dict:
    values = value if isinstance(value, list) else [value or _("Not given")]
    return {
        "key": key,
        "values": values,
        "change_url": reverse("iag:apply_step", args=[step]) + f"?change=1#id_{field}",
        "hidden": key.lower(),
    }


def answers_summary(data: dict) -> list[dict]:
    """Sections and rows for the "Check your answers" page, from validated answers."""
    monitoring_rows = []
    for field, (question, choices) in CHARACTERISTICS.items():
        answer = data.get(field)
        shown = choices(answer).label if answer else _("Not answered")
        monitoring_rows.append(_row(str(question), str(shown), "equality", field))
    return [
        {
            "title": _("Your details"),
            "rows": [
                _row(_("Name"), data["full_name"], "your-details", "full_name"),
                _row(_("Email address"), data["email"], "your-details", "email"),
                _row(_("Phone number"), data["phone"], "your-details", "phone"),
                _row(_("Postcode"), data["postcode"], "your-details", "postcode"),
            ],
        },
        {
            "title": _("Groups and communities"),
            "rows": [
                _row(_("Groups"), [str(group) for group in data["groups"]], "groups", "groups"),
                _row(
                    _("Communities and subjects"), [str(c) for c in data["communities"]], "communities", "communities"
                ),
                _row(
                    _("How you could speak for them"), data["communities_detail"], "communities", "communities_detail"
                ),
            ],
        },
        {
            "title": _("Why you want to join"),
            "rows": [
                _row(_("Why you want to join"), data["why_join"], "why-join", "why_join"),
                _row(_("Experience"), data["experience"], "why-join", "experience"),
                _row(
                    _("Can attend quarterly meetings"),
                    str(CanAttend(data["can_attend"]).label),
                    "why-join",
                    "can_attend",
                ),
                _row(
                    _("How you heard about the groups"),
                    str(HeardAbout(data["heard_about"]).label),
                    "why-join",
                    "heard_about",
                ),
            ],
        },
        {"title": _("Equality monitoring"), "rows": monitoring_rows},
    ]


def monitoring_counts() -> list[dict]:
    """For each characteristic: the exact number of each answer, by group. Never
    shown as it is: the totals page shows a protected snapshot (iag.services.monitoring).
    Only applications that have not been anonymised or erased are counted.

    The answers are encrypted at rest, so they are counted here in Python after
    decrypting, not with GROUP BY. Four queries, however many applications."""
    groups = list(AdvisoryGroup.objects.only("id", "name"))
    choices = ApplicationChoice.objects.filter(application__anonymised_at__isnull=True)
    per_group = dict(choices.values_list("group").annotate(n=Count("id")).order_by())
    groups_of: dict[int, list[int]] = defaultdict(list)
    for application_id, group_id in choices.filter(application__monitoring__isnull=False).values_list(
        "application_id", "group_id"
    ):
        groups_of[application_id].append(group_id)
    fields = list(CHARACTERISTICS)
    counts: dict[str, Counter] = {field: Counter() for field in fields}
    live = EqualityMonitoring.objects.filter(application__anonymised_at__isnull=True)
    for application_id, *answers in live.values_list("application_id", *fields).iterator(chunk_size=2000):
        for field, answer in zip(fields, answers, strict=True):
            if answer:
                for group_id in groups_of.get(application_id, ()):
                    counts[field][(group_id, answer)] += 1
    tables = []
    for field, (question, choice_class) in CHARACTERISTICS.items():
        columns = [(value, str(label)) for value, label in choice_class.choices]
        rows = []
        for group in groups:
            numbers = [counts[field][(group.pk, value)] for value, _label in columns]
            numbers.append(per_group.get(group.pk, 0) - sum(numbers))  # not answered
            rows.append({"group_id": group.pk, "group": group.name, "counts": numbers})
        tables.append(
            {"question": str(question), "columns": [label for _v, label in columns] + [_("Not answered")], "rows": rows}
        )
    return tables


def monitoring_totals() -> list[dict]:
    """The counts as they may be shown: zeros and small numbers suppressed, the
    rest and the totals rounded (iag.disclosure)."""
    tables = monitoring_counts()
    for table in tables:
        for row in table["rows"]:
            row["cells"], row["total"] = protect_row(row.pop("counts"))
    return tables


def groups_history() -> dict:
    """What the IAG page says of the groups' history, from the groups the force has published
    (rows marked as example data say nothing): the year by which every district had a group,
    the thematic groups and their years, and how often they meet when all meet alike."""
    groups = list(AdvisoryGroup.objects.all())
    published = [group for group in groups if not group.is_example]
    district_years = [group.established for group in published if group.kind == AdvisoryGroup.Kind.DISTRICT]
    frequencies = {group.meeting_frequency for group in published}
    return {
        "districts_since": max(district_years) if district_years and all(district_years) else None,
        "thematic_groups": [
            group for group in published if group.kind == AdvisoryGroup.Kind.THEMATIC and group.established
        ],
        "meeting_frequency": frequencies.pop() if len(frequencies) == 1 else "",
        "has_examples": len(published) < len(groups),
    }


def group_names_attach(applications: list) -> list:
    """Sets `chosen_group_names` on each application: the names of the groups it
    chose, in display order, read in one query of names (no model instances) for
    a page of the admin list."""
    names = defaultdict(list)
    if applications:
        choices = (
            ApplicationChoice.objects.filter(application__in=[application.pk for application in applications])
            .order_by("group__display_order", "group__name")
            .values_list("application_id", "group__name")
        )
        for application_id, name in choices:
            names[application_id].append(name)
    for application in applications:
        application.chosen_group_names = names[application.pk]
    return applications
