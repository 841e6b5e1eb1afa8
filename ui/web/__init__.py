"""The Streamlit chat front end, served by `brief-assistant web` (see `make run`)."""

from pathlib import Path

APP_SCRIPT = Path(__file__).resolve().with_name("app.py")
"""The script `streamlit run` serves."""
