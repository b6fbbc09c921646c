"""The printed table and the targets, from a run's results."""

PAGE_RPS_RATIO = 0.7  # public GET pages: at least this share of the bare view's throughput
PAGE_P99_RATIO = 3.0  # ... and a p99 no more than this multiple of the bare view's
IAG_POST_RATIO = 0.3
ADMIN_GROWTH = 2.0  # changelist time at 100,000 rows / at 100 rows
DRAIN_RATIO = 0.5
FIRST_VIEW_BYTES = 100 * 1024


def floor(result: dict) -> dict:
    """The bare view's numbers: the mean of its two measurements (start and end of the run)."""
    bare = [line for line in result["throughput"] if line["kind"] == "floor"]
    return {
        "rps": sum(line["rps"] for line in bare) / len(bare),
        "p99_ms": sum(line["p99_ms"] for line in bare) / len(bare),
    }


def _div(a: float | None, b: float | None) -> float:
    """a / b, or 0 when there is nothing to divide by (a line that completed no request)."""
    return (a or 0) / b if b else 0.0


def _ratios(line: dict, base: dict) -> tuple[float, float]:
    return _div(line["rps"], base["rps"]), _div(line["p99_ms"], base["p99_ms"])


def targets(result: dict) -> list[dict]:
    from benchmarks.forms import IAG_POST

    base = floor(result)
    checks = []
    pages = [line for line in result["throughput"] if line["kind"] == "page"]
    slow = [line["name"] for line in pages if _ratios(line, base)[0] < PAGE_RPS_RATIO]
    worst_rps = min(pages, key=lambda line: line["rps"])
    checks.append(
        {
            "target": f"public GET pages >= {PAGE_RPS_RATIO} x bare view throughput",
            "met": not slow,
            "detail": f"{len(pages) - len(slow)}/{len(pages)} pages; lowest {worst_rps['name']} at "
            f"{_ratios(worst_rps, base)[0]:.2f}" + (f"; below: {', '.join(slow)}" if slow else ""),
        }
    )
    late = [line["name"] for line in pages if _ratios(line, base)[1] > PAGE_P99_RATIO]
    worst_p99 = max(pages, key=lambda line: line["p99_ms"] or 0)
    checks.append(
        {
            "target": f"public GET pages p99 <= {PAGE_P99_RATIO} x bare view p99",
            "met": not late,
            "detail": f"{len(pages) - len(late)}/{len(pages)} pages; highest {worst_p99['name']} at "
            f"{_ratios(worst_p99, base)[1]:.2f}" + (f"; above: {', '.join(late)}" if late else ""),
        }
    )
    iag = next(line for line in result["throughput"] if line["name"] == IAG_POST)
    ratio = _ratios(iag, base)[0]
    checks.append(
        {
            "target": f"IAG application POST >= {IAG_POST_RATIO} x bare view throughput",
            "met": ratio >= IAG_POST_RATIO,
            "detail": f"{ratio:.3f} ({iag['rps']:.1f} vs {base['rps']:.1f} req/s; "
            f"{iag.get('rows_created')} applications created)",
        }
    )
    small, large = result["admin"]
    growth = _div(large["p50_ms"], small["p50_ms"])
    checks.append(
        {
            "target": f"admin changelist at {large['rows']:,} rows <= {ADMIN_GROWTH} x its time at {small['rows']:,}",
            "met": 0 < growth <= ADMIN_GROWTH,
            "detail": f"p50 {large['p50_ms'] or 0:.1f} ms vs {small['p50_ms'] or 0:.1f} ms = {growth:.2f}x "
            f"(throughput {large['rps']:.1f} vs {small['rps']:.1f} req/s)",
        }
    )
    drain = result["drain"]
    drain_ratio = _div(drain["notify"]["rate"], drain["noop"]["rate"])
    checks.append(
        {
            "target": f"notification drain >= {DRAIN_RATIO} x no-op task rate",
            "met": drain_ratio >= DRAIN_RATIO and drain["notify"]["sent"] == drain["notify"]["tasks"],
            "detail": f"{drain_ratio:.2f} ({drain['notify']['rate']:.0f} vs {drain['noop']['rate']:.0f} tasks/s; "
            f"{drain['notify']['sent']:,}/{drain['notify']['tasks']:,} emails sent)",
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
    return checks


def table(result: dict) -> str:
    base = floor(result)
    out = []
    width = max(len(line["name"]) for line in result["throughput"] + result["admin"]) + 2
    head = f"{'':{width}}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x bare':>8}{'p99 x':>7}{'errors':>8}  notes"
    out += [f"Throughput and latency ({result['settings']['load']}; {result['settings']['server']})", head]
    for line in result["throughput"] + result["admin"]:
        rps_ratio, p99_ratio = _ratios(line, base)
        errors = line["non_2xx_3xx"] + line["socket_errors"]
        notes = ""
        if "valid" in line:
            notes = f"{line['valid']} valid, {line['not_valid']} not; rows added {line['rows_created']}"
            if line["pool_over"]:
                notes += f"; pool ran out ({line['pool_over']} requests after it)"
        out.append(
            f"{line['name']:{width}}{line['rps']:>9.1f}{line['p50_ms']:>9.2f}{line['p99_ms']:>9.2f}"
            f"{rps_ratio:>8.2f}{p99_ratio:>7.2f}{errors:>8}  {notes}"
        )
    out += ["", "SQL queries per page, at 10 rows and at 10,000 rows"]
    qwidth = max(len(q["page"]) for q in result["query_counts"]) + 2
    out.append(f"{'':{qwidth}}{'10':>6}{'10,000':>8}")
    for q in result["query_counts"]:
        out.append(f"{q['page']:{qwidth}}{q['small']:>6}{q['large']:>8}{'  GROWS' if q['grows'] else ''}")
    drain = result["drain"]
    out += [
        "",
        f"Notification drain (real celery worker, {drain['notify']['tasks']:,} tasks each)",
        f"  no-op task        {drain['noop']['rate']:>8.0f} tasks/s  ({drain['noop']['seconds']:.1f} s)",
        f"  outbox emails     {drain['notify']['rate']:>8.0f} tasks/s  ({drain['notify']['seconds']:.1f} s, "
        f"{drain['notify']['sent']:,} sent)",
    ]
    view = result["first_view"]
    out += ["", "First view of the home page (bytes on the wire, Accept-Encoding: gzip, br)"]
    for item in view["files"] + view["css_files"]:
        out.append(f"  {item['path'][:70]:72}{item['bytes']:>8,} B  {item['encoding']}")
    out += ["", "Targets"]
    for check in result["targets"]:
        out.append(f"  [{'met' if check['met'] else 'NOT met'}] {check['target']}: {check['detail']}")
    machine = result["machine"]
    load = machine["load_average_1min"]
    out += [
        "",
        f"Machine: {machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory_gib']} GiB, {machine['os']}; "
        f"{machine['postgresql']}; {machine['redis']}; run took {result['seconds']} s; load average "
        f"{load['start']:.1f} at the start, {load['end']:.1f} at the end",
    ]
    return "\n".join(out)
