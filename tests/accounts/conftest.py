# The account pages are public pages: the same CAPTCHA test mode and SMS outbox as the case pages.
from tests.cases.public.conftest import CAPTCHA, captcha_test_mode, sms_outbox  # noqa: F401
