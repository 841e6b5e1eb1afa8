"""`web`: serve the Streamlit chat (ui.web) on a local port."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command(help="Serve the chat UI (Streamlit) at http://HOST:PORT; it builds the index on first start.")(web)


def web(
    host: Annotated[str, typer.Option(help="Address to bind (put a TLS proxy in front to serve others).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
) -> None:
    from ui.web import APP_SCRIPT

    command = [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT), "--server.address", host, "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"]  # fmt: skip
    print(f"Brief Assistant chat at http://{host}:{port}", file=sys.stderr)
    try:
        raise typer.Exit(subprocess.call(command, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
