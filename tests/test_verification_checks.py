"""Each verification check on small hand-made sentence pairs (none of them from the brief)."""

from __future__ import annotations

import pytest

from assistant.answering.verification.checker import check_claims
from assistant.answering.verification.claims import Claim, draft_claims
from assistant.answering.verification.judge import read_reply
from assistant.answering.verification.names import CorpusNames, check_names
from assistant.answering.verification.numbers import check_numbers, quantities
from assistant.answering.verification.polarity import check_polarity
from assistant.answering.verification.verdicts import Evidence, Label, Objection
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.hashing import HashingEmbeddings
from assistant.text import split_sentences
from assistant.types import Chunk, Passage


def labels(objections: list[Objection]) -> list[tuple[Label, str]]:
    return [(o.label, o.check) for o in objections]


# -- numbers, dates, units ------------------------------------------------------------------------
@pytest.mark.parametrize("claim", ["Turnout was 73%.", "Turnout was 73 per cent.", "Turnout was seventy-three percent."])
def test_percentages_are_one_value_however_written(claim: str) -> None:
    assert check_numbers(claim, "Turnout reached 73 percent in the vote.") == []
    assert labels(check_numbers(claim, "Turnout reached 37 percent in the vote.")) == [(Label.CONTRADICTED, "number")]


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"),
    [
        ("The council adopted a 20-point plan.", "The council adopted a 28-point plan.", [(Label.CONTRADICTED, "number")]),
        ("The strike could end within one day.", "The strike could end within 24 hours.", []),
        ("The strike could end within 100 days.", "The strike could end within 24 hours.", [(Label.CONTRADICTED, "number")]),
        ("The bank lent $5 billion.", "The bank lent 5 billion dollars.", []),
        ("The three largest banks merged.", "The two largest banks merged.", [(Label.CONTRADICTED, "number")]),
        ("The ferry resumed in mid-September.", "The ferry resumed in mid-October.", [(Label.CONTRADICTED, "date")]),
        ("The ferry resumed in late March.", "The ferry resumed in early March.", [(Label.CONTRADICTED, "date")]),
        ("The ferry resumed in March.", "The ferry resumed in late March.", []),
        ("The bridge opened in 2019.", "The bridge opened in 2024.", [(Label.CONTRADICTED, "date")]),
        ("The bridge opened in 2019.", "The bridge opened after a long delay.", [(Label.NOT_FOUND, "date")]),
        ("Talks began on 2 May, and two envoys came.", "Talks began on 22 May, and two envoys came.", [(Label.CONTRADICTED, "date")]),
        ("Talks began on 22 May.", "Talks began on 22 May 2025.", []),
    ],
)
def test_number_date_and_unit_checks(claim: str, evidence: str, expected: list[tuple[Label, str]]) -> None:
    assert labels(check_numbers(claim, evidence)) == expected


def test_words_next_to_a_shared_value_keep_their_role() -> None:
    evidence = "In the survey 61% of farmers backed the levy, while 38% of traders opposed it."
    assert labels(check_numbers("38% of farmers backed the levy.", evidence)) == [(Label.CONTRADICTED, "role")]
    assert check_numbers("61% of farmers backed the levy.", evidence) == []
    stance = "61% of farmers voiced support for the levy if it funds the dykes, while 38% backed a toll."
    assert check_numbers("The levy was backed by 61% of farmers.", stance) == []  # "backed" said of 61% in other words
    assert labels(check_numbers("A toll was backed by 61% of farmers.", "38% of farmers backed a toll, while 61% opposed it.")) == [
        (Label.CONTRADICTED, "role")
    ]
    assert check_numbers("The poll ran on 2–4 December 2025, the brief says.", "The poll ran on 2–4 December 2025.") == []
    reordered = "A levy, if it funds the dykes, was backed by 61% of farmers."  # "dykes" is past the clause of 38%
    assert check_numbers(reordered, "61% of farmers backed a levy if it funds the dykes, while 38% backed a toll.") == []


def test_quantities_are_normalised() -> None:
    assert check_numbers("After almost twelve months of talks, the port gave up.", "After nearly a year of talks, the port gave up.") == []
    (duration,) = quantities("within two weeks")
    (money,) = quantities("€3 million")
    assert (duration.kind, duration.value) == ("duration", 2 * 168)
    assert (money.kind, money.value) == ("money_eur", 3_000_000)


# -- polarity ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "check"),
    [
        ("The council did not approve the budget.", "The council approved the budget.", "negation"),
        ("The council approved the budget.", "The council refused to approve the budget.", "negation"),
        ("The port launched new ferry routes.", "The port refrained from launching any new ferry routes.", "negation"),
        ("The union strongly supports the merger.", "The union is sceptical of the merger.", "stance"),
        ("The talks were a disaster.", "The talks were a success.", "antonym"),
        ("The envoy was welcomed by the farmers.", "The envoy was rejected by the farmers.", "negation"),
        ("Costs for the city steadily decline.", "Costs for the city continue to mount.", "antonym"),
        ("A minority of residents backed the plan.", "64% of residents backed the plan.", "quantifier"),
        ("The mayor kept every promise she made.", "The mayor made a series of promises that were never kept.", "negation"),
        ("The union stayed open to talks with the council.", "The union refused to engage in talks with the council.", "antonym"),
        ("The council grew more patient with the union's demands.", "The council grew frustrated with the union's demands.", "antonym"),
        ("The port would keep only a few of the current permits.", "The port would keep most of the existing permits.", "quantifier"),
        ("The port has been a marginal partner in the talks.", "The port has been the principal partner in the talks.", "antonym"),
        ("There is no way Lindau would ever again close it.", "It is conceivable that Lindau could once again close it.", "antonym"),
        ("The rule shifts with the mood of the council.", "The rule remains unchanged regardless of the mood of the council.", "antonym"),
        ("The mayor managed to talk the union into a deal.", "The mayor failed to persuade the union to accept a deal.", "negation"),
        (  # "lack of" negates its noun phrase only, not the verb after it
            "Her warmth and lack of experience have not played a big role in the talks.",
            "Her warmth and lack of experience have played a big role in the talks.",
            "negation",
        ),
        ("The port would raise its fees.", "It could cut some charges, but any rise in fees would be off the table.", "antonym"),
        ("The port would expand its fleet.", "An expansion of the fleet was ruled out.", "antonym"),  # "negates"
        ("The port would drop most of its permits.", "The port would maintain most of its permits.", "antonym"),
        ("The ferry strike was a lengthy one for the port.", "The ferry strike was a short-lived one for the port.", "antonym"),
        ("The council enforced each of its warnings.", "The council issued warnings that were never followed through.", "negation"),
        ("The port stayed open to ratcheting up fees.", "Any escalation of fees would be off the table for the port.", "negation"),
        ("Lindau treats Saltby and Norrvik as equal partners.", "Lindau does not see Saltby and Norrvik as equal partners.", "negation"),
        ("The merger plan had fallen through for the union.", "The merger plan was a success for the union.", "antonym"),
        ("Calls grew for a softer line on Moscow.", "Voices urged a more assertive stance towards the Kremlin.", "antonym"),  # one party
        ("The author rules out that the port could close it.", "It is conceivable that the port could once again close it.", "antonym"),
        ("The strike makes the mayor take a more hesitant course.", "The strike makes the mayor take a more decisive course.", "antonym"),
        ("He is expected to remain in this role well beyond May.", "He is expected to formally resign from this role in May.", "antonym"),
        ("In May, the port imposed a lengthy ban on ferries.", "The brief ban on ferries in May hurt the port.", "antonym"),
        (  # a negation said against the word itself, though an antonym stands elsewhere in the evidence
            "The port would keep most permits; it could not waive some, but new fees are off the table.",
            "The port would keep most permits; it could waive some, but new fees are off the table.",
            "negation",
        ),
        (
            "The port would keep most permits, and harsher fees on ships would remain an option.",
            "The port would keep most permits, but any rise of fees would be off the table.",
            "antonym",
        ),
        (
            "With the port's losses dwindling, the union sought a deal.",
            "Faced with mounting losses at the port, the union sought a deal.",
            "antonym",
        ),
        (
            "After the vote, the mayor left the group of negotiators.",
            "After the vote, the mayor joined the group of negotiators.",
            "antonym",
        ),
        (
            "In that case the port would lose its grain subsidy and be refused permission to dredge.",
            "In that case the port would continue to receive its grain subsidy and secure approval to dredge.",
            "antonym",
        ),
        (
            "Saltby voters, long the most doubtful about backing Norrvik, show no sign of rethinking their assumptions.",
            "Saltby voters – long the most sceptical group when it comes to supporting Norrvik – may be re-evaluating their assumptions.",
            "negation",
        ),
        (
            "After the vote, the mayor refused to return to the talks on fees.",
            "After the vote, the mayor re-engaged in the talks on fees.",
            "negation",
        ),
        ("The mayor has never treated Saltby as her main partner.", "From the outset Saltby has been her main partner.", "negation"),
        (
            "The port could suspend deliveries while expanding its sales of grain.",
            "The port could suspend deliveries and halt the sale of grain.",
            "antonym",
        ),
        (  # two negations in the claim: the refusal is the evidence's, the failure to push says the opposite of "prompting"
            "The union's refusal to concede anything fails to push the mayor towards a more decisive course.",
            "The union refuses to make any concessions, prompting the mayor to adopt a more decisive course.",
            "negation",
        ),
        (  # both negate, but not the same thing: what one negates the other affirms
            "The mayor managed to convince the union to sign the deal and declined to take on the council's plan.",
            "The mayor not only failed to persuade the union to sign the deal, but went so far as to adopt the council's plan.",
            "negation",
        ),
        (  # seeking an understanding is the soft line
            "Those pressing for a tougher line on Saltby have had the greater say over the council's approach.",
            "Those seeking an understanding with Saltby have had the greater say over the council's approach.",
            "antonym",
        ),
        (  # a phrase for unimportance meets "critical"
            "Whether the guilds stay united would matter little for the port's future.",
            "The unity of the guilds would become critical to the port's future.",
            "antonym",
        ),
    ],
)
def test_polarity_flips_are_contradictions(claim: str, evidence: str, check: str) -> None:
    assert labels(check_polarity(claim, evidence)) == [(Label.CONTRADICTED, check)]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The mayor did not visit the port at any time.", "The mayor never visited the port."),
        ("The talks were not a failure.", "The talks were a success."),
        ("He has openly wanted to win the cup.", "He has made no secret of his desire to win the cup."),
        ("Most residents backed the plan.", "64% of residents backed the plan."),
        ("The union opposes the merger.", "The union is sceptical of the merger."),
        ("The union rejected the offer, but the council accepted it.", "The union refused the offer, but the council accepted it."),
        ("The city might again stop sharing data with the port.", "The city could once again suspend the sharing of data with the port."),
        ("The city briefly halted deliveries to the port.", "The brief suspension of deliveries to the port hurt trade."),
        ("As the brief reports, the port has long been the busiest.", "The port has long been the busiest."),  # a document
        ("The brief says the lengthy talks failed.", "The lengthy talks failed."),  # "brief" the document, not "short"
        ("The port held back from launching fresh routes.", "The port refrained from launching any new routes."),
        ("Mayor Lind does not see Lindau and Berg as equal partners.", "Mayor Lind sees Berg as a burden on the budget."),
        ("Lindau grew ever more frustrated with Saltby.", "Saltby faced less pressure from Lindau but was less willing to yield."),
        ("The port would rule out any rise in fees.", "Any rise in fees would be off the table."),
        ("A rise in fees is out of the question.", "The port has ruled out any rise in fees."),
        ("The talks have not included union officials.", "Union officials have not been involved in the talks."),  # subject and object
        (  # the claim says both poles: its "began" is the evidence's "launch", its "ended" another thing
            "The summit, the first since the strike began, likewise ended without a deal.",
            "The summit, the first since the launch of the strike, also failed to produce a deal.",
        ),
        (  # both poles said on both sides: which replaced which is a matter of roles
            "Before long, however, the carrot took the place of the stick.",
            "However, the stick was soon replaced by the carrot: in coordination with the other side, the council drafted a "
            "28-point plan that incorporated a number of the union's demands, including a cap on the size of the fleet.",
        ),
    ],
)
def test_faithful_paraphrases_keep_their_polarity(claim: str, evidence: str) -> None:
    assert check_polarity(claim, evidence) == []


# -- names ---------------------------------------------------------------------------------------------
def _entity(name: str, kind: str, aliases: tuple[str, ...], roles: tuple[str, ...] = ()) -> Entity:
    return Entity(name.lower().replace(" ", "-"), name, kind, aliases, roles, ())  # type: ignore[arg-type]


CORPUS = [
    "The harbour master Anna Berg reopened the bridge in Norrvik. Mayor Tomas Lind praised her.",
    "Berg met traders in Saltby, and the mayor answered questions from the press about Russia.",
]
CATALOGUE = EntityCatalogue(
    (
        _entity("Anna Berg", "person", ("Anna Berg", "Berg"), ("harbour master",)),
        _entity("Tomas Lind", "person", ("Tomas Lind", "Lind"), ("mayor",)),
        _entity("Eva Holm", "person", ("Eva Holm", "Holm", "Lind's deputy")),
        _entity("Norrvik", "place", ("Norrvik",)),
        _entity("Saltby", "place", ("Saltby",)),
    )
)


@pytest.fixture(scope="module")
def names() -> CorpusNames:
    return CorpusNames(CORPUS, CATALOGUE)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Berg reopened the bridge in Norrvik.", []),
        ("Tomas Lind reopened the bridge in Norrvik.", [(Label.CONTRADICTED, "name")]),
        ("Anna Berg reopened the bridge in Saltby.", [(Label.CONTRADICTED, "name")]),
        ("Olaf Krantz reopened the bridge in Norrvik.", [(Label.NOT_FOUND, "name")]),
        ("Anna Berg, the mayor, reopened the bridge.", [(Label.CONTRADICTED, "role")]),
        ("Anna Berg, Lind's deputy, reopened the bridge.", [(Label.CONTRADICTED, "role")]),
        ("Tomas Lind, the town's harbour master, reopened the bridge.", [(Label.CONTRADICTED, "role")]),  # an owner before the role
        ("Anna Berg serves as the mayor and reopened the bridge.", [(Label.CONTRADICTED, "role")]),
        ("Anna Berg was appointed mayor and reopened the bridge.", [(Label.CONTRADICTED, "role")]),
        ("The port, whose harbour master is Mayor Tomas Lind, reopened the bridge.", [(Label.CONTRADICTED, "role")]),
        ("Anna Berg, a keen sailor, is the mayor who reopened the bridge.", [(Label.CONTRADICTED, "role")]),  # past an appositive
        ("Anna Berg holds the post of mayor and reopened the bridge.", [(Label.CONTRADICTED, "role")]),
        ("Tomas Lind, Holm's deputy, reopened the bridge.", [(Label.CONTRADICTED, "role")]),  # the tie turned around
        ("Eva Holm is the boss of Tomas Lind and reopened the bridge.", [(Label.CONTRADICTED, "role")]),  # its other side
        ("Anna Berg reopened the Russia-built bridge in Norrvik.", []),  # "Russia-built" names Russia, which the corpus names
    ],
)
def test_names_must_be_the_evidence_names(names: CorpusNames, claim: str, expected: list[tuple[Label, str]]) -> None:
    evidence = "The harbour master Anna Berg reopened the bridge in Norrvik."
    assert labels(check_names(claim, evidence, " ".join(CORPUS), names)) == expected


def test_a_name_after_a_preposition_and_a_determiner_is_no_doer(names: CorpusNames) -> None:
    """"The people closest to the mayor have shaped it": the mayor shaped nothing, so a passage where the mayor is
    swayed by others is no swap of roles."""
    from assistant.answering.verification.relations import check_relations

    claim = "The people closest to the mayor have strongly shaped Norrvik policy on the dispute."
    assert check_relations(claim, "Saltby has long sought to sway the mayor on the dispute.", names) == []
    assert check_relations("The mayor has strongly shaped Norrvik policy.", "Saltby has long sought to sway the mayor.", names)


def test_near_verbatim_claims_are_checked_slot_by_slot(names: CorpusNames) -> None:
    evidence = "Berg failed to persuade Lind to meet in Norrvik."
    swapped_names = check_names("Lind failed to persuade Berg to meet in Norrvik.", evidence, evidence, names)
    assert labels(swapped_names) == [(Label.CONTRADICTED, "name")]
    listed = "A meeting between Berg and Lind took place in Norrvik."
    assert check_names("A meeting between Lind and Berg took place in Norrvik.", listed, listed, names) == []
    claim = "It faced more pressure, but it was less inclined to yield."
    given = "It faced less pressure, but it was more inclined to yield."
    assert labels(check_polarity(claim, given)) == [(Label.CONTRADICTED, "antonym")]


def test_metonyms_and_roles_name_the_same_party(names: CorpusNames) -> None:
    assert check_names("Moscow answered questions from the press.", "Russia answered questions from the press.", CORPUS[1], names) == []
    assert check_names("Tomas Lind answered questions.", "The mayor answered questions.", CORPUS[1], names) == []


def test_unknown_capitalised_words_are_names_without_a_catalogue() -> None:
    plain = CorpusNames(CORPUS)
    evidence = "The harbour master Anna Berg reopened the bridge in Norrvik."
    assert labels(check_names("A Swedish harbour master reopened the bridge.", evidence, CORPUS[0], plain)) == [(Label.NOT_FOUND, "name")]
    assert check_names("In Norrvik, Berg reopened the bridge.", evidence, CORPUS[0], plain) == []


# -- the judge's reply -------------------------------------------------------------------------------
PASSAGE = "The council approved the budget on Monday. The vote was close."


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"verdict": "SUPPORTED", "quote": "The council approved the budget"}', None),
        ('{"verdict": "SUPPORTED", "quote": "The council rejected the budget"}', Label.NOT_FOUND),
        ('{"verdict": "SUPPORTED", "quote": ""}', Label.NOT_FOUND),
        ('{"verdict": "CONTRADICTED", "quote": "The vote was close."}', Label.CONTRADICTED),
        ('{"verdict": "NOT_FOUND", "quote": ""}', Label.NOT_FOUND),
        ('{"verdict": "PROBABLY"}', Label.NOT_FOUND),
        ("Sure! The claim is supported.", Label.NOT_FOUND),
        ('["SUPPORTED"]', Label.NOT_FOUND),
    ],
)
def test_judge_reply_counts_only_when_well_formed_and_quoted(reply: str, expected: Label | None) -> None:
    objection = read_reply(reply, PASSAGE)
    assert (objection.label if objection else None) is expected


# -- the checker: vetoes first, the judge may only downgrade ---------------------------------------------
def _passage(text: str) -> Passage:
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    return Passage(chunk, 1, 1.0)


class CountingJudge:
    def __init__(self, objection: Objection | None) -> None:
        self.objection, self.calls = objection, 0

    def judge(self, claim: str, evidence: Evidence) -> Objection | None:
        self.calls += 1
        return self.objection


def _check(text: str, passage: Passage, judge: CountingJudge | None) -> Label:
    embedder = HashingEmbeddings()
    (verdict,) = check_claims(
        [Claim(text, ())],
        [passage],
        embed=embedder.encode,
        sentence_vectors=lambda chunk: embedder.encode([chunk.text[s:e] for s, e in chunk.sentences]),
        names=CorpusNames([passage.chunk.text]),
        judge=judge,
    )
    return verdict.label


def test_a_judge_never_overrules_a_veto_and_is_not_asked() -> None:
    passage = _passage("The council approved a 28-point budget plan on Monday.")
    lenient = CountingJudge(None)
    assert _check("The council approved a 20-point budget plan on Monday.", passage, lenient) is Label.CONTRADICTED
    assert lenient.calls == 0


def test_similarity_alone_never_supports_when_the_judge_objects() -> None:
    passage = _passage("The council approved the budget plan on Monday after a long debate.")
    claim = "The council approved the budget plan on Monday after a debate."
    assert _check(claim, passage, None) is Label.SUPPORTED
    doubting = CountingJudge(Objection(Label.NOT_FOUND, "judge", "no support"))
    assert _check(claim, passage, doubting) is Label.NOT_FOUND and doubting.calls >= 1


def test_verbatim_sentence_is_supported_without_asking_the_judge() -> None:
    passage = _passage("The council approved the budget. The vote was close.")
    judge = CountingJudge(Objection(Label.NOT_FOUND, "judge", "no support"))
    assert _check("The vote was close.", passage, judge) is Label.SUPPORTED and judge.calls == 0


def test_off_topic_sentence_is_not_found() -> None:
    assert _check("Bananas are an excellent source of potassium.", _passage("The council approved the budget."), None) is Label.NOT_FOUND


def test_draft_claims_move_markers_off_the_text() -> None:
    assert draft_claims("The vote was close [2]. Yes. The council met.[1][3]") == [
        Claim("The vote was close.", (2,)),
        Claim("The council met.", (1, 3)),
    ]


def test_a_marker_before_a_capital_ends_a_sentence_that_has_no_stop() -> None:
    assert draft_claims("Anna Berg, Norrvik Harbour Office [1] The council met in May [2]. It voted [3] and then [4] adjourned.") == [
        Claim("Anna Berg, Norrvik Harbour Office", (1,)),
        Claim("The council met in May.", (2,)),
        Claim("It voted and then adjourned.", (3, 4)),
    ]


def test_a_name_that_stands_for_one_the_corpus_uses_is_known(names: CorpusNames) -> None:
    evidence = "The harbour master Anna Berg reopened the bridge in Norrvik."
    (objection,) = check_names("Anna Berg reopened the bridge in Norrvik for the Russians.", evidence, evidence, names)
    assert objection.reason == "the passage does not name Russians"  # not "the brief": it names Russia
