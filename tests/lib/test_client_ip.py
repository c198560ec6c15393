"""The client's address: REMOTE_ADDR, unless the peer is a trusted proxy; then X-Forwarded-For read from
the right, skipping trusted proxies. What a client writes into X-Forwarded-For itself is never believed,
and the audit records the address so decided."""

import pytest
from django.test import RequestFactory

from taizhang.audit.context import AuditSourceMiddleware, current_ip, current_source
from taizhang.lib.client_ip import client_ip, parse_networks

rf = RequestFactory()


def ask(peer: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return rf.get("/", REMOTE_ADDR=peer, **extra)


def test_without_trusted_proxies_the_peer_is_the_client_whatever_it_claims(settings):
    settings.TAIZHANG_TRUSTED_PROXIES = []
    assert client_ip(ask("198.51.100.7", "10.9.9.9")) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_it_forwarded(settings):
    settings.TAIZHANG_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(ask("127.0.0.1", "10.20.30.40")) == "10.20.30.40"


def test_a_forged_address_left_of_the_proxys_is_not_believed(settings):
    settings.TAIZHANG_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(ask("127.0.0.1", "1.1.1.1, 10.20.30.40")) == "10.20.30.40"


def test_a_chain_of_trusted_proxies_is_skipped(settings):
    settings.TAIZHANG_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    assert client_ip(ask("127.0.0.1", "172.16.5.9, 10.0.0.3")) == "172.16.5.9"
    assert client_ip(ask("127.0.0.1", "[2001:db8::1]:4431, 10.0.0.3")) == "2001:db8::1"


def test_an_untrusted_peer_sending_x_forwarded_for_keeps_its_own_address(settings):
    settings.TAIZHANG_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(ask("203.0.113.9", "127.0.0.1")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "garbage", "10.0.0.3, not-an-ip"])
def test_missing_or_garbage_forwarding_falls_back_to_the_last_address_believed(settings, forwarded):
    settings.TAIZHANG_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    assert client_ip(ask("127.0.0.1", forwarded)) == "127.0.0.1"


def test_a_bad_proxy_entry_is_named():
    with pytest.raises(ValueError, match=r"proxy\.example"):
        parse_networks(["127.0.0.1", "proxy.example"])


def test_the_audit_records_the_client_address_behind_the_proxy(settings):
    settings.TAIZHANG_TRUSTED_PROXIES = ["127.0.0.1"]
    seen = []
    AuditSourceMiddleware(lambda request: seen.append((current_source(), current_ip())))(
        ask("127.0.0.1", "10.20.30.40")
    )
    assert seen == [("web", "10.20.30.40")]
