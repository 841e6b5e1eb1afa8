"""Slack settings: `SLACK_*` environment variables (and `.env`); explicit arguments win."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

SLACK_API_URL = "https://slack.com/api/"


class SlackSettings(BaseSettings):
    """Tokens are `SecretStr`, so printing or logging the settings never shows them."""

    model_config = SettingsConfigDict(env_prefix="SLACK_", env_file=".env", extra="ignore")

    bot_token: SecretStr | None = Field(default=None, description="Bot token (xoxb-…), SLACK_BOT_TOKEN.")
    signing_secret: SecretStr | None = Field(default=None, description="Signing secret of the app, SLACK_SIGNING_SECRET.")
    app_token: SecretStr | None = Field(default=None, description="App-level token (xapp-…) for Socket Mode, SLACK_APP_TOKEN.")
    api_url: str = Field(default=SLACK_API_URL, description="Web API base URL, SLACK_API_URL; tests point it at a local fake.")
    rate_limit: int = Field(default=6, ge=1, description="Questions one user may ask per rate window.")
    rate_window_s: float = Field(default=60.0, gt=0)
    history_ttl_s: float = Field(default=60.0, ge=0, description="Seconds a thread's turns read from Slack are cached in a process.")

    def secrets(self) -> list[str]:
        """The secret values, for redacting logs."""
        values = (self.bot_token, self.signing_secret, self.app_token)
        return [value.get_secret_value() for value in values if value is not None and value.get_secret_value()]
