"""A smoke run of the benchmark harness: every step for about a second, with
tiny data, against the production server, PostgreSQL, Redis and a real Celery
worker. It checks that the harness works and fills in every section of its
results; it does not judge the timings."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = {
    "throughput",
    "admin",
    "query_counts",
    "drain",
    "first_view",
    "targets",
    "machine",
    "settings",
    "data",
    "post_queries",
    "cold_page",
}


def postgres_reachable() -> bool:
    import psycopg2

    server = os.environ.get("BENCHMARK_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
    try:
        psycopg2.connect(f"{server}/postgres", connect_timeout=2).close()
    except psycopg2.OperationalError:
        return False
    return True


@pytest.mark.worker
def test_benchmark_smoke_run_fills_every_section(tmp_path, redis_url):
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed: apt-get install -y wrk")
    if not postgres_reachable():
        pytest.skip("the benchmark runs on PostgreSQL, which is not reachable at 127.0.0.1:5432")
    out = tmp_path / "smoke.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "BENCHMARK_REDIS_URL": redis_url},  # this run's own Redis, not the machine's
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out.read_text())
    assert SECTIONS <= set(result)

    lines = {line["name"]: line for line in result["throughput"]}
    kinds = {line["kind"] for line in result["throughput"]}
    assert kinds == {"framework", "ceiling", "floor", "page", "form"}
    # A second per line on a busy machine may finish few requests: check shape, not numbers.
    assert all({"rps", "p50_ms", "p99_ms", "requests", "non_2xx_3xx"} <= set(line) for line in lines.values())
    assert lines["site /healthz"]["requests"] > 0 and lines["static file (ceiling)"]["requests"] > 0
    assert lines["framework floor (bare Django)"]["requests"] > 0

    from benchmarks.forms import FORMS
    from benchmarks.pages import PAGES

    for form in FORMS:
        posted = lines[form.name]
        # Only requests past the end of a pool (tiny in a smoke run) may be anything but a new submission.
        assert posted["not_valid"] <= posted["pool_over"], f"{form.name}: {posted['not_valid']} were not valid"
        if form.counts:
            assert posted["rows_created"] >= posted["valid"], f"{form.name}: fewer rows than valid submissions"
    assert [q["page"] for q in result["query_counts"]] == [page.name for page in PAGES]
    assert not any(q["grows"] for q in result["query_counts"])
    assert len(result["admin"]) == 2
    assert result["drain"]["noop"]["rate"] > 0
    for kind in ("file", "smtp"):
        assert result["drain"][kind]["sent"] == result["drain"][kind]["tasks"], kind
    assert result["drain"]["smtp"]["received"] == result["drain"]["smtp"]["tasks"]
    from benchmarks.forms import FINAL_POSTS

    assert set(result["post_queries"]) == set(FINAL_POSTS)
    assert all(counted["statements"] > 0 for counted in result["post_queries"].values())
    assert result["cold_page"]["cold_ms"] > 0 and result["cold_page"]["warm_p50_ms"] > 0
    assert result["first_view"]["total_bytes"] > 0
    assert len(result["targets"]) == 11
    assert "Targets" in run.stdout
