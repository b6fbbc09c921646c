"""Special category answers: encrypted at rest, readable only with permission,
every staff view recorded, and never copied into history in plain text."""

import pytest
from django.db import connection
from django.urls import reverse

from iag.disclosure import protect_row
from iag.models import Application, ApplicationChoice, EqualityMonitoring
from iag.selectors import monitoring_totals
from positive_action.models.signups import SignupEvent

from .conftest import make_staff, rows_containing

pytestmark = pytest.mark.django_db


def raw_rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return cursor.fetchall()


def test_iag_answers_are_encrypted_in_the_database_and_read_back(person):
    record = EqualityMonitoring.objects.get(application=person["application"])
    assert (record.religion, record.ethnicity, record.disability, record.sex) == ("sikh", "asian", "yes", None)
    stored = " ".join(str(value) for row in raw_rows("iag_equalitymonitoring") for value in row)
    for answer in ("sikh", "asian", "yes"):
        assert answer not in stored
    assert "gAAAAA" in stored  # Fernet tokens


def test_the_answers_appear_nowhere_in_plain_text(person, client):
    client.force_login(make_staff("reader", "iag.view_application", "iag.view_special_category"))
    client.get(reverse("admin:iag_application_change", args=[person["application"].pk]))
    assert rows_containing("sikh") == {}


def test_programme_groups_are_encrypted_and_kept_in_no_join_table(person):
    answers = person["signup"].equality_answers
    chosen = list(answers.groups.all())
    assert len(chosen) == 2 and answers.groups.exists()
    assert "positive_action_signupequalityanswers_groups" not in connection.introspection.table_names()
    (row,) = raw_rows("positive_action_signupequalityanswers")
    stored = " ".join(str(value) for value in row)
    assert "gAAAAA" in stored and "[" not in stored


def test_totals_are_counted_after_decrypting_with_a_constant_number_of_queries(person, django_assert_num_queries):
    original = person["application"]
    group = original.groups.get()

    def basildon_disability_row() -> dict:
        table = next(t for t in monitoring_totals() if t["question"] == "Disability")
        return next(r for r in table["rows"] if r["group"] == group.name)

    with django_assert_num_queries(4):
        monitoring_totals()
    for _n in range(6):
        copy = Application.objects.get(pk=original.pk)
        copy.pk, copy.status_key = None, None
        copy.reference = Application._meta.get_field("reference").get_default()
        copy.save()
        EqualityMonitoring.objects.create(application=copy, disability="yes")
        ApplicationChoice.objects.create(application=copy, group=group)
    with django_assert_num_queries(4):
        monitoring_totals()
    in_group = ApplicationChoice.objects.filter(group=group, application__anonymised_at__isnull=True)
    answers = [getattr(getattr(c.application, "monitoring", None), "disability", None) for c in in_group]
    numbers = [answers.count("yes"), answers.count("no"), answers.count("prefer_not_to_say")]
    numbers.append(len(answers) - sum(numbers))
    assert numbers[0] == 7
    cells, total = protect_row(numbers)
    assert basildon_disability_row() == {"group_id": group.pk, "group": group.name, "cells": cells, "total": total}


def test_programme_equality_answers_need_the_permission_and_each_view_is_recorded(person, client):
    signup = person["signup"]
    url = reverse("admin:positive_action_signup_change", args=[signup.pk])
    client.force_login(make_staff("plain", "positive_action.view_signup"))
    html = client.get(url).content.decode()
    assert "groups they belong to" not in html
    client.force_login(
        make_staff("special", "positive_action.view_signup", "positive_action.view_signupequalityanswers")
    )
    html = client.get(url).content.decode()
    group_names = [str(group) for group in signup.equality_answers.groups.all()]
    assert all(name in html for name in group_names)
    actions = list(SignupEvent.objects.filter(signup=signup).order_by("created_at").values_list("action", "actor_name"))
    assert actions == [("viewed", "plain"), ("viewed_special", "special")]


def test_staff_without_permission_get_403_on_a_sign_up(person, client):
    client.force_login(make_staff("nobody"))
    url = reverse("admin:positive_action_signup_change", args=[person["signup"].pk])
    assert client.get(url).status_code == 403
    assert not SignupEvent.objects.exists()
