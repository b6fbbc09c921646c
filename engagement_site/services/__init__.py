from .feedback import feedback_create
from .notifications import (
    notification_queue,
    notification_send,
    notifications_send_many,
    notifications_sweep,
    send_budget,
    unit_alert_queue,
)

__all__ = [
    "feedback_create",
    "notification_queue",
    "notification_send",
    "notifications_send_many",
    "notifications_sweep",
    "send_budget",
    "unit_alert_queue",
]
