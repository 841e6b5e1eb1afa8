"""`slack`: run the Slack bot (ui/slack/) over HTTP or Socket Mode."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from assistant.cli.common import fail, one_line_errors, open_assistant
from assistant.settings import Settings


def register(app: typer.Typer) -> None:
    app.command(help="Run the Slack bot: --http (Events API at /slack/events) or --socket (Socket Mode).")(slack)


@one_line_errors
def slack(
    http: Annotated[bool, typer.Option("--http", help="Serve the Events API over HTTP.")] = False,
    socket: Annotated[bool, typer.Option("--socket", help="Connect over Socket Mode (needs SLACK_APP_TOKEN).")] = False,
    host: Annotated[str, typer.Option(help="Address to bind in HTTP mode (put a TLS proxy in front for Slack).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port in HTTP mode.")] = 3000,
    log_level: Annotated[str, typer.Option(help="DEBUG, INFO, WARNING…")] = "INFO",
) -> None:
    if http == socket:
        raise fail("choose one mode: `--http --port N` or `--socket`.")
    from slack_bolt.error import BoltError

    from ui.slack.bot import RedactSecrets, SlackBot
    from ui.slack.config import SlackSettings
    from ui.slack.server import http_server, run_socket_mode, serve

    slack_settings = SlackSettings()
    missing = [name for name, value in _required(slack_settings, socket).items() if value is None]
    if missing:
        raise fail(f"set {', '.join(missing)} (see docs/slack.md: create the app from ui/slack/manifest.yaml).")

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = RedactSecrets(slack_settings.secrets())
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)

    from assistant.feedback import FeedbackStore

    settings = Settings()
    assistant = open_assistant(settings)
    try:
        bot = SlackBot(assistant, FeedbackStore(settings.database), slack_settings)
    except BoltError as error:
        raise fail(f"Slack refused SLACK_BOT_TOKEN ({_short(error)}); check the token and SLACK_API_URL.") from None

    if socket:
        assert slack_settings.app_token is not None
        run_socket_mode(bot.app, slack_settings.app_token.get_secret_value(), slack_settings.api_url)
        return
    assert slack_settings.signing_secret is not None
    health = lambda: {"status": "ok", "index_build": assistant.index.manifest.build_id}  # noqa: E731
    server = http_server(bot.app, slack_settings.signing_secret.get_secret_value(), host, port, health=health)
    print(f"Slack bot listening on http://{host}:{server.server_port}/slack/events", file=sys.stderr)
    serve(server, bot.app)


def _required(settings, socket: bool) -> dict[str, object]:  # type: ignore[no-untyped-def]
    second = ("SLACK_APP_TOKEN", settings.app_token) if socket else ("SLACK_SIGNING_SECRET", settings.signing_secret)
    return {"SLACK_BOT_TOKEN": settings.bot_token, second[0]: second[1]}


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:200]
