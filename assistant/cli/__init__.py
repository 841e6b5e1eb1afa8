"""Command line: `python -m assistant <command>`; each command group lives in its own module."""

from __future__ import annotations

import typer

from assistant.cli import ask, corpus, eval, index, overview, slack, web

app = typer.Typer(
    help="Brief Assistant: cited answers about policy briefs and the publications they cite.", no_args_is_help=True, add_completion=False
)
ask.register(app)
index.register(app)
overview.register(app)
eval.register(app)
slack.register(app)
web.register(app)
app.add_typer(corpus.app, name="corpus")


def main() -> None:
    app()
