"""The benchmark run: load data, start the production server, measure, report.

Every throughput is also given as a ratio to the bare Django view measured in
the same run, since the machine's absolute speed (and whatever else it is doing)
changes from one run to the next.
"""

import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks import report, weight, wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SERVER = os.environ.get("BENCHMARK_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCHMARK_REDIS_URL", "redis://127.0.0.1:6379/14")


@dataclass(frozen=True)
class Mode:
    name: str
    database: str
    duration: int  # seconds per measurement
    warmup: int
    connections: int
    large: str  # data.LARGE or data.SMALL
    admin_small: str
    admin_large: str
    pool: int  # pre-built sessions and links per form
    drain: int  # emails (and no-op tasks) drained
    redis_prefix: str
    pages: int | None = None  # measure only the first n pages (every page's queries are still counted)


FULL = Mode("full", "engagement_bench", 6, 1, 10, "large", "admin_small", "admin_large", 4000, 10_000, "bench:")
SMOKE = Mode("smoke", "engagement_bench_smoke", 1, 0, 4, "small", "small", "small", 300, 100, "bench-smoke:", 3)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def workers() -> int:
    """As many sync workers as fit the machine's cores: gunicorn's (2 x cores) + 1."""
    return 2 * (os.cpu_count() or 1) + 1


class Bench:
    def __init__(self, mode: Mode, out: Path, duration: int | None = None, connections: int | None = None):
        if mode.name == SMOKE.name:  # smoke runs may overlap (test suites in several checkouts): own names
            tag = f"_{os.getpid()}"
            mode = replace(mode, database=mode.database + tag, redis_prefix=f"{mode.redis_prefix[:-1]}{tag}:")
        self.mode = mode
        self.out = out
        self.duration = duration or mode.duration
        self.connections = connections or mode.connections
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-"))
        (self.tmp / "static").mkdir()
        self.secret = secrets.token_urlsafe(64)
        self.server = None
        self.floor_server = None
        self.django_ready = False
        self.result: dict = {"mode": mode.name, "started": time.strftime("%Y-%m-%d %H:%M:%S %Z")}

    # ------------------------------------------------------------ environment

    def env(self, database: str, production: bool = True) -> dict:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_"))}
        keep.pop("REDIS_URL", None)
        env = {
            **keep,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DJANGO_SECRET_KEY": self.secret,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"{SERVER}/{database}",
            "REDIS_URL": REDIS,
            "CELERY_BROKER_URL": REDIS,
            "FORM_RATE_LIMIT": "1000000000",
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.tmp / "mail"),
            "BENCHMARK_STATIC_ROOT": str(self.tmp / "static"),
            "BENCHMARK_REDIS_PREFIX": self.mode.redis_prefix,
            "BENCHMARK_EXTRA_STATIC": str(self.tmp / "extra-static"),
            "PYTHONPATH": str(ROOT),
        }
        if production:
            env["DJANGO_ENV"] = "production"
            env["SITE_URL"] = "https://engagement.example.org"  # production refuses an http:// address
        return env

    def step(self, name: str, arg: str = "", database: str | None = None) -> dict | list:
        """A Django-side step (benchmarks/steps.py). Steps on the main database run in
        this process (Django is set up once, in development mode, on that database);
        steps on another database, and the first set-up, run in their own process."""
        from benchmarks import steps

        if database is None and name != "setup-db":
            if not self.django_ready:
                os.environ.update(self.env(self.mode.database, production=False))
                import django

                django.setup()
                self.django_ready = True
            result = steps.STEPS[name](arg)
            from django.db import connections

            connections.close_all()
            return result
        out = self.tmp / f"step-{name}.json"
        subprocess.run(
            [PYTHON, "-m", "benchmarks.steps", name, arg, "--out", str(out)],
            cwd=ROOT,
            env=self.env(database or self.mode.database, production=False),
            check=True,
        )
        return json.loads(out.read_text())

    def psql(self, sql: str) -> None:
        import psycopg2

        connection = psycopg2.connect(f"{SERVER}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def redis(self):
        import redis

        return redis.Redis.from_url(REDIS)

    def clear_queue(self) -> None:
        """Delete this run's queue (and only it) in Redis."""
        client = self.redis()
        keys = list(client.scan_iter(f"{self.mode.redis_prefix}*"))
        if keys:
            client.delete(*keys)

    # ------------------------------------------------------------ server

    def start_server(self, database: str) -> str:
        self.server, base = self._gunicorn(
            "engagement_site.wsgi", self.env(database), f"gunicorn-{database}", "/healthz"
        )
        return base

    def start_floor(self) -> str:
        """The framework floor (benchmarks/floor): a bare Django project, same gunicorn settings."""
        env = {**self.env(self.mode.database), "DJANGO_SETTINGS_MODULE": "benchmarks.floor.settings"}
        self.floor_server, base = self._gunicorn("benchmarks.floor.wsgi", env, "gunicorn-floor", "/")
        return base

    def _gunicorn(self, module: str, env: dict, name: str, ready_path: str) -> tuple[subprocess.Popen, str]:
        port = _free_port()
        log_file = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [GUNICORN, module, f"--workers={workers()}", f"--bind=127.0.0.1:{port}", "--backlog=2048", "--timeout=60"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}{ready_path}", timeout=2) as response:
                    if response.status == 200:
                        return process, base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: see {log_file.name}")

    def stop_server(self) -> None:
        for name in ("server", "floor_server"):
            process = getattr(self, name, None)
            if process and process.poll() is None:
                process.terminate()
                process.wait(30)
            setattr(self, name, None)

    def measure(self, url: str, warmup: int | None = None, status: int = 200, **kwargs) -> dict:
        """wrk counts any 2xx or 3xx as success, so first make sure the address answers
        what it should (a redirect to a sign-in page must not pass for the page)."""
        answered = _status(url, kwargs.get("headers") or {})
        if answered != status:
            raise RuntimeError(f"{url} answered {answered}, expected {status}")
        warmup = self.mode.warmup if warmup is None else warmup
        if warmup:
            wrk.run(url, duration=warmup, connections=self.connections, **kwargs)
        return wrk.run(url, duration=self.duration, connections=self.connections, **kwargs)

    # ------------------------------------------------------------ the run

    def run(self) -> dict:
        wrk.require_wrk()
        if not (ROOT / "static" / "build" / "css").exists():
            raise SystemExit("The CSS is not built: run `make setup` first.")
        started = time.monotonic()
        load_before = os.getloadavg()
        try:
            self.prepare()
            self.serve_and_measure()
            self.admin()
            self.drain()
        finally:
            self.stop_server()
            if self.mode.name == SMOKE.name:  # a full run's databases are kept to look into; a smoke run's are not
                from django.db import connections

                connections.close_all()
                for name in (self.mode.database, f"{self.mode.database}_admin"):
                    self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.result["seconds"] = round(time.monotonic() - started)
        self.result["machine"] = machine()
        # Other work on the machine shows here; compare ratios from the same run.
        self.result["machine"]["load_average_1min"] = {"start": load_before[0], "end": os.getloadavg()[0]}
        self.result["settings"] = {
            "server": f"gunicorn, {workers()} sync workers, DJANGO_ENV=production, DEBUG off",
            "load": f"wrk, 1 thread, {self.connections} connections, {self.duration} s per line "
            f"after a {self.mode.warmup} s warm-up",
            "database": "PostgreSQL",
            "cache_and_broker": "Redis",
        }
        self.result["targets"] = report.targets(self.result)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text(json.dumps(self.result, indent=1))
        print(report.table(self.result))
        log(f"JSON written to {self.out}")
        shutil.rmtree(self.tmp, ignore_errors=True)
        return self.result

    def prepare(self) -> None:
        db, admin_db = self.mode.database, f"{self.mode.database}_admin"
        log(f"creating databases {db} and {admin_db}")
        for name in (db, admin_db):
            self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql(f'CREATE DATABASE "{db}"')
        self.step("setup-db")
        self.psql(f'CREATE DATABASE "{admin_db}" TEMPLATE "{db}"')
        log("loading 10 rows, counting queries")
        small = self.step("grow", "small")
        at_small = self.step("querycount")
        log(f"loading {self.mode.large} data set, counting queries")
        large = self.step("grow", self.mode.large)
        at_large = self.step("querycount")
        self.result["data"] = {"small": small, "large": large}
        self.result["query_counts"] = [
            {"page": name, "small": at_small[name], "large": at_large[name], "grows": at_large[name] != at_small[name]}
            for name in at_small
        ]
        log("collecting static files")
        self.result["notes"] = self.missing_static()
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env(db), check=True
        )

    def missing_static(self) -> list[str]:
        """The built CSS may point at GOV.UK Frontend images the build did not copy
        (then `collectstatic` fails in production). Supply them from node_modules
        into a separate folder, and say so in the results."""
        import re

        extra = self.tmp / "extra-static"
        extra.mkdir(exist_ok=True)
        css = (ROOT / "static" / "build" / "css" / "site.css").read_text()
        images = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets" / "images"
        notes = []
        for name in sorted(set(re.findall(r"/static/build/images/([\w.-]+)", css))):
            if not (ROOT / "static" / "build" / "images" / name).exists() and (images / name).exists():
                (extra / "build" / "images").mkdir(parents=True, exist_ok=True)
                shutil.copy(images / name, extra / "build" / "images" / name)
                notes.append(f"static/build/images/{name} is referenced by site.css but not built; copied it in")
        return notes

    def serve_and_measure(self) -> None:
        base = self.start_server(self.mode.database)
        site = self.step("context")
        pools = self.step("pools", f"{self.mode.pool}:{self.tmp}")
        view = weight.first_view(base)
        self.result["first_view"] = view
        css = next(f["path"] for f in view["files"] if f["path"].split("?")[0].endswith(".css"))
        gzip = {"Accept-Encoding": "gzip"}
        lines = self.result["throughput"] = []

        def add(kind: str, name: str, path: str, measured: dict) -> None:
            lines.append({"kind": kind, "name": name, "path": path, **measured})
            log(f"{name}: {measured['rps']:.0f} req/s, p99 {measured['p99_ms']} ms")

        floor = self.start_floor()
        add("framework", "framework floor (bare Django)", "/", self.measure(floor + "/"))
        add("ceiling", "static file (ceiling)", css, self.measure(base + css, headers=gzip))
        add("floor", "site /healthz", "/healthz", self.measure(base + "/healthz"))
        for page in site["pages"][: self.mode.pages]:
            measured = self.measure(base + page["path"], status=page["status"], headers=gzip)
            add("private" if page.get("private") else "page", page["name"], page["path"], measured)
        for form in site["forms"]:
            add("form", form["name"], form["paths"][0], self.post(base, form, pools))
        add("floor", "site /healthz (again, at the end)", "/healthz", self.measure(base + "/healthz"))
        add("framework", "framework floor (again, at the end)", "/", self.measure(floor + "/"))
        self.result["cold_page"] = self.cold_page(base, site["context"]["network_slug"])
        self.stop_server()
        self.result["post_queries"] = self.step("post-queries")

    def cold_page(self, base: str, slug: str, rounds: int = 5, warm: int = 20) -> dict:
        """A public page right after a content edit (the first visitor after staff save
        a network) against the same page warm: each round saves the network, times
        the next GET, then `warm` more. Whatever the site caches, the first GET
        after the edit is the one that pays for rebuilding it."""
        from django.urls import reverse

        path = reverse("networks:detail", args=[slug])
        cold, warm_ms = [], []
        for _ in range(rounds):
            self.step("content-edit", slug)
            cold.append(_timed_get(base + path))
            warm_ms += [_timed_get(base + path) for _ in range(warm)]
        cold.sort()
        warm_ms.sort()
        result = {
            "name": "networks: network, first GET after an edit",
            "path": path,
            "rounds": rounds,
            "cold_ms": cold[len(cold) // 2],
            "warm_p50_ms": warm_ms[len(warm_ms) // 2],
        }
        log(f"cold page: {result['cold_ms']:.1f} ms after an edit, {result['warm_p50_ms']:.1f} ms warm")
        return result

    def post(self, base: str, form: dict, pools: dict) -> dict:
        from benchmarks.forms import FORMS

        spec = next(f for f in FORMS if f.name == form["name"])
        csrf = secrets.token_hex(16)
        lines = [f"path {path}" for path in form["paths"]]
        lines += [f"body {form['body']}&csrfmiddlewaretoken={csrf}", f"csrf {csrf}", f"success {form['success']}"]
        lines.append(f"seed {secrets.token_hex(3)}")
        if spec.pool:
            kind = "session" if spec.pool in {"iag", "pap"} else "path"
            lines.append(f"pool {kind} {pools[spec.pool]['file']}")
        config = self.tmp / "form.conf"

        def post(duration: int, offset: int) -> dict:
            config.write_text("\n".join([*lines, f"offset {offset}"]) + "\n")
            return wrk.run(
                base + form["paths"][0],
                duration=duration,
                connections=self.connections,
                script=wrk.LUA_POST,
                script_args=[str(config)],
            )

        # The warm-up posts valid submissions too; the run goes on from where it left the pool.
        offset = post(self.mode.warmup, 0)["pool_used"] if self.mode.warmup else 0
        before = self.step("rows")
        measured = post(self.duration, offset)
        after = self.step("rows")
        measured["rows_created"] = after[spec.counts] - before[spec.counts] if spec.counts else None
        return measured

    def admin(self) -> None:
        """The moderation queue on its own database: measured at 100 applications, then
        the same server measured again once the table holds 100,000."""
        admin_db = f"{self.mode.database}_admin"
        results = self.result["admin"] = []
        base = None
        for scale in (self.mode.admin_small, self.mode.admin_large):
            log(f"admin: loading {scale}")
            sizes = self.step("grow", scale, database=admin_db)
            if base is None:
                session = self.step("admin-session", database=admin_db)["sessionid"]
                base = self.start_server(admin_db)
            path = "/admin/iag/application/"
            headers = {"Cookie": f"sessionid={session}", "Accept-Encoding": "gzip"}
            # Warmed up even in a smoke run: a cold admin page can take longer than a second.
            measured = self.measure(base + path, warmup=max(self.mode.warmup, 1), headers=headers)
            rows = sizes["applications"]
            results.append({"name": f"admin changelist, {rows:,} applications", "rows": rows, "path": path, **measured})
            log(f"admin at {rows} rows: {measured['rps']:.0f} req/s, p99 {measured['p99_ms']} ms")
        self.stop_server()

    def drain(self) -> None:
        """A real `celery worker` (prefork, one process per core) drains the queue:
        no-op tasks, then outbox emails to the file backend, then outbox emails to an
        SMTP server on loopback (benchmarks/smtp_sink.py), with the same settings."""
        from benchmarks.smtp_sink import SmtpSink

        results = self.result["drain"] = {}
        port = _free_port()
        smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"}
        with SmtpSink(port) as sink:
            for kind, extra_env in (("noop", {}), ("file", {}), ("smtp", {**smtp, "EMAIL_PORT": str(port)})):
                self.clear_queue()
                self.step("drain-enqueue", f"{kind}:{self.mode.drain}")
                seconds = self.run_worker(kind, extra_env)
                results[kind] = {
                    "tasks": self.mode.drain,
                    "seconds": round(seconds, 3),
                    "rate": self.mode.drain / seconds,
                }
                if kind != "noop":
                    results[kind].update(self.step("drain-check", kind))
                log(f"drain {kind}: {results[kind]['rate']:.0f} tasks/s")
            results["smtp"]["received"] = sink.messages
        self.clear_queue()

    def run_worker(self, kind: str, extra_env: dict) -> float:
        log_path = self.tmp / f"worker-{kind}.log"
        (self.tmp / "mail").mkdir(exist_ok=True)
        with open(log_path, "w") as log_file:
            worker = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "celery",
                    "-A",
                    "engagement_site",
                    "worker",
                    "-I",
                    "benchmarks.tasks",
                    f"--concurrency={os.cpu_count() or 1}",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env={**self.env(self.mode.database), **extra_env},
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            try:
                return self._time_drain(worker, log_path)
            finally:
                worker.terminate()
                worker.wait(30)

    def _time_drain(self, worker, log_path: Path) -> float:
        client = self.redis()
        prefix = self.mode.redis_prefix
        deadline = time.monotonic() + 600
        while "ready." not in log_path.read_text():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start: see {log_path}")
            time.sleep(0.02)
        started = time.monotonic()
        while client.llen(f"{prefix}celery") or client.hlen(f"{prefix}unacked"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the queue did not drain: see {log_path}")
            time.sleep(0.02)
        return time.monotonic() - started


def _timed_get(url: str) -> float:
    """Milliseconds for one GET (a new connection, as a first visitor makes)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _status(url: str, headers: dict) -> int:
    """The status of one GET, without following redirects."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine() -> dict:
    def command(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return ""

    cpu = next((line.split(":", 1)[1].strip() for line in command("lscpu").splitlines() if "Model name" in line), "")
    memory = next((line.split()[1] for line in command("free", "-g").splitlines() if line.startswith("Mem:")), "")
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": command("psql", "--version"),
        "redis": command("redis-server", "--version").split(" sha")[0],
        "wrk": command("wrk", "--version").splitlines()[0] if command("wrk", "--version") else "",
        "shared": "other work was running on the machine at the same time; compare ratios, not absolute numbers",
    }
