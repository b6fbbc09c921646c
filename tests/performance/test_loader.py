"""The loader is all-or-nothing, idempotent, and checks the report's stated totals."""

import pytest
from django.core.management import CommandError, call_command

from performance.loading import DataFileError
from performance.models import Measure, MeasureRevision, Report


def replace_in(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def line_of(path, needle) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def refusal(load, folder) -> str:
    with pytest.raises(DataFileError) as caught:
        load(folder)
    return str(caught.value)


@pytest.mark.django_db
def test_loading_twice_changes_nothing(report_copy, load):
    first = load(report_copy)
    second = load(report_copy)
    assert first["measures"] == second["measures"] == Measure.objects.count() > 150
    assert first["rows changed"] > 0
    assert second["rows changed"] == 0 and second["rows removed"] == 0 and second["revisions"] == 0


@pytest.mark.django_db
def test_stated_totals_are_checked_and_add_up(report_copy, load):
    summary = load(report_copy)
    # officers and staff (215, 32), Town Centre constables (58) and sergeants (10), Crime Bureau calls,
    # rural crime investment and Watch scheme members
    assert summary["totals checked"] == 7


@pytest.mark.django_db
def test_a_broken_total_stops_the_load_with_file_line_and_reason(report_copy, load):
    measures = report_copy / "measures.csv"
    replace_in(
        measures,
        "tct-southend,4.1,town-centre-constables,South LPA,Southend,Constables,,towns,,5,",
        "tct-southend,4.1,town-centre-constables,South LPA,Southend,Constables,,towns,,6,",
    )
    message = refusal(load, report_copy)
    total_line = line_of(measures, "tct-constables-total")
    assert f"measures.csv, line {total_line}: broken total" in message
    assert "says 58 but the 23 rows" in message and "add up to 59" in message
    assert Measure.objects.count() == 0


@pytest.mark.django_db
def test_a_broken_officer_total_is_refused(report_copy, load):
    replace_in(
        report_copy / "measures.csv",
        "Town Centre Teams,Officers,,operational,,68,",
        "Town Centre Teams,Officers,,operational,,67,",
    )
    assert "'inv-operational-total-officers' says 215" in refusal(load, report_copy)


@pytest.mark.django_db
def test_a_value_that_is_not_a_number_is_refused(report_copy, load):
    measures = report_copy / "measures.csv"
    replace_in(measures, "Officer strength,3069.67,", 'Officer strength,"3,069.67",')
    message = refusal(load, report_copy)
    assert f"measures.csv, line {line_of(measures, 'officer-strength,')}: value '3,069.67'" in message
    assert "is not a number" in message


@pytest.mark.django_db
def test_a_duplicate_row_is_refused(report_copy, load):
    measures = report_copy / "measures.csv"
    original = next(line for line in measures.read_text().splitlines() if line.startswith("cb-answered,"))
    measures.write_text(measures.read_text() + original + "\n")
    message = refusal(load, report_copy)
    last = len(measures.read_text().splitlines())
    assert f"line {last}: duplicate row: measure 'cb-answered' is already on line" in message


@pytest.mark.django_db
def test_a_second_figure_for_the_same_cell_is_a_duplicate(report_copy, load):
    replace_in(
        report_copy / "measures.csv",
        "tct-rochford,4.1,town-centre-constables,South LPA,Rochford,",
        "tct-rochford,4.1,town-centre-constables,South LPA,Southend,",
    )
    assert "duplicate row: a figure for 'South LPA, Southend (Constables)'" in refusal(load, report_copy)


@pytest.mark.django_db
def test_an_unknown_measure_table_or_unit_is_refused(report_copy, load):
    replace_in(report_copy / "comparisons.csv", "pps-confidence-2017-18,", "pps-confidence-2016-17,")
    replace_in(report_copy / "measures.csv", ",growth-2018-19,,Cyber Crime,", ",growth-2017-18,,Cyber Crime,")
    replace_in(
        report_copy / "measures.csv", "Planned officer strength,3200,fte,", "Planned officer strength,3200,officers,"
    )
    message = refusal(load, report_copy)
    assert "comparisons.csv, line 2: unknown measure 'pps-confidence-2016-17'" in message
    assert "unknown table 'growth-2017-18'" in message
    assert "unknown unit 'officers'" in message


@pytest.mark.django_db
def test_a_refused_file_leaves_loaded_figures_untouched(report_copy, load):
    load(report_copy)
    replace_in(report_copy / "measures.csv", "Officer strength,3069.67,", "Officer strength,3070,")
    replace_in(report_copy / "measures.csv", "Planned officer strength,3200,", "Planned officer strength,lots,")
    refusal(load, report_copy)
    assert Measure.objects.get(key="officer-strength").value_text == "3069.67"
    assert not MeasureRevision.objects.exists()


@pytest.mark.django_db
def test_a_changed_figure_is_updated_with_a_revision(report_copy, load):
    load(report_copy)
    replace_in(report_copy / "measures.csv", "Officer strength,3069.67,", "Officer strength,3070.5,")
    summary = load(report_copy)
    assert summary["revisions"] == 2  # value and decimal places
    revision = MeasureRevision.objects.get(measure__key="officer-strength", field="value")
    assert (revision.old_value, revision.via) == ("3069.6700", "data file")
    assert Measure.objects.get(key="officer-strength").display == "3,070.5"


@pytest.mark.django_db
def test_the_command_reports_problems_and_saves_nothing(report_copy, capsys):
    replace_in(
        report_copy / "measures.csv",
        "Town Centre Teams,Staff,,operational,,0,",
        "Town Centre Teams,Staff,,operational,,x,",
    )
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("load_performance_figures", str(report_copy))
    assert "measures.csv, line" in capsys.readouterr().err
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_command_loads_the_project_data(capsys):
    call_command("load_performance_figures")
    assert "every stated total adds up" in capsys.readouterr().out
    assert Measure.objects.get(key="officer-strength").display_with_unit == "3,069.67 FTE"
