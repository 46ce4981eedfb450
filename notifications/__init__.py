"""The outbox and the delivery of e-mail and SMS messages, used by every app.

Sits below cases (docs/architecture.md): it imports no domain app, so any app may call
`notifications.services` without an import loop.
"""
