"""Benchmarks: `python -m bench.run --quick` (what `make bench` runs) or `--full`.

Each module measures one thing and returns a dict; `bench.run` writes them to bench/out/.
Figures and the machine they came from are recorded in bench/RESULTS.md. The benchmarks reuse the
local servers and fakes the tests use, from `assistant.testing`.
"""
