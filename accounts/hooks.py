"""Pages of a higher app that the account pages lead to, registered in that app's
AppConfig.ready so that accounts never imports it (cases registers "My cases" and its start page)."""

from __future__ import annotations

from django.shortcuts import resolve_url

_pages = {"home": "/", "logged_out": "/"}


def register_account_pages(*, home: str, logged_out: str) -> None:
    """`home`: where a complainant lands after logging in or registering; `logged_out`: after
    logging out. URL names or paths."""
    _pages.update(home=home, logged_out=logged_out)


def home_url() -> str:
    return resolve_url(_pages["home"])


def logged_out_url() -> str:
    return resolve_url(_pages["logged_out"])
