"""Django's database session store without its look-before-insert.

A new session key is 32 random characters from 36 symbols; `create()` already retries when the
INSERT meets an existing key (the primary key refuses it), so asking first only costs a query on
every new session (each anonymous filing)."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils.crypto import get_random_string


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self):
        return get_random_string(32, VALID_KEY_CHARS)
