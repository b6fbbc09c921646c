"""Real processes for the fault and load tests, all on loopback: a private
PostgreSQL cluster, the site under gunicorn, and a small HTTP client that keeps
cookies and reads the CSRF and one-time tokens out of a form page."""

import glob
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import ROOT, free_port, wait_for_port

# ---------------------------------------------------------------- PostgreSQL


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free port, so a test can restart it
    without touching the machine's own server. Run as the postgres user when
    the tests run as root (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.bin = postgres_bin()
        if self.bin is None:
            pytest.skip("initdb is not installed (apt-get install postgresql), so no private cluster can be made")
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="private-pg-", dir="/tmp"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(self.dir, 0o700)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/engagement"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.dir)
        assert result.returncode == 0, f"{args[0]} failed: {result.stdout}{result.stderr}"
        return result

    def _options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"

    def create(self):
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "engagement")

    def start(self):
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", self._options(), "-w", "-t", "30", "start")

    def restart(self):
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", self._options(), "-m", "fast", "-w",
                  "-t", "30", "restart")  # fmt: skip

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                (["runuser", "-u", "postgres", "--"] if self.as_postgres else [])
                + [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql: str):
        import psycopg2

        with psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="engagement") as conn:
            with conn.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()


# ---------------------------------------------------------------- the site


def site_env(database_url: str, tmp: Path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="engagement_site.settings",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp / "sent-emails"),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict, timeout: float = 180) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


class Gunicorn:
    """The site under gunicorn, as it runs in production, on a free loopback port."""

    def __init__(self, env: dict, log_path: Path, workers: int = 1):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "engagement_site.wsgi",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--timeout", "60",
                "--graceful-timeout", "5",
            ],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for_port(self.port, timeout=30)
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text()


# ---------------------------------------------------------------- a browser-like client


class Response:
    def __init__(self, status: int, headers, body: str, seconds: float):
        self.status = status
        self.headers = headers
        self.text = body
        self.seconds = seconds

    def hidden(self, name: str) -> str:
        match = re.search(rf'name="{name}" value="([^"]*)"', self.text)
        assert match, f"no {name} in the page (status {self.status})"
        return match.group(1)


class SiteClient:
    """One visitor: a cookie jar and plain HTTP/1.1 requests, no redirects followed."""

    def __init__(self, base: str, timeout: float = 30):
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return Response(raw.status, raw.headers, text, time.monotonic() - started)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, data)

    def form(self, path: str) -> tuple[Response, dict]:
        """GET a form page; returns it and the hidden tokens a browser would send back."""
        page = self.get(path)
        tokens = {"csrfmiddlewaretoken": page.hidden("csrfmiddlewaretoken")}
        if 'name="form_token"' in page.text:
            tokens["form_token"] = page.hidden("form_token")
        return page, tokens
