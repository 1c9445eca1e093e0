"""`python -m bench.socket_mode [builtin|websocket_client|cyberbrief]`: Socket Mode clients
against the loopback Socket Mode server of tests/e2e/.

For each client, on each ``refresh_requested``: how long until the new connection is open,
when the ack of a command that arrived just before it reaches Slack (the deadline is 3 s),
and the ack delay of a command sent on the new connection as it opens; after a TCP close
without a close frame, the seconds until the new connection is open and the CPU seconds used
meanwhile. All delays are measured on the server's clock. The built-in client takes about a
minute per drop.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from tests.e2e.socket_server import SocketModeServer
from tests.fake_slack import FakeSlack

REFRESHES = 4
DROPS = 2


def _command() -> dict[str, Any]:
    return {
        "command": "/cyber",
        "text": "who is ICSPA",
        "user_id": "U1",
        "channel_id": "C1",
        "team_id": "T0FAKE",
        "response_url": "http://127.0.0.1:9/r",
        "trigger_id": "t",
    }


def _handler(variant: str, app: App) -> Any:
    if variant == "builtin":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        return SocketModeHandler(app, "xapp-bench")
    if variant == "websocket_client":
        from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler as Wsc

        return Wsc(app, "xapp-bench")
    from cyberbrief.slack.socket_mode import socket_mode_handler

    return socket_mode_handler(app, "xapp-bench")


def measure(variant: str) -> None:
    with FakeSlack() as fake, SocketModeServer() as server:
        fake.on("apps.connections.open", server.connections_open)
        client = WebClient(token="xoxb-bench", base_url=fake.api_url)
        app = App(client=client, signing_secret="", token_verification_enabled=False)

        @app.command("/cyber")
        def cyber(ack: Ack) -> None:
            ack(text="ok")

        handler = _handler(variant, app)
        handler.connect()
        server.wait_link(1)
        rows = []
        for _ in range(REFRESHES):
            count = len(server.links)
            old = server.wait_link(count)
            in_flight = server.send("slash_commands", _command(), link=old)
            server.refresh(old)
            link = server.wait_link(count + 1, timeout=30)
            gap = link.opened_at - (old.refreshed_at or 0)
            late = server.ack_delay(server.send("slash_commands", _command(), link=link))
            try:
                kept = f"{server.ack_delay(in_flight, timeout=10):.2f}"
            except AssertionError:
                kept = "lost"
            rows.append(f"new connection after {gap:.2f} s, in-flight ack {kept}, next {late:.2f}")
            time.sleep(0.5)
        for row in rows:
            print(f"{variant}: refresh_requested: {row}")
        for _ in range(DROPS):
            count = len(server.links)
            cpu = time.process_time()
            lost = server.wait_closed(server.drop())
            back = server.wait_link(count + 1, timeout=120).opened_at - lost
            used = time.process_time() - cpu
            print(f"{variant}: after a drop: back in {back:.2f} s, {used:.2f} CPU s meanwhile")
            time.sleep(0.5)
        handler.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    for name in sys.argv[1:] or ["cyberbrief", "websocket_client", "builtin"]:
        measure(name)
