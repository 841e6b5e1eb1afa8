"""Claim-level verification: a verdict per draft sentence, SUPPORTED only when nothing objects.

claims (draft → sentences) → evidence (embedding search for the passage sentences a claim is
about) → deterministic vetoes (numbers, names, polarity: they can only downgrade) → optional
LLM judge (judge) → verdicts. See docs/verification.md.
"""

from assistant.answering.verification.verdicts import ClaimVerdict, Label

__all__ = ["ClaimVerdict", "Label"]
