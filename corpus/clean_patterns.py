"""What boilerplate looks like in scraped news pages: the patterns `corpus.clean` applies.

Kept apart from the cleaning logic so that adding a pattern for a new site is a one-line change here.
Short, generic phrases that also occur inside real sentences ("Subscribe", "Related") only count when
they are the whole line; phrases distinctive enough ("funded by our readers", "we use cookies") mark the
whole line wherever they appear. Matching is case-insensitive except where a capital is the signal.
"""

from __future__ import annotations

import re


def _whole_line(*alternatives: str) -> re.Pattern[str]:
    # Optional bullets/punctuation around the phrase: menus often render as "• Share" or "Subscribe »".
    body = "|".join(f"(?:{a})" for a in alternatives)
    return re.compile(rf"^[\s\W]*(?:{body})[\s.!:»›>|*•·–—-]*$", re.IGNORECASE)


PromoRule = tuple[tuple[str, ...], re.Pattern[str]]


def _rules(*rules: tuple[str | tuple[str, ...], str]) -> tuple[PromoRule, ...]:
    return tuple(
        ((triggers,) if isinstance(triggers, str) else triggers, re.compile(pattern, re.IGNORECASE))
        for triggers, pattern in rules
    )


# Lines that are boilerplate when they are the whole line (navigation, widgets, form labels). None is
# longer than this (a Markdown link line with its URL is the longest); longer lines are not tried.
WHOLE_LINE_MAX_CHARS = 400
# A section heading ("Read more on ...", "© 2026 ... All rights reserved.") is never longer than this.
HEADING_MAX_CHARS = 200
WHOLE_LINE_BOILERPLATE = _whole_line(
    r"skip to (?:the )?(?:main )?(?:content|navigation|search)",
    r"(?:open |close |toggle )?(?:menu|navigation|search)",
    r"home|back to top|close|cancel|send|print|copy(?: link)?|copied|flip|more|share|email|e-mail",
    r"facebook|twitter|x \(twitter\)|linkedin|whatsapp|telegram|bluesky|reddit|threads|instagram|youtube",
    r"share(?: it| on| via| this)?|share (?:this|the) (?:article|story|page)",
    r"share (?:on|via|this)\b[^.!?]{0,50}",
    r"already (?:subscribed|a subscriber|a member|have an account)\??|need an account\? sign up",
    r"log ?in|sign ?in|sign ?up(?: now| here)?|register|my account|log ?out",
    r"advertisement|advertising|sponsored(?: content)?|ad",
    r"subscribe(?: now| today| here)?|subscribe & save|newsletter|newsletters|e-?mail \*?|\*",
    r"\* ?indicates required(?: fields?)?|required fields are marked \*?",
    r"please,? enter (?:a |your )?(?:correct|valid) e-?mail(?: address)?",
    r"accept(?: all)?(?: cookies)?|reject(?: all)?|(?:manage|customi[sz]e) (?:preferences|cookies|settings)",
    r"cookie (?:settings|policy|preferences)|privacy policy|terms of (?:use|service)",
    r"contact us|about us|support us|donate(?: now| today)?|donate to [\w .'’-]{1,60}",
    r"join us on (?:telegram|twitter|facebook|whatsapp|x)",
    r"follow us(?: on [\w ()]{1,30})?|make us preferred on google",
    r"listen(?: to (?:this|the) (?:article|story))?|\d+ min(?:ute)?s? read",
    r"ctrl ?\+ ?enter|photo|photos|video|watch|loading\.*|(?:en|uk|ua|ru|eng|esp|de|fr)",
    r"visa mastercard americanexpress|visa master ?card american ?express",
    r"by|continue reading|show more|view more|load more|click here to share(?: on social media)?",
    r"(?:add|follow) [\w .'’-]{1,30} on google(?: news)?|go ad[- ]free(?: now)?|tired of too many ads\??",
    r"(?:last )?(?:published|updated|posted)(?: on| at)?:?\s+(?:\w+,? )?"
    r"(?:\d{1,2}\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[^!?]{0,40}",
    r"(?:- )?\[[^\]]*\]\([^)]*\)|© .{1,120}",
    # Date or time alone on a line: page furniture ("27/02/2026 09:20", "Feb 27, 2026, 07:57 IST", "6:57 PM").
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?"
    r"(?:\d{1,2}[ /.-]\w{1,9}\.?[ /.-]\d{2,4}|\w{3,9}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,? (?:at |- )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?)?",
    r"\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?(?: \w{2,4})?(?:\s*\(updated:?\s*\))?",
    r"become a member(?: gift membership)?|gift (?:a )?membership",
)

# Phrases that mark the whole line as promotion, a form or a banner wherever they appear in it. Each
# rule has trigger words, one of which the line must contain (lowercased; "^" = start with) before the
# regex runs: searching every line for every phrase made cleaning the slowest step of an ingest.
PROMO_RULES = _rules(
    ("ai assistance", r"this audio is created with ai assistance"),
    ("become a ", r"\bbecome a (?:member|patron|supporter)\b(?! of\b)"),
    (
        "please consider",
        r"\bplease consider (?:becoming a (?:member|patron|supporter)|supporting us|donating|subscribing)\b",
    ),
    ("membership", r"\bgift (?:a )?membership\b|\bconsider gifting a membership\b"),
    (("funded by", "readers like you"), r"\bfunded by (?:our )?readers\b|\breaders like you\b"),
    ("contribution", r"\bmakes? a financial contribution\b"),
    ("new members", r"\bhelp us get [\d,.]+ new members\b|\b[\d,.]+ new members for our\b"),
    (
        ("thanks to", "funded by", "supported by"),
        r"\b(?:thanks to|funded by|supported by) (?:our )?[\d,.]+ (?:supporters|members|donors|patrons)\b",
    ),
    ("fund our", r"\bhelp (?:us )?fund our (?:mission|journalism|reporting)\b"),
    (
        (
            "support our",
            "support independent",
            "support local",
            "support quality",
            "support us",
            "your support",
        ),
        r"\bsupport (?:our|independent|local|quality) (?:journalism|reporting|newsroom)\b"
        r"|\bthank you for supporting our journalism\b|\bsupport (?:us|our work) (?:today|now)\b"
        r"|\byour support (?:helps|keeps|makes|allows|enables)\b",
    ),
    (
        ("e-mail", "email"),
        r"\benter your e-?mail(?: address)?\b|^\*?invalid e-?mail(?: address)?"
        r"|\bwe['’]ve sent you a confirmation e-?mail\b",
    ),
    ("subscribed", r"\bsuccessful?ly subscribed\b"),
    (
        ("signing up", "subscribing"),
        r"\b(?:thank you|thanks) for (?:signing up|subscribing)\b"
        r"|\bby (?:signing up|subscribing),? you agree\b",
    ),
    (
        ("^don't miss", "^don’t miss"),
        r"^don['’]t miss (?:our|the) [\w ]{0,30}(?:roundup|newsletter|briefing|digest)\b",
    ),
    (
        "newsletter",
        r"\bsign up (?:here |now |today )?(?:for|to)\b[^.]{0,60}\bnewsletters?\b"
        r"|\bsubscribe to (?:our|the)\b[^.]{0,60}\bnewsletters?\b|\bwant to get our newsletter\b",
    ),
    ("^sign up", r"^sign up (?:for|to) [^.!?]{0,40}\b(?:updates|alerts|emails)$"),
    ("inbox", r"\bget the news in your (?:mail|in)box\b|\bdelivered (?:straight |directly )?to your inbox\b"),
    (
        ("^subscribe to", "new subscribers", "you can subscribe"),
        r"^subscribe to\b|\bspecial offers? for new subscribers\b|\byou can subscribe to our\b",
    ),
    (
        "personal information",
        r"\b(?:sell|sale) (?:or|and) shar(?:e|ing) (?:of )?(?:my|your) personal information\b",
    ),
    (("^your privacy", "opt out of"), r"^your privacy is important to us\b|\bopt out of the sale\b"),
    ("javascript", r"\b(?:ensure|enable) javascript\b|\bjavascript is (?:disabled|required)\b"),
    (
        ("copying", "copyright"),
        r"\bcopying of (?:the )?(?:texts|materials|content)\b|\b(?:is|are) protected by copyright\b",
    ),
    (
        "cookie",
        r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\bthis cookie\b|\buse of cookies\b"
        r"|\b(?:necessary|preference|statistics?|marketing|functional|mandatory|unclassified|analytics"
        r"|third[- ]party|essential|performance|targeting|advertising|tracking) cookies\b"
        r"|\bcookies? (?:is|are) used\b"
        r"|\bcookies? (?:help|helps|enable|enables|allow|allows|collect|collects)\b"
        r"|\bcookie (?:policy|consent|preferences)\b",
    ),
    (
        ("this site", "our site", "this website", "our website"),
        r"\bby (?:continuing to )?(?:use|using|browsing) (?:this|our) (?:site|website)\b",
    ),
    (("blocker", "allow ads"), r"\bdisabl(?:e|ing) your ad ?blocker\b|\ballow ads (?:in|on)\b"),
    (
        ("^need a", "play hub", "crossword"),
        r"^need a (?:news )?break\?|\bcheck out the all new play hub\b"
        r"|\bplay the usa today daily crossword\b",
    ),
    (
        ("^to suggest", "^you can also", "^please leave"),
        r"^to suggest a correction or clarification\b|^you can also highlight the text and press\b"
        r"|^please leave your suggestions or corrections here\b",
    ),
    (
        ("^follow", "join us on"),
        r"^follow [\w .'’-]{1,40} on (?:google news|telegram|twitter|x|facebook|instagram)\b"
        r"|^follow cnn\b|\bjoin us on (?:twitter|facebook|telegram)\b",
    ),
)
_PROMO_PREFIXES = tuple(t[1:] for triggers, _ in PROMO_RULES for t in triggers if t.startswith("^"))
_PROMO_SUBSTRINGS = tuple(t for triggers, _ in PROMO_RULES for t in triggers if not t.startswith("^"))


def is_promo(text: str) -> bool:
    """The line holds a promotion, form or banner phrase (PROMO_RULES)."""
    low = text.lower()
    if not (low.startswith(_PROMO_PREFIXES) or any(t in low for t in _PROMO_SUBSTRINGS)):
        return False  # most lines stop here, before any regex runs
    for triggers, rule in PROMO_RULES:
        for trigger in triggers:
            if (low.startswith(trigger[1:]) if trigger[0] == "^" else trigger in low) and rule.search(text):
                return True
    return False


# A cookie-consent dialog dumped as text (Cookiebot, OneTrust): from its opening line to its buttons.
CONSENT_DIALOG_START = re.compile(
    r"^(?:this (?:web)?site uses cookies|we use cookies\b|we value your privacy|cookie (?:settings|consent)"
    r"|manage (?:cookie|consent) preferences|privacy preference center)",
    re.IGNORECASE,
)
CONSENT_DIALOG_END = re.compile(
    r"^(?:allow all(?: cookies)?|accept all(?: cookies)?|deny|reject all(?: cookies)?|allow selection"
    r"|confirm (?:my )?choices|save (?:my )?(?:preferences|settings|choices)|i agree|agree and close)\s*$",
    re.IGNORECASE,
)
# A consent dialog is never longer than this; past it the "end" found belongs to something else.
CONSENT_DIALOG_MAX_LINES = 500

# Headings that open the page furniture after an article ("News Feed", "Editors' Picks"):
# once the body has started, everything from such a line on is dropped. A heading stands alone on its
# line and starts with a capital: "related to the talks" on a line of its own is a broken sentence.
_HEADING_HEAD = r"^[^\w©]*(?=[A-Z0-9©#])"
_HEADING_TAIL = r"[\s:.!»›>|*•·–—-]*$"
_BOX_TOPICS = r"(?:articles?|stories|news|posts|content|coverage|topics|reading|research|information|links)"
_BOX_HEADINGS = (
    rf"(?:related|similar) {_BOX_TOPICS}(?: (?:and|&) {_BOX_TOPICS})?|related"
    r"|read (?:more|also|next)(?: (?:on|about|from|in) [\w .'’&-]{1,40})?|also read|see also|for more"
    r"|more on this(?: story| topic)?|more news to know now"
    r"|recommended(?: for you| stories| articles| reading)?"
)
END_SECTION_HEADING = re.compile(
    _HEADING_HEAD
    + r"(?i:news ?feed|more news|more stories|more from [\w .'’&-]{1,40}|more in [\w .'’&-]{1,30}"
    r"|editors?['’]?s?['’]? picks?|most (?:popular|read|viewed|shared)|popular(?: now| stories)?"
    r"|trending(?: now| stories)?|top stories|latest (?:news|stories|articles|headlines)"
    r"|you (?:may|might) also (?:like|be interested in)"
    r"|don['’]t miss|what to read next|further reading|(?:show |view |load )?comments|\d+ comments"
    r"|leave a (?:comment|reply)|popular (?:from|in|on) [\w .'’&-]{1,30}|#* ?links"
    r"|(?:©|copyright\b) ?©? ?\d{4}\b.*|.*\ball rights reserved\b.*|" + _BOX_HEADINGS + ")" + _HEADING_TAIL
)

# Of those, the ones that publishers also put inside an article as a box of links ("Read also:" between
# two paragraphs): where real body text follows, only the heading and its list of headlines go.
INLINE_SECTION_HEADING = re.compile(_HEADING_HEAD + "(?i:" + _BOX_HEADINGS + ")" + _HEADING_TAIL)

# A one-line link to another story: "Related: Senate releases $118 billion package ...".
INLINE_LINK_LINE = re.compile(r"^[\s\W]*(?:related|read (?:more|also)|also read|see also)\s*:\s*\S", re.I)

# Photo captions: a line ending in a credit, "(Pavel Volkov/Pool/AFP via Getty Images)",
# "(Sergei Ilnitskii / POOL / AFP)", "(Image credit: ...)" ...
CREDIT_IN_PARENS = re.compile(
    r"\((?=[^()]*[A-Z])(?:(?:photo\w*|image|picture|credit|source|courtesy|illustrative|illustration)\b[^()]{0,150}"
    r"|[^()]{0,150}?\S ?/ ?\S[^()]{0,150})\)\s*$",
    re.IGNORECASE,
)
# ... or a short bracketed credit, Al Jazeera style: "... in Kyiv [Gleb Garanich/Reuters]", "[Al Jazeera]".
CREDIT_IN_BRACKETS = re.compile(r"\[(?=[^\[\]]*[A-Z])[^\[\]]{1,80}\]\s*$")
# ... or a credit on a line of its own: "(Ukraine Presidential Office)".
CREDIT_ALONE = re.compile(r"^[(\[](?=[^()\[\]]*[A-Z])[^()\[\]]{1,60}[)\]]$")
# ... or a bare credit after the caption's last sentence, CNN style: "... in Kyiv. Carlos Barria/Reuters",
# "Source: Ed JONES / AFP via East News", or a line holding only "Stefani Reynolds/AFP/Getty Images".
_CREDIT_WORD = r"(?:[A-Z][\w.'’&-]*|via|de|of|and)"
BARE_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”’)]) )(?:(?i:photo|image|credit|source)s?(?: by)?:? )?"
    rf"[A-Z][\w.'’&-]*(?: [\w.'’&-]+){{0,4}}(?: ?/ ?[A-Z][\w.'’&-]*(?: {_CREDIT_WORD}){{0,5}})+\s*$"
)
CREDIT_TAIL = re.compile(r"(?:^|(?<=[.!?\"”’)]) )[^.!?]{0,80}\bvia (?:Getty Images|AP|Reuters|AFP)\s*$")
# CNN galleries end each caption with a counter: "... on June 28. Hide Caption 35 of 266".
GALLERY_COUNTER = re.compile(r"\s*\bHide Caption \d+ of \d+\s*$", re.IGNORECASE)
CAPTION_START = re.compile(
    r"^(?:photo(?:graph)? for illustrative purposes|illustrative (?:photo|image)|illustration ?:|file photo"
    r"|photo ?:|photos ?:|image ?:|photo by |photo credit|image credit|hide caption|caption ?:|\(photo)",
    re.IGNORECASE,
)

# Sentence end: ., ! or ? with any closing quotes/brackets, or an ellipsis.
SENTENCE_END = re.compile(r"(?:[.!?:][\"'”’)\]]*|…)$")
# Words in the sense of the cleaner's length rules: tokens with at least one letter or digit.
WORD = re.compile(r"\w[\w'’.-]*")

# URL-encoded characters that leak into old feed texts ("Sochi%2C Russia"), decoded outside URLs.
PERCENT_ESCAPES = {"%2C": ",", "%27": "'", "%22": '"', "%3A": ":", "%3B": ";", "%26": "&", "%24": "$"}
PERCENT_TOKEN = re.compile(r"\S*%(?:2C|27|22|3A|3B|26|24)\S*", re.IGNORECASE)
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
