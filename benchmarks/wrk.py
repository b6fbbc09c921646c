"""Running wrk and reading its report."""

import re
import shutil
import subprocess
from pathlib import Path

LUA_POST = Path(__file__).parent / "lua" / "post.lua"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class WrkMissing(RuntimeError):
    pass


def require_wrk() -> str:
    binary = shutil.which("wrk")
    if binary is None:
        raise WrkMissing("wrk is not installed. Install it with: apt-get install -y wrk")
    return binary


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse(output: str) -> dict:
    """Requests per second, p50 and p99 in milliseconds, requests and errors."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result = {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": _ms(percentiles["50"]) if "50" in percentiles else None,
        "p99_ms": _ms(percentiles["99"]) if "99" in percentiles else None,
        "requests": int(total.group(1)) if total else 0,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
    }
    posted = re.search(r"RESULT ok=(\d+) other=(\d+) pool_left=(\d+) used=(\d+) over=(\d+)", output)
    if posted:
        valid, not_valid, left, used, over = (int(n) for n in posted.groups())
        result.update(valid=valid, not_valid=not_valid, pool_left=left, pool_used=used, pool_over=over)
    return result


def run(
    url: str,
    *,
    duration: int,
    connections: int,
    headers: dict | None = None,
    script: Path | None = None,
    script_args: list[str] | None = None,
) -> dict:
    command = [require_wrk(), "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    return parse(output)
