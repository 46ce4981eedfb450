"""Complainants' public accounts: registration with a verified e-mail address or mobile number,
login, logout and password reset.

Sits below cases (docs/architecture.md): where the account pages lead into the complaint pages
(after login, after logout), cases registers them through `accounts.hooks`.
"""
