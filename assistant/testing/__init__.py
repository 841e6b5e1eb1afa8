"""Test support shipped with the package, as haystack ships `haystack.testing`: local fakes of remote APIs
(an OpenAI/Ollama chat server, Slack's Web API) on 127.0.0.1, local servers (Streamlit, `chroma run`),
a deterministic embedder, and contract tests every answer backend inherits. Used by tests/ and bench/."""
