"""Verification evaluation: does a contradicted claim ever pass? (`brief-assistant eval --verification`)."""
