"""An SMTP server on loopback that accepts every message and keeps only a count:
what the outbox drain sends to when it is measured over SMTP."""

import threading

from aiosmtpd.controller import Controller


class _Count:
    def __init__(self):
        self.messages = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.messages += 1
        return "250 OK"


class SmtpSink:
    def __init__(self, port: int):
        self.counter = _Count()
        self.controller = Controller(self.counter, hostname="127.0.0.1", port=port)

    @property
    def messages(self) -> int:
        return self.counter.messages

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
