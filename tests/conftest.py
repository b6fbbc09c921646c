"""Fixtures shared by every app's tests.

- Celery runs eagerly unless a test asks for a real worker (`celery_worker`).
- `browser_page` is a Playwright page in Debian's headless Chromium.
- `axe_violations(page)` runs axe-core inside the page under its real CSP.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# by live_server and the tests around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _fast_and_eager(settings):
    from engagement_site.celery import app
    from page_cache.store import fragments

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests see each page rendered afresh; tests/site_pages/test_page_cache.py turns it on.
    settings.PAGE_CACHE_ENABLED = False
    fragments.clear()  # parts of pages kept by one test never show in another
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session", autouse=True)
def _a_cache_of_its_own_per_parallel_worker():
    """Each test starts with an empty cache (FLUSHDB on Redis), so test processes
    run side by side (pytest-xdist, `make test`) each get a Redis database of their own."""
    from urllib.parse import urlsplit, urlunsplit

    from django.conf import settings
    from django.test import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = settings.CACHES["default"]
    if not worker or not cache["BACKEND"].endswith("RedisCache"):
        yield
        return
    parts = urlsplit(cache["LOCATION"])
    database = 8 + int(worker.removeprefix("gw"))  # 8 and up: clear of the site's 0 and the benchmark's 14
    with override_settings(CACHES={"default": {**cache, "LOCATION": urlunsplit(parts._replace(path=f"/{database}"))}}):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from force.selectors import force_profile_forget

    cache.clear()
    force_profile_forget()  # and this process's own copy of the force profile
    yield


class Clock:
    """A stand-in for time.monotonic that moves only when a test moves it."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The page cache's clock (its stores' ages and the generation check)."""
    import types

    clock = Clock()
    fake = types.SimpleNamespace(monotonic=clock.monotonic)
    monkeypatch.setattr("page_cache.store.time", fake)
    monkeypatch.setattr("page_cache.invalidation.time", fake)
    return clock


@pytest.fixture
def page_cache_on(settings, clock):
    """The page cache on, empty, checking the generation on every request."""
    from page_cache import invalidation
    from page_cache.store import fragments, pages

    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 0
    pages.clear()
    fragments.clear()
    invalidation._state.update(generation=None, checked_at=float("-inf"))
    yield
    pages.clear()
    fragments.clear()


@pytest.fixture
def clients_built(monkeypatch) -> list:
    """Every redis-py client built from here on (the site keeps one per process)."""
    import redis

    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    return built


class StaffClient(Client):
    """A test client whose force_login() also gives a staff member's second factor
    (the code from their authenticator app), through django-otp's own login()."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if user.is_staff:
            second_factor_pass(self, user)


def second_factor_pass(client: Client, user) -> None:
    """Mark `client`'s session as verified by `user`'s authenticator device."""
    from django.http import HttpRequest
    from django_otp import login as otp_login

    from staff_accounts.staff import staff_totp_device

    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, staff_totp_device(user))
    request.session.save()


def _test_client(request) -> Client:
    return Client() if "otp_enforced" in request.fixturenames else StaffClient()


@pytest.fixture
def client(request):
    """Staff signed in with force_login() count as having given the code from their
    authenticator app (django-otp), unless the test uses `otp_enforced`
    (tests/security_accounts)."""
    return _test_client(request)


@pytest.fixture
def admin_client(request, db, admin_user):
    client = _test_client(request)
    client.force_login(admin_user)
    return client


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (make test does)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def browser_page(browser, live_server, settings):
    """A page in a fresh browser context, with the site at live_server.url."""
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


@pytest.fixture
def browser_page_no_js(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) in the page. It is
    evaluated, not added as a <script>, so the page keeps its real CSP."""
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return result


@pytest.fixture
def axe():
    return axe_violations


# ---------------------------------------------------------------- real services


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for_worker() -> str:
    """The test database, as a URL another process can open."""
    from django.db import connection

    conf = connection.settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(conf['NAME']).resolve()}"
    user = conf.get("USER") or "postgres"
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{conf.get('HOST') or '127.0.0.1'}:{conf.get('PORT') or 5432}/{conf['NAME']}"


class RedisServer:
    """A private redis-server on a free port, so a test can stop and start the
    broker without touching the machine's own Redis."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
                "--maxmemory-policy",
                "noeviction",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def wait_for_port(port: int, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {port}")


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of this test's own, which it may stop and start."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _session_redis(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(_session_redis):
    """The URL of a redis-server this test run started (never the machine's own),
    emptied before each test so nothing a previous test queued is left in it."""
    import redis

    client = redis.Redis.from_url(_session_redis.url)
    client.flushall()
    client.close()
    return _session_redis.url


class CeleryWorker:
    """A real `celery worker` process on the given broker, sharing the test
    database, writing email to files in `mail_dir`."""

    def __init__(self, broker_url: str, mail_dir: Path, log_path: Path, extra_env: dict | None = None):
        self.broker_url = broker_url
        self.mail_dir = mail_dir
        self.log_path = log_path
        self.extra_env = extra_env or {}
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_worker(),
            "CELERY_BROKER_URL": self.broker_url,
            "REDIS_URL": self.broker_url,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "DJANGO_SETTINGS_MODULE": "engagement_site.settings",
            **self.extra_env,
        }
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "engagement_site",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self, kill=False):
        if self.process and self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            self.process.wait(20)
        self.process = None
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text()

    def emails(self) -> list[str]:
        """Every email the worker wrote, one string each."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    messages.append(chunk)
        return messages


@pytest.fixture
def use_broker():
    """Point this process's Celery app at a real broker (tasks are published, not run inline)."""
    from engagement_site.celery import app

    original = app.conf.broker_url
    # app.close() below also takes the app off Celery's list of live apps, and a task
    # module imported after that would never register with it: import them all first.
    app.loader.import_default_modules()

    def forget_connections():
        app.close()
        app.amqp._producer_pool = None  # close() leaves the producer pool on the old broker

    def switch(url: str):
        forget_connections()
        app.conf.broker_url = url
        app.conf.task_always_eager = False

    yield switch
    forget_connections()
    app.conf.broker_url = original


@pytest.fixture
def celery_worker_factory(tmp_path):
    workers = []

    def make(broker_url: str, **extra_env) -> CeleryWorker:
        mail_dir = tmp_path / f"mail-{len(workers)}"
        mail_dir.mkdir()
        worker = CeleryWorker(broker_url, mail_dir, tmp_path / f"worker-{len(workers)}.log", extra_env)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        if worker.process:
            worker.stop(kill=True)


def wait_until(condition, timeout: float = 30, interval: float = 0.2, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
