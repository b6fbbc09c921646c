"""The benchmark's targets read the lines a run measured: a private-link page is
printed and reported, but the read-only public page target is about pages the
cache may keep."""

from benchmarks.report import targets


def line(kind: str, name: str, rps: float, p99: float = 10.0) -> dict:
    return {"kind": kind, "name": name, "path": "/", "rps": rps, "p50_ms": 5.0, "p99_ms": p99}


def a_run(*pages: dict) -> dict:
    drained = {"rate": 60.0, "tasks": 10, "sent": 10}
    return {
        "throughput": [line("framework", "framework floor", 100.0), line("floor", "site /healthz", 80.0), *pages],
        "post_queries": {},
        "admin": [{"rows": 100, "p50_ms": 20.0, "rps": 50.0}, {"rows": 100_000, "p50_ms": 30.0, "rps": 30.0}],
        "drain": {
            "noop": {"rate": 100.0, "tasks": 10, "sent": 10},
            "file": drained,
            "smtp": {**drained, "received": 10},
        },
        "first_view": {"total_bytes": 1000, "page_and_direct_assets_bytes": 900, "assets_referenced_by_css_bytes": 100},
        "query_counts": [],
    }


def by_target(checks: list[dict]) -> dict:
    return {check["target"].split(" >=")[0].split(" (")[0]: check for check in checks}


def test_private_link_pages_are_reported_but_not_held_to_the_cached_page_target():
    checks = by_target(targets(a_run(line("page", "home", 120.0), line("private", "booking", 20.0))))
    assert checks["read-only public pages"]["met"] is True
    assert (
        checks["private-link pages"]["met"] is None
        and "booking 0.25 x /healthz" in checks["private-link pages"]["detail"]
    )


def test_a_slow_public_page_fails_the_target():
    checks = by_target(targets(a_run(line("page", "home", 120.0), line("page", "dispatch", 20.0))))
    assert checks["read-only public pages"]["met"] is False
    assert "below: dispatch" in checks["read-only public pages"]["detail"]
    assert "private-link pages" not in checks
