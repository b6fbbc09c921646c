"""python -m benchmarks [--smoke] [--out FILE] [--duration S] [--connections N]"""

import argparse
import sys
from pathlib import Path

from benchmarks.run import FULL, SMOKE, Bench
from benchmarks.wrk import WrkMissing

DEFAULT_OUT = Path(__file__).parent / "results" / "latest.json"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="every step for about a second, with tiny data")
    parser.add_argument("--out", type=Path, help=f"JSON results (default {DEFAULT_OUT}; smoke runs need --out)")
    parser.add_argument("--duration", type=int, help="seconds per measurement")
    parser.add_argument("--connections", type=int, help="concurrent connections")
    options = parser.parse_args()
    if options.smoke and not options.out:
        parser.error("--smoke needs --out, so a smoke run never replaces the published results")
    mode = SMOKE if options.smoke else FULL
    try:
        Bench(mode, options.out or DEFAULT_OUT, options.duration, options.connections).run()
    except WrkMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
