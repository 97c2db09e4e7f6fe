"""Topic rules on small hand-made texts: each rule, and the reason it leaves."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsdigest.lexicon import LEXICON, lexicon_for
from newsdigest.model import Article, Extract, TopicMatch
from newsdigest.settings import TopicRules, TopicSettings
from newsdigest.topics import (
    URL_SECTION_WEIGHT,
    TopicMatcher,
    assign_topics,
    default_topics,
    effective_topics,
    explain,
    url_section,
)

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
RULES = TopicRules(fallback="General", threshold=1.0, max_topics=3)
TECH = TopicSettings(name="Technology", slug="technology",
                     keywords=(("software", 2.0), ("chip", 2.0), ("Apple", 3.0), ("data centre", 2.0)))
SPORT = TopicSettings(name="Sport", slug="sport", keywords=(("football", 2.0), ("goal", 1.0), ("league", 1.0)))
FOOD = TopicSettings(name="Food", slug="food", keywords=(("apple", 2.0), ("recipe", 2.0), ("orchard", 2.0)))


def article(title: str = "", text: str = "", **fields) -> Article:
    return Article(id="a1", title=title, text=text, published=WHEN, source=fields.pop("source", "Wire"), **fields)


def extract_of(item: Article) -> Extract:
    return Extract(headline=item.title, key_points=(), summary="", keywords=(), headline_generated=not item.title)


def assign(item: Article, topics=(TECH, SPORT), rules: TopicRules = RULES) -> tuple[TopicMatch, ...]:
    return assign_topics(item, extract_of(item), topics, rules)


FILLER = "The council met on Tuesday and the meeting lasted an hour. " * 3


def score_of(matches: tuple[TopicMatch, ...], slug: str) -> float:
    return next((m.score for m in matches if m.slug == slug), 0.0)


def test_title_term_weighs_more_than_the_same_term_in_the_body():
    in_title = assign(article("New software released", FILLER + "\n\nIt was a quiet week."))
    in_body = assign(article("A quiet week", FILLER + "\n\nNew software was released."))
    assert score_of(in_title, "technology") > score_of(in_body, "technology") > 0


def test_title_term_beats_one_body_term_of_another_topic():
    matches = assign(article("Football club opens", FILLER + "\n\nThe shop sells software."),
                     rules=TopicRules(threshold=0.5))
    assert matches[0].slug == "sport"


def test_lead_counts_more_than_later_body():
    lead = assign(article("Update", "The chip was shown today.\n\n" + FILLER))
    later = assign(article("Update", FILLER + "\n\n" + FILLER + "\n\nThe chip was shown today."))
    assert score_of(lead, "technology") > score_of(later, "technology")


def test_long_articles_are_normalised_by_length():
    short = article("Report", "Software and chip makers met. " + FILLER)
    long = article("Report", "Software and chip makers met. " + FILLER * 20)
    assert score_of(assign(long), "technology") < score_of(assign(short), "technology")


def test_repeating_a_term_saturates_instead_of_adding_up():
    once = score_of(assign(article("x", "The software works.")), "technology")
    ten = score_of(assign(article("x", "The software works. " * 10)), "technology")
    assert once < ten < 3 * once


def test_excluded_word_vetoes_the_topic():
    sport_no_fantasy = TopicSettings(name="Sport", slug="sport", keywords=SPORT.keywords, exclude=("fantasy",))
    item = article("Football league goal", "A fantasy football league scored a goal.")
    assert [m.slug for m in assign(item, (TECH, sport_no_fantasy))] == ["general"]
    assert [m.slug for m in assign(item, (TECH, SPORT))] == ["sport"]


def test_feed_implies_topic_with_feed_reason():
    tech = TopicSettings(name="Technology", slug="technology", keywords=TECH.keywords, feeds=("Ars Technica",))
    matches = assign(article("A quiet week", FILLER, source="Ars Technica"), (tech, SPORT))
    assert [m.slug for m in matches] == ["technology"]
    assert matches[0].reasons == (("feed: Ars Technica", 2.0),)


def test_feed_category_counts_as_evidence():
    tech = TopicSettings(name="Technology", slug="technology", keywords=TECH.keywords, feed_categories=("gadgets",))
    matches = assign(article("A quiet week", FILLER, categories=("Gadgets",)), (tech, SPORT))
    assert [m.slug for m in matches] == ["technology"]
    assert matches[0].reasons == (("category: Gadgets", 1.5),)


def test_entry_category_naming_the_topic_counts_without_configuration():
    matches = assign(article("A quiet week", FILLER, categories=("Sport",)))
    assert [(m.slug, m.reasons) for m in matches] == [("sport", (("category: Sport", 1.5),))]


def test_author_topic_is_evidence_and_other_topics_still_count():
    text = "The football league final ended with a late goal. Football fans cheered the goal."
    matches = assign(article("Football league final", text, topics=("technology",)))
    slugs = [m.slug for m in matches]
    assert slugs[0] == "sport" and "technology" in slugs
    tech = next(m for m in matches if m.slug == "technology")
    assert tech.reasons == (("author topic: Technology", 3.0),)


def test_below_threshold_goes_to_the_configured_fallback():
    rules = TopicRules(fallback="Other News", threshold=5.0, max_topics=3)
    matches = assign(article("A quiet week", "The chip was shown. " + FILLER), rules=rules)
    assert matches == (TopicMatch(slug="other-news", name="Other News", score=0.0),)
    assert explain(matches[0]) == "Other News — no topic matched strongly enough"


def test_reasons_list_matched_terms_and_explain_reads_them():
    matches = assign(article("Apple chip and software", "Apple said its new chip runs software faster."))
    top = matches[0]
    assert top.slug == "technology"
    assert [label for label, _ in top.reasons] == ["Apple", "chip", "software"]
    assert all(weight > 0 for _, weight in top.reasons)
    assert top.score == pytest.approx(sum(weight for _, weight in top.reasons), abs=0.01)
    assert explain(top) == "Technology — matched: Apple, chip, software"


def test_capitalised_term_matches_the_company_not_the_fruit():
    company = assign(article("Results", "Apple sold more phones."), (TECH, FOOD), TopicRules(threshold=0.5))
    fruit = assign(article("Results", "She picked an apple in the orchard."), (TECH, FOOD), TopicRules(threshold=0.5))
    assert company[0].slug == "technology"
    assert [m.slug for m in fruit] == ["food"]


def test_lower_case_term_does_not_match_inside_a_name():
    colour = TopicSettings(name="Colour", slug="colour", keywords=(("brown", 2.0),))
    rules = TopicRules(threshold=0.5)
    assert assign(article("x", "Chancellor Gordon Brown spoke."), (colour,), rules)[0].slug == "general"
    assert assign(article("x", "The leaves turn brown."), (colour,), rules)[0].slug == "colour"


def test_plurals_and_possessives_match_the_singular_term():
    matches = assign(article("x", "Chips from Apple's suppliers."), rules=TopicRules(threshold=0.5))
    assert {label for label, _ in matches[0].reasons} == {"chip", "Apple"}


def test_phrase_matches_only_as_a_whole():
    assert assign(article("x", "A new data centre opened."), rules=TopicRules(threshold=0.5))[0].slug == "technology"
    assert assign(article("x", "The data sits in the town centre."), rules=TopicRules(threshold=0.5))[0].slug \
        == "general"


def test_several_topics_best_first_up_to_max_topics():
    item = article("Football club buys software", "The football league club bought software and a chip.")
    both = assign(item)
    assert [m.slug for m in both] == ["sport", "technology"] or [m.slug for m in both] == ["technology", "sport"]
    assert both[0].score >= both[1].score
    one = assign(item, rules=TopicRules(threshold=1.0, max_topics=1))
    assert one == both[:1]


def test_weak_second_topic_is_left_out():
    text = "Software, chip and Apple news: the software chip from Apple. One goal."
    matches = assign(article("Apple software chip", text), rules=TopicRules(threshold=0.5))
    assert [m.slug for m in matches] == ["technology"]


def test_lexicon_fills_empty_keywords_only():
    own = TopicSettings(name="Tech", slug="technology", keywords=(("robot", 1.0),))
    named = TopicSettings(name="Sport", slug="sport")
    unknown = TopicSettings(name="Gardening", slug="gardening")
    filled = effective_topics((own, named, unknown))
    assert filled[0].keywords == (("robot", 1.0),)
    assert filled[1].keywords == LEXICON["sport"] and len(filled[1].keywords) > 100
    assert filled[2].keywords == ()
    assert lexicon_for("tech") == LEXICON["technology"]


@pytest.mark.parametrize(("title", "text", "slug"), [
    ("Shares slide as profits fall",
     "The company told investors that quarterly profits fell and its share price dropped on the stock market.",
     "business"),
    ("Striker scores twice", "The striker scored twice as the club won the league match before 40,000 fans.",
     "sport"),
    ("Singer tops the charts", "Her new album went to number one in the charts as the band began a tour.",
     "entertainment"),
    ("New phone runs faster software", "The handset uses a faster chip and new software to browse the web.",
     "technology"),
    ("MPs debate the bill", "Labour and the Conservatives clashed in the Commons as MPs voted on the bill.",
     "politics"),
    ("Vaccine cuts flu cases", "Doctors said patients given the vaccine had fewer flu infections in hospital.",
     "health"),
    ("Telescope finds a new planet", "Astronomers using the telescope found a planet orbiting a distant star.",
     "science"),
    ("Ceasefire agreed", "Troops pulled back as diplomats at the United Nations agreed a ceasefire.", "world"),
])
def test_lexicon_sections_sort_plain_news_sentences(title, text, slug):
    item = article(title, text)
    matches = assign(item, default_topics())
    assert matches[0].slug == slug, explain(matches[0])


def test_matcher_is_deterministic_and_reusable():
    matcher = TopicMatcher((TECH, SPORT), RULES)
    item = article("Apple chip", "Football software.")
    assert matcher.assign(item, extract_of(item)) == matcher.assign(item, extract_of(item)) == assign(item)


def test_empty_article_goes_to_fallback():
    assert assign(article("", ""))[0].slug == "general"


def test_title_case_headline_still_matches_lower_case_terms():
    matches = assign(article("Football League Signs New Software Deal", ""), rules=TopicRules(threshold=0.5))
    assert {m.slug for m in matches} == {"sport", "technology"}


def test_phrase_does_not_run_across_a_sentence_end():
    rules = TopicRules(threshold=0.5)
    assert assign(article("x", "We store the data. Centre stage is the town hall."), rules=rules)[0].slug == "general"


def test_negative_weight_counts_against_a_topic():
    sport = TopicSettings(name="Sport", slug="sport", keywords=(("football", 2.0), ("fantasy", -3.0)))
    text = "Football fans love fantasy football."
    plain = assign(article("x", text), (SPORT,), TopicRules(threshold=0.5))
    damped = assign(article("x", text), (sport,), TopicRules(threshold=0.5))
    assert plain[0].slug == "sport" and damped[0].slug == "general"


def test_caseless_text_matches_capitalised_terms():
    # All lower-case (tokenised corpora) or all capitals (shouted headlines): capitals carry no signal.
    lower = assign(article("", "apple said its new chips run faster."), rules=TopicRules(threshold=0.5))
    shouted = assign(article("APPLE UNVEILS CHIP", ""), rules=TopicRules(threshold=0.5))
    assert {label for label, _ in lower[0].reasons} == {"Apple", "chip"}
    assert {label for label, _ in shouted[0].reasons} == {"Apple", "chip"}


def test_topic_given_by_a_feed_config_says_so_in_its_reason():
    matches = assign(article("A quiet week", FILLER, topics=("sport",), feed="https://example.org/feed.xml"))
    assert matches[0].reasons == (("feed topic: Sport", 3.0),)


# --- evidence rules (issue #12): two pieces, or one strong one; second-sense words only in context ---

WEAK = TopicSettings(name="Garden", slug="garden", keywords=(("soil", 1.0), ("compost", 1.0), ("seed drill", 1.0),
                                                            ("greenhouse", 2.0), ("shed", 1.0)))


def test_one_weak_term_is_not_enough_evidence():
    assert assign(article("Soil", "It rained."), (WEAK,))[0].slug == "general"


def test_two_weak_terms_make_a_topic():
    matches = assign(article("Soil and compost", "It rained."), (WEAK,))
    assert matches[0].slug == "garden"
    assert {label for label, _ in matches[0].reasons} == {"soil", "compost"}


def test_one_strong_term_or_one_phrase_is_enough():
    assert assign(article("Greenhouse", "It rained."), (WEAK,))[0].slug == "garden"        # weight 2
    assert assign(article("A seed drill", "It rained."), (WEAK,))[0].slug == "garden"      # multi-word term


def test_a_second_sense_word_alone_makes_no_topic_and_is_marked_in_context():
    sport = TopicSettings(name="Sport", slug="sport",
                          keywords=(("striker", 3.0), ("midfielder", 3.0), ("police", 1.0)))
    alone = assign(article("Striker walks out", "The striker left the room."), (sport,))
    assert alone[0].slug == "general"
    with_context = assign(article("Striker and midfielder sign", "Both signed on Monday."), (sport,))
    assert with_context[0].slug == "sport"
    # title weight 1.5 x term weight 3.0 each; the in-context word still adds its full value
    assert dict(with_context[0].reasons) == {"midfielder": 4.5, "striker (in context)": 4.5}
    # A weak word beside it is not enough either: the second-sense word never makes the topic.
    assert assign(article("Striker and police", "They met."), (sport,))[0].slug == "general"


@pytest.mark.parametrize(("title", "text", "wrong"), [
    # hunger strikers are not footballers
    ("Hunger strikers enter their third week outside the ministry",
     "The group of strikers say they will refuse food until the detention centre is closed.", "sport"),
    # people injured in a shooting are not a sports injury, and "schools" with "police" is not politics
    ("Two pupils injured in shooting at secondary school",
     "Police said two people were injured and a man was arrested after shots were heard near the school gates.",
     "sport"),
    # deaths at an inquest are not a health story
    ("Inquest opens into the deaths of three walkers on the moor",
     "The coroner heard the three deaths followed a sudden change in the weather.", "health"),
    # a review of online reviews is not a film review
    ("Watchdog review finds fake online reviews mislead shoppers",
     "The review found one in seven reviews on popular sites could not be trusted.", "entertainment"),
    # a golf leader is not a party leader
    ("Leader holds two-shot lead at the golf championship",
     "The leader birdied the last hole as the leaders went into the final round at the course.", "politics"),
])
def test_fresh_feed_misreads_are_not_filed_under_the_wrong_sense(title, text, wrong):
    matches = assign(article(title, text), default_topics())
    assert all(m.slug != wrong for m in matches), [explain(m) for m in matches]


def test_hunger_strike_school_shooting_and_inquest_go_to_the_fallback():
    for title, text in [("Hunger strikers enter their third week", "The strikers refuse food."),
                        ("Two injured in shooting near a school", "Police said two people were injured."),
                        ("Inquest into the deaths of three walkers", "The coroner heard how they died.")]:
        assert assign(article(title, text), default_topics())[0].slug == "general"


def test_golf_leader_is_sport():
    matches = assign(article("Leader holds two-shot lead at the golf championship",
                             "The leader birdied the last hole as the leaders went into the final round."),
                     default_topics())
    assert matches[0].slug == "sport" and [m.slug for m in matches] == ["sport"]


def test_striker_in_a_football_context_is_still_sport():
    matches = assign(article("Late striker goal sends the club into the cup final",
                             "The striker scored in stoppage time and the midfielder was booked."), default_topics())
    assert matches[0].slug == "sport"
    assert "striker (in context)" in [label for label, _ in matches[0].reasons]


# --- the section named in the article's URL is evidence in the build ---

@pytest.mark.parametrize(("url", "slug"), [
    ("https://www.example.com/sport/football/12345", "sport"),
    ("https://news.example.co.uk/news/business-64123456", "business"),
    ("https://example.com/2023/01/05/technology/new-phone.html", "technology"),
    ("https://example.com/en-us/news/politics/story/ar-AA1", "politics"),
    ("https://example.com/policy/healthcare/123-a-story/", "health"),
    ("https://example.com/2023/01/01/europe/a-story/index.html", "world"),
    ("https://example.com/culture/2023/jan/01/a-story", "entertainment"),
    ("https://example.com/news/a-story", None),
    ("https://example.com/uk-news/2023/jan/01/a-story", None),
    ("", None),
])
def test_url_section(url, slug):
    assert url_section(url) == slug


def test_section_in_the_link_files_a_teaser_with_no_words_and_says_so():
    item = article("A long afternoon", "It went on until dark.", url="https://www.example.com/sport/12345")
    matches = assign(item, default_topics())
    assert matches[0].slug == "sport"
    assert matches[0].reasons == (("section in link: /sport/", URL_SECTION_WEIGHT),)
    assert explain(matches[0]) == "Sport — matched: section in link: /sport/"


def test_section_in_the_link_adds_to_the_words_but_strong_words_can_still_win():
    item = article("Striker and midfielder sign for the club", "The goalkeeper stays.",
                   url="https://www.example.com/business/12345")
    matches = assign(item, default_topics())
    assert matches[0].slug == "sport"
    business = next(m for m in TopicMatcher(default_topics(), RULES).scores(item, extract_of(item))
                    if m.slug == "business")
    assert ("section in link: /business/", URL_SECTION_WEIGHT) in business.reasons


def test_world_gazetteer_and_politics_offices():
    world = assign(article("Floods force thousands from their homes in Bangladesh",
                           "Villagers in the north moved to higher ground as rivers rose."), default_topics())
    assert world[0].slug == "world", explain(world[0])
    politics = assign(article("Senate Republicans block the spending plan",
                              "House Democrats said they would try again next week."), default_topics())
    assert politics[0].slug == "politics", explain(politics[0])


def test_generic_government_words_count_for_world_when_the_place_is_abroad():
    abroad = assign(article("Peru's president faces a vote in parliament",
                            "The opposition says the government has lost its majority."), default_topics())
    assert abroad[0].slug == "world", explain(abroad[0])
    assert "president (abroad)" in [label for label, _ in abroad[0].reasons]
    # a domestic institution keeps them at home, even with a place abroad named
    home = assign(article("MPs vote on the Peru trade bill in parliament",
                          "The opposition says the government has lost its majority."), default_topics())
    assert home[0].slug == "politics", explain(home[0])
    assert all("(abroad)" not in label for m in home for label, _ in m.reasons)


SECTION_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Section Wire</title>
  <id>urn:example:section-wire</id>
  <updated>2026-11-27T18:00:00Z</updated>
  <link href="https://example.org/"/>
  <entry>
    <title>A long afternoon at the ground for the visitors</title>
    <id>urn:example:section-wire:1</id>
    <link href="https://example.org/sport/a-long-afternoon"/>
    <updated>2026-11-27T18:00:00Z</updated>
    <summary>Rain fell all afternoon and the crowd went home early, long before the lights came on.</summary>
  </entry>
</feed>
"""


def test_build_files_a_teaser_by_its_link_section_and_the_page_shows_the_reason(tmp_path):
    from newsdigest.cli import main

    (tmp_path / "wire.xml").write_text(SECTION_FEED, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(
        "site: {title: T, base_url: /}\nfeeds:\n  - {name: Section Wire, url: wire.xml}\n"
        "topics:\n  - {name: Sport, slug: sport}\n  - {name: Politics, slug: politics}\n", encoding="utf-8")
    assert main(["--config", str(tmp_path / "config.yaml"), "--output", str(tmp_path / "out"), "--quiet"]) == 0
    sport = (tmp_path / "out" / "topics" / "sport" / "index.html").read_text(encoding="utf-8")
    assert "A long afternoon at the ground" in sport
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "articles").glob("*/index.html")]
    assert len(pages) == 1 and "section in link: /sport/" in pages[0]


def test_when_terms_overlap_the_longest_match_wins():
    health = TopicSettings(name="Health", slug="health", keywords=(("bird flu", 3.0), ("flu", 3.0)))
    nature = TopicSettings(name="Science", slug="science", keywords=(("bird", 2.0), ("birds", 2.0)))
    matches = assign(article("Bird flu vaccine approved", "Officials said the bird flu jab was safe."),
                     topics=(health, nature))
    assert [m.slug for m in matches] == ["health"]
    assert [label for label, _ in matches[0].reasons] == ["bird flu"]
    # Apart, the words count for themselves.
    matches = assign(article("Birds return", "The birds came back; flu cases fell."), topics=(health, nature))
    assert matches[0].slug == "science"


def test_an_incident_abroad_is_world_news():
    world = TopicSettings(name="World", slug="world")
    business = TopicSettings(name="Business", slug="business")
    matches = assign(article("Bus plunge in Pakistan kills at least 40",
                             "The vehicle went down a ravine on the road to the coast."), topics=(world, business))
    assert matches[0].slug == "world"
    assert "kills (incident abroad)" in [label for label, _ in matches[0].reasons]
    # The place alone is one piece of evidence, not enough for World.
    assert assign(article("A trip to Pakistan", "The road to the coast."), topics=(world, business))[0].slug == "general"


def test_feature_desk_vocabulary_files_wellness_screen_and_nature_pieces():
    topics = default_topics()
    assert assign(article("How much sunscreen you need", "A dermatologist explains."), topics=topics)[0].slug == "health"
    assert assign(article("The reboot nobody asked for", "A spin-off of the sitcom arrives."),
                  topics=topics)[0].slug == "entertainment"
    assert assign(article("Rewilding the uplands", "Wetlands and woodland return to the valley."),
                  topics=topics)[0].slug == "science"


def test_a_web_address_in_the_text_is_no_evidence():
    item = article("Are text messages the new thing?",
                   "Article URL: https://example.com/2023/04/22/football/league-goal.html Comments URL: x")
    assert assign(item)[0].slug == "general"


def test_money_motoring_and_celebrity_pages_have_their_vocabulary():
    topics = default_topics()
    assert assign(article("How many times can I move my cash Isa?", "Savings rates keep rising."),
                  topics=topics)[0].slug == "business"
    assert assign(article("Carmaker recalls 300,000 vehicles", "Motorists are told to contact dealers."),
                  topics=topics)[0].slug == "business"
    assert assign(article("Singer's ex-wife speaks out", "The romance ended after the wedding."),
                  topics=topics)[0].slug == "entertainment"
