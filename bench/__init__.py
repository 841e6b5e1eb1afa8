"""Benchmarks: `python -m bench.run --quick` (what `make bench` runs) or `--full`.

Each module measures one thing and returns a dict; `bench.run` writes them to bench/out/.
Figures and the machine they came from are recorded in bench/RESULTS.md. The benchmarks reuse the
tests' local servers and fakes (tests/local_servers.py, tests/fake_slack_api.py): tests/ is not a
package, so it goes on the import path here.
"""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent.parent / "tests")
if _TESTS not in sys.path:
    sys.path.append(_TESTS)
