"""The sign-up's confirmation email carries a copy of the answers, never the
special category ones (the groups a person identifies with, adjustments)."""

from outbox.models import Notification

from .test_signup import answers, send  # noqa: F401 - the fixture

HEALTH = "Quillfeather insulin breaks"


def test_confirmation_copies_the_answers_but_no_special_category_answer(client, answers):  # noqa: F811
    send(client, {**answers, "adjustments": HEALTH})
    email = Notification.objects.get(kind="positive_action.signup")
    assert "Alex Smith" in email.body_text and "ABC123456" in email.body_text and "Police officer" in email.body_text
    assert "were received. They are kept apart" in email.body_text
    for notification in Notification.objects.all():
        for part in (notification.subject, notification.body_text, notification.body_html):
            assert "Women" not in part and "Quillfeather" not in part and "Sex" not in part


def test_nothing_kept_apart_is_mentioned_when_none_was_given(client, answers):  # noqa: F811
    send(client, {**answers, "adjustments": "", "groups": []})
    assert "kept apart" not in Notification.objects.get(kind="positive_action.signup").body_text
