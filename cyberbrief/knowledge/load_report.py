"""What a load did, in counts and lines: added, updated or already up to date, kind by kind,
with notes and the journaled change's number; a dry run reports without writing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cyberbrief.store.wording import counted


@dataclass
class LoadReport:
    """What a load added, changed or left alone; a dry run reports without writing."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What else the change did, in words ("2 events removed: no longer in the calendar")."""
    change_id: int | None = None
    dry_run: bool = False

    def summary(self) -> str:
        def part(counter: Counter[str]) -> str:
            return ", ".join(counted(n, kind) for kind, n in counter.items() if n) or "nothing"

        verb = "would add" if self.dry_run else "added"
        verb2 = "would update" if self.dry_run else "updated"
        text = f"{verb} {part(self.added)}; {verb2} {part(self.updated)}"
        if sum(self.unchanged.values()):
            text += f"; {sum(self.unchanged.values())} already up to date"
        for note in self.notes:
            text += f"; {note}"
        if self.change_id is not None:
            text += f" (change #{self.change_id})"
        return text
