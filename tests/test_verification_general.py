"""The deterministic checks on everyday sentence pairs of no one corpus: each kind of contradiction
is caught, and the faithful rewording of the same sentence is kept."""

from __future__ import annotations

import pytest

from assistant.answering.verification.names import CorpusNames
from assistant.answering.verification.verdicts import Label
from tests.verification_pairs import pair_names, verdict


@pytest.fixture(scope="module")
def names() -> CorpusNames:
    return pair_names()


# (claim, evidence, check): the evidence contradicts the claim.
CONTRADICTIONS = [
    ("In May, the mayor paid a triumphant visit to the port.", "The mayor's disastrous visit to the port in May ended it.", "antonym"),
    ("The results of the survey suggest that opinion has stayed stable.", "The survey's results suggest a shift in opinion.", "antonym"),
    ("The dam would increase the danger of a wider flood downstream.", "The dam would reduce the risk of a larger-scale flood.", "antonym"),
    # roles: relation words naming one action meet ("temper" and "moderate")
    (
        "Anna Berg has tried to temper the stance of the Saltby council by pressing it to back lower tariffs.",
        "The Saltby council has sought to moderate Anna Berg's stance by urging her to support lower tariffs.",
        "role",
    ),
    # antonyms, inflected forms included ("waning", "fell", "relaxed")
    ("Ticket sales at the stadium fell sharply last season.", "Ticket sales at the stadium rose sharply last season.", "antonym"),
    ("The regulator relaxed the rules for small lenders.", "The regulator tightened the rules for small lenders.", "antonym"),
    ("The mayor's reform proved a failure.", "The mayor's reform was widely seen as a success.", "antonym"),
    ("Relations between the two firms have improved steadily.", "Relations between the two firms have steadily deteriorated.", "antonym"),
    ("The company's debt shrank over the decade.", "Over the decade the company's debt kept growing.", "antonym"),
    ("The board took a softer line on executive pay.", "The board adopted a tougher stance on executive pay.", "antonym"),
    ("The coach downplayed the importance of the final.", "The coach stressed the importance of the final.", "antonym"),
    ("Public support for the tunnel project is growing.", "Public support for the tunnel project is waning.", "antonym"),
    (
        "After the festival, the mayor withdrew from the harbour talks.",
        "The mayor re-engaged in the harbour talks after the festival.",
        "antonym",
    ),
    (
        "The plan foresees calm in the valley built on confrontation with Norrvik.",
        "The plan envisages calm in the valley based on an agreement with Norrvik.",
        "antonym",
    ),
    (
        "The new law made it easier for tenants to challenge evictions.",
        "The new law made it harder for tenants to challenge evictions.",
        "antonym",
    ),
    ("Negotiations over the border made rapid progress.", "Negotiations over the border reached a stalemate.", "antonym"),
    ("The factory always meets its targets.", "The factory rarely meets its targets.", "antonym"),
    (
        "It faced heavier pressure, though it was less inclined to yield.",
        "It faced less pressure, but it was also less inclined to yield.",
        "antonym",
    ),
    # negation cues
    ("The council approved the harbour budget.", "The council has yet to approve the harbour budget.", "negation"),
    ("The firm still publishes its emissions data.", "The firm no longer publishes its emissions data.", "negation"),
    ("The minister commented on the leak.", "The minister declined to comment on the leak.", "negation"),
    ("The plan was drawn up with input from local farmers.", "The plan was drawn up without any input from local farmers.", "negation"),
    ("The bank disclosed its losses to investors.", "The bank hardly disclosed its losses to investors.", "negation"),
    ("The prize did not go to Anna Berg.", "The prize went to Anna Berg.", "negation"),
    ("The museum will reopen in spring.", "The museum will not reopen in spring.", "negation"),
    ("The firm stopped publishing its emissions data.", "The firm still publishes its emissions data.", "negation"),
    # roles: who did what to whom
    ("Anna Berg was defeated by Tomas Lind in the runoff.", "Anna Berg defeated Tomas Lind in the runoff.", "role"),
    ("Tomas Lind, a Berg campaign donor, bought the newspaper.", "Anna Berg, a Lind campaign donor, bought the newspaper.", "role"),
    ("The league fined the club after pressure from the sponsors.", "The sponsors fined the club after pressure from the league.", "role"),
    ("Lind put heavy pressure on Berg before the vote.", "The vote followed heavy pressure from Berg on Lind.", "role"),  # chained
    ("Exports flow from Norrvik to Saltby.", "Exports flow from Saltby to Norrvik.", "role"),
    ("Lind is Berg's deputy.", "Berg is Lind's deputy.", "role"),
    (
        "At the summit, Berg went so far as to take on Lind's narrative as her own.",
        "Lind not only failed to win the vote, but went so far as to adopt the Norrvik narrative as his own.",
        "role",
    ),  # the owner of the narrative moved to its adopter
    (
        "In the dry-year case, Berg makes small concessions like a short pause, while Lind is pushed into large compromises.",
        "In the dry-year case, Lind offers small concessions, such as a short pause, while Berg is forced to make large compromises.",
        "role",
    ),  # each contrasted clause said of the other's party
    (  # a contrast fronted before the subject; the evidence's "it" after a colon is the party named before it
        "Compared with Norrvik, Saltby has faced less pressure from the council.",
        "Norrvik is in another position: it has faced less pressure from the council, but it has been less willing to yield.",
        "role",
    ),
    ("Berg has donated to the campaign of Tomas Lind, who bought it.", "Tomas Lind, a Berg campaign donor, bought it.", "role"),
    ("Saltby may in turn press Norrvik to cut its fees.", "Saltby may also come under Norrvik pressure to cut its fees.", "role"),
    ("Tomas Lind, whose campaign received donations from Berg, bought it.", "Tomas Lind, a Berg campaign donor, bought it.", "role"),
    (  # what stands after "for any" holds the place of the relation word
        "The union wants pay cuts as a precondition for any new contracts.",
        "The union wants new contracts as a precondition for any pay cuts.",
        "role",
    ),
    ("The tenants sued the landlord over the repairs.", "The landlord sued the tenants over the repairs.", "role"),
    ("The students interviewed the professor for the paper.", "The professor interviewed the students for the paper.", "role"),
    ("Tomas Lind was replaced as editor by Anna Berg.", "Tomas Lind replaced Anna Berg as editor.", "role"),
    # a name right after the same word, the other party of the evidence in its place
    ("At one stage Lind represented Saltby in its talks with Norrvik.", "Lind once represented Norrvik in talks with Saltby.", "role"),
    (
        "The council ramped up its pressure on Saltby, forcing it to take the plan.",
        "The council stepped up pressure on Norrvik to accept a plan for Saltby.",
        "role",
    ),
    ("Ideally the two firms would see their ties grow stronger.", "Ideally, the two firms would weaken their ties.", "antonym"),
    ("The board reworked the plan to Saltby's detriment.", "The board reworked the plan in Saltby's favour.", "antonym"),
    ("The council has scaled down its support for the harbour.", "The council has intensified its support for the harbour.", "antonym"),
    ("She has long kept her wish for the cup to herself.", "She has long made no secret of her desire to win the cup.", "antonym"),
    (
        "The board expected the union to refuse any deal on wages.",
        "The board assumed the union would be willing to reach an agreement on wages.",
        "negation",
    ),
    ("The union's refusal to compromise will not decide the vote.", "The union's refusal to compromise will decide the vote.", "negation"),
    ("The mayor's backing will play only a minor role.", "The mayor's backing will play a critical role.", "antonym"),
    ("Berg tried to soften Lind's stance on the budget.", "They sought to soften Berg's stance on the budget.", "role"),  # changed sides
    # numbers and quantifiers
    ("The committee has nine members.", "The committee has seven members.", "number"),
    ("Turnout was about 40 per cent.", "Turnout was 62%.", "number"),
    ("The ferry crossed the strait three times a day.", "The ferry crossed the strait twice a day.", "number"),
    ("It was the club's second title.", "It was the club's fourth title.", "number"),
    ("The three candidates back the tax.", "Both candidates back the tax.", "number"),
    ("The index fell by a quarter.", "The index fell by 40 percent.", "number"),
    ("About half of the exporters say sales fell.", "Roughly seven in ten exporters say sales fell.", "number"),
    ("Fewer than a tenth of the homes have been built.", "Less than a third of the homes have been built.", "number"),
    ("The chief executive denied that the launch had been rushed.", "The launch was rushed, the chief executive conceded.", "antonym"),
    ("More than 70% of members voted yes.", "Some 55% of members voted yes.", "number"),
    ("The inspector visited the mine only once, in May.", "The inspector visited the mine in March, April and May.", "number"),
    ("All of the residents signed the petition.", "Most of the residents signed the petition.", "quantifier"),
    ("Few economists back the tax.", "Most economists back the tax.", "quantifier"),
    ("Most observers expect the truce to hold.", "Only a small number of observers expect the truce to hold.", "quantifier"),
    ("Both parties endorsed the bill.", "Only one of the parties endorsed the bill.", "quantifier"),
    ("Most teachers oppose the reform.", "Only a minority of teachers oppose the reform.", "quantifier"),
    # a partitive counts the noun after "of"; a negating verb meets a word naming the same action
    ("The club held a single round of talks with the league.", "The club held repeated talks with the league.", "quantifier"),
    ("The mayor refrains from using her veto to slow the budget.", "The mayor exploits her veto to slow the budget.", "negation"),
    ("The council refused to let residents buy the land.", "The council gave residents approval to purchase the land.", "negation"),
    # a name put in another's place, past an aside between commas
    (
        "Berg assumed that Saltby, faced with rising costs, would accept a deal on the port.",
        "Berg also assumed that, faced with rising costs, Norrvik would accept a deal on the port. Saltby stayed out.",
        "name",
    ),
    ("Reports tell of only sporadic, low-key talks on trade.", "Reports tell of intense talks on trade.", "antonym"),
    ("The council would withhold grain from Saltby.", "The council continues to provide Saltby with grain.", "antonym"),
    ("The council would block further purchases of boats.", "The council facilitates further purchases of boats.", "antonym"),
    ("Her campaign reflects a persistent self-doubt.", "Her campaign reflects an unwavering optimism.", "antonym"),
    # a negating verb of two objects in the passive withholds what follows it, not its subject
    (
        "In this plan, Vardholm would be denied council approval to buy more land.",
        "In this plan, Dravenia would likely keep receiving support from the council and secure its approval to purchase more land.",
        "negation",
    ),
    (
        "Ideally, the council wants its ties with the port deepened.",
        "Ideally, the council wants to weaken its ties with the port.",
        "antonym",
    ),
    # everyday opposites, irregular forms included ("withheld", "upheld", "laid off")
    ("The council ignored the warnings.", "The council heeded the warnings.", "antonym"),
    ("The bank withheld the second tranche.", "The bank released the second tranche.", "antonym"),
    ("The court upheld the ruling.", "The court overturned the ruling.", "antonym"),
    ("The company hired 200 workers.", "The company laid off 200 workers.", "antonym"),
    ("The minister underestimated the costs.", "The minister overestimated the costs.", "antonym"),
    ("Investors were reassured by the report.", "Investors were alarmed by the report.", "antonym"),
    ("The mayor backed down on the tax.", "The mayor stood firm on the tax.", "antonym"),
    ("The board avoided any comment on the merger.", "The board commented on the merger.", "negation"),
    # a word against itself with a negating prefix
    ("A ceasefire is likely before the harvest.", "A ceasefire is unlikely before the harvest.", "antonym"),
    ("The envoy was inexperienced in water diplomacy.", "The envoy was experienced in water diplomacy.", "antonym"),
    ("The two ministers disagreed on the tariff.", "The two ministers agreed on the tariff.", "antonym"),
    # opposite words, placed by the nearest shared neighbours when the passage uses both sides
    (
        "The board would scrap most of the rules already in force.",
        "The board would keep most of the existing rules; it could drop a few.",
        "antonym",
    ),
    (
        "Shareholders grew more and more pleased with the chairman's flexibility.",
        "Shareholders grew increasingly frustrated with the chairman's intransigence.",
        "antonym",
    ),
    (
        "The minister dismissed the idea that a tax cut could revive growth.",
        "The minister assumed that a tax cut could revive growth.",
        "antonym",
    ),
    (
        "After the election the governor stayed out of the wage talks.",
        "After the election the governor re-engaged in the wage talks.",
        "antonym",
    ),
    ("The council's funding of the museum has been consistent.", "The council's funding of the museum has shown volatility.", "antonym"),
    ("A fare rise would remain on the table.", "A fare rise would be off the table.", "negation"),  # "off the table" negates the rise
    ("The aides have had only a marginal influence on the budget.", "The budget has been heavily influenced by the aides.", "antonym"),
    ("The outcome of the wage talks is by now clear-cut.", "The outcome of the wage talks remains uncertain.", "antonym"),
    ("The club would keep every one of its current sponsors.", "The club would keep most of its current sponsors.", "quantifier"),
    (
        "Thanks to weeks of lobbying, the council managed to set up a wage fund.",
        "Despite weeks of lobbying, the council failed to achieve its aim: the setting up of a wage fund.",
        "negation",
    ),
    ("Months of meetings moved the wage talks forward.", "Despite months of meetings, the wage talks made no progress.", "negation"),
    (
        "The mayor often managed to persuade Norrvik of her goodwill.",
        "Norrvik changed its approach to the mayor and often succeeded in convincing her of its goodwill.",
        "role",
    ),
    (
        "Norrvik tested how much pressure it could put on the Berg administration.",
        "The administration tested its ability to exert pressure on Norrvik.",
        "role",
    ),
    ("The council is unlikely ever to cut the harbour fees.", "The council could significantly cut the harbour fees.", "negation"),
    (  # the place after "the responsibility for the failure" is the failure's too, whatever the word for the blame
        "The council has focused on shifting the blame for the failure onto the tenants.",
        "The tenants have focused on shifting the responsibility for the failure onto the council.",
        "role",
    ),
    (  # what stands before "is not among" is negated
        "Cutting the ferry fees is not among the goals the mayor hopes for.",
        "The overarching objective of the council is to cut the ferry fees.",
        "negation",
    ),
    ("Berg never expected that Lind would accept the harbour deal.", "Berg assumed that Lind would accept the harbour deal.", "negation"),
    ("A cut in harbour fees has been kept off the table in the talks.", "The talks may also involve a cut in harbour fees.", "negation"),
    ("Saltby has reportedly ruled out a return to the market.", "Saltby is reportedly considering a return to the market.", "negation"),
    (
        "From the start, the council has broadened the role of its partners.",
        "From the outset, the council has limited the role of its partners.",
        "antonym",
    ),
    ("Lind does not have to make any concessions in the deal.", "Lind is forced to make significant concessions in the deal.", "negation"),
    ("Lind had weaker influence over the council than Berg.", "Lind has exerted greater influence over the council.", "antonym"),
    ("In May, Saltby lifted the tariffs on Norrvik.", "In May, Saltby announced the imposition of tariffs on Norrvik.", "antonym"),
]


@pytest.mark.parametrize(("claim", "evidence", "check"), CONTRADICTIONS)
def test_contradictions_of_each_kind_are_caught(names: CorpusNames, claim: str, evidence: str, check: str) -> None:
    assert verdict(claim, evidence, names) == (Label.CONTRADICTED, check)


# (claim, evidence): the claim says what the evidence says, in other words.
FAITHFUL = [
    ("Lind once represented Norrvik in talks with Saltby.", "Lind at one stage represented Norrvik in talks with Saltby."),
    ("The council put more pressure on Norrvik.", "The council stepped up pressure on Norrvik to accept a plan for Saltby."),
    ("Ticket sales at the stadium went up sharply last season.", "Ticket sales at the stadium rose sharply last season."),
    ("Relations between the two firms have got steadily worse.", "Relations between the two firms have steadily deteriorated."),
    ("The company's debt kept rising over the decade.", "Over the decade the company's debt kept growing."),
    ("The board took a harder line on executive pay.", "The board adopted a tougher stance on executive pay."),
    ("The council has not yet approved the harbour budget.", "The council has yet to approve the harbour budget."),
    ("The striker did not score in the final.", "The striker failed to score in the final."),
    ("The minister would not comment on the leak.", "The minister declined to comment on the leak."),
    (
        "The talks stalled because the union was unwilling to make any compromise.",
        "The talks made no progress, as the union showed no willingness to compromise.",
    ),
    ("He has long openly wanted the cup.", "He has long made no secret of his desire to win the cup."),
    (
        "Compared with Saltby, Norrvik has faced less pressure from the council.",
        "Norrvik, unlike Saltby, is in another position: it has faced less pressure from the council.",
    ),
    ("Norrvik, Saltby and the council have faced pressure.", "Pressure was faced by Norrvik, Saltby and the council alike."),
    ("Tomas Lind, who has donated to Berg's campaign, bought the paper.", "Tomas Lind, a Berg campaign donor, bought the paper."),
    ("Berg's campaign received donations from Tomas Lind, who bought it.", "Tomas Lind, a Berg campaign donor, bought it."),
    (
        "The union pressed the mayor to make new contracts a precondition for any pay cuts.",
        "The union urged the mayor to offer new contracts as a precondition for any pay cuts.",
    ),
    ("Norrvik may push Saltby to cut its fees.", "Saltby may come under Norrvik pressure to cut its fees."),
    ("Tomas Lind lost the runoff to Anna Berg.", "Anna Berg defeated Tomas Lind in the runoff."),
    ("Norrvik often persuaded the mayor of its goodwill.", "Norrvik often succeeded in convincing her of its goodwill."),
    ("Tomas Lind was defeated by Anna Berg in the runoff.", "Anna Berg defeated Tomas Lind in the runoff."),
    ("Exports go to Norrvik from Saltby.", "Exports flow from Saltby to Norrvik."),
    ("Anna Berg met Tomas Lind in Saltby.", "Tomas Lind and Anna Berg met in Saltby."),
    ("Lind, Berg's deputy, chaired the session.", "Berg's deputy Lind chaired the session."),
    (
        "In the dry-year case, Lind makes small concessions like a short pause, while Berg is pushed into large compromises.",
        "In the dry-year case, Lind offers small concessions, such as a short pause, while Berg is forced to make large compromises.",
    ),
    ("Lind went so far as to take on the Norrvik narrative as his own.", "Lind went so far as to adopt the Norrvik narrative as his own."),
    ("Lind, a protégé of Berg, chaired the session.", "Berg's protégé Lind chaired the session."),
    ("Turnout was more than 60 per cent.", "Turnout was 62%."),
    ("Turnout was nearly 65 per cent.", "Turnout was 62%."),
    ("The ferry crossed the strait two times a day.", "The ferry crossed the strait twice a day."),
    ("The inspector visited the mine three times, in March, April and May.", "The inspector visited the mine in March, April and May."),
    ("The majority of economists support the tax.", "Most economists back the tax."),
    ("Every bank passed the stress test.", "All the banks passed the stress test."),
    ("The factory seldom hits its targets.", "The factory rarely meets its targets."),
    ("Not only did the plan cut costs, it also raised quality.", "The plan not only cut costs but also raised quality."),
    ("Inflation eased in March after rising in February.", "After rising in February, inflation eased in March."),
    ("The deal lowers costs and speeds up delivery.", "The agreement reduces costs and accelerates delivery."),
    ("Sponsors pushed the league to fine the club.", "The league fined the club after pressure from the sponsors."),
    ("The company missed its deadline.", "The company failed to meet its deadline."),
    ("As a result, the minister missed the council's real aim.", "As a result, the minister overlooked the council's real aim."),
    ("Anna Berg has tried to moderate the council's stance.", "Anna Berg has sought to temper the council's stance."),
    ("The risk of a bigger flood would be lowered by the dam.", "The dam would reduce the risk of a larger-scale flood downstream."),
    ("The star turned down the interview.", "The star refused to give the interview."),
    ("The report does not identify who was responsible.", "The report does not name the officials responsible."),
    ("The measure did not win the backing of northern voters.", "Voters in the north did not back the measure."),
    ("The city, which had long resisted the plan, finally approved it.", "After years of resistance, the city finally approved the plan."),
    ("The professor was interviewed by the students for the paper.", "The students interviewed the professor for the paper."),
    ("The senate narrowly passed the bill.", "The bill passed the senate with a narrow margin."),
    ("Turnout was nearly two-thirds.", "Turnout was 62%."),
    ("Anna Berg was replaced as editor by Tomas Lind.", "Tomas Lind replaced Anna Berg as editor."),
    ("About 70 per cent of the exporters say sales fell.", "Roughly seven in ten exporters say sales fell."),
    ("The museum will stay closed in spring.", "The museum will not reopen in spring."),
    ("The firm stopped publishing its emissions data.", "The firm no longer publishes its emissions data."),
    ("The two candidates both back the tax.", "Both candidates support the tax."),
    ("Both the army and the police answer to the ministry.", "The ministry controls the army as well as the police."),
    ("The scheme has so far failed to attract private investors.", "Private investors have so far shown no interest in the scheme."),
    (
        "Prices for heating oil have fallen for three consecutive months.",
        "Heating oil has become cheaper in each of the last three months.",
    ),
    ("The prime minister stayed away from the summit.", "The prime minister did not attend the summit."),
    (
        "Talks broke down after the employers rejected the unions' demand.",
        "Talks collapsed when management turned down the unions' demand.",
    ),
    ("The harbour suffered only slight damage in the storm.", "The storm caused minor damage to the harbour."),
    ("There is no penalty clause in the contract.", "The contract contains no penalty clause."),
    ("The campaign was a PR win for the council.", "The campaign was a public relations coup for the council."),
    (
        "In early June the firm briefly paused deliveries.",
        "After a strike in late April, the brief pause in deliveries came in early June.",
    ),
    ("The mayor declined to use her veto.", "The mayor chose not to employ her veto."),
    ("In spring a ceasefire was not likely.", "In spring a ceasefire was unlikely."),
    ("The board did not secure the temporary truce it wanted.", "The board failed to achieve its aim: a temporary truce."),
    ("The union held several rounds of talks with the owners.", "The union held repeated talks with the owners."),
    ("Lind's stance was softened by Berg.", "Berg softened Lind's stance."),
    ("Norrvik and Saltby delegations signed the accord.", "A Saltby delegation and its Norrvik counterparts signed the accord."),
    ("People close to Berg have shaped the plan.", "The plan was shaped by Berg's inner circle."),
    ("Investors may use frozen Saltby assets.", "Investors may use Saltby's frozen assets."),
    ("Rising costs would make Norrvik willing to sign a deal.", "Faced with rising costs, Norrvik would be willing to sign a deal."),
    ("The Berg-Lind meeting took place in Norrvik.", "Anna Berg and Tomas Lind met in Norrvik."),
    ("Anna Berg wrote about the Norrvik-Saltby accord in May.", "In May, Anna Berg wrote an analysis of the Norrvik-Saltby accord."),
    ("Business now shapes the talks between Washington and Norrvik.", "Business now shapes the US-Norrvik talks."),
    (
        "Tariffs imposed on 22 October on Saltby's two biggest firms opened a new phase.",
        "A new phase began on 22 October with the imposition of tariffs on Saltby's two largest firms.",
    ),
    ("A new phase began on 22 October, when Saltby raised tariffs.", "A new phase of trade began on 22 October with tariffs from Saltby."),
    ("Lind said he could stop the dispute within a day.", "Lind claimed that he could end the dispute within a day."),  # one action
    (  # a phrase of time is not what a negation covers
        "Lind's late-May visit went badly, and in early June the ferry service was briefly suspended.",
        "Lind's disastrous visit in late May, and the brief suspension of the ferry service in early June",
    ),
    (
        "The farmers were not consulted before the fees were announced.",
        "Prior to the announcement of the fees, the farmers had not been consulted.",
    ),
    (  # a name in apposition holds the place of the noun it names; the possessive before that noun does not
        "A new phase opened on 22 October with tariffs on Berg and Lind, Norrvik's two biggest firms.",
        "A new phase began on 22 October with the imposition of tariffs on Norrvik's two largest firms, Berg and Lind, and hints of more.",
    ),
    ("The plan was backed in a statement by Finance Minister Anna Berg.", "It was backed in a statement by Minister of Finance Anna Berg."),
    ("Lind has never hidden his wish to win the cup.", "Lind has long made no secret of his desire to win the cup."),
    (  # a role place ends before a linking verb: "uncertain" holds no place of the outcome
        "The outcome of the council's stepped-up effort since May 2025 is still uncertain.",
        "Since May 2025 the council has clearly stepped up its effort; however, the outcome of these initiatives remains uncertain.",
    ),
    (  # "his predecessor's misguided policy" is the policy of his predecessor
        "In his view, the dispute dragged on because of his predecessor's misguided policy of pledging support to Saltby.",
        "In his view, the misguided policy of his predecessor, who pledged support for Saltby, was one reason the dispute dragged on.",
    ),
    ("The plan would deprive the port of any outside funding.", "The plan would leave the port without any outside funding."),
]


@pytest.mark.parametrize(("claim", "evidence"), FAITHFUL)
def test_faithful_rewordings_draw_no_objection(names: CorpusNames, claim: str, evidence: str) -> None:
    assert verdict(claim, evidence, names) is None
