"""Drafting on news-style articles written for these tests (tests/data/articles), in the patterns
real news uses: "Mr." with a full stop, accented names, particles and apostrophes, ranks before
names, many speech verbs, a role before the name after the quote, a second quote after the
attribution, family-name-first names, lower-case acronym expansions, one paragraph a line.
``heldout/`` was written after the drafter was tuned on the others and scored as it came."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberbrief.drafting.article import draft_article
from cyberbrief.drafting.article_text import paragraphs

DATA = Path(__file__).parents[1] / "data" / "articles"
SETS = (DATA, DATA / "heldout", *sorted(DATA.glob("round*")))


def gold() -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for folder in SETS:
        for name, expected in yaml.safe_load((folder / "gold.yaml").read_text()).items():
            out.append((folder / name, expected))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


QUOTES = [
    pytest.param(path, words, speaker, id=f"{path.stem}: {words[:30]}")
    for path, expected in gold()
    for words, speaker, *known_miss in expected["quotes"]
    if not known_miss
]
KNOWN_MISSES = [
    pytest.param(path, words, speaker, id=f"{path.stem}: {words[:30]}")
    for path, expected in gold()
    for words, speaker, *known_miss in expected["quotes"]
    if known_miss
]
"""Quotes the drafter leaves unattributed though the gold names a speaker (a third field in
gold.yaml says why); the bench counts them as misses."""
PEOPLE = [
    pytest.param(path, name, role, id=f"{path.stem}: {name}")
    for path, expected in gold()
    for name, role in expected["people"].items()
]


@pytest.mark.parametrize(("path", "words", "speaker"), QUOTES)
def test_each_quote_has_the_speaker_the_article_names(
    path: Path, words: str, speaker: str | list[str] | None
) -> None:
    text = path.read_text(encoding="utf-8")
    draft = draft_article(text, {"title": path.stem})
    found = [q for q in draft.quotes if words in q["text"]]
    if speaker is None:
        assert not found, "no speaker is named: the quote must not be given one"
        assert any(words in t for t in draft.unattributed), "listed as unattributed"
        return
    assert found, (words, draft.unattributed)
    if isinstance(speaker, list):  # a joint statement: once for each of its speakers
        assert sorted(q["speaker"] for q in found) == sorted(speaker)
        return
    assert found[0]["speaker"] == speaker


@pytest.mark.parametrize(("path", "words", "speaker"), KNOWN_MISSES)
def test_a_known_miss_is_unattributed_never_given_to_someone_else(
    path: Path, words: str, speaker: str
) -> None:
    draft = draft_article(path.read_text(encoding="utf-8"), {"title": path.stem})
    assert [q["speaker"] for q in draft.quotes if words in q["text"]] in ([], [speaker])
    assert any(words in t for t in draft.unattributed) or any(
        words in q["text"] for q in draft.quotes
    )


@pytest.mark.parametrize(("path", "name", "role"), PEOPLE)
def test_each_person_is_drafted_with_their_role(path: Path, name: str, role: str) -> None:
    draft = draft_article(path.read_text(encoding="utf-8"), {"title": path.stem})
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert name in roles, sorted(roles)
    assert role.lower() in roles[name].lower()


@pytest.mark.parametrize("path", [path for path, _ in gold()], ids=lambda p: p.stem)
def test_nothing_is_invented_and_no_rank_or_fragment_becomes_a_person(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    draft = draft_article(text, {"title": path.stem})
    for quote in draft.quotes:
        assert squash(quote["text"]) in squash(text), "verbatim"
        assert written(quote["speaker"], text), "a speaker the article names"
    for person in draft.people:
        first = person["name"].split()[0]
        assert first not in ("General", "Gen.", "Mr.", "Dr.", "Superintendent", "Affairs")
        assert written(person["name"], text)


def written(name: str, text: str) -> bool:
    """The name is in the text as drafted, or family name first in capitals as Japan's Foreign
    Ministry writes it ("TANABE Hiroshi" for Hiroshi Tanabe), or all in capitals as UN meetings
    coverage prints a speaker ("HELENA MARTINS")."""
    words = name.split()
    return name in text or f"{words[-1].upper()} {words[0]}" in text or name.upper() in text


def test_acronyms_spelt_out_in_lower_case_become_entries() -> None:
    text = (DATA / "dubai.txt").read_text(encoding="utf-8")
    draft = draft_article(text, {"title": "t"})
    drafted = [*draft.organisations, *draft.initiatives]
    entries = {e["acronym"]: e["name"] for e in drafted if e.get("acronym")}
    assert entries["ITRs"] == "International Telecommunication Regulations"
    assert entries["ITU"] == "International Telecommunication Union"
    assert entries["WCIT"] == "World Conference on International Telecommunications"
    assert "spelling" not in entries


def test_one_paragraph_a_line_is_split_and_hard_wrapped_lines_are_joined() -> None:
    nato = (DATA / "nato.txt").read_text(encoding="utf-8")
    assert len(paragraphs(nato)) == len([line for line in nato.splitlines() if line.strip()])
    wrapped = (
        "The survey of 250 firms found that many had no plan for\n"
        "responding to a breach of their systems, and that boards\n"
        "rarely discussed it.\n\nA second paragraph."
    )
    assert paragraphs(wrapped)[0].endswith("boards rarely discussed it.")
    assert len(paragraphs(wrapped)) == 2


def test_a_quote_after_an_anonymous_attribution_is_not_given_to_the_last_person() -> None:
    text = (
        "Gen. Philip Breedlove, NATO's Supreme Allied Commander Europe, spoke first.\n\n"
        '"Our job is to keep our own networks running," Breedlove said.\n\n'
        '"A pledge on paper is only as good as what stands behind it," said one diplomat.\n\n'
        '"And this is a second sentence of that diplomat," he added.'
    )
    draft = draft_article(text, {"title": "t"})
    speakers = {q["text"][:12]: q["speaker"] for q in draft.quotes}
    assert speakers == {"Our job is t": "Philip Breedlove"}
    assert any("pledge on paper" in t for t in draft.unattributed)
    assert any("second sentence of that diplomat" in t for t in draft.unattributed)


def test_unicode_names_are_whole_and_referred_to_by_surname() -> None:
    text = (
        "Ministers met in Budapest.\n\n"
        "Hungarian Foreign Minister János Martonyi opened the meeting.\n\n"
        '"We cannot let the internet be cut into national pieces," Mr. Martonyi said.\n\n'
        "Siobhán Ní Bhriain, a lecturer in computer science, disagreed.\n\n"
        '"Borders online are already a fact of life," Dr. Ní Bhriain said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["János Martonyi", "Siobhán Ní Bhriain"]
    roles = {p["name"]: p.get("role") for p in draft.people}
    assert roles == {
        "János Martonyi": "Hungarian Foreign Minister",
        "Siobhán Ní Bhriain": "Lecturer in computer science",
    }


def test_a_quote_split_by_its_attribution_goes_to_the_speaker_named_in_the_middle() -> None:
    text = (
        "Ministers met in Brussels on Monday.\n\n"
        '"The threat," said Germany\'s Foreign Minister Heiko Maas, "is real, and it grows."\n\n'
        'Critics called it "a start," though "a small one that few will notice."'
    )
    draft = draft_article(text, {"title": "t"})
    speakers = {q["text"]: q["speaker"] for q in draft.quotes}
    assert speakers == {"is real, and it grows.": "Heiko Maas"}
    assert any("few will notice" in t for t in draft.unattributed)


def test_a_quote_alone_after_an_unattributed_quote_does_not_go_to_an_earlier_speaker() -> None:
    text = (
        '"We want a coalition of the willing," Jean-Yves Le Drian said.\n\n'
        'Officials were upbeat. "It is a first step and not the last one," one official added.\n\n'
        '"This is what a common language looks like."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Jean-Yves Le Drian"]
    assert any("common language" in t for t in draft.unattributed)


def test_interview_answers_go_to_the_person_interviewed_and_questions_to_nobody() -> None:
    text = (
        "The Guardian spoke to Ciaran Martin, the former head of the NCSC.\n\n"
        'Q: "Do you think the sanctions regime will ever be used?"\n\n'
        'A: "It will be used once states are willing to attribute attacks in public."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("It will be", "Ciaran Martin")
    ]
    assert any("sanctions regime" in t for t in draft.unattributed)
    anonymous = text.replace("The Guardian spoke to Ciaran Martin", "Ciaran Martin spoke")
    assert not draft_article(anonymous, {"title": "t"}).quotes


def test_a_knight_is_named_by_given_name_and_titles_do_not_cut_names_short() -> None:
    text = (
        "The head of GCHQ, Sir Jeremy Fleming, spoke on Tuesday.\n\n"
        "'The Chinese state is seeking to control the future,' Sir Jeremy said.\n\n"
        "According to Ursula von der Leyen, the Commission's president, the act is new.\n\n"
        '"A law is only as good as its enforcement," said Dr. Ana García-López, a lawyer.\n\n'
        '"This one is nobody\'s at all, I think," said the chief. Smith left early.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Jeremy Fleming", "Ana García-López"]
    roles = {p["name"]: p.get("role") for p in draft.people}
    assert roles["Jeremy Fleming"] == "Head of GCHQ"
    assert roles["Ursula von der Leyen"] == "Commission's president"
    assert "Sir Jeremy" not in roles


def test_the_spokesperson_is_not_one_named_later_nor_after_a_spokesperson() -> None:
    text = (
        'A Huawei spokesperson said the company objected. "Any exclusion must be based on '
        'evidence, not origin," the spokesperson said.\n\n'
        "The Commission's spokesperson, Johannes Bahrke, declined to comment.\n\n"
        '"We do not comment on internal discussions at all," the spokesperson said.\n\n'
        'A second spokesperson disagreed. "That is not how we see it here," the spokesperson said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:6], q["speaker"]) for q in draft.quotes] == [("We do ", "Johannes Bahrke")]
    assert len(draft.unattributed) == 2


def test_a_paragraph_ending_in_a_colon_hands_over_to_the_quote_after_it() -> None:
    text = (
        "Bart Groothuis, a Dutch liberal MEP and former head of cyber security at the Dutch "
        "defence ministry, welcomed the move:\n\n"
        '"Finally the Commission is showing teeth. The risks have been known for years."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Bart Groothuis"]


def test_an_age_before_the_role_and_a_party_as_the_role() -> None:
    text = (
        "Fergus Hanson, 44, who heads the institute's cyber centre, spoke first.\n\n"
        "Rep. Frank Pallone, the committee's top Democrat, was not convinced.\n\n"
        '"Yes or no?" said Rep. Dan Crenshaw, a Texas Republican, twice over.'
    )
    roles = {p["name"]: p.get("role") for p in draft_article(text, {"title": "t"}).people}
    assert roles == {
        "Fergus Hanson": "Head of the institute's cyber centre",
        "Frank Pallone": "Committee's top Democrat",
        "Dan Crenshaw": "Texas Republican",
    }


def test_single_quoted_quotes_beside_a_double_quoted_phrase_are_read() -> None:
    text = (
        "Home Secretary Suella Braverman met industry leaders. Ms Braverman said firms had "
        "\"a moral duty to protect the 'vulnerable' and the young\". She said: 'Encryption "
        "cannot be an excuse for turning a blind eye.'"
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("a moral du", "Suella Braverman"),
        ("Encryption", "Suella Braverman"),
    ]


def test_a_pronoun_after_two_people_in_one_sentence_names_neither() -> None:
    text = (
        "Estonia's prime minister, Kaja Kallas, met Germany's chancellor, Olaf Scholz, on "
        'Tuesday. "We need clarity on what triggers Article 5," she said.\n\n'
        'Janis Sarts, a director in Riga, spoke later. "It\'s a package," Sarts said. "You '
        "can't defend against one and ignore the other.\""
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"], q["speaker"]) for q in draft.quotes] == [
        ("It's a package", "Janis Sarts"),
        ("You can't defend against one and ignore the other.", "Janis Sarts"),
    ]
    assert any("clarity" in t for t in draft.unattributed)


def test_a_speaker_named_by_given_name_only_when_one_person_has_it() -> None:
    text = (
        "Malaysia's digital minister Gobind Singh Deo and Thailand's digital minister Gobind "
        "Rao attended.\n\n"
        '"We are building the same defences separately," Gobind said.\n\n'
        "Singapore's minister Josephine Teo spoke last.\n\n"
        '"No country can deal with this alone," Josephine said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Josephine Teo"]
    assert any("same defences" in t for t in draft.unattributed)


def test_according_to_attributes_the_quote_beside_it_and_no_other() -> None:
    text = (
        "Talks on a global cybercrime treaty stalled on Tuesday, officials said.\n\n"
        "According to Maria Lopez, the head of the UN negotiating committee, "
        '"there is still no consensus on the scope of the treaty."\n\n'
        '"We will keep working until we have a text everyone can sign," according to Lopez.\n\n'
        "According to the European Commission, the draft goes too far on surveillance.\n\n"
        'According to diplomats, "nobody wants to walk away from this table."'
    )
    draft = draft_article(text, {"title": "t"})
    speakers = {q["text"][:12]: q.get("speaker") for q in draft.quotes}
    assert speakers == {"there is sti": "Maria Lopez", "We will keep": "Maria Lopez"}
    [lopez] = [p for p in draft.people if p["name"] == "Maria Lopez"]
    assert lopez.get("role", "").lower() == "head of the un negotiating committee"


def test_a_rank_before_a_name_with_particles_keeps_the_given_name() -> None:
    text = (
        "Ambassador Guilherme de Aguiar Patriota chaired the talks.\n\n"
        '"I have seen drafts die over a single comma," Patriota says.\n\n'
        'Commission President Ursula von der Leyen said: "We will not be naive about this."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == [
        "Guilherme de Aguiar Patriota",
        "Ursula von der Leyen",
    ]
    roles = {p["name"]: p.get("role") for p in draft.people}
    assert roles["Guilherme de Aguiar Patriota"] == "Ambassador"


def test_a_pronoun_after_a_sentence_opening_with_someone_undrafted_names_nobody_earlier() -> None:
    text = (
        "Jovan Kurbalija, the founding director of DiploFoundation, spoke first.\n\n"
        '"Small countries cannot follow twelve processes," Kurbalija says.\n\n'
        "Mary Okafor has worked with governments across the continent for years.\n\n"
        '"We are told to pick one internet or the other," she says.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Jovan Kurbalija"]
    assert any("pick one internet" in t for t in draft.unattributed)


def test_a_quote_run_on_after_its_attribution_and_one_after_then_are_the_speakers() -> None:
    text = (
        "Jovan Kurbalija, the founding director of DiploFoundation, spoke first.\n\n"
        '"The smaller countries come with one person," Kurbalija says. "They cannot follow '
        "twelve processes at once.\n\n"
        '"So they follow none of them properly."\n\n'
        'Then, after a pause: "Whether anyone will follow it is another matter."\n\n'
        'Later, a diplomat spoke. Then: "This one is nobody we could name."'
    )
    draft = draft_article(text, {"title": "t"})
    speakers = {q["text"][:12]: q["speaker"] for q in draft.quotes}
    assert speakers == {
        "The smaller ": "Jovan Kurbalija",
        "They cannot ": "Jovan Kurbalija",
        "So they foll": "Jovan Kurbalija",
        "Whether anyo": "Jovan Kurbalija",
    }
    assert any("nobody we could name" in t for t in draft.unattributed)


def test_a_role_before_the_name_in_apposition_hands_over_to_the_quote_after_a_colon() -> None:
    text = (
        "His deputy prime minister for digital transformation, Mykhailo Fedorov, posted on X "
        'earlier: "Ukraine has defended its networks for two years."\n\n'
        "A Hungarian government spokesman, Zoltán Kovács, wrote on social media: "
        '"Hungary will not support a bloc mentality."\n\n'
        'The report, published by the ministry, concluded: "Nobody here is named at all."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:7], q["speaker"]) for q in draft.quotes] == [
        ("Ukraine", "Mykhailo Fedorov"),
        ("Hungary", "Zoltán Kovács"),
    ]
    roles = {p["name"]: p.get("role") for p in draft.people}
    assert roles["Zoltán Kovács"] == "Hungarian government spokesman"
    assert any("Nobody here" in t for t in draft.unattributed)


def test_key_lines_listed_after_a_paragraph_saying_who_spoke_are_theirs() -> None:
    text = (
        "13:05\n"
        "NATO Secretary General Jens Stoltenberg has been speaking at a press conference.\n"
        "Here are the key lines:\n"
        '- "Cyber attacks can be as damaging as conventional attacks."\n'
        '- "Allies have agreed that a serious cyber incident could trigger Article 5."\n'
        "12:20\n"
        "Kaja Kallas, Estonia's prime minister, and Olaf Scholz, Germany's chancellor, spoke "
        "at a forum.\n"
        "Here are the key lines:\n"
        '- "Deterrence only works if it is credible."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Jens Stoltenberg", "Jens Stoltenberg"]
    assert any("Deterrence only works" in t for t in draft.unattributed)


def test_transcript_answers_are_the_words_of_the_person_the_label_names() -> None:
    text = (
        "Lindy Cameron has led the National Cyber Security Centre since 2020. She spoke to "
        "Policy Review before leaving.\n\n"
        "Policy Review: What keeps you up at night?\n\n"
        "Cameron: Ransomware, still. It is the most acute threat to the UK.\n\n"
        "Policy Review: And China?\n\n"
        'Cameron: China is the epoch-defining challenge. We tell them, "We know who you are."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("Ransomware", "Lindy Cameron"),
        ("China is t", "Lindy Cameron"),
    ]
    key_points = (
        "Jens Stoltenberg, NATO's secretary general, spoke in Vilnius.\n\n"
        "Stoltenberg: allies agree a new cyber defence centre at SHAPE\n\n"
        "Stoltenberg: Ukraine will join the alliance when conditions are met"
    )
    assert not draft_article(key_points, {"title": "t"}).quotes


def test_a_single_quoted_quote_run_on_into_the_next_paragraph_is_the_speakers() -> None:
    text = (
        "Tom Tugendhat, the security minister, said: 'The threat is real, and it is growing.\n\n"
        "'We will meet it with everything we have.'\n\n"
        "Back in the '90s the threat was smaller, officials say, and budgets were too.\n\n"
        "Nobody expected that it would grow this fast in so few years."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"], q["speaker"]) for q in draft.quotes] == [
        ("The threat is real, and it is growing.", "Tom Tugendhat"),
        ("We will meet it with everything we have.", "Tom Tugendhat"),
    ]
    assert not draft.unattributed


def test_an_institution_named_in_full_is_the_speaker_and_is_drafted() -> None:
    text = (
        "The Ministry of Defence said in a statement: 'We are investing in research.'\n\n"
        '"Attribution is a matter for each member state," the European Commission said.\n\n'
        'A Foreign Office source said: "We will work with allies on a response."\n\n'
        '"We firmly oppose all forms of attacks," China\'s foreign ministry said.\n\n'
        'The Foreign Office spokesman said: "We do not comment on intelligence matters."\n\n'
        '"We have no comment on that at this stage," the Ministry said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:9], q["speaker"]) for q in draft.quotes] == [
        ("We are in", "Ministry of Defence"),
        ("Attributi", "European Commission"),
    ]
    names = [o["name"] for o in draft.organisations]
    assert names == ["Ministry of Defence", "European Commission"]
    assert len(draft.unattributed) == 4
