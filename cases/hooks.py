"""Hooks higher apps register so that cases never imports them: extra links on the back-office
case page (e.g. publicity's "Publish the decision"). Registered in the higher app's AppConfig.ready."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CasePageLink:
    label: str
    url: str


CasePageLinkProvider = Callable[..., "CasePageLink | None"]
_case_page_link_providers: list[CasePageLinkProvider] = []


def register_case_page_link(provider: CasePageLinkProvider) -> CasePageLinkProvider:
    """`provider(user, case)` returns a link for this user on this case's page, or None."""
    if provider not in _case_page_link_providers:
        _case_page_link_providers.append(provider)
    return provider


def case_page_links(user, case) -> list[CasePageLink]:
    return [link for provider in _case_page_link_providers if (link := provider(user, case)) is not None]
