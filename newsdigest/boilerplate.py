"""What feeds put around an article's text, as data: one list of line patterns per kind.

Every pattern matches a WHOLE paragraph or line (case-insensitive), never part of a sentence, so
prose that merely mentions "sign up" or a photo is kept. Where each phrasing comes from is noted
with its kind: the 33 real feeds in the evaluation data, the six months of 2023 feed captures
(~150 feeds), and feed generators' documented footers (WordPress, Feedburner). Add a phrasing
here, with its source, rather than a constant in a rule file.
"""
from __future__ import annotations

# Footers that feed generators append to every item (WordPress "The post … appeared first on …",
# Feedburner share bars, "Continue reading…" and "Read more" links, a lone "Comments" link on
# Hacker News' and many blogs' items, a bare ellipsis left where a teaser was cut).
FEED_FOOTERS = (
    r"the post .{1,300}? appeared first on .{1,200}",
    r"this (?:article|entry|post) (?:was )?(?:originally )?(?:appeared|published|posted) (?:first )?(?:on|at|in) .{1,200}",
    r"(?:continue|keep) reading.{0,200}",
    r"read (?:more|(?:the )?(?:full|entire|rest of the) (?:story|article|post))\b.{0,120}",
    r"to read this article in full,? (?:please )?click here.{0,40}",    # IDG sites (Computerworld, CIO)
    r"learn more\W{0,3}",
    r"(?:share|tweet|email|print)(?: this(?: (?:article|story|post|page))?| (?:on|via) [a-z+ ]{2,20})?\W{0,3}",
    r"\[?(?:…|\.\.\.)\]?",
    r"view (?:entire|full) post.{0,40}",
    r"comments?",
)

# Related-story and coverage links: Guardian bullet lists ("… – a visual guide", "See all our …
# coverage", "… – latest updates"), "Related:" lines (PCWorld, WordPress related-posts plugins).
RELATED_LINKS = (
    r"related(?: (?:articles?|stories|coverage|content))?:.{1,200}",
    r"(?:see|read) (?:also|more)\s?:.{1,200}",
    r".{3,160}\s[–—-]\s(?:a )?visual guide",
    r"see all (?:of )?our .{1,80} coverage",
    r".{3,120}\s[–—-]\s(?:live\s)?(?:latest(?: news)?|live) updates?",
    r"(?:follow|read) our .{1,80} live ?blog\b.{0,80}",
    r"more on this (?:story|topic)\W{0,3}",
)

# Newsletter, podcast and app promotions (Guardian "Sign up to …" / "Get our … emails" lines, Engadget
# "Follow @… and subscribe to the … newsletter" and "… isn't just a newsletter" lines, The Hill's report lines).
NEWSLETTER = (
    r"sign up (?:to|for)\b.{1,250}",
    r"get our .{1,120}(?:emails?|newsletters?|podcasts?|app)\b.{0,150}",
    r"(?:subscribe|sign up) (?:to|for) (?:our|the) .{0,80}newsletter.{0,150}",
    r"follow @\S+ on twitter and subscribe to .{0,150}",
    r"to (?:receive|get) .{1,100} in your inbox.{0,200}",
    r".{1,60} isn[’']t just a newsletter.{0,200}",
)

# Photo and video captions and credits left in the text: "Photo by X / Outlet", "Photograph: X",
# "Image: …", "Image 3 of 7" gallery counters, bare "Name Name/Outlet" credit lines (Engadget,
# PCWorld, The Verge figcaptions), and a paragraph ending in an agency credit "(Name/Getty Images)"
# (Epoch Times and Bloomberg teasers that are the lead photo's caption).
CAPTIONS = (
    r"(?:photo(?:graph)?|image|picture|illustration|video|gif|screenshot)s?(?: credits?)?(?: by\b|\s?:).{1,160}",
    r"\(?(?:image|photo|picture)s? credits?:.{0,200}",
    r"image \d{1,3} of \d{1,3}",
    # "Name Name/Outlet" or "OUTLET / Name Name": three to eight capitalised words around one slash
    r"(?-i:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3} ?/ ?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3})",
    r"(?-i:[A-Z][\w.'’-]* ?/ ?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){1,3})",
    # ... a caption's sentence(s), then a parenthesised credit of capitalised names joined by "/", "via",
    # "of", commas — "(Jane Doe/The Agency)", "(Courtesy of X/Y)", "(PA)". A credit has no
    # lower-case words, so "(corrects paragraph 3)" stays; a sentence's own "(DEA)." ends after the bracket.
    # One word is a credit only when it is an agency, so "(Updated)" stays.
    (r".{10,600}[.!?][\"”’]?\s*\((?-i:AP|AFP|PA|EPA|Reuters|Xinhua|Shutterstock|iStock|Getty"
     r"|(?:[A-Z][\w.'’&-]*|of|via|for|the|and|by)(?:[ /,]{1,3}(?:[A-Z][\w.'’&-]*|of|via|for|the|and|by)){1,11})\)"),
    r".{10,600}\(photo by .{1,80}\)",
)

# Live-blog stamps: a bare time with a zone ("10.45am BST"), "Updated at …", "Live updates from …",
# Guardian's "Key events" / "Show key events only" toggles, and a bare date line.
LIVE_BLOG = (
    r"(?:updated:? (?:at )?)?\d{1,2}[.:]\d{2}\s?(?:[ap]\.?m\.?)?\s?(?:bst|gmt|cet|cest|edt|est|pdt|pst|aest|aedt|utc)?",
    r"live updates? from .{1,120}",
    r"(?:show )?key events(?: only)?",
    (r"(?:updated:? )?(?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.? \d{4})"
     r"(?:,? (?:at )?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?: [a-z]{2,5})?)?"),
)

# Editorial leftovers that escaped the CMS ("ALT HED", "SUB HED", "DEK:") — seen in real feeds.
# Also a JavaScript or template value printed where the text should be: forsal.pl's 1,485 year2023 items are an
# image and the word "undefined". Whole paragraphs only, so prose that says "undefined" stays.
EDITORIAL = (
    r"(?:alt|sub)[ -]?hed\b.{0,200}",
    r"dek:.{0,200}",
    r"undefined|null|nan|\[object object\]",
)

# Shop buttons of deal posts (GameSpot, PCWorld): "See at Best Buy", "See deal", "Preorder at …".
SHOP_BUTTONS = (
    r"see (?:it )?at [\w .&'’-]{2,30}",
    r"see deal\W{0,3}",
    r"pre-?order (?:at|from) [\w .&'’-]{2,30}",
)

ALL = FEED_FOOTERS + RELATED_LINKS + NEWSLETTER + CAPTIONS + LIVE_BLOG + EDITORIAL + SHOP_BUTTONS
