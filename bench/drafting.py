"""Speaker and role accuracy of the article drafter on the written test articles.

    python -m bench.drafting [FOLDER ...]   (default: tests/data/articles and its heldout/)
    python -m bench.drafting --speed        (seconds to draft a 5,000-word article; goal <= 2 s)

Each folder has a gold.yaml: per article, quotes (a few words, speaker or null for a quote
with no named speaker; a third field marks a known miss, which the tests allow only as
unattributed) and people (name: words their role holds). Prints what was missed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

from cyberbrief.drafting.article import draft_article

ARTICLES = Path("tests/data/articles")
DEFAULT = [ARTICLES, ARTICLES / "heldout", *sorted(ARTICLES.glob("round*"))]


def score(folder: Path) -> tuple[int, int, int, int, int, int]:
    """(quotes right, quotes, people with role, people, invented quotes, quotes credited to a
    wrong speaker) for one folder. A quote left unattributed is a miss; one given to someone
    the gold does not name is wrong, the worst failure."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    q_ok = q_all = p_ok = p_all = invented = wrong = 0
    for name, expected in gold.items():
        text = (folder / name).read_text(encoding="utf-8")
        draft = draft_article(text, {"title": name})
        invented += sum(q["text"] not in text for q in draft.quotes)
        for words, speaker, *_ in expected["quotes"]:
            q_all += 1
            got = [q["speaker"] for q in draft.quotes if words in q["text"]]
            if isinstance(speaker, list):  # a joint statement: once for each speaker
                ok = sorted(got) == sorted(speaker)
            else:
                ok = got[:1] == [speaker] if speaker else not got
            q_ok += ok
            named = speaker if isinstance(speaker, list) else [speaker]
            bad = [g for g in got if g not in named]
            wrong += bool(bad)
            if not ok:
                tag = "WRONG" if bad else "quote"
                print(f"  {tag} {name}: {words!r}: want {speaker}, got {got or 'none'}")
        roles = {p["name"]: p.get("role", "") for p in draft.people}
        for person, role in expected["people"].items():
            p_all += 1
            ok = role.lower() in roles.get(person, "").lower()
            p_ok += ok
            if not ok:
                print(f"  person {name}: {person}: want {role!r}, got {roles.get(person)!r}")
    return q_ok, q_all, p_ok, p_all, invented, wrong


SPEED_WORDS = 5000


def long_article() -> str:
    """A 5,000-word article: the written test articles' paragraphs, one after another, under
    one headline and date (many speakers, quotes, roles and figures, as a long feature has)."""
    paragraphs: list[str] = []
    for path in sorted(ARTICLES.rglob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    out, words = ["A long read on cyber diplomacy", "4 March 2027"], 0
    for paragraph in paragraphs:
        if words >= SPEED_WORDS:
            break
        out.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(out)


def speed() -> int:
    text = long_article()
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        draft_article(text, {"title": "long"})
        runs.append(time.perf_counter() - started)
    words = len(text.split())
    median = statistics.median(runs)
    print(f"drafting a {words:,}-word article: median {median:.2f} s, max {max(runs):.2f} s")
    return 0 if median <= 2 else 1


def main(argv: list[str]) -> int:
    if argv == ["--speed"]:
        return speed()
    totals = [0] * 6
    for folder in [Path(a) for a in argv] or DEFAULT:
        scores = score(folder)
        totals = [t + s for t, s in zip(totals, scores, strict=True)]
        report(str(folder), *scores)
    report("all", *totals)
    return 0


def report(
    label: str, q_ok: int, q_all: int, p_ok: int, p_all: int, invented: int, wrong: int
) -> None:
    print(
        f"{label}: quotes with the right speaker {q_ok}/{q_all} ({q_ok / q_all:.0%}), "
        f"people with their role {p_ok}/{p_all} ({p_ok / p_all:.0%}), "
        f"invented quotes {invented}, quotes credited to a wrong speaker {wrong}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
