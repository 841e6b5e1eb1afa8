"""The Slack front end: a slack_bolt app answering in threads, over HTTP or Socket Mode (`brief-assistant slack`)."""

from pathlib import Path

SLACK_MANIFEST = Path(__file__).resolve().with_name("manifest.yaml")
"""The Slack app manifest to create the app from (docs/slack.md)."""
