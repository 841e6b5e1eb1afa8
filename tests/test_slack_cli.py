"""`python -m assistant slack`: mode and configuration errors name the fix."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assistant.cli import app


@pytest.fixture(autouse=True)
def no_slack_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here


def test_one_mode_is_required() -> None:
    result = CliRunner().invoke(app, ["slack"])
    assert result.exit_code == 1 and "choose one mode" in result.output
    assert CliRunner().invoke(app, ["slack", "--http", "--socket"]).exit_code == 1


def test_missing_tokens_name_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(app, ["slack", "--http"])
    assert result.exit_code == 1 and "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET" in result.output
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-secret-value")
    result = CliRunner().invoke(app, ["slack", "--socket"])
    assert result.exit_code == 1 and "SLACK_APP_TOKEN" in result.output and "xoxb-secret-value" not in result.output


def test_manifest_subscribes_to_what_the_bot_handles() -> None:
    import yaml

    from ui.slack import SLACK_MANIFEST

    manifest = yaml.safe_load((SLACK_MANIFEST).read_text())
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["event_subscriptions"]["request_url"].endswith("/slack/events")
    scopes = {"app_mentions:read", "chat:write", "im:history", "reactions:write", "channels:history", "groups:history"}
    assert scopes <= set(manifest["oauth_config"]["scopes"]["bot"])  # history scopes: threads are read back from Slack
