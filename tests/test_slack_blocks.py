"""Block Kit rendering: Slack's limits, whole citations, escaping, the declined form."""

from __future__ import annotations

from assistant.types import Answer, Chunk, Citation, LinkedSource, Passage
from ui.slack import messages as msg
from ui.slack.blocks import MAX_BLOCKS, MAX_TEXT, escape, link, render_answer


def chunk(n: int, text: str, section: str = "Scenarios") -> Chunk:
    return Chunk(f"c{n}", "brief", "The brief", section, n, 0, len(text), text, url="https://www.osw.waw.pl/en")


def answer(text: str, citations: list[Citation], declined: bool = False, standalone: str = "Q?") -> Answer:
    passages = [Passage(c.chunk, i, 1.0) for i, c in enumerate(citations)]
    return Answer("Q?", standalone, text, declined, citations, passages, "extractive", {"total": 12.0})


def sections(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def contexts(blocks: list[dict]) -> list[str]:
    return [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]


def test_short_answer_has_text_then_one_context_per_citation_then_buttons() -> None:
    quote = "Witkoff & Kushner drafted <the> plan."
    c = Citation(1, chunk(1, f"Intro. {quote} Outro."), 7, 7 + len(quote), (LinkedSource(12, "src", "A source", "https://example.org/a"),))
    text, blocks = render_answer(answer("They drafted it [1].", [c]), "abc")
    assert text == "They drafted it [1]."
    assert [b["type"] for b in blocks] == ["section", "divider", "context", "actions", "context"]
    cite = contexts(blocks)[0]
    assert cite.startswith("*[1]* <https://www.osw.waw.pl/en|Scenarios>")
    assert "“Witkoff &amp; Kushner drafted &lt;the&gt; plan.”" in cite and "note 12: <https://example.org/a|A source>" in cite
    assert {e["value"] for e in blocks[3]["elements"]} == {"abc"}


def test_long_answer_is_split_between_sentences_and_never_over_limits() -> None:
    sentence = "The administration drafted a plan with many points and conditions attached to it [1]. "
    long_text = sentence * 120  # about 10,000 characters
    c = Citation(1, chunk(1, "x " * 3000), 0, 5000)  # a 5,000-character quote
    text, blocks = render_answer(answer(long_text, [c]), "id")
    parts = sections(blocks)
    assert len(parts) >= 4 and all(len(p) <= MAX_TEXT for p in parts)
    assert " ".join(parts) == long_text.strip()  # nothing lost, every [1] whole
    assert all(p.endswith("[1].") for p in parts)
    assert all(len(t) <= MAX_TEXT for t in contexts(blocks))
    assert contexts(blocks)[0].startswith("*[1]*") and contexts(blocks)[0].endswith("…”")
    assert len(text) <= 3000


def test_many_citations_stay_whole_within_fifty_blocks() -> None:
    citations = [Citation(n, chunk(n, f"Quote number {n} is here."), 0, len(f"Quote number {n} is here.")) for n in range(1, 80)]
    text, blocks = render_answer(answer(" ".join(f"S{n} [{n}]." for n in range(1, 80)), citations), "id")
    assert len(blocks) == MAX_BLOCKS and text
    shown = [t for t in contexts(blocks) if t.startswith("*[")]
    assert all(t.endswith("is here.”") for t in shown)  # whole citations only
    assert msg.MORE_CITATIONS.format(count=79 - len(shown)) in contexts(blocks)
    assert blocks[-2]["type"] == "actions"


def test_declined_form_and_understood_as() -> None:
    declined = answer("The brief does not cover this: it never mentions Macron.", [], declined=True, standalone="Who is Macron?")
    declined.passages = [Passage(chunk(1, "text", "Scenarios"), 0, 0.1)]
    text, blocks = render_answer(declined, "id")
    assert text == "The brief does not cover this: it never mentions Macron."
    assert contexts(blocks)[0] == msg.UNDERSTOOD_AS.format(question="Who is Macron?")
    assert sections(blocks)[0] == f"{msg.DECLINED_MARK} The brief does not cover this: it never mentions Macron."
    assert "Closest passages: Scenarios" in contexts(blocks)
    assert not any(t.startswith("*[") for t in contexts(blocks))


def test_links_only_for_web_urls() -> None:
    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://a.example/x", "a|b<c") == "<https://a.example/x|a¦b&lt;c>"
    assert escape("<@U1> & <!channel>") == "&lt;@U1&gt; &amp; &lt;!channel&gt;"
