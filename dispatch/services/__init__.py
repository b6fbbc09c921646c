from .issues import (
    issue_batch_queue,
    issue_fan_out_finish,
    issue_progress,
    issue_recipients,
    issue_render,
    issue_send,
    issue_send_test,
)
from .subscriptions import (
    manage_links,
    subscriber_confirm,
    subscriber_preferences_update,
    subscriber_sign_up,
    subscriber_unsubscribe,
    unconfirmed_subscribers_remove,
)

__all__ = [
    "issue_batch_queue",
    "issue_fan_out_finish",
    "issue_progress",
    "issue_recipients",
    "issue_render",
    "issue_send",
    "issue_send_test",
    "manage_links",
    "subscriber_confirm",
    "subscriber_preferences_update",
    "subscriber_sign_up",
    "subscriber_unsubscribe",
    "unconfirmed_subscribers_remove",
]
