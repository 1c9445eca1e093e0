"""A loopback fake of Slack's Web API, for tests that exercise real HTTP.

Like bolt-python's own mock web API server: a threaded HTTP server on 127.0.0.1 that
answers ``POST /api/<method>`` (and ``response_url`` posts under ``/response/...``),
records every request, and can be told to fail a method (429 with Retry-After, 5xx,
``ok: false``). Point a ``WebClient(base_url=fake.api_url)`` or ``SLACK_API_URL`` at it.

Like Slack, it keeps each channel's messages (``history``): a ``chat.postMessage`` it accepts
is stored with its message metadata, and ``conversations.history`` answers from them, newest
first, honouring ``oldest``, ``latest``, ``limit`` and ``cursor``, with each message's
``metadata`` only when asked with ``include_all_metadata``. ``conversations.replies`` answers
a thread (its parent and the messages whose ``thread_ts`` is the parent's), oldest first, paged
by ``limit`` and ``cursor`` the same way. ``add_message`` puts other people's (or other apps')
messages in a channel, as Slack would have them. A file upload it completes in a thread
(``files.completeUploadExternal`` with ``thread_ts``) is kept as a reply in that thread, named
as ``files.getUploadURLExternal`` was told, and ``conversations.replies`` lists it too.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

Reply = tuple[int, dict[str, str], dict[str, Any]]
"""HTTP status, extra headers and JSON body."""


@dataclass
class Call:
    """One request the fake received."""

    path: str
    method: str
    """The Web API method (``chat.postMessage``) or ``response_url`` for response posts."""
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


@dataclass
class Message:
    """A message as a channel keeps it."""

    ts: str
    text: str
    metadata: dict[str, Any] | None
    blocks: Any = None
    thread_ts: str | None = None
    user: str | None = None
    """A person's message has a user and no bot id."""
    bot_id: str | None = "B0BOT"
    app_id: str | None = "A0APP"

    def as_slack(self, with_metadata: bool) -> dict[str, Any]:
        message: dict[str, Any] = {"type": "message", "ts": self.ts, "text": self.text}
        for key in ("thread_ts", "user", "bot_id", "app_id"):
            if getattr(self, key) is not None:
                message[key] = getattr(self, key)
        if with_metadata and self.metadata is not None:
            message["metadata"] = self.metadata
        return message


def _json_field(value: Any) -> Any:
    """Form-encoded calls carry objects as JSON text, JSON calls as objects."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _history(messages: list[Message], body: dict[str, Any]) -> dict[str, Any]:
    """``conversations.history`` over ``messages`` (oldest first), as Slack pages it."""
    oldest = float(body.get("oldest") or 0)
    latest = float(body.get("latest") or "inf")
    limit = int(body.get("limit") or 100)
    start = int(body.get("cursor") or 0)
    wanted = [m for m in reversed(messages) if oldest < float(m.ts) < latest]
    page = wanted[start : start + limit]
    more = start + limit < len(wanted)
    metadata = _flag(body.get("include_all_metadata"))
    return {
        "ok": True,
        "messages": [m.as_slack(metadata) for m in page],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _replies(messages: list[Message], body: dict[str, Any]) -> dict[str, Any]:
    """``conversations.replies``: the thread of ``ts``, oldest first, paged like Slack."""
    ts = str(body.get("ts") or "")
    thread = sorted(
        (m for m in messages if m.ts == ts or m.thread_ts == ts), key=lambda m: float(m.ts)
    )
    if not thread:
        return {"ok": False, "error": "thread_not_found"}
    limit = int(body.get("limit") or 1000)
    start = int(body.get("cursor") or 0)
    page = thread[start : start + limit]
    more = start + limit < len(thread)
    metadata = _flag(body.get("include_all_metadata"))
    return {
        "ok": True,
        "messages": [m.as_slack(metadata) for m in page],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _default_reply(method: str, body: dict[str, Any], serial: int, base_url: str) -> dict[str, Any]:
    if method == "auth.test":
        return {
            "ok": True,
            "url": "https://fake.slack.com/",
            "team": "Fake",
            "user": "cyberbrief",
            "team_id": "T0FAKE",
            "user_id": "U0BOT",
            "bot_id": "B0BOT",
        }
    if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
        return {
            "ok": True,
            "channel": body.get("channel", "C0"),
            "ts": f"{int(time.time())}.{serial:06d}",
            "message": {"text": body.get("text", "")},
        }
    if method == "users.info":
        user = body.get("user", "U0")
        return {"ok": True, "user": {"id": user, "is_admin": False, "is_owner": False}}
    if method == "conversations.info":
        return {"ok": True, "channel": {"id": body.get("channel", "C0"), "is_member": True}}
    if method == "files.getUploadURLExternal":
        return {
            "ok": True,
            "upload_url": f"{base_url}/upload/F{serial:08d}",
            "file_id": f"F{serial:08d}",
        }
    if method == "files.completeUploadExternal":
        return {"ok": True, "files": [{"id": f["id"]} for f in json.loads(body.get("files", "[]"))]}
    return {"ok": True}


class FakeSlack:
    """Start with ``with FakeSlack() as slack:``; inspect ``slack.calls``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.history: dict[str, list[Message]] = {}
        """Each channel's messages, oldest first."""
        self.files: dict[str, bytes] = {}
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        """Replies kept in each (channel, thread ts): the files shared there."""
        self._upload_names: dict[str, str] = {}
        self._scripted: dict[str, list[Reply]] = {}
        self._handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}
        self._responders: dict[str, Callable[[dict[str, Any]], Reply]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """What ``WebClient(base_url=...)`` and ``SLACK_API_URL`` take."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A ``response_url`` that lands in this fake (recorded as method ``response_url``)."""
        return f"{self.base_url}/response/{name}"

    # -- scripting -----------------------------------------------------------------------

    def fail(self, method: str, *replies: Reply) -> None:
        """Answer the next calls of ``method`` with ``replies``, in order, then normally."""
        with self._lock:
            self._scripted.setdefault(method, []).extend(replies)

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        self.fail(
            method,
            *[(429, {"Retry-After": str(retry_after)}, {"ok": False, "error": "ratelimited"})]
            * times,
        )

    def error(self, method: str, error: str, times: int = 1) -> None:
        self.fail(method, *[(200, {}, {"ok": False, "error": error})] * times)

    def on(self, method: str, handler: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Answer ``method`` with ``handler(body)`` from now on."""
        with self._lock:
            self._handlers[method] = handler

    def on_reply(self, method: str, responder: Callable[[dict[str, Any]], Reply]) -> None:
        """Answer ``method`` with ``responder(body)``: status, headers and body (429s, 5xx).
        A responder's posts are not kept in the history unless it calls :meth:`keep`."""
        with self._lock:
            self._responders[method] = responder

    def serve_file(self, name: str, content: bytes) -> str:
        """Host a file (like ``url_private_download``); returns its URL."""
        self.files[name] = content
        return f"{self.base_url}/files/{name}"

    # -- inspection ----------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until ``method`` was called ``count`` times (for posts made after an ack)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"{method} called {len(self.calls_to(method))} times, not {count}")

    def wait_for_response(self, name: str, timeout: float = 10.0) -> Call:
        """The first post to ``response_url(name)`` (a reply sent after the ack)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [c for c in self.calls_to("response_url") if c.path.endswith(f"/{name}")]
            if found:
                return found[0]
            time.sleep(0.01)
        raise AssertionError(f"nothing posted to response_url {name}")

    def messages(self, channel: str) -> list[Message]:
        """The channel's messages, oldest first."""
        with self._lock:
            return list(self.history.get(channel, []))

    def keep(self, channel: str, body: dict[str, Any], ts: str) -> None:
        """Store a posted message in the channel's history (what Slack does on ``ok``)."""
        message = Message(
            ts,
            str(body.get("text") or ""),
            _json_field(body.get("metadata")),
            body.get("blocks"),
            thread_ts=body.get("thread_ts") or None,
        )
        with self._lock:
            self.history.setdefault(channel, []).append(message)

    def add_message(self, channel: str, ts: str, text: str, **fields: Any) -> None:
        """A message Slack has in ``channel`` that this app did not post: by default a
        person's (``user``); pass ``bot_id``/``app_id``/``metadata`` for another app's."""
        fields.setdefault("user", "U0ASKER")
        fields.setdefault("bot_id", None)
        fields.setdefault("app_id", None)
        message = Message(ts, text, fields.pop("metadata", None), **fields)
        with self._lock:
            self.history.setdefault(channel, []).append(message)

    def share_upload(self, body: dict[str, Any]) -> None:
        """Share the files a ``files.completeUploadExternal`` body names in its thread (what
        Slack does on ``ok``; for responders that accept an upload and then fail)."""
        channel, thread = str(body.get("channel_id") or ""), str(body.get("thread_ts") or "")
        ids = [str(f["id"]) for f in json.loads(str(body.get("files") or "[]"))]
        with self._lock:
            files = [{"id": i, "name": self._upload_names.get(i, "")} for i in ids]
            replies = self.threads.setdefault((channel, thread), [])
            replies.append({"type": "message", "ts": f"{thread}{len(replies) + 1}", "files": files})

    def thread_files(self, channel: str, thread_ts: str) -> list[str]:
        """The names of the files shared in a thread, in order."""
        with self._lock:
            replies = list(self.threads.get((channel, thread_ts), []))
        return [f["name"] for r in replies for f in r["files"]]

    def __iter__(self) -> Iterator[Call]:
        with self._lock:
            return iter(list(self.calls))

    # -- the server ----------------------------------------------------------------------

    def _reply(self, method: str, body: dict[str, Any]) -> Reply:
        with self._lock:
            serial = len(self.calls)
            scripted = self._scripted.get(method)
            if scripted:
                return scripted.pop(0)
            handler = self._handlers.get(method)
            responder = self._responders.get(method)
        if responder is not None:
            reply = responder(body)
        elif handler is not None:
            reply = 200, {}, handler(body)
        elif method in ("conversations.history", "conversations.replies"):
            with self._lock:
                messages = list(self.history.get(str(body.get("channel")), []))
            read = _history if method == "conversations.history" else _replies
            answer = read(messages, body)
            if method == "conversations.replies" and not answer.get("has_more"):
                with self._lock:
                    ts = str(body.get("ts") or "")
                    shared = list(self.threads.get((str(body.get("channel")), ts), []))
                if shared:  # files shared in the thread come after its messages
                    answer = {**answer, "ok": True, "has_more": False}
                    answer["messages"] = [*answer.get("messages", [{"ts": ts}]), *shared]
            reply = 200, {}, answer
        else:
            reply = 200, {}, _default_reply(method, body, serial, self.base_url)
        status, _, payload = reply
        if method == "files.getUploadURLExternal" and payload.get("file_id"):
            with self._lock:
                self._upload_names[str(payload["file_id"])] = str(body.get("filename") or "")
        kept = responder is None  # a responder keeps what it wants itself (slack.keep)
        ok = status == 200 and payload.get("ok")
        if kept and method == "files.completeUploadExternal" and ok and body.get("thread_ts"):
            self.share_upload(body)
        if kept and method == "chat.postMessage" and status == 200 and payload.get("ok"):
            ts = str(payload.get("ts") or f"{int(time.time())}.{serial:06d}")
            self.keep(str(body.get("channel")), body, ts)
        return reply

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, headers: dict[str, str], body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                # The bot may give up on a slow answer (a test of timeouts), as with Slack.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def do_GET(self) -> None:
                name = self.path.removeprefix("/files/")
                with fake._lock:
                    fake.calls.append(Call(self.path, "file", {}, dict(self.headers.items())))
                if self.path.startswith("/files/") and name in fake.files:
                    self._send(200, {}, fake.files[name], "application/octet-stream")
                else:
                    self._send(404, {}, b"not found", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                kind = self.headers.get("Content-Type", "")
                body: dict[str, Any]
                if self.path.startswith("/upload/"):
                    body = {"raw": raw}
                elif "json" in kind:
                    body = json.loads(raw or b"{}")
                elif "x-www-form-urlencoded" in kind:
                    body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                else:
                    body = {"raw": raw}
                if self.path.startswith("/response/"):
                    method = "response_url"
                elif self.path.startswith("/upload/"):
                    method = "upload"
                else:
                    method = self.path.rsplit("/", 1)[-1]
                with fake._lock:
                    fake.calls.append(Call(self.path, method, body, dict(self.headers.items())))
                if method in ("response_url", "upload"):
                    self._send(200, {}, b"ok", "text/plain")
                    return
                try:
                    status, headers, payload = fake._reply(method, body)
                except ConnectionAbortedError:  # scripted: the answer never reaches the client
                    self.close_connection = True
                    return
                self._send(status, headers, json.dumps(payload).encode(), "application/json")

        return Handler
