"""Knowledge for digest tests: a fortnight of events and milestones from 24 March 2026.

Loaded on top of tests/data/mini_pack.yaml (which brings ITU, the Foreign Office and the
"Future Cyber Summit" of 2030) through the real loader, so the digest reads what admins load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlite_utils

from knowledge.loader import load_records, parse_text
from tests.helpers import FakeClock, mini_store

DAY = dt.date(2026, 3, 24)
"""A Tuesday; the window of 14 days runs to 6 April 2026."""

EXTRA = """
sources:
  - key: schedule
    title: Cyber policy calendar
    publisher: Test Desk
    date: 2026-03-01
    url: https://example.org/calendar?year=2026&month=3
organisations:
  - name: European Union Agency for Cybersecurity
    acronym: ENISA
    description: The EU agency for cybersecurity.
    source: schedule
  - name: Computer Emergency Response Team for the EU institutions
    acronym: CERT-EU
    source: schedule
  - name: Council of Europe
    acronym: CoE
    description: Human rights organisation of 46 European states, seated in Strasbourg.
    source: schedule
events:
  - name: Cyber Resilience Forum
    starts: 2026-03-26
    ends: 2026-03-27
    location: Brussels, Belgium
    organisers: [ENISA]
    description: Annual forum on the Cyber Resilience Act. Second sentence is not shown.
    url: https://example.org/crf
    source: schedule
  - name: CERT-EU Annual Conference
    starts: 2026-04-02
    location: Brussels, Belgium
    organisers: [CERT-EU]
    source: schedule
  - name: Global Cybersecurity Dialogue
    starts: 2026-03-30
    ends: 2026-03-31
    location: Geneva, Switzerland
    organisers: [ITU]
    description: Ministers discuss capacity building; commas, semicolons; and a backslash \\ too.
    source: schedule
  - name: Octopus Conference on Cybercrime
    starts: 2026-04-05
    location: Strasbourg, France
    organisers: [Council of Europe]
    source: schedule
  - name: Long Running Exercise
    starts: 2026-03-20
    ends: 2026-03-25
    location: Tallinn
    source: schedule
  - name: Hackers & Policy <!channel> Night
    starts: 2026-04-06
    location: <https://evil.example|click me>
    source: schedule
  - name: Later Summit
    starts: 2026-05-20
    location: Lisbon
    source: schedule
initiatives:
  - name: EU Cybersecurity Strategy
    organisation: ENISA
    description: The Union's strategy for a secure digital decade.
    milestones:
      - {date: 2026-03-31, text: Progress report due}
      - {date: 2026-06-30, text: Final report}
    source: schedule
  - name: Budapest Convention Review
    organisation: Council of Europe
    starts: 2026-04-01
    description: Review of the convention on cyber crime.
    source: schedule
"""

WINDOW_EVENTS = [
    "Long Running Exercise",
    "Cyber Resilience Forum",
    "Global Cybersecurity Dialogue",
    "CERT-EU Annual Conference",
    "Octopus Conference on Cybercrime",
    "Hackers & Policy <!channel> Night",
]
"""Events in the 14-day window from DAY, in date order."""


def digest_store(path: Path) -> sqlite_utils.Database:
    """The mini pack plus the fortnight above."""
    clock = FakeClock(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC))
    db = mini_store(path, clock)
    load_records(
        db, parse_text("extra.yaml", EXTRA.encode()), actor="tests", origin="tests", clock=clock
    )
    return db
