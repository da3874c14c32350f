import pytest
from django.test import RequestFactory

from modus.accounts.proxies import client_ip


def request_from(remote: str, forwarded: str | None = None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_header_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("192.0.2.1", "203.0.113.7")) == "192.0.2.1"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # The client may send its own header; the proxy appends the address it saw.
        (1, "10.9.9.9, 203.0.113.7", "203.0.113.7"),
        (2, "10.9.9.9, 203.0.113.7, 198.51.100.2", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "", "192.0.2.1"),
        (1, "not-an-address", "192.0.2.1"),
    ],
)
def test_the_right_most_address_no_trusted_proxy_wrote(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_from("192.0.2.1", forwarded)) == expected


def test_without_the_header_the_connection_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("192.0.2.1")) == "192.0.2.1"
