"""Email backends the worker tests give to a real Celery worker process."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """Writes to files like the file backend, but pauses before each email (4
    seconds, or SLOW_EMAIL_SECONDS), so a test can kill the worker while it is in
    the middle of sending."""

    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("SLOW_EMAIL_SECONDS", 4)))
        return super().send_messages(email_messages)
