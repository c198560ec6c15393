"""`python -m benchmarks [parser]`: run the benchmarks and print their figures."""

import sys

from benchmarks import bench_parser

SUITES = {"parser": bench_parser.main}

if __name__ == "__main__":
    names = sys.argv[1:] or list(SUITES)
    for name in names:
        SUITES[name]()
