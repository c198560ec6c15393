"""`python -m benchmarks [suite …] [--scale S]` (suites: parser, ledger, assessment, auditlog, onboarding,
connections, writers, tick, cascade, serving, links): run the benchmarks (all when none is named) and
print their figures. ``--scale`` shrinks the province of the ledger and assessment suites for a quick run (as
TAIZHANG_BENCH_SCALE does; 1 = 150 plans), and the 5 M entries of the audit log suite."""

import argparse
import os

from benchmarks import (
    bench_assessment,
    bench_auditlog,
    bench_cascade,
    bench_connections,
    bench_ledger,
    bench_links,
    bench_onboarding,
    bench_parser,
    bench_serving,
    bench_sqlite_writers,
    bench_tick,
)

SUITES = {
    "parser": bench_parser.main,
    "ledger": bench_ledger.main,
    "assessment": bench_assessment.main,
    "auditlog": bench_auditlog.main,
    "onboarding": bench_onboarding.main,
    "connections": bench_connections.main,
    "writers": bench_sqlite_writers.main,
    "tick": bench_tick.main,
    "cascade": bench_cascade.main,
    "serving": bench_serving.main,
    "links": bench_links.main,
}

if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Run the benchmarks.")
    parser.add_argument("suites", nargs="*", metavar="suite", help=f"one of: {', '.join(SUITES)}")
    parser.add_argument("--scale", type=float, help="ledger: fraction of the 150-plan province to generate")
    args = parser.parse_args()
    unknown = [name for name in args.suites if name not in SUITES]
    if unknown:
        parser.error(f"unknown suite {', '.join(unknown)} (choose from {', '.join(SUITES)})")
    if args.scale is not None:
        os.environ["TAIZHANG_BENCH_SCALE"] = str(args.scale)
    for name in args.suites or list(SUITES):
        SUITES[name]()
