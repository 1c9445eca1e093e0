"""`python -m bench.socket_mode [builtin|websocket_client|cyberbrief]`: Socket Mode clients
against the loopback Socket Mode server of tests/e2e/.

For each client, on each ``refresh_requested``: how long until the new connection is open,
when the ack of a command that arrived just before it reaches Slack (the deadline is 3 s),
and the ack delay of a command sent on the new connection as it opens; after a TCP close
without a close frame, the seconds until the new connection is open and the CPU seconds used
meanwhile; and how long until a connection that goes silent without closing (half-open,
through a relay that stops forwarding) is replaced. All delays are measured on the server's
clock. The built-in client takes about a
minute per drop.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
import threading
import time
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from tests.e2e.socket_server import SocketModeServer
from tests.fake_slack import FakeSlack

REFRESHES = 4
DROPS = 2


class Relay:
    """A TCP relay in front of the Socket Mode server that can go silent without closing
    (a half-open connection: a sleeping laptop, a NAT that dropped its state)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.silent = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if not self.silent.is_set():
                    sink.sendall(data)

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for pair in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=pair, daemon=True).start()


def half_open(variant: str) -> None:
    """Seconds until a connection that went silent is replaced."""
    with FakeSlack() as fake, SocketModeServer() as server:
        relay = Relay(server.port)

        def connections_open(_body: dict[str, Any]) -> dict[str, Any]:
            relay.silent.clear()  # the client gave up on the silent connection
            url = server.ws_url().replace(f":{server.port}/", f":{relay.port}/")
            return {"ok": True, "url": url}

        fake.on("apps.connections.open", connections_open)
        client = WebClient(token="xoxb-bench", base_url=fake.api_url)
        app = App(client=client, signing_secret="", token_verification_enabled=False)
        handler = _handler(variant, app)
        handler.connect()
        server.wait_link(1)
        time.sleep(1)
        started = time.monotonic()
        relay.silent.set()
        try:
            back = f"{server.wait_link(2, timeout=40).opened_at - started:.2f} s"
        except AssertionError:
            back = "not within 40 s"
        print(f"{variant}: a half-open connection replaced after {back}")
        handler.close()


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
        half_open(name)
