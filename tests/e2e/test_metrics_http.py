"""Usage and health as an operator reads them from ``bot.py serve``: ``GET /metrics`` scraped
over HTTP and parsed with prometheus-client's own parser, ``bot.py stats`` on the same store,
and logs as one JSON object a line with ``CYBERBRIEF_LOG_FORMAT=json``."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.test_feedback_http import answer_id, press
from tests.helpers import cli_env, run_cli
from tests.serving import Server, serving_mini_store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"CYBERBRIEF_LOG_FORMAT": "json", "CYBERBRIEF_LOG_LEVEL": "INFO"}
    with serving_mini_store(tmp_path_factory.mktemp("metrics"), env) as running:
        yield running


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    with urllib.request.urlopen(f"{url}/metrics", timeout=5) as response:
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_and_stats_count_what_was_asked(server: Server) -> None:
    helpful = answer_id(server, "who is ICSPA")
    answer_id(server, "who is ITU")
    status, refused = server.command("who is Zorblax Quentin")
    assert status == 200 and "No answer found" in json.dumps(refused)
    press(server, f"-{helpful}")  # waits for the first answer to be recorded
    deadline = time.monotonic() + 10
    while True:
        samples = scrape(server.url)
        if samples[("cyberbrief_answer_log_entries", ())] == 3 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    command = (("outcome", "answered"), ("surface", "command"))
    assert samples[("cyberbrief_questions_total", command)] == 2
    assert (
        samples[("cyberbrief_questions_total", (("outcome", "refused"), ("surface", "command")))]
        == 1
    )
    assert samples[("cyberbrief_answer_seconds_count", (("surface", "command"),))] == 3
    assert (
        samples[("cyberbrief_answer_seconds_bucket", (("le", "+Inf"), ("surface", "command")))] == 3
    )
    assert samples[("cyberbrief_answer_log_entries", ())] == 3
    assert samples[("cyberbrief_records", (("table", "organisations"),))] > 0
    assert samples[("cyberbrief_digests_total", (("outcome", "posted"),))] == 0
    assert samples[("cyberbrief_drafts_waiting", ())] == 0
    assert samples[("cyberbrief_store_bytes", ())] > 0

    db = Path(str(server.log)).with_name("k.db")
    ran = run_cli(["stats", "--json"], cli_env(db))
    assert ran.returncode == 0, ran.stderr
    figures = json.loads(ran.stdout)
    week = figures["windows"][0]
    assert (week["days"], week["questions"], week["by_surface"]) == (7, 3, {"command": 3})
    assert week["answered_share"] == pytest.approx(2 / 3, abs=0.001)
    assert week["resolved_share"] == pytest.approx(1 / 3, abs=0.001)  # one voted Not helpful
    assert week["p50_ms"] is not None and week["p99_ms"] >= week["p50_ms"]
    top = dict(figures["top_entities"])
    assert top["International Cyber Security Protection Alliance"] == 1
    assert len(top) == 2 and not any(":" in name for name in top)  # names, not keys
    text = run_cli(["stats"], cli_env(db)).stdout
    assert "Last 7 days: 3 questions" in text and "67 % answered" in text


def test_metrics_refuses_other_methods_and_paths(server: Server) -> None:
    request = urllib.request.Request(f"{server.url}/metrics", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 405
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{server.url}/metricsx", timeout=5)
    assert missing.value.code == 404


def test_logs_are_one_json_object_a_line(server: Server) -> None:
    lines = [line for line in server.stderr().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert any("serving Slack events" in r["message"] for r in records)
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
