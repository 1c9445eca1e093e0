"""No silent surprises when loading: a source cited by a key the store does not have is an
error naming it (a typo must not become a new source that answers then cite), unless the
operator asks for new sources, which a dry run then lists; a news article loaded without
--article says to use --article; a bad date names its format in words; load --help
explains every option."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Ran, stored

TYPO = """
facts:
  - text: Budapest hosted the 2012 cyberspace conference.
    about: [cybercrime]
    source: bbcc
"""


def test_a_source_key_that_does_not_exist_is_an_error(
    cli: Callable[..., Ran], tmp_path: Path, db_path: Path
) -> None:
    knowledge = tmp_path / "typo.yaml"
    knowledge.write_text(TYPO)
    before = stored(db_path)
    done = cli("load", str(knowledge))
    assert done.returncode == 1
    assert "'bbcc' is not a known source key or title" in done.stderr
    assert "(did you mean 'bbc'?)" in done.stderr and "--new-sources" in done.stderr
    assert stored(db_path) == before, "nothing was written"
    answer = cli("ask", "Budapest")
    assert "bbcc" not in answer.stdout


def test_with_new_sources_the_dry_run_lists_the_new_source(
    cli: Callable[..., Ran], tmp_path: Path, db_path: Path
) -> None:
    knowledge = tmp_path / "new.yaml"
    knowledge.write_text(TYPO.replace("bbcc", "Budapest Conference Report"))
    before = stored(db_path)
    dry = cli("load", str(knowledge), "--new-sources", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "add source 'Budapest Conference Report'" in dry.stdout
    assert "would add 1 source" in dry.stdout
    assert stored(db_path) == before
    done = cli("load", str(knowledge), "--new-sources")
    assert done.returncode == 0, done.stderr
    assert re.match(r"added 1 sources?, 1 facts?;", done.stdout), done.stdout


def test_a_news_article_without_article_names_the_option(
    cli: Callable[..., Ran], tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Ministers met in Budapest on Thursday to discuss cyber norms.\n")
    done = cli("load", str(article))
    assert done.returncode == 1
    assert "load it with --article" in done.stderr


def test_a_bad_date_names_its_format_in_words(cli: Callable[..., Ran]) -> None:
    done = cli("digest", "--date", "24/11/2026")
    assert done.returncode == 2
    assert "'24/11/2026' is not a date in the form YYYY-MM-DD" in done.stderr
    assert "%Y" not in done.stderr


def test_load_help_explains_every_option(cli: Callable[..., Ran]) -> None:
    done = cli("load", "--help")
    assert done.returncode == 0
    lines = done.stdout.split("Options:")[1].splitlines()
    for option in ("--title", "--publisher", "--date", "--url", "--new-sources"):
        (line,) = [x for x in lines if x.strip().startswith(option)]
        assert len(line.split(maxsplit=2)) == 3, f"{option} has a help text: {line}"
    assert "YYYY-MM-DD" in done.stdout
