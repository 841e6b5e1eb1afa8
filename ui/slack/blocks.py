"""Block Kit rendering of an Answer, within Slack's limits (3,000 characters a text, 50 blocks)."""

from __future__ import annotations

import re
from typing import Any

from assistant.types import Answer, Citation
from ui.slack import messages as msg

MAX_TEXT = 3000
"""Characters in one section or context text."""
MAX_BLOCKS = 50
MAX_FALLBACK = 3000
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"

Block = dict[str, Any]
_SENTENCE_END = re.compile(r"(?<=[.!?\]])\s+")


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn reserves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link for http(s) URLs; the bare label otherwise."""
    label = escape(label).replace("|", "¦")
    if url.startswith(("https://", "http://")) and not any(ch in url for ch in "<>| "):
        return f"<{url}|{label}>"
    return label


def render_answer(answer: Answer, answer_id: str) -> tuple[str, list[Block]]:
    """The plain-text fallback and the blocks of one answer, with feedback buttons for `answer_id`."""
    head: list[Block] = []
    if answer.standalone_question and answer.standalone_question != answer.question:
        head.append(_context(msg.UNDERSTOOD_AS.format(question=escape(answer.standalone_question))))
    if answer.declined:
        body = _text_blocks(f"{msg.DECLINED_MARK} {escape(answer.text)}")
        sections = list(dict.fromkeys(p.chunk.section for p in answer.passages if p.chunk.section))[:3]
        if sections:
            body.append(_context(msg.CLOSEST_PASSAGES.format(sections=escape(", ".join(sections)))))
    else:
        body = _text_blocks(bold(answer.text, answer.highlights))
    fallback = answer.text
    if answer.notice:
        body.append(_context(escape(answer.notice)))
    if answer.dropped:
        dropped = "; ".join(msg.DROPPED_SENTENCE.format(sentence=escape(v.sentence), reason=escape(v.reason)) for v in answer.dropped)
        body.append(_context(msg.DROPPED.format(sentences=dropped)))
    tail = [_feedback(answer_id), _context(msg.FOOTER.format(backend=answer.backend, ms=answer.timings_ms.get("total", 0.0)))]

    citations = [_citation(c) for c in answer.citations]
    room = MAX_BLOCKS - len(head) - len(body) - len(tail) - (1 if citations else 0)
    if len(citations) > room:
        room -= 1  # keep one block to say what was left out
        shown, left_out = citations[: max(room, 0)], len(citations) - max(room, 0)
        citations = [*shown, _context(msg.MORE_CITATIONS.format(count=left_out))]
    divider: list[Block] = [{"type": "divider"}] if citations else []
    blocks = [*head, *body, *divider, *citations, *tail]
    return _shorten(fallback, MAX_FALLBACK), blocks[:MAX_BLOCKS]


def bold(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped for mrkdwn, with the answering words (`spans`, offsets into `text`) in *bold*."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor or end > len(text) or not text[start:end].strip():
            continue
        out += [escape(text[cursor:start]), f"*{escape(text[start:end])}*"]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _text_blocks(text: str) -> list[Block]:
    """Section blocks of at most MAX_TEXT characters, split between sentences, never inside a marker."""
    blocks: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text.strip()):
        while len(sentence) > MAX_TEXT:  # one huge sentence: split at the last space that fits
            cut = sentence.rfind(" ", 0, MAX_TEXT)
            cut = cut if cut > 0 else MAX_TEXT
            if current:
                blocks.append(current)
                current = ""
            blocks.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        candidate = f"{current} {sentence}" if current else sentence
        if len(candidate) > MAX_TEXT:
            blocks.append(current)
            candidate = sentence
        current = candidate
    if current:
        blocks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in blocks]


def _citation(citation: Citation) -> Block:
    """One context block per citation; a long quote is shortened so the citation stays whole."""
    chunk = citation.chunk
    title = chunk.section or chunk.title
    head = f"*[{citation.n}]* {link(chunk.url, title)}"
    if chunk.section and chunk.title:
        head += f" · _{escape(chunk.title)}_"
    notes = [msg.SOURCE_NOTE.format(footnote=s.footnote, link=link(s.url, s.title)) for s in citation.linked_sources]
    notes_text = "".join(f"\n{note}" for note in notes)
    room = MAX_TEXT - len(head) - len(notes_text) - 4  # newline and the two quotation marks
    if room < 40:  # too many notes: keep the quote, drop the notes that do not fit
        notes_text, room = "", MAX_TEXT - len(head) - 4
    quote = _shorten(escape(" ".join(citation.quote.split())), room)
    return _context(f"{head}\n“{quote}”{notes_text}")


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    cut = cut if cut > limit // 2 else limit - 1
    text = text[:cut]
    amp = text.rfind("&")  # never leave half an &amp; entity
    if amp != -1 and ";" not in text[amp:]:
        text = text[:amp]
    return text.rstrip() + "…"


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _shorten(text, MAX_TEXT)}]}


def _feedback(answer_id: str) -> Block:
    def button(action_id: str, label: str) -> Block:
        return {"type": "button", "action_id": action_id, "value": answer_id, "text": {"type": "plain_text", "text": label, "emoji": True}}

    return {
        "type": "actions",
        "block_id": f"feedback:{answer_id}",
        "elements": [button(FEEDBACK_UP, msg.FEEDBACK_UP), button(FEEDBACK_DOWN, msg.FEEDBACK_DOWN)],
    }
