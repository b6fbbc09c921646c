"""The acknowledgement email carries a copy of the answers, never the equality
monitoring (special category) ones."""

from iag.models.monitoring import CHARACTERISTICS
from outbox.models import Notification

from .conftest import check_token, fill_steps, send

EQUALITY = {"sexual_orientation": "gay_lesbian", "religion": "jewish", "ethnicity": "mixed", "disability": "yes"}


def special_category_words() -> list[str]:
    """Every equality question and every answer label, as an email could show them."""
    words = []
    for question, choices in CHARACTERISTICS.values():
        words.append(str(question))
        words.extend(str(label) for value, label in choices.choices if value != "yes" and value != "no")
    return words


def test_acknowledgement_copies_the_answers_but_no_equality_answer(client, essex):
    fill_steps(client, equality=EQUALITY, why_join={"why_join": "Brambleworth reasons"})
    send(client, check_token(client))
    email = Notification.objects.get(kind="iag.acknowledgement")
    assert "Brambleworth reasons" in email.body_text and "Jo Bloggs" in email.body_text
    assert "Basildon IAG" in email.body_text  # the group is named inside, never in the subject
    assert "equality monitoring answers were received" in email.body_text
    words = special_category_words()
    assert "Gay or lesbian" in words and "Jewish" in words
    for notification in Notification.objects.all():
        for part in (notification.subject, notification.body_text, notification.body_html):
            assert [word for word in words if word in part] == []


def test_no_monitoring_sentence_without_monitoring_answers(client, essex):
    fill_steps(client, equality={"ethnicity": "", "religion": ""})
    send(client, check_token(client))
    assert "monitoring" not in Notification.objects.get(kind="iag.acknowledgement").body_text
