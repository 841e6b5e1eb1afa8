"""A scripted local deployment under load: PostgreSQL, `chroma run`, an ingest job, two Slack bot
replicas (`brief-assistant slack --http`) and the fake Slack Web API, all on 127.0.0.1.

8 threads of 3 turns each are asked concurrently, their users starting a quarter of a second apart and
reading each answer for `think_s` seconds before the next question; a load balancer sends each
question to the replica the thread has not used last (so most follow-ups reach the other process) and
skips a replica while it is out of rotation. Once a third of the questions are answered, replica B is
taken out, stopped with SIGTERM (it finishes what it acknowledged), started again and put back, in
time for the last turns to reach the restarted process. Each thread's user then
votes 👍 on its first answer and 👎 on its last, on whichever replica the balancer picks, and
`eval import-feedback` reads the 👎 back from PostgreSQL.

A follow-up is *in context* when the replica understood it as exactly what one process answering the
whole thread understands it as (the reference run, in this process, on the same index). Threads come
from the follow-up cases of eval/gold.jsonl: their two turns, then the next case's follow-up.

`python -m bench.slack_replicas` prints the JSON result.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

from assistant.testing.fake_slack_api import BOT_USER, button_click, post
from assistant.testing.local_servers import running_chroma
from assistant.testing.postgres import running_postgres
from assistant.testing.slack_processes import bot_environment, running_bot
from bench.common import load, summary
from bench.slack_load import TimedSlackAPI

CHANNEL = "CDEPLOY"
ANSWER_TIMEOUT_S = 120.0


def gold_threads(count: int, turns: int = 3) -> list[list[str]]:
    """`count` threads of `turns` questions from the gold follow-up cases (each case's turns, then the next cases' follow-ups)."""
    from eval.gold import GOLD_PATH

    cases = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    follow_ups = [case["turns"] for case in cases if len(case.get("turns", [])) > 1]
    threads = []
    for n in range(count):
        questions = list(follow_ups[n % len(follow_ups)])
        k = 1
        while len(questions) < turns:
            questions.append(follow_ups[(n + k) % len(follow_ups)][-1])
            k += 1
        threads.append(questions[:turns])
    return threads


class Balancer:
    """Like a load balancer in front of the replicas: sends each request to a replica in rotation other
    than the one to avoid, drains a replica taken out of rotation, and retries a request whose
    connection failed (nothing was answered) on another replica."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        self.in_rotation = [True] * len(urls)
        self.in_flight = [0] * len(urls)
        self.retries = 0
        self._changed = threading.Condition()

    def post(self, body: str, avoid: int | None, content_type: str = "application/json") -> tuple[int, int]:
        """The replica that took the request and its HTTP status."""
        for attempt in range(2):
            with self._changed:
                up = [i for i, ok in enumerate(self.in_rotation) if ok]
                replica = ([i for i in up if i != avoid] or up)[0]
                self.in_flight[replica] += 1
                url = self.urls[replica]
            try:
                return replica, post(url, body, content_type)[0]
            except OSError:  # refused or reset before any reply: the replica never saw the request
                if attempt:
                    raise
                with self._changed:
                    self.retries += 1
                avoid = replica
            finally:
                with self._changed:
                    self.in_flight[replica] -= 1
                    self._changed.notify_all()
        raise AssertionError("unreachable")

    def take_out(self, replica: int) -> None:
        """Out of rotation, once the requests already sent to it have their replies."""
        with self._changed:
            self.in_rotation[replica] = False
            self._changed.wait_for(lambda: self.in_flight[replica] == 0)

    def put_back(self, replica: int, url: str) -> None:
        with self._changed:
            self.urls[replica], self.in_rotation[replica] = url, True


def measure(threads: int = 8, turns: int = 3, think_s: float = 8.0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        root = Path(tmp)
        server = stack.enter_context(running_postgres())
        database = server.create_database("deploy")
        chroma_port, _ = stack.enter_context(running_chroma(root / "chroma"))
        from assistant.settings import isolated_settings

        settings = isolated_settings(root, chroma_host="127.0.0.1", chroma_port=chroma_port, database_url=database)
        slack = TimedSlackAPI()
        env = {**bot_environment(settings, slack.url), "SLACK_RATE_LIMIT": "100"}

        started = time.perf_counter()
        ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest"], env=env, capture_output=True, text=True, timeout=900)
        if ingest.returncode != 0:
            raise RuntimeError(f"the ingest job failed: {ingest.stderr[-2000:]}")
        ingest_s = time.perf_counter() - started

        replica_stacks = [ExitStack(), ExitStack()]
        urls = [s.enter_context(running_bot(env, root / f"replica-{n}.log"))[0] for n, s in enumerate(replica_stacks)]
        balancer = Balancer(urls)
        plan = gold_threads(threads, turns)
        results: list[dict[str, Any]] = []
        errors: list[str] = []
        lock = threading.Lock()
        restart: dict[str, float] = {}
        thread_of: dict[int, str] = {}

        def answered(key: tuple[str, str], turn: int) -> bool:
            return len(slack.replies[key]) > turn

        def ask(n: int) -> None:
            user, thread_ts, last = f"U{n}", None, n % 2  # threads open on alternate replicas
            time.sleep(n / 4)
            for turn, question in enumerate(plan[n]):
                if turn:
                    time.sleep(think_s)
                body, _ = slack.event("app_mention", f"<@{BOT_USER}> {question}", channel=CHANNEL, user=user, thread_ts=thread_ts)
                thread = thread_ts or json.loads(body)["event"]["ts"]
                thread_of[n] = thread
                sent = time.perf_counter()
                replica, status = balancer.post(body, last)
                if status != 200:
                    with lock:
                        errors.append(f"thread {n} turn {turn}: HTTP {status} from replica {replica}")
                    return
                if not slack.wait(partial(answered, (CHANNEL, thread), turn), ANSWER_TIMEOUT_S):
                    with lock:
                        errors.append(f"thread {n} turn {turn}: no answer within {ANSWER_TIMEOUT_S:.0f} s (lost)")
                    return
                arrived, method, params = slack.replies[(CHANNEL, thread)][turn]
                with lock:
                    if method != "chat.postMessage" or not params.get("metadata"):
                        errors.append(f"thread {n} turn {turn}: {method} without an answer: {str(params.get('text'))[:120]}")
                        return
                    results.append({"thread": n, "turn": turn, "replica": replica, "ms": (arrived - sent) * 1000, "sent": sent,
                                    "understood_as": params["metadata"]["event_payload"]["standalone_question"]})  # fmt: skip
                thread_ts, last = thread, replica

        def restart_b() -> None:
            """Once a third of the questions are answered: B out of rotation, SIGTERM, start, back in."""
            if not slack.wait(lambda: len(results) >= threads * turns // 3, ANSWER_TIMEOUT_S):
                return
            restart["out"] = time.perf_counter()
            balancer.take_out(1)
            replica_stacks[1].close()  # SIGTERM; the process finishes the answers in progress
            restart["stopped"] = time.perf_counter()
            fresh = ExitStack()
            url = fresh.enter_context(running_bot(env, root / "replica-1-restarted.log"))[0]
            replica_stacks[1] = fresh
            restart["back"] = time.perf_counter()
            balancer.put_back(1, url)

        before = load()
        run_started = time.perf_counter()
        restarter = threading.Thread(target=restart_b)
        restarter.start()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(ask, range(threads)))
        run_s = time.perf_counter() - run_started
        restarter.join()
        after = load()

        votes = vote(slack, balancer, thread_of, database)
        drafts = root / "drafts.jsonl"
        imported = subprocess.run([sys.executable, "-m", "assistant", "eval", "import-feedback", "--out", str(drafts)], env=env,
                                  capture_output=True, text=True, timeout=300)  # fmt: skip
        draft_count = len(drafts.read_text().splitlines()) if imported.returncode == 0 else -1

        reference = reference_run(settings, plan)
        for stack_ in replica_stacks:
            stack_.close()
        slack.server.shutdown()

    follow_ups = [r for r in results if r["turn"] > 0]
    replica_of = {(r["thread"], r["turn"]): r["replica"] for r in results}
    switched = sum(r["replica"] != replica_of.get((r["thread"], r["turn"] - 1)) for r in follow_ups)
    out_of_context = [r for r in follow_ups if r["understood_as"] != reference[r["thread"]][r["turn"]]]
    context_dependent = [r for r in follow_ups if reference[r["thread"]][r["turn"]] != plan[r["thread"]][r["turn"]]]
    after_restart = [r for r in results if r["replica"] == 1 and "back" in restart and r["sent"] > restart["back"]]
    return {
        "threads": threads,
        "turns": turns,
        "think_s": think_s,
        "questions": threads * turns,
        "answered": len(results),
        "errors": len(errors),
        "first_errors": errors[:5],
        "follow_ups": len(follow_ups),
        "follow_ups_context_dependent": len(context_dependent),
        "follow_ups_out_of_context": len(out_of_context),
        "out_of_context_examples": [(r["understood_as"], reference[r["thread"]][r["turn"]]) for r in out_of_context[:3]],
        "follow_ups_on_another_replica_than_the_previous_turn": switched,
        "answered_by_restarted_replica": len(after_restart),
        "follow_ups_answered_by_restarted_replica": len([r for r in after_restart if r["turn"] > 0]),
        "answer_ms": summary([r["ms"] for r in results]),
        "follow_up_answer_ms": summary([r["ms"] for r in follow_ups]),
        "replica_b_out_of_rotation_s": round(restart["back"] - restart["out"], 2) if "back" in restart else None,
        "replica_b_drain_s": round(restart["stopped"] - restart["out"], 2) if "stopped" in restart else None,
        "balancer_retries": balancer.retries,
        "run_s": round(run_s, 2),
        "ingest_job_s": round(ingest_s, 2),
        "votes": votes,
        "import_feedback_drafts": draft_count,
        "load_avg_before": before,
        "load_avg_after": after,
        "note": "answer_ms: from the POST to the replica until the answer's chat.postMessage reaches the fake Web API; "
        "in context = understood as exactly what one process answering the whole thread understands",
    }


def vote(slack: TimedSlackAPI, balancer: Balancer, threads: dict[int, str], database: str) -> dict[str, Any]:
    """Each thread's user: 👍 on the first answer, 👎 on the last, on alternating replicas; then read the database."""
    from assistant.feedback import FeedbackStore

    clicks_by_replica = [0, 0]
    statuses = []
    for n, thread in sorted(threads.items()):
        replies = slack.bot_replies(CHANNEL, thread)
        for message, action, avoid in ((replies[0], "feedback_up", n % 2), (replies[-1], "feedback_down", (n + 1) % 2)):
            click = button_click(message, action, user=f"U{n}", channel=CHANNEL)
            replica, status = balancer.post(click, avoid, "application/x-www-form-urlencoded")
            clicks_by_replica[replica] += 1
            statuses.append(status)
    slack.wait(lambda: len(slack.of("chat.postEphemeral")) >= len(statuses), 30)
    entries = FeedbackStore(database).entries()
    return {
        "clicks_by_replica": clicks_by_replica,
        "http_statuses": sorted(set(statuses)),
        "rows": len(entries),
        "rows_up": sum(e.rating == "up" for e in entries),
        "rows_down": sum(e.rating == "down" for e in entries),
    }


def reference_run(settings: Any, plan: list[list[str]]) -> list[list[str]]:
    """What one process answering each whole thread understands every turn as."""
    from assistant.conversation import MemoryConversationStore
    from assistant.facade import Assistant

    assistant = Assistant(settings, MemoryConversationStore())
    return [[assistant.ask(question, f"reference-{n}").standalone_question for question in questions] for n, questions in enumerate(plan)]


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
