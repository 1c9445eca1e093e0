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


def test_a_company_in_apposition_to_a_body_noun_speaks_for_itself() -> None:
    text = (
        'The contractor, Meridian Rail Systems, said its account had been "compromised through '
        'no fault of its own" and that it had reset all credentials.\n\n'
        'The contractor, Maria Bell, said the account had been "used by someone else entirely".'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("compromi", "Meridian Rail Systems")
    ]


def test_german_so_x_a_party_in_brackets_and_a_role_held_in_the_bundestag() -> None:
    text = (
        "BSI President Claudia Wendt spoke of a leap. „For the first time we will see the whole "
        "picture“, so Wendt.\n\n"
        "„We got what we wanted: the states remain masters of their networks“, said the state's "
        "Minister for Home Affairs, Herbert Kessler (CDU), in Düsseldorf.\n\n"
        "The Greens' spokesperson for digital policy in the Bundestag, Dr. Miriam Schäfer, "
        "called it late. „Three years of negotiation for nothing“, Schäfer said."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("For the ", "Claudia Wendt"),
        ("We got w", "Herbert Kessler"),
        ("Three ye", "Miriam Schäfer"),
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert "spokesperson for digital policy in the Bundestag" in roles["Miriam Schäfer"]


def test_so_and_a_name_is_no_attribution_when_the_sentence_goes_on() -> None:
    text = (
        "Claudia Wendt, the BSI president, spoke first. "
        '"We will see the whole picture now," so Wendt left early.'
    )
    assert speakers(text) == []


def test_the_speakers_own_who_clause_names_nobody_new_and_gives_the_role_held_last() -> None:
    text = (
        '"Everybody told her it was a poisoned chalice," said Anders Ekholm, who served as her '
        "deputy in Geneva and later became Sweden's ambassador for cyber affairs. \"She said "
        'poison was only a question of dose."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("Everybod", "Anders Ekholm"),
        ("She said", "Anders Ekholm"),
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Anders Ekholm"] == "Sweden's ambassador for cyber affairs"


def test_a_claim_credited_after_a_dash_is_the_persons_named_there() -> None:
    text = (
        'THE CLAIM: "Ransomware attacks on American hospitals tripled last year." — Sen. Mark '
        "Hollis, R-Tenn., in a post on X, Nov. 19.\n\n"
        'THE FACTS: "The figures show a rise of about half, not a tripling."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("Ransomwa", "Mark Hollis")]


def test_she_thinks_before_her_words_and_the_statement_said_after_a_companys() -> None:
    text = (
        "A quick word with Kersti Tamm, Estonia's ambassador for cyber diplomacy. She thinks the "
        'text is "eighty per cent there now".\n\n'
        "Cortex Analytics replied within the hour. In a statement posted on LinkedIn, the company "
        'said it had "never knowingly sold any product to a sanctioned government". "We are a '
        'law-abiding American business," the statement said.\n\n'
        'Nobody else commented. "We are watching this closely," the statement said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("eighty p", "Kersti Tamm"),
        ("never kn", "Cortex Analytics"),
        ("We are a", "Cortex Analytics"),
    ]


CALL = (
    "Company participants: Rachel Adeyemi, Vice President, Investor Relations; David Kwan, "
    "Chief Executive Officer; Laura Petrov, Chief Financial Officer.\n\n"
    "Operator: Good afternoon and welcome to the call.\n\n"
    "Rachel Adeyemi: Thank you, operator. With me today are David and Laura. David?\n\n"
    "David Kwan: Thanks, Rachel. Public sector bookings grew 61 percent this quarter.\n\n"
    "Let me say a word about the outage in September, when our console was down for hours.\n\n"
    "[Technical difficulties on the line were resolved after a short pause.]\n\n"
    "Laura Petrov: Thanks, David. Revenue for the quarter was $1.42 billion.\n\n"
    "Rachel Adeyemi: That concludes our prepared remarks for today.\n\n"
    "David Kwan: Thank you all for joining us this afternoon."
)


def test_a_call_transcript_of_named_participants_without_an_interviewer() -> None:
    # Labels naming people the participants list introduced, each used twice or more: every
    # one speaks (no label asks two questions); a speech runs on into an unlabelled paragraph,
    # not into an editor's bracketed note; "Title, Department;" is the whole role.
    draft = draft_article(CALL, {"title": "t"})
    got = [(q["text"][:12], q["speaker"]) for q in draft.quotes]
    assert ("Thanks, Davi", "Laura Petrov") in got
    assert ("Let me say a", "David Kwan") in got
    assert ("Thanks, Rach", "David Kwan") in got
    assert not any(text.startswith("Technical") for text, _ in got)
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Rachel Adeyemi"] == "Vice President, Investor Relations"


def test_a_podcast_label_may_open_with_a_time_code() -> None:
    text = (
        "Host: Marta Nowak. Guests: Gareth Lloyd, chief technology officer of Brightwater Re, "
        "and Amara Okoye, a senior policy adviser.\n\n"
        "[00:00:31] GARETH LLOYD: Some did, most didn't, and that surprised our clients.\n\n"
        "[00:01:19] AMARA OKOYE: It would let the regulators test the providers directly.\n\n"
        "[00:02:33] AMARA OKOYE: Yes. The question is whether we recover in nine hours.\n\n"
        "[00:02:39] GARETH LLOYD: Yes, and probably sooner than people think."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("Some did", "Gareth Lloyd"),
        ("It would", "Amara Okoye"),
        ("Yes. The", "Amara Okoye"),
        ("Yes, and", "Gareth Lloyd"),
    ]


def test_key_points_with_each_name_once_are_no_transcript() -> None:
    text = (
        "Jens Stoltenberg, the NATO secretary general, and Kaja Kallas, the EU's foreign policy "
        "chief, spoke in Brussels.\n\n"
        "Stoltenberg: allies agree on the plan for the cables and the money for it.\n\n"
        "Kallas: the union will pay its share of the cost of the new patrols."
    )
    assert draft_article(text, {"title": "t"}).quotes == []


def test_dismissed_as_and_a_supervisor_in_apposition() -> None:
    text = (
        'Ylva Lindgren, a Swedish MEP who supports the proposal, dismissed the letter as "the '
        'same arguments we heard in 2022."\n\n'
        "The European Data Protection Supervisor, Wojciech Wiewiórowski, has warned against it."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("the same", "Ylva Lindgren")]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert "Data Protection Supervisor" in roles["Wojciech Wiewiórowski"]


def test_she_after_reported_speech_is_its_subject_not_the_women_it_names() -> None:
    # "X said she would call Y and Z": "she" is X, and the quote's "she said" goes on with
    # X, though a woman and a man are named after her; without the reported "she" nobody.
    text = (
        "Dame Alison Carver, the permanent secretary, declined to comment. Gareth Pryce said he "
        "had been misled.\n\n"
        "Labour MP Fiona Grant, who chairs the Transport Committee, said she would call Dame "
        'Alison and Pryce to give evidence. "I want to know the name of every person," she said.'
    )
    assert speakers(text) == [("I want t", "Fiona Grant")]
    unsaid = text.replace("said she would call", "will call")
    assert speakers(unsaid) == []


def test_capitals_opening_a_paragraph_are_a_name_only_when_introduced_as_a_speaker() -> None:
    # "NATO ALLIES, meeting in Vilnius," is no person; a name in capitals followed by a role
    # or a country in brackets is.
    text = (
        "NATO ALLIES, meeting in Vilnius, agreed a new plan for the cables.\n\n"
        'TEDROS OKELLO, Director of Health Emergencies, said it mattered. "A hospital is not a '
        'bank and it cannot close," he said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [p["name"] for p in draft.people] == ["Tedros Okello"]
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("A hospit", "Tedros Okello")]
