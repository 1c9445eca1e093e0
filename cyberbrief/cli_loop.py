"""``bot.py gaps`` and ``bot.py stats``: the learning loop's views on the command line."""

from __future__ import annotations

import json

import click

from cyberbrief.app import utc_now
from cyberbrief.cli_context import _store

SHOWN = 25


@click.command()
@click.option("--days", type=click.IntRange(1, 3650), default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
@click.option("--all", "show_all", is_flag=True, help="Dismissed and resolved gaps too.")
def gaps(days: int, as_json: bool, show_all: bool) -> None:
    """Knowledge gaps: refused or Not helpful questions, rephrasings grouped, most asked first."""
    from cyberbrief.answers import gaps as queue
    from cyberbrief.answers.answerer import Answerer
    from cyberbrief.answers.gap_recheck import recheck
    from cyberbrief.knowledge.embedding import shared_model
    from cyberbrief.store.connection import transaction

    db = _store()
    now = utc_now()
    answerer = Answerer(db, today=lambda: now.date())
    model = shared_model()
    with transaction(db):  # open gaps asked again: resolved by a change, or re-opened by undo
        recheck(db, answerer.answer, now, model=model)
    found = queue.collect(db, now, days=days, model=model)
    listed = found if show_all else queue.open_gaps(found)
    shown = queue.with_closest(listed, answerer.answer, SHOWN, db)
    if as_json:
        click.echo(json.dumps({"days": days, "gaps": [g.as_json() for g in shown]}, indent=2))
        return
    if not shown:
        click.echo(f"No open knowledge gaps in the last {days} days.")
        return
    click.echo(f"Knowledge gaps, last {days} days ({len(listed)}, most asked first):")
    for number, gap in enumerate(shown, 1):
        state = "" if gap.state == "open" else f" [{gap.state}]"
        click.echo(f"{number}. {gap.question}{state}")
        also = f"; also asked as: {'; '.join(gap.phrasings[1:4])}" if len(gap.phrasings) > 1 else ""
        click.echo(
            f"   {gap.people} people, {gap.refused} refused, {gap.not_helpful} not helpful, "
            f"last {gap.last_at[:10]}{also}"
        )
        if gap.closest:
            click.echo(f"   closest on file: {gap.closest}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def stats(as_json: bool) -> None:
    """Usage and health: questions, share answered, answer times, digests, feeds, drafts."""
    from cyberbrief.answers.usage import lines, usage

    figures = usage(_store(), utc_now())
    if as_json:
        click.echo(json.dumps(figures.as_json(), indent=2))
        return
    for line in lines(figures):
        click.echo(line)
