"""Forms from rounds 72-77 (a Hansard debate, a wire press release, a story translated from the
German, an investigation on anonymous sources, an obituary, UN meetings coverage) that
credited quotes to the wrong speaker or to nobody as they came, each with the case that must
name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


OBITUARY = (
    "Margit Lindahl, the Swedish diplomat who chaired the first UN expert group, has died in "
    "Uppsala. She was 78.\n\n"
    "According to a member of the Chinese delegation, who spoke on condition that he not be "
    'named, Lindahl kept the negotiators in the room until three. "You cannot say no to a '
    'grandmother at three in the morning," he said.\n\n'
)


def test_he_after_a_woman_the_opening_calls_she_is_not_hers() -> None:
    # The obituary's opening sentence is hers and the next one's subject is "She": "he said"
    # after "Lindahl kept ..." is the anonymous delegate's, not Lindahl's.
    draft = draft_article(OBITUARY, {"title": "t"})
    assert draft.quotes == []
    assert any("grandmother" in t for t in draft.unattributed)


def test_a_speaker_named_in_apposition_without_a_role_is_the_he_after_it() -> None:
    # "One of them, Tevita Fifita of Tonga, said ...": a person, though drafted with no role;
    # the "he said" after it is his, not the woman's named before.
    text = (
        OBITUARY
        + "One of them, Tevita Fifita of Tonga, said she had answered every email he ever sent "
        'her. "I was a junior officer from a small country," he said.'
    )
    assert speakers(text) == [("I was a ", "Tevita Fifita")]


def test_a_clause_with_both_pronouns_gives_the_name_before_it_neither() -> None:
    # "X said she had answered every email he sent her": "she" is not X, so X is not known
    # to be a woman, and "he said" after it may be X's.
    text = (
        "Tevita Fifita said she had answered every email he ever sent her. "
        '"She treated me like a minister," he said.'
    )
    assert speakers(text) == [("She trea", "Tevita Fifita")]


def test_a_phrase_before_said_that_is_no_name_is_not_a_speaker() -> None:
    # "a German Green MEP, said" and "for International Peace, said": no person is named there
    text = (
        "Hannah Neumann, a German Green MEP, said she had heard from three journalists. "
        '"That is what this does to a democracy," she said.'
    )
    assert speakers(text) == [("That is ", "Hannah Neumann")]


def test_a_country_a_representative_speaks_for_is_not_the_speaker() -> None:
    # UN meetings coverage: "The representative of Sierra Leone ... said" names no person;
    # "Leone" (the tail of the country's name after "of") is nobody's either.
    text = (
        "The representative of Sierra Leone, speaking also on behalf of Algeria and Mozambique, "
        "said that African health systems were vulnerable and called for capacity-building to be "
        '"predictable, sustained and free of conditions."'
    )
    draft = draft_article(text, {"title": "t"})
    assert draft.quotes == []
    assert [p["name"] for p in draft.people] == []


def test_a_name_after_an_acronym_in_a_title_still_speaks() -> None:
    text = (
        "Fortiva vice president for EMEA Claire Dubois said in a press release that the service "
        '"turns a once-a-year audit into a live signal".'
    )
    assert speakers(text) == [("turns a ", "Claire Dubois")]


def test_german_and_french_quotation_marks_are_quotes() -> None:
    # A translation keeping its source's typography: „...“ and «...» (and »...«) are quotes,
    # their words kept as written.
    text = (
        "Federal Interior Minister Katrin Albrecht signed the agreement. „Cyber attacks do not "
        "stop at the border of a Land“, said Albrecht.\n\n"
        "Minister Delphine Marchal, France's minister for digital affairs, spoke next. «We will "
        "share everything we see», said Marchal.\n\n"
        "Minister Jonas Weber, the Austrian minister of the interior, agreed. »Nobody in Europe "
        "defends itself alone«, said Weber."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"], q["speaker"]) for q in draft.quotes] == [
        ("Cyber attacks do not stop at the border of a Land", "Katrin Albrecht"),
        ("We will share everything we see", "Delphine Marchal"),
        ("Nobody in Europe defends itself alone", "Jonas Weber"),
    ]


HANSARD = (
    "Cyber Security Bill: Second Reading\n\n"
    "4.12 pm\n\n"
    "The Minister for Security (Dan Harcourt): I beg to move, That the Bill be now read a "
    "Second Time.\n\n"
    "Hospitals and water companies now run on networks that can be switched off from far "
    "away.\n\n"
    "Dr Helen Voss (Sevenoaks) (Con): Will the Minister give way?\n\n"
    "Dan Harcourt: I will give way in a moment.\n\n"
    "Several hon. Members rose—\n\n"
    "Madam Deputy Speaker (Judith Okonkwo): Order. A great many Members wish to speak.\n\n"
    "Dr Voss: As the shadow security minister, let me say that we support the Bill.\n\n"
    "Hon. Members: Hear, hear.\n\n"
    "Question put and agreed to."
)


def test_a_debate_record_credits_each_speech_to_its_label() -> None:
    # Hansard: the office with the holder in brackets, a Member with seat and party, later
    # the name alone; a speech runs on into the next paragraph; questions are the Member's;
    # procedure ("Several hon. Members rose—", "Hon. Members: ...") is nobody's.
    draft = draft_article(HANSARD, {"title": "t"})
    assert [(q["text"][:14], q["speaker"]) for q in draft.quotes] == [
        ("I beg to move,", "Dan Harcourt"),
        ("Hospitals and ", "Dan Harcourt"),
        ("Will the Minis", "Helen Voss"),
        ("I will give wa", "Dan Harcourt"),
        ("Order. A great", "Judith Okonkwo"),
        ("As the shadow ", "Helen Voss"),
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Dan Harcourt"] == "Minister for Security"
    assert roles["Judith Okonkwo"] == "Deputy Speaker"
    assert roles["Helen Voss"] == "Shadow security minister"


def test_one_labelled_line_with_a_bracket_is_no_debate_record() -> None:
    text = (
        "The Minister for Security (Dan Harcourt): a profile.\n\n"
        "Harcourt: allies agree on the plan, and on the money for it as well."
    )
    assert draft_article(text, {"title": "t"}).quotes == []


def test_un_meetings_coverage_speakers_in_capitals_with_their_country_in_brackets() -> None:
    text = (
        "Briefings\n\n"
        "HELENA MARTINS, Assistant Secretary-General for Political Affairs, said that 140 "
        'hospitals had diverted ambulances. "Behind every one of these numbers is a patient," '
        "she said.\n\n"
        "Also briefing, SAMIRA HADDAD, founder of the organization Patients Before Profit, "
        'spoke. "Nobody in this Chamber needs another report," she told the Council.\n\n'
        "LI XIAOMING (China) said his country opposed the abuse of attribution. "
        '"Hospitals in developing countries are attacked too," he said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("Behind e", "Helena Martins"),
        ("Nobody i", "Samira Haddad"),
        ("Hospital", "Li Xiaoming"),
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert "Assistant Secretary-General" in roles["Helena Martins"]
    assert "founder" in roles["Samira Haddad"].lower()


def test_a_press_release_speaker_with_a_particle_and_an_employer_after_the_role() -> None:
    # '"...," said X, Title at Org. "..."' with a Dutch particle before a surname that is
    # also a title word ("de Graaf"); 'said X, Head of ..., Baltic Line Shipping. "..."' (the
    # company after the role names nobody new); a contact block names no person.
    text = (
        '"A port is a city of machines, and most were never designed for it," said Marieke de '
        'Graaf, Chief Information Security Officer at the Port of Rotterdam Authority. "This '
        'centre lets us see an attack before it reaches the quay."\n\n'
        '"A day lost in port costs more than most cyber attacks ever would," said Lars Nygaard, '
        'Head of Cyber Resilience, Baltic Line Shipping. "We signed up the day we heard about '
        'it."\n\n'
        "Media contacts\n\n"
        "Sophie Laurent\nHead of Communications, Northwall Security\npress@northwall.example"
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("A port i", "Marieke de Graaf"),
        ("This cen", "Marieke de Graaf"),
        ("A day lo", "Lars Nygaard"),
        ("We signe", "Lars Nygaard"),
    ]
    names = {p["name"] for p in draft.people}
    assert "Baltic Line Shipping" not in names
    assert "Northwall Security" not in names
