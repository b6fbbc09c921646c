from .feedback import feedback_create
from .notifications import (
    notification_queue,
    notification_send,
    notifications_send_many,
    notifications_sweep,
    unit_alert_queue,
)

__all__ = [
    "feedback_create",
    "notification_queue",
    "notification_send",
    "notifications_send_many",
    "notifications_sweep",
    "unit_alert_queue",
]
