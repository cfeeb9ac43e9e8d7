"""Binding rules and helpers of the web desk's protections (no app, no models)."""

from __future__ import annotations

import pytest

from counterpoint.web.highlight import safe_url
from counterpoint.web.security import check_bind, is_loopback
from counterpoint.web.service import pasted_document, safe_name


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)
    check_bind(host, None)  # no token needed on this machine only


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org"])
def test_exposed_hosts_need_a_token(host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(ValueError, match="without a token"):
        check_bind(host, None)
    check_bind(host, "a-long-enough-token")


def test_weak_or_odd_tokens_are_refused() -> None:
    for bad in ("short", "has space in it!", "semi;colon;cookie"):
        with pytest.raises(ValueError, match="token"):
            check_bind("0.0.0.0", bad)


def test_serve_refuses_exposed_host_without_token() -> None:
    from typer.testing import CliRunner

    from counterpoint.cli import app

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"], env={"COUNTERPOINT_TOKEN": ""})
    assert result.exit_code == 2
    assert "without a token" in result.output


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ('https://x.org/"onmouseover="x', None),
        (None, None),
    ],
)
def test_only_http_links_are_links(url: str | None, shown: str | None) -> None:
    assert safe_url(url) == shown


def test_pasted_metadata_cannot_inject_header_lines() -> None:
    doc = pasted_document("Body text.", {"outlet": "Evil\nTitle: Forged", "date": "2026-03-10"})
    header, body = doc.split("\n\n", 1)
    assert header.splitlines() == ["Outlet: Evil Title: Forged", "Date: 2026-03-10"]
    assert body == "Body text."
    assert pasted_document("Just text", {}) == "Just text"


def test_upload_names_are_made_harmless() -> None:
    assert safe_name("../../etc/passwd", 3) == "003-passwd"
    assert safe_name("report <1>.html", 0) == "000-report_1_.html"
    assert safe_name("", 1) == "001-upload"
