from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from positive_action.models import Characteristic, Group, Role, WorkforceFigure
from positive_action.selectors import representation_by_role
from positive_action.services import figures_import_csv

HEADER = "characteristic,group,role,period,workforce_percent,population_percent,applicant_percent,source,illustrative\n"


@pytest.fixture
def roles(db):
    officer = Role.objects.create(name="Police officer", plural="police officers", slug="police-officer")
    staff = Role.objects.create(name="Police staff", plural="police staff", slug="police-staff", display_order=1)
    return officer, staff


def figure(role, group_name, workforce, population, description=None):
    characteristic, _ = Characteristic.objects.get_or_create(name="Sex")
    group, _ = Group.objects.get_or_create(
        characteristic=characteristic, name=group_name, defaults={"description": description or group_name.lower()}
    )
    return WorkforceFigure.objects.create(
        group=group,
        role=role,
        period="2019",
        workforce_percent=Decimal(workforce),
        population_percent=Decimal(population),
        source="Test",
    )


def test_ratio_is_workforce_share_over_population_share(roles):
    assert figure(roles[0], "Women", "33", "50").ratio == Decimal("0.66")


@pytest.mark.parametrize(
    ("workforce", "population", "threshold", "under"),
    [("39.99", "50", "0.8", True), ("40", "50", "0.8", False), ("45", "50", "0.9", False), ("44.9", "50", "0.9", True)],
)
def test_group_is_under_represented_only_below_the_threshold(roles, settings, workforce, population, threshold, under):
    settings.PAP_UNDER_REPRESENTATION_THRESHOLD = threshold
    assert figure(roles[0], "Women", workforce, population).under_represented is under


def test_one_sentence_per_role_names_the_under_represented_groups(roles):
    officer, staff = roles
    figure(officer, "Women", "33", "50")
    figure(officer, "Men", "67", "50")
    figure(staff, "Women", "62", "50")
    figure(staff, "Men", "38", "50")
    sentences = {entry.role.slug: entry.sentence for entry in representation_by_role()}
    assert sentences["police-officer"] == "Among police officers, women are under-represented. Figures for 2019."
    assert sentences["police-staff"] == "Among police staff, men are under-represented. Figures for 2019."


def test_sentence_says_so_when_nobody_is_under_represented(roles):
    figure(roles[0], "Women", "50", "50")
    (entry,) = representation_by_role()
    assert "none of the groups in these figures is under-represented" in entry.sentence


def test_page_shows_table_sentence_period_source_and_illustrative_label(client, pa_demo):
    html = client.get(reverse("positive_action:under_representation")).content.decode()
    assert (
        "Illustrative only, not published statistics: among police officers, women, people from ethnic minority "
        "backgrounds and disabled people are under-represented in these figures labelled 2019." in html
    )
    assert "Illustrative only, not published statistics: among police staff, men, people from ethnic" in html
    assert "3%<br>" in html and "6.6% of current applicants" in html
    assert "Police and Crime Plan deep-dive report, 2019" in html
    assert "Illustrative" in html and "govuk-table" in html


def test_csv_loads_and_updates_figures(roles):
    text = HEADER + "Sex,Women,Police officer,2019,33,50.5,,Report,no\nSex,Men,police-staff,2019,38%,49.5,,Report,\n"
    assert figures_import_csv(text=text) == {"created": 2, "updated": 0}
    assert figures_import_csv(text=text.replace("33,", "34,")) == {"created": 0, "updated": 1}
    assert WorkforceFigure.objects.get(group__name="Women").workforce_percent == Decimal("34.00")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Sex,Women,Sergeant,2019,33,50,,Report,no", "Line 3: unknown role 'Sergeant'"),
        ("Sex,Women,Police officer,2019,abc,50,,Report,no", "Line 3: workforce_percent 'abc' is not a number"),
        ("Sex,Women,Police officer,2019,101,50,,Report,no", "Line 3: workforce_percent must be between 0 and 100"),
        ("Sex,Women,Police officer,2019,33,0,,Report,no", "Line 3: population_percent must be more than 0"),
        ("Sex,Women,Police officer,2019,33,50,,,no", "Line 3: missing source"),
        ("Sex,Women,Police officer,2019,33,50,,Report,maybe", "Line 3: illustrative must be yes or no"),
        ("Sex,Women,Police officer,2019,33,50,,Report,no,extra", "Line 3: more values than columns"),
        ("Sex,Men,Police officer,2019,60,50,,Report,no", "Line 3: repeats line 2"),
        ("Sex,Women,Police officer,2019,NaN,50,,Report,no", "Line 3: workforce_percent must be between 0 and 100"),
    ],
)
def test_csv_refuses_bad_rows_with_line_and_reason_and_saves_nothing(roles, row, reason):
    good = "Sex,Men,Police officer,2019,60,50,,Report,no\n"
    with pytest.raises(ValidationError) as caught:
        figures_import_csv(text=HEADER + good + row + "\n")
    assert reason in caught.value.messages
    assert not WorkforceFigure.objects.exists()
    assert not Characteristic.objects.exists()


def test_csv_without_required_columns_is_refused(roles):
    with pytest.raises(ValidationError) as caught:
        figures_import_csv(text="group,role\nWomen,Police officer\n")
    assert "Line 1: the header is missing" in caught.value.messages[0]


def test_csv_reports_every_bad_line_not_only_the_first(roles):
    text = HEADER + "Sex,Women,Nope,2019,1,2,,R,no\nSex,Men,Police officer,2019,x,2,,R,no\n"
    with pytest.raises(ValidationError) as caught:
        figures_import_csv(text=text)
    assert [m[:6] for m in caught.value.messages] == ["Line 2", "Line 3"]


def test_admin_csv_upload_lists_refusals(admin_client, roles):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("f.csv", (HEADER + "Sex,Women,Nope,2019,1,2,,R,no\n").encode(), "text/csv")
    response = admin_client.post(reverse("admin:positive_action_workforcefigure_import"), {"file": upload})
    assert response.status_code == 200
    assert "Line 2: unknown role &#x27;Nope&#x27;" in response.content.decode()
    assert not WorkforceFigure.objects.exists()


def test_demo_load_is_idempotent(pa_demo):
    from positive_action import demo

    before = list(WorkforceFigure.objects.values_list("pk", "workforce_percent", "updated_at"))
    counts = demo.load(force="essex")
    assert counts["figures"] == 17 and counts["evenings"] == 3
    assert list(WorkforceFigure.objects.values_list("pk", "workforce_percent", "updated_at")) == before


def illustrative_figure(role, group_name, workforce, population):
    made = figure(role, group_name, workforce, population)
    WorkforceFigure.objects.filter(pk=made.pk).update(illustrative=True)
    return made


def test_a_role_with_any_example_figure_says_so_in_its_conclusion(roles):
    officer, staff = roles
    illustrative_figure(officer, "Women", "33", "50")
    figure(officer, "Men", "67", "50")
    illustrative_figure(staff, "Women", "62", "50")
    illustrative_figure(staff, "Men", "38", "50")
    sentences = {entry.role.slug: entry.sentence for entry in representation_by_role()}
    assert sentences["police-officer"] == (
        "Partly illustrative (1 of these 2 figures are examples, not published statistics): "
        "among police officers, women are under-represented in these figures labelled 2019."
    )
    assert sentences["police-staff"] == (
        "Illustrative only, not published statistics: "
        "among police staff, men are under-represented in these figures labelled 2019."
    )


def test_an_example_role_where_nobody_is_under_represented_still_says_it_is_illustrative(roles):
    illustrative_figure(roles[0], "Women", "50", "50")
    (entry,) = representation_by_role()
    assert entry.sentence.startswith("Illustrative only, not published statistics: ")
    assert "none of the groups is under-represented" in entry.sentence


def test_every_bold_conclusion_on_the_demo_page_is_marked_while_its_rows_are_examples(client, pa_demo):
    import re

    html = client.get(reverse("positive_action:under_representation")).content.decode()
    conclusions = re.findall(r'<p class="govuk-body govuk-!-font-weight-bold">([^<]+)</p>', html)
    assert len(conclusions) == 5  # every reported role
    assert all(c.startswith("Illustrative only, not published statistics: ") for c in conclusions)


def test_page_says_the_threshold_is_the_sites_setting_and_quotes_the_force(client, pa_demo, settings):
    from html import unescape

    settings.PAP_UNDER_REPRESENTATION_THRESHOLD = "0.8"
    html = unescape(client.get(reverse("positive_action:under_representation")).content.decode())
    assert "The cut-off of 0.8 is this website's own setting, not a method the force has published." in html
    statement = html[html.index("data-force-statement") :]
    statement = statement[: statement.index("</figure>")]
    for words in (
        "ethnic minority groups and with disabilities are currently under represented across Essex Police",
        "women are under represented in senior management positions and the role of police officer",
        "Men are under represented in administrative roles",
    ):
        assert words in statement
    assert "<blockquote" in statement and "Source: Essex Police website" in statement


def test_another_forces_page_shows_no_essex_statement(client, pa_demo):
    from positive_action import demo

    demo.load(force="leicestershire")
    html = client.get(reverse("positive_action:under_representation")).content.decode()
    assert "data-force-statement" not in html and "under represented across Essex" not in html
    assert "own setting" in html
