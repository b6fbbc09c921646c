"""An encrypted answer's length gives nothing away: every choice of a field,
"prefer_not_to_say" included, is stored as a ciphertext of the same length."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from iag.models import EqualityMonitoring
from iag.models.monitoring import CHARACTERISTICS
from personal_data.fields import EncryptedCharField

pytestmark = pytest.mark.django_db


def stored(record: EqualityMonitoring, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {EqualityMonitoring._meta.db_table} WHERE id = %s",
            [record.pk],
        )
        return cursor.fetchone()[0]


def store_raw(record: EqualityMonitoring, column: str, value: str) -> None:
    """Write a column's stored value directly, as an older version of the site would have."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {EqualityMonitoring._meta.db_table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",
            [value, record.pk],
        )


@pytest.mark.parametrize("name", list(CHARACTERISTICS))
def test_every_choice_of_a_field_has_the_same_ciphertext_length(name):
    field = EqualityMonitoring._meta.get_field(name)
    _question, choices = CHARACTERISTICS[name]
    lengths = {value: len(field.get_prep_value(value)) for value in choices.values}
    assert "prefer_not_to_say" in lengths
    assert len(set(lengths.values())) == 1, lengths


def test_stored_answers_of_every_length_read_back_and_match_in_length(person):
    from iag.models import Application

    application = Application.objects.first()
    EqualityMonitoring.objects.filter(application=application).delete()
    record = EqualityMonitoring.objects.create(
        application=application, religion="prefer_not_to_say", ethnicity="mixed", disability="no", sex="other"
    )
    ciphertexts = [stored(record, column) for column in ("religion", "ethnicity", "disability", "sex")]
    assert len({len(text) for text in ciphertexts}) == 1
    record.refresh_from_db()
    assert (record.religion, record.ethnicity, record.disability, record.sex) == (
        "prefer_not_to_say",
        "mixed",
        "no",
        "other",
    )


def test_answers_stored_before_padding_still_read_back(person):
    field = EqualityMonitoring._meta.get_field("religion")
    assert isinstance(field, EncryptedCharField)
    record = EqualityMonitoring.objects.get(application=person["application"])
    unpadded = Fernet(field.keys[0]).encrypt(b"prefer_not_to_say").decode()
    store_raw(record, "religion", unpadded)
    record.refresh_from_db()
    assert record.religion == "prefer_not_to_say"
    assert len(unpadded) < len(stored(record, "ethnicity"))  # the old, shorter form


def test_the_longest_text_of_the_field_still_round_trips():
    field = EqualityMonitoring._meta.get_field("religion")
    for text in ["", "x", "é" * 20, "a" * 62, "a" * 63, "a" * 64, "ends with \u0100\u0080"]:
        if text:
            assert field.to_python(field.get_prep_value(text)) == text


def test_resaving_pads_answers_stored_before_padding(person, capsys):
    from django.core.management import call_command

    field = EqualityMonitoring._meta.get_field("religion")
    record = EqualityMonitoring.objects.get(application=person["application"])
    store_raw(record, "religion", Fernet(field.keys[0]).encrypt(b"yes").decode())
    assert len(stored(record, "religion")) < len(stored(record, "ethnicity"))
    call_command("resave_encrypted_answers")
    assert "iag.EqualityMonitoring: " in capsys.readouterr().out
    assert len(stored(record, "religion")) == len(stored(record, "ethnicity"))
    record.refresh_from_db()
    assert (record.religion, record.ethnicity) == ("yes", "asian")


def test_resaving_stops_at_an_answer_no_key_can_read(person):
    from django.core.management import CommandError, call_command

    record = EqualityMonitoring.objects.get(application=person["application"])
    foreign = Fernet(Fernet.generate_key()).encrypt(b"sikh").decode()
    store_raw(record, "religion", foreign)
    with pytest.raises(CommandError, match="cannot be decrypted"):
        call_command("resave_encrypted_answers")
    assert stored(record, "religion") == foreign  # left as it was, not encrypted a second time
