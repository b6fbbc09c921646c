"""Email backends the worker tests give to a real Celery worker process."""

import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """Writes to files like the file backend, but takes a few seconds first, so
    a test can kill the worker while it is in the middle of sending."""

    def send_messages(self, email_messages):
        time.sleep(4)
        return super().send_messages(email_messages)
