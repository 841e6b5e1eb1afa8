"""The front ends: `ui.web` (the Streamlit chat) and `ui.slack` (the Slack bot). Both are thin: they call the Assistant facade."""
