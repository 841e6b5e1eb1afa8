"""Answer-quality evaluation: a hand-written gold set, metrics, a naive baseline, sweeps and reports.

Everything here talks to the `Assistant` facade (or the baseline, which has the same `ask`).
"""
