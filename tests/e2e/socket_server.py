"""A loopback Socket Mode server speaking Slack's protocol, for end-to-end tests.

Slack's side of Socket Mode (https://api.slack.com/apis/socket-mode): ``apps.connections.open``
(a Web API call, answered by :class:`tests.fake_slack.FakeSlack` with :meth:`ws_url`) hands
out a WebSocket URL; on connecting the app gets ``{"type": "hello"}``; requests arrive as
envelopes (``slash_commands``, ``interactive``, ``events_api``) that the app acknowledges by
sending back ``{"envelope_id": ..., "payload": ...}``; Slack refreshes a connection by sending
``{"type": "disconnect", "reason": "refresh_requested"}`` and closes it a little later.

The server side is the ``websockets`` library; every timestamp is taken here, on the server,
so a test measures what Slack would see.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

OLD_CONNECTION_GRACE = 10.0
"""Seconds a refreshed connection stays open if the app does not close it (as Slack does)."""


@dataclass
class Ack:
    envelope_id: str
    payload: dict[str, Any] | None
    at: float
    """``time.monotonic()`` when the server read it."""
    connection: int


@dataclass
class Sent:
    envelope_id: str
    type: str
    at: float
    connection: int


@dataclass
class Link:
    """One WebSocket connection the app opened."""

    number: int
    websocket: ServerConnection
    opened_at: float
    closed_at: float | None = None
    refreshed_at: float | None = None
    """When the server sent it ``disconnect: refresh_requested``."""
    received: list[dict[str, Any]] = field(default_factory=list)


class SocketModeServer:
    """``with SocketModeServer() as server:``; hand ``server.ws_url`` out from
    ``apps.connections.open``, then ``send`` envelopes and ``wait_ack`` for them."""

    def __init__(self) -> None:
        self.links: list[Link] = []
        self.sent: dict[str, Sent] = {}
        self.acks: dict[str, Ack] = {}
        self.tickets_issued = 0
        self._tickets = itertools.count(1)
        self._cond = threading.Condition()
        self.hello = threading.Event()
        """Cleared, the server holds back its hello (a slow Slack) until it is set."""
        self.hello.set()
        self._server: Server = serve(self._handle, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SocketModeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    # -- what apps.connections.open returns -------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.socket.getsockname()[1])

    def ws_url(self) -> str:
        with self._cond:
            self.tickets_issued += 1
        return f"ws://127.0.0.1:{self.port}/link/?ticket={next(self._tickets)}"

    def connections_open(self, _body: dict[str, Any]) -> dict[str, Any]:
        """A FakeSlack handler for ``apps.connections.open``."""
        return {"ok": True, "url": self.ws_url()}

    # -- the server side of one connection -------------------------------------------------

    def _handle(self, websocket: ServerConnection) -> None:
        with self._cond:
            link = Link(len(self.links) + 1, websocket, time.monotonic())
            self.links.append(link)
            self._cond.notify_all()
        try:
            self.hello.wait(timeout=30)
            websocket.send(
                json.dumps(
                    {
                        "type": "hello",
                        "num_connections": sum(1 for x in self.links if x.closed_at is None),
                        "debug_info": {"host": "loopback", "approximate_connection_time": 3600},
                        "connection_info": {"app_id": "A0CYBER"},
                    }
                )
            )
            for raw in websocket:
                now = time.monotonic()
                message = json.loads(raw)
                with self._cond:
                    link.received.append(message)
                    envelope_id = message.get("envelope_id")
                    if isinstance(envelope_id, str) and envelope_id not in self.acks:
                        self.acks[envelope_id] = Ack(
                            envelope_id, message.get("payload"), now, link.number
                        )
                    self._cond.notify_all()
        except (ConnectionClosed, OSError):
            pass
        finally:
            with self._cond:
                link.closed_at = time.monotonic()
                self._cond.notify_all()

    # -- driving the app -------------------------------------------------------------------

    def open_links(self) -> list[Link]:
        with self._cond:
            return [x for x in self.links if x.closed_at is None]

    def wait_link(self, number: int, timeout: float = 30.0) -> Link:
        """Wait until the app has opened its ``number``-th connection (and got ``hello``)."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.links) >= number, timeout):
                raise AssertionError(f"the app opened {len(self.links)} connections, not {number}")
            return self.links[number - 1]

    def wait_closed(self, link: Link, timeout: float = 30.0) -> float:
        with self._cond:
            if not self._cond.wait_for(lambda: link.closed_at is not None, timeout):
                raise AssertionError(f"connection {link.number} is still open")
            assert link.closed_at is not None
            return link.closed_at

    def send(
        self, kind: str, payload: dict[str, Any], *, link: Link | None = None, accepts: bool = True
    ) -> str:
        """Deliver one envelope on ``link`` (default: the newest open connection)."""
        target = link or self.open_links()[-1]
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        with self._cond:
            self.sent[envelope_id] = Sent(envelope_id, kind, time.monotonic(), target.number)
        target.websocket.send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 30.0) -> Ack:
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} was never acknowledged")
            return self.acks[envelope_id]

    def ack_delay(self, envelope_id: str, timeout: float = 30.0) -> float:
        """Seconds from sending an envelope to reading its ack, on the server's clock."""
        return self.wait_ack(envelope_id, timeout).at - self.sent[envelope_id].at

    def refresh(self, link: Link | None = None) -> Link:
        """Ask the app to reconnect, as Slack does routinely; the old connection is closed
        ``OLD_CONNECTION_GRACE`` seconds later unless the app closes it first."""
        target = link or self.open_links()[-1]
        target.refreshed_at = time.monotonic()
        target.websocket.send(
            json.dumps(
                {
                    "type": "disconnect",
                    "reason": "refresh_requested",
                    "debug_info": {"host": "loopback"},
                }
            )
        )
        timer = threading.Timer(OLD_CONNECTION_GRACE, target.websocket.close)
        timer.daemon = True
        timer.start()
        return target

    def drop(self, link: Link | None = None) -> Link:
        """Close the TCP connection without a WebSocket close frame (a network drop or a
        load balancer going away)."""
        target = link or self.open_links()[-1]
        sock = target.websocket.socket
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return target
