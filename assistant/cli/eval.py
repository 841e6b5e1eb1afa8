"""`eval` (score the assistant on eval/gold.jsonl, write a report) and `eval import-feedback`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import check_top_k, fail, one_line_errors, open_assistant
from assistant.settings import Settings

eval_app = typer.Typer(help="Measure answer quality, citations and refusals on the gold set.", add_completion=False)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")


@eval_app.callback(invoke_without_command=True)
@one_line_errors
def run(
    ctx: typer.Context,
    backend: Annotated[str | None, typer.Option(help="extractive, or the configured LLM (BRIEF_LLM).")] = None,
    top_k: Annotated[int | None, typer.Option("-k", "--top-k", help="Passages to retrieve (default: settings).")] = None,
    gold: Annotated[Path | None, typer.Option(help="Gold cases (JSONL); default eval/gold.jsonl.")] = None,
    out: Annotated[Path | None, typer.Option(help="Report folder; default eval/reports/<timestamp>/.")] = None,
    baseline: Annotated[bool, typer.Option("--baseline", help="Also run the naive LangChain pipeline on the raw text.")] = False,
    sweep: Annotated[bool, typer.Option("--sweep", help="Also sweep chunk size × k (builds temporary indexes).")] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console

    from eval.evaluate import evaluate, write
    from eval.gold import GOLD_PATH, GoldError
    from eval.report import summary_table
    from eval.summary import floors_status

    console = Console(stderr=True)
    check_top_k(top_k)
    assistant = open_assistant()
    try:
        result = evaluate(
            assistant,
            backend=backend,
            top_k=top_k,
            gold_path=gold or GOLD_PATH,
            baseline=baseline,
            sweep=sweep,
            log=lambda message: console.print(f"[dim]{message}[/dim]"),
        )
    except GoldError as error:
        raise fail(str(error)) from None
    path = write(result, out)
    print(summary_table(result.runs))
    broken = [name for name, status in floors_status(result.summary).items() if not status["ok"]]
    print(f"\nreport: {path}")
    print("floors: all met" if not broken else f"floors NOT met: {', '.join(broken)}")


@eval_app.command("verification", help="Verification: contradicted claims caught, faithful ones kept (eval/verification/REPORT.md).")
@one_line_errors
def verification(
    out: Annotated[Path | None, typer.Option(help="Report file; default eval/verification/REPORT.md.")] = None,
) -> None:
    from rich.console import Console

    from assistant.facade import Assistant
    from assistant.index.build import build_index
    from eval.verification.evaluate import evaluate_verification
    from eval.verification.report import REPORT, summary, write_report

    console = Console(stderr=True)
    settings = Settings()
    build_index(settings)
    run = evaluate_verification(Assistant(settings), log=lambda message: console.print(f"[dim]{message}[/dim]"))
    print(summary(run))
    print(f"\nreport: {write_report(run, out or REPORT)}")


@eval_app.command("import-feedback", help="Turn 👎 feedback entries into draft gold cases (JSONL) to review.")
@one_line_errors
def import_feedback(
    out: Annotated[Path, typer.Option(help="Where to write the drafts.")] = Path("eval/feedback-drafts.jsonl"),
    db: Annotated[str | None, typer.Option(help="SQLite file or database URL; default BRIEF_DATABASE_URL, else BRIEF_FEEDBACK_DB.")] = None,
) -> None:
    from assistant.feedback import FeedbackStore
    from eval.feedback import draft_cases, write_drafts

    settings = Settings()
    target = db or settings.database_url or str(settings.feedback_db)
    if "://" not in target and not Path(target).exists():
        raise fail(f"No feedback database at {target}: give 👎 in the app or Slack first, or pass --db.")
    drafts = draft_cases(FeedbackStore(target if "://" in target else Path(target)))
    write_drafts(drafts, out)
    print(f"{len(drafts)} draft case(s) written to {out}; fill in evidence and facts, then append them to eval/gold.jsonl.")
