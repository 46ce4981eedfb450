from django.test import RequestFactory

from portal.http import client_ip


def request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="6.6.6.6")) == "10.0.0.1"


def test_behind_one_proxy_the_address_it_saw_is_used_and_forged_entries_are_not(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged "6.6.6.6"; our proxy appended the address it really saw.
    assert client_ip(request(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"


def test_a_short_header_falls_back_to_the_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="203.0.113.7")) == "10.0.0.1"


def test_rate_limits_and_lockouts_use_it(settings):
    from django.conf import settings as live

    assert live.RATELIMIT_IP_META_KEY == "portal.http.client_ip"
    assert live.AXES_CLIENT_IP_CALLABLE == "portal.http.client_ip"
