"""The printed table and the targets, from a run's results."""

HEALTHZ_RATIO = 0.8  # the site's /healthz against the framework floor
PAGE_RPS_RATIO = 1.0  # read-only public pages: throughput against the framework floor
PAGE_P99_RATIO = 2.0  # ... and p99 no more than this multiple of the framework floor's
SEARCH_RATIO = 0.3  # free-text search results against the site's /healthz
SEARCH_PAGES = ("networks: directory search",)
SINGLE_POST_RATIO = 0.3  # single-page form POSTs against the site's /healthz
FINAL_POST_RATIO = 0.15  # the last POST of a multi-page form against the site's /healthz
FINAL_POST_STATEMENTS = 8
ADMIN_P50_MS = 100.0  # changelist p50 at the larger size
ADMIN_GROWTH = 2.0  # changelist time at 100,000 rows / at 100 rows
DRAIN_RATIO = 0.5
FIRST_VIEW_BYTES = 100 * 1024


def _mean(result: dict, kind: str) -> dict:
    lines = [line for line in result["throughput"] if line["kind"] == kind]
    return {
        "rps": sum(line["rps"] for line in lines) / len(lines),
        "p99_ms": sum(line["p99_ms"] or 0 for line in lines) / len(lines),
    }


def floor(result: dict) -> dict:
    """The site's /healthz: the mean of its two measurements (start and end of the run)."""
    return _mean(result, "floor")


def framework(result: dict) -> dict:
    """The framework floor (bare Django, benchmarks/floor): the mean of its two measurements."""
    return _mean(result, "framework")


def _div(a: float | None, b: float | None) -> float:
    """a / b, or 0 when there is nothing to divide by (a line that completed no request)."""
    return (a or 0) / b if b else 0.0


def _ratios(line: dict, base: dict) -> tuple[float, float]:
    return _div(line["rps"], base["rps"]), _div(line["p99_ms"], base["p99_ms"])


def _group(name: str, lines: list[dict], names, base: dict, ratio: float, base_name: str) -> dict:
    """Every line named in `names` at or above `ratio` x `base` throughput (a missing line fails)."""
    found = {line["name"]: line for line in lines}
    got = {n: _ratios(found[n], base)[0] for n in names if n in found}
    missing = [n for n in names if n not in found]
    below = [n for n, r in got.items() if r < ratio]
    detail = "; ".join(f"{n} {r:.2f}" for n, r in got.items())
    if missing:
        detail += f"; not measured: {', '.join(missing)}"
    return {
        "target": f"{name} >= {ratio} x {base_name} throughput",
        "met": not below and not missing,
        "detail": detail,
    }


def targets(result: dict) -> list[dict]:
    from benchmarks.forms import FINAL_POSTS, SINGLE_PAGE_POSTS

    site, bare = floor(result), framework(result)
    lines = result["throughput"]
    checks = []
    healthz = _div(site["rps"], bare["rps"])
    checks.append(
        {
            "target": f"site /healthz >= {HEALTHZ_RATIO} x framework floor throughput",
            "met": healthz >= HEALTHZ_RATIO,
            "detail": f"{healthz:.2f} ({site['rps']:.0f} vs {bare['rps']:.0f} req/s)",
        }
    )
    pages = [line for line in lines if line["kind"] == "page" and line["name"] not in SEARCH_PAGES]
    slow = [line["name"] for line in pages if _ratios(line, bare)[0] < PAGE_RPS_RATIO]
    worst_rps = min(pages, key=lambda line: line["rps"])
    checks.append(
        {
            "target": f"read-only public pages >= {PAGE_RPS_RATIO} x framework floor throughput",
            "met": not slow,
            "detail": f"{len(pages) - len(slow)}/{len(pages)} pages; lowest {worst_rps['name']} at "
            f"{_ratios(worst_rps, bare)[0]:.2f}" + (f"; below: {', '.join(slow)}" if slow else ""),
        }
    )
    late = [line["name"] for line in pages if _ratios(line, bare)[1] > PAGE_P99_RATIO]
    worst_p99 = max(pages, key=lambda line: line["p99_ms"] or 0)
    checks.append(
        {
            "target": f"read-only public pages p99 <= {PAGE_P99_RATIO} x framework floor p99",
            "met": not late,
            "detail": f"{len(pages) - len(late)}/{len(pages)} pages; highest {worst_p99['name']} at "
            f"{_ratios(worst_p99, bare)[1]:.2f}" + (f"; above: {', '.join(late)}" if late else ""),
        }
    )
    private = [line for line in lines if line["kind"] == "private"]
    if private:
        checks.append(
            {
                "target": "private-link pages (one person's details, never kept in the page cache; no target)",
                "met": None,
                "detail": "; ".join(f"{line['name']} {_ratios(line, site)[0]:.2f} x /healthz" for line in private),
            }
        )
    checks.append(_group("free-text search results", lines, SEARCH_PAGES, site, SEARCH_RATIO, "/healthz"))
    checks.append(_group("single-page form POSTs", lines, SINGLE_PAGE_POSTS, site, SINGLE_POST_RATIO, "/healthz"))
    final = _group("final IAG and programme sign-up POSTs", lines, FINAL_POSTS, site, FINAL_POST_RATIO, "/healthz")
    statements = {name: (result["post_queries"].get(name) or {}).get("statements") for name in FINAL_POSTS}
    final["target"] += f" and <= {FINAL_POST_STATEMENTS} SQL statements"
    final["met"] = final["met"] and all(n is not None and n <= FINAL_POST_STATEMENTS for n in statements.values())
    final["detail"] += "; statements: " + ", ".join(f"{name} {n}" for name, n in statements.items())
    checks.append(final)
    small, large = result["admin"]
    growth = _div(large["p50_ms"], small["p50_ms"])
    checks.append(
        {
            "target": f"admin changelist p50 <= {ADMIN_P50_MS:.0f} ms at {large['rows']:,} rows "
            f"and <= {ADMIN_GROWTH} x its time at {small['rows']:,}",
            "met": 0 < growth <= ADMIN_GROWTH and (large["p50_ms"] or 0) <= ADMIN_P50_MS,
            "detail": f"p50 {large['p50_ms'] or 0:.1f} ms vs {small['p50_ms'] or 0:.1f} ms = {growth:.2f}x "
            f"(throughput {large['rps']:.1f} vs {small['rps']:.1f} req/s)",
        }
    )
    drain = result["drain"]
    for kind, label in (("file", "file backend"), ("smtp", "SMTP on loopback")):
        ratio = _div(drain[kind]["rate"], drain["noop"]["rate"])
        all_sent = (
            drain[kind]["sent"] == drain[kind]["tasks"]
            and drain[kind].get("received", drain[kind]["sent"]) == (drain[kind]["tasks"])
        )
        checks.append(
            {
                "target": f"outbox drain ({label}) >= {DRAIN_RATIO} x no-op task rate",
                "met": ratio >= DRAIN_RATIO and all_sent,
                "detail": f"{ratio:.2f} ({drain[kind]['rate']:.0f} vs {drain['noop']['rate']:.0f} emails or tasks/s; "
                f"{drain[kind]['sent']:,}/{drain[kind]['tasks']:,} sent"
                + (f", {drain[kind]['received']:,} received" if "received" in drain[kind] else "")
                + ")",
            }
        )
    view = result["first_view"]
    checks.append(
        {
            "target": "first view <= 100 KB compressed",
            "met": view["total_bytes"] <= FIRST_VIEW_BYTES,
            "detail": f"{view['page_and_direct_assets_bytes'] / 1024:.1f} KB page and its files, "
            f"+ {view['assets_referenced_by_css_bytes'] / 1024:.1f} KB the CSS can load "
            f"= {view['total_bytes'] / 1024:.1f} KB",
        }
    )
    grows = [q["page"] for q in result["query_counts"] if q["grows"]]
    checks.append(
        {
            "target": "SQL queries per page the same at 10 and 10,000 rows",
            "met": not grows,
            "detail": f"{len(result['query_counts']) - len(grows)}/{len(result['query_counts'])} pages flat"
            + (f"; grow: {', '.join(grows)}" if grows else ""),
        }
    )
    return checks


def table(result: dict) -> str:
    site, bare = floor(result), framework(result)
    out = []
    width = max(len(line["name"]) for line in result["throughput"] + result["admin"]) + 2
    head = (
        f"{'':{width}}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x fw':>7}{'p99 x fw':>9}{'x /healthz':>11}"
        f"{'errors':>8}  notes"
    )
    out += [f"Throughput and latency ({result['settings']['load']}; {result['settings']['server']})"]
    out += ["x fw: ratio to the framework floor (bare Django); x /healthz: ratio to the site's /healthz", head]
    for line in result["throughput"] + result["admin"]:
        rps_bare, p99_bare = _ratios(line, bare)
        rps_site = _ratios(line, site)[0]
        errors = line["non_2xx_3xx"] + line["socket_errors"]
        notes = ""
        if "valid" in line:
            notes = f"{line['valid']} valid, {line['not_valid']} not; rows added {line['rows_created']}"
            if line["pool_over"]:
                notes += f"; pool ran out ({line['pool_over']} requests after it)"
        out.append(
            f"{line['name']:{width}}{line['rps']:>9.1f}{line['p50_ms'] or 0:>9.2f}{line['p99_ms'] or 0:>9.2f}"
            f"{rps_bare:>7.2f}{p99_bare:>9.2f}{rps_site:>11.2f}{errors:>8}  {notes}"
        )
    cold = result["cold_page"]
    out += [
        "",
        f"Cache cold: {cold['name']} ({cold['path']}), median of {cold['rounds']} edits: "
        f"{cold['cold_ms']:.1f} ms, then {cold['warm_p50_ms']:.1f} ms warm (p50; one request at a time)",
        "",
        "SQL statements of one final POST (Django's test client, benchmark database)",
    ]
    for name, counted in result["post_queries"].items():
        out.append(f"  {name:50}{counted['statements']:>4}")
    out += ["", "SQL queries per page, at 10 rows and at 10,000 rows"]
    qwidth = max(len(q["page"]) for q in result["query_counts"]) + 2
    out.append(f"{'':{qwidth}}{'10':>6}{'10,000':>8}")
    for q in result["query_counts"]:
        out.append(f"{q['page']:{qwidth}}{q['small']:>6}{q['large']:>8}{'  GROWS' if q['grows'] else ''}")
    drain = result["drain"]
    out += [
        "",
        f"Outbox drain (real celery worker, {drain['noop']['tasks']:,} tasks each; one task per email)",
        f"  no-op task           {drain['noop']['rate']:>8.0f} tasks/s   ({drain['noop']['seconds']:.1f} s)",
    ]
    for kind, label in (("file", "emails, file backend"), ("smtp", "emails, SMTP")):
        received = f", {drain[kind]['received']:,} received" if "received" in drain[kind] else ""
        out.append(
            f"  {label:21}{drain[kind]['rate']:>8.0f} emails/s  ({drain[kind]['seconds']:.1f} s, "
            f"{drain[kind]['sent']:,} sent{received})"
        )
    view = result["first_view"]
    out += ["", "First view of the home page (bytes on the wire, Accept-Encoding: gzip, br)"]
    for item in view["files"] + view["css_files"]:
        out.append(f"  {item['path'][:70]:72}{item['bytes']:>8,} B  {item['encoding']}")
    out += ["", "Targets"]
    for check in result["targets"]:
        mark = "info" if check["met"] is None else "met" if check["met"] else "NOT met"
        out.append(f"  [{mark}] {check['target']}: {check['detail']}")
    machine = result["machine"]
    load = machine["load_average_1min"]
    out += [
        "",
        f"Machine: {machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory_gib']} GiB, {machine['os']}; "
        f"{machine['postgresql']}; {machine['redis']}; run took {result['seconds']} s; load average "
        f"{load['start']:.1f} at the start, {load['end']:.1f} at the end",
    ]
    return "\n".join(out)
