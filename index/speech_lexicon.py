"""Word lists for finding who said what in news prose (`index.phrases`, `index.speakers`, `index.cast`).

Closed lists on purpose: attribution in news copy uses a small, stable vocabulary ("said", "told",
"spokesman", "Foreign Ministry"), and a list keeps extraction deterministic and cheap at ingest.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that attribute speech, past and present tense only: participles ("saying") hang off another
# verb's subject, and lowercase only, so headline capitals ("Russia Says") and "States" never match.
# Not "claims", "notes", "calls": after a name they are nouns more often than verbs ("U.S. claims").
SPEECH_VERBS = _words(
    """
    said says say added adds told tells wrote writes warned warns denied denies announced announces
    accused accuses claimed insisted insists noted stressed emphasized emphasised argued argues
    asserted declared confirmed acknowledged admitted vowed pledged urged urges rejected dismissed
    condemned responded replied reiterated explained tweeted posted alleged cautioned predicted
    threatened asked stated commented countered conceded complained recalled demanded promised
    """
)
# Verbs that report speech only with a speech-like complement, each with the words that license it
# after its object: "described the move as …", "likened the war to …", "called for …", "called on the
# West to …". A quotation in the verb's clause licenses them all ('slammed the decision as "reckless"',
# 'praised the "courage" of …'). Alone they are acts: "called the police", "praised the troops",
# "slammed the door", "compared prices".
CHARACTERIZING_VERBS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        """
        described describes characterized characterizes characterised branded brands labeled labelled
        hailed hails praised praises blasted slammed criticized criticised denounced lambasted
        """.split(),
        frozenset(("as",)),
    ),
    **dict.fromkeys("likened likens compared compares".split(), frozenset(("to",))),
    **dict.fromkeys("called calls".split(), frozenset(("for", "on"))),
}
# Of those, verbs a quotation right after does not license: "a group called “Azov”" names, not speaks.
NAMING_VERBS = _words("called calls branded brands labeled labelled")
# Verbs a quotation does not license at all: "U.S. calls “…”" is a headline noun more often than not.
COMPLEMENT_ONLY_VERBS = _words("calls")
# Verbs that may precede their speaker after a quote or a comma: '"…," said Peskov.'
INVERTING_VERBS = _words(
    "said says added adds wrote writes asked explained continued noted insisted stressed warned declared "
    "replied responded tweeted recalled argued"
)
# Verbs that continue the speaker's previous statement, so it lends them its date.
CONTINUING_VERBS = _words("added adds continued")

# Between a speaker and the verb: "Peskov also said", "the ministry on Thursday said".
GAP_WORDS = _words(
    """
    also later earlier previously then again repeatedly recently reportedly publicly separately further
    subsequently once initially quickly immediately flatly firmly simply openly privately explicitly
    formally officially categorically strongly sharply bluntly angrily already just has had have
    on this last week month morning afternoon evening night today yesterday tonight late early
    """
)
# A verb right after one of these is not a statement by the word before: "was told", "declined to say",
# "did not deny", "will announce".
BLOCKERS = _words(
    "was were is are be been being will would could should may might can must to not never did does do "
    "n't cannot"
)

WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec."
)

# Nouns for a person speaking in an office: "the spokesman", "a senior official", "the minister".
PERSON_NOUNS = _words(
    """
    spokesman spokeswoman spokesperson secretary minister president ambassador envoy official adviser
    advisor aide chief head leader director commander general governor mayor senator lawmaker
    representative deputy chairman chairwoman chair ceo founder analyst expert diplomat negotiator
    coordinator counterpart member commissioner prosecutor judge attorney colonel captain lieutenant
    sergeant admiral marshal officer executive economist professor premier chancellor source
    secretary-general coach manager player owner resident student worker soldier volunteer doctor
    nurse teacher journalist reporter correspondent author writer historian scholar researcher fellow
    partner strategist investor trader banker lawyer activist priest pastor rabbi refugee mother
    father wife husband son daughter friend fan veteran pilot engineer farmer scientist
    """
)
# Lowercase words of a speaker's title besides those nouns: "Pentagon press secretary", "a senior
# administration official". A speaker phrase is a run of capitalized words and these.
ROLE_WORDS = PERSON_NOUNS | _words(
    """
    press senior top former acting foreign defense defence interior national security vice prime
    assistant presidential military intelligence government administration state communications
    regional local
    """
)
# Capitalized titles (compared in lower case): "Foreign Minister Sergey Lavrov", "Gen. Mark Milley".
TITLE_WORDS = _words(
    """
    president minister secretary general ambassador spokesman spokeswoman spokesperson chancellor
    premier prime chief director chairman chairwoman commander governor mayor senator sen. rep. gov.
    gen. lt. col. adm. maj. capt. sgt. gen col adm dr. mr. mrs. ms. pope king queen prince envoy
    representative
    deputy vice press head leader adviser advisor aide foreign defense defence interior assistant
    secretary-general president-elect vice-president ceo attorney judge justice commissioner lieutenant
    colonel captain admiral marshal
    """
)
# Nouns heading an institution: "the Chinese Foreign Ministry", "Ukraine's military", "the company".
INSTITUTION_HEADS = _words(
    """
    ministry department office council commission agency service committee embassy command staff
    forces army navy military government parliament administration company firm bank court kremlin
    pentagon house guard police institute organization organisation union alliance party group
    corporation authority bureau directorate headquarters mission cabinet presidency secretariat
    spokesman's operator prosecutor's center centre legislature senate congress duma
    """
)
# Plural speakers kept as a group with no person behind them: "US officials said".
GROUP_NOUNS = _words(
    """
    officials authorities diplomats analysts experts lawmakers leaders ministers prosecutors
    investigators police sources witnesses residents observers critics activists commanders
    negotiators spokespeople officers democrats republicans
    """
)
# Words that may stand before a group or a role noun: "two senior US officials", "another diplomat".
QUANTIFIERS = _words("a an the one two three four five several some many other another both")
# Nouns that never speak: "the report said", "according to data".
NON_SPEAKERS = _words(
    """
    report reports statement document documents data study survey poll analysis estimate estimates
    figures record records letter post video footage filing memo readout transcript website message
    website page article story book law bill order decree resolution text assessment update news
    times journal telegraph herald tribune gazette magazine newspaper
    """
)
# Capitalized words that open sentences and are not names: "But Peskov said", "Others said".
SENTENCE_OPENERS = _words(
    """
    But And So Yet Still Now Then Meanwhile However Also Instead Earlier Later Separately
    Moreover Indeed Yesterday Today Others Some Many Both All Most Few Several Everyone Nobody This That
    These Those Such Here There When While After Before Since If Although Though Because What Why How
    Who Where Which Whether As Like Unlike Once Even Only Just Thus Hence Therefore Perhaps Maybe
    Finally Ultimately Overall Additionally Furthermore Nevertheless Nonetheless Instead Or Nor For
    With Without In On At By From To Of Under Over During Amid Despite Following Until Last Next
    They We You I Be Please Let People Everybody Somebody Anybody Nobody Someone Anyone No None One Each Every
    Either Neither
    """
)
# Lowercase words inside names: "Ursula von der Leyen", "Luiz Inacio Lula da Silva".
NAME_PARTICLES = _words("von van der de da di du la le al bin ibn el")

# Outlets and wires: "according to Reuters" cites a report, not a speaker. Compared in lower case.
MEDIA = frozenset(
    m.strip()
    for m in """
    cnn, reuters, ap, afp, bloomberg, tass, ria novosti, interfax, axios, politico, bbc, nbc, cbs, abc,
    msnbc, usa today, associated press, new york times, washington post, wall street journal, guardian,
    fox news, sky news, al jazeera, cnbc, npr, financial times
    """.split(",")
)

# Places and organisations often written alone where a speaker stands ("Moscow said"); they are
# institutions, never a "he" or "she".
NON_PERSONS = _words(
    """
    Russia Ukraine China America Britain Germany France Turkey Türkiye Iran Israel India Japan Poland
    Hungary Belarus Europe Canada Australia Italy Spain Sweden Finland Norway Estonia Latvia Lithuania
    Romania Moldova Georgia Kazakhstan Syria Taiwan Qatar Brazil Mexico Crimea Donbas Moscow Kyiv Kiev
    Beijing Washington London Berlin Paris Brussels Ankara Tehran Jerusalem Tokyo Pyongyang Warsaw
    Budapest Minsk Geneva Vienna Rome Istanbul Kremlin Pentagon NATO EU UN U.N. U.S. US UK U.K.
    Congress Senate Parliament Duma Gazprom Moscow's Kyiv's Twitter Facebook Meta Google Apple Microsoft
    Amazon Netflix Visa Mastercard Ukrainians Russians Americans Europeans Chinese Delhi Korea States
    Street Republic Kingdom North South East West United Nations Atlantic D.C. Affairs Development
    Health Services Relations Studies Economics Justice Finance Education Transport Energy Agriculture
    Emergencies
    """
)

# Titles that tell a speaker's gender, for "he"/"she" (not "his"/"her": "her spokesman Dmitry Peskov").
# Adjectives of nationality: never a name, and alone never a speaker ("Russian denied" lost its noun).
DEMONYMS = _words(
    """
    French German British Russian Ukrainian American European Western Eastern Polish Turkish Israeli
    Iranian Indian Japanese Hungarian Belarusian Italian Spanish Swedish Finnish Korean Chinese
    Estonian Latvian Lithuanian Romanian Moldovan Georgian Syrian Canadian Australian Dutch Belgian
    Danish Norwegian Czech Slovak Austrian Swiss Greek Bulgarian Serbian Croatian Kazakh Soviet
    """
)
NON_PERSONS = NON_PERSONS | DEMONYMS

FEMALE_WORDS = _words("spokeswoman chairwoman congresswoman businesswoman mrs. ms. queen")
MALE_WORDS = _words("spokesman chairman congressman businessman mr. king")

# Words describing the occasion of a speech, after the verb: "told reporters on a conference call on
# Thursday", "said in a statement on March 9", "wrote on Telegram late Monday".
TAIL_WORDS = _words(
    """
    on in at during a an the to with via from statement interview briefing conference news press call
    phone telephone video televised speech remarks address message post meeting reporters journalists
    a.m. p.m. late early earlier this last week morning afternoon evening night today yesterday tonight
    sidelines summit visit trip daily regular weekly nightly late-night online social media channel
    account tweet broadcast television radio session hearing show program appearance rally also again
    separately later comments comment
    """
)
