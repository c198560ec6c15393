"""Benchmarks: `make bench` runs them and prints figures. Targets live here, never in timed tests."""
