"""Admins' uploads fetched with the bot token: the token goes only to Slack's file hosts, on
every hop of a redirect. A loopback "Slack file host" answers 302 to another loopback host
that records what it is sent (the allowed-host check is injected: both are 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from slack_sdk import WebClient

from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.slack.files import download_file
from tests.fake_slack import FakeSlack
from tests.web_server import Route, WebServer, serve

TOKEN = "xoxb-file-test-token"
YAML = b"organisations:\n  - name: Redirected Org\n"


@pytest.fixture
def file_host() -> Iterator[WebServer]:
    yield from serve(WebServer())


@pytest.fixture
def elsewhere() -> Iterator[WebServer]:
    yield from serve(WebServer(routes={"/loot.yaml": Route(YAML, content_type="text/yaml")}))


def client_for(slack: FakeSlack, url: str) -> WebClient:
    slack.on(
        "files.info",
        lambda body: {"ok": True, "file": {"name": "orgs.yaml", "url_private_download": url}},
    )
    return WebClient(token=TOKEN, base_url=slack.api_url)


def test_the_token_is_not_sent_to_a_redirect_off_slacks_hosts(
    slack: FakeSlack, file_host: WebServer, elsewhere: WebServer
) -> None:
    file_host.routes["/files/orgs.yaml"] = Route(status=302, location=elsewhere.url("/loot.yaml"))
    client = client_for(slack, file_host.url("/files/orgs.yaml"))
    slack_hosts = {f"127.0.0.1:{file_host.port}"}

    with pytest.raises(LoadFailed, match=r"redirected .* not Slack's; not followed"):
        download_file(client, "F1", is_slack_url=lambda url: urlsplit(url).netloc in slack_hosts)
    assert file_host.hits("/files/orgs.yaml")[0]["Authorization"] == f"Bearer {TOKEN}"
    for headers in (h for _, h in elsewhere.requests):
        assert TOKEN not in " ".join(headers.values()), "the other host never sees the token"
    assert elsewhere.requests == [], "nor is its content taken as the admin's upload"


def test_a_redirect_between_slacks_file_hosts_is_followed_with_the_token(
    slack: FakeSlack, file_host: WebServer
) -> None:
    file_host.routes["/files/orgs.yaml"] = Route(status=302, location="/files-edge/orgs.yaml")
    file_host.routes["/files-edge/orgs.yaml"] = Route(YAML, content_type="text/yaml")
    client = client_for(slack, file_host.url("/files/orgs.yaml"))
    slack_hosts = {f"127.0.0.1:{file_host.port}"}

    name, content = download_file(
        client, "F1", is_slack_url=lambda url: urlsplit(url).netloc in slack_hosts
    )
    assert (name, content) == ("orgs.yaml", YAML)
    assert file_host.hits("/files-edge/orgs.yaml")[0]["Authorization"] == f"Bearer {TOKEN}"
