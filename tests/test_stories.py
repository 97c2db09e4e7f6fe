"""Story grouping, story records, ranking and related articles on small hand-made articles."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.model import Analysed, Article, Extract, Story, TopicMatch
from newsdigest.settings import StorySettings
from newsdigest.stories import RelatedIndex, group_stories, merge_key_points, story_score

T0 = datetime(2030, 3, 4, 6, 0, tzinfo=timezone.utc)
SETTINGS = StorySettings()


def make(ident: str, title: str, text: str, source: str = "Daily Planet", hours: float = 0.0, *,
         points: tuple[str, ...] = (), keywords: tuple[str, ...] = (), topics: tuple[tuple[str, float], ...] = ()
         ) -> Analysed:
    article = Article(id=ident, title=title, text=text, published=T0 + timedelta(hours=hours), source=source)
    extract = Extract(headline=title, key_points=points or (text.split(". ")[0],), summary=text, keywords=keywords)
    return Analysed(article, extract, tuple(TopicMatch(slug, slug.title(), score) for slug, score in topics))


# Unrelated news of the same days, so that word weights are not computed from two articles alone.
BACKGROUND = [
    make("bg1", "City council approves budget for new library branch",
         "The council voted to fund a library in the northern suburbs after months of debate.", "Gazette", 1),
    make("bg2", "Heavy rain expected across the region this weekend",
         "Forecasters say up to 80mm of rain could fall on Saturday, with flooding possible near rivers.", "Courier", 2),
    make("bg3", "Local bakery wins national award for sourdough",
         "A family bakery in Millbrook took first prize at the national bread championships.", "Gazette", 3),
    make("bg4", "Tech firm announces job cuts as sales slow",
         "The software maker will cut 300 jobs worldwide, its chief executive told staff in an email.", "Courier", 4),
    make("bg5", "Hospital waiting times fall for third month",
         "Figures published by the health department show shorter waits for planned operations.", "Gazette", 5),
    make("bg6", "Football club appoints new head coach",
         "The club named its former assistant as head coach on a three-year contract.", "Sport Daily", 6),
]

QUAKE_A = make(
    "quake-a", "Earthquake of magnitude 6.4 strikes off Valdoria coast",
    "A magnitude 6.4 earthquake struck off the coast of Valdoria early on Tuesday, shaking buildings in the port "
    "city of Marenza. Officials said two people were injured and a tsunami warning was lifted after an hour.",
    "Daily Planet", 0, points=("A magnitude 6.4 earthquake struck off the Valdoria coast.",
                               "Two people were injured in Marenza."))
QUAKE_B = make(
    "quake-b", "Valdoria earthquake: Marenza buildings damaged, two injured",
    "Buildings were damaged in Marenza after a 6.4-magnitude earthquake hit off the Valdoria coast. Two people "
    "were taken to hospital and the tsunami warning has been lifted, officials said.",
    "Evening Star", 3, points=("Two people were injured in Marenza.",
                               "The tsunami warning was lifted after an hour."))


def stories_of(items: list[Analysed], settings: StorySettings = SETTINGS) -> list[set[str]]:
    return [set(story.members) for story in group_stories(items, settings)]


def test_same_event_from_two_outlets_is_one_story() -> None:
    groups = stories_of([*BACKGROUND, QUAKE_A, QUAKE_B])
    assert {"quake-a", "quake-b"} in groups
    assert all(len(group) == 1 for group in groups if "quake-a" not in group)


def test_same_person_in_two_different_events_is_two_stories() -> None:
    award = make("mora-award", "Senator Lucia Mora receives environmental award",
                 "Senator Lucia Mora was given the Greenfield prize for her work on river protection at a dinner "
                 "in the capital on Monday.", "Daily Planet", 0)
    crash = make("mora-crash", "Lucia Mora unhurt after her car is hit by a delivery van",
                 "Senator Lucia Mora escaped injury when a delivery van struck her car at a junction on Wednesday, "
                 "police said.", "Evening Star", 20)
    groups = stories_of([*BACKGROUND, award, crash])
    assert {"mora-award"} in groups and {"mora-crash"} in groups


def test_same_event_outside_the_window_is_two_stories() -> None:
    later = make("quake-c", QUAKE_B.article.title, QUAKE_B.article.text, "Evening Star", 49)
    assert {"quake-a"} in stories_of([*BACKGROUND, QUAKE_A, later])
    wider = StorySettings(window_hours=72)
    assert {"quake-a", "quake-c"} in stories_of([*BACKGROUND, QUAKE_A, later], wider)


def test_every_article_is_in_exactly_one_story_and_ids_are_slug_safe() -> None:
    items = [*BACKGROUND, QUAKE_A, QUAKE_B]
    stories = group_stories(items, SETTINGS)
    members = [member for story in stories for member in story.members]
    assert sorted(members) == sorted(item.id for item in items)
    assert len({story.id for story in stories}) == len(stories)
    assert all(re.fullmatch(r"s-[0-9a-f]{10}", story.id) for story in stories)


def test_grouping_does_not_depend_on_input_order() -> None:
    items = [*BACKGROUND, QUAKE_A, QUAKE_B]
    assert group_stories(items, SETTINGS) == group_stories(list(reversed(items)), SETTINGS)


def test_story_lead_first_reporter_members_and_merged_points() -> None:
    longer = make("quake-long", "Valdoria earthquake damages Marenza port",
                  QUAKE_B.article.text + " Ferries were suspended while engineers checked the harbour walls. "
                  "Schools in Marenza will stay closed on Wednesday.", "Morning Post", 5,
                  points=("Two people were injured in Marenza.", "Ferries were suspended in Marenza."))
    stories = group_stories([*BACKGROUND, longer, QUAKE_B, QUAKE_A], SETTINGS)
    story = next(s for s in stories if "quake-a" in s.members)
    assert story.members == ("quake-a", "quake-b", "quake-long")       # earliest first
    assert story.first_reported_by == "Daily Planet"
    # The lead is the report the others agree with most: quake-b shares quake-a's facts and quake-long's damage.
    assert story.lead == "quake-b"
    # The lead's points first; a repeated point from another outlet appears once.
    assert story.key_points == (
        "Two people were injured in Marenza.",
        "The tsunami warning was lifted after an hour.",
        "A magnitude 6.4 earthquake struck off the Valdoria coast.",
        "Ferries were suspended in Marenza.",
    )


def test_story_id_stays_when_a_later_report_joins() -> None:
    alone = next(s for s in group_stories([*BACKGROUND, QUAKE_A], SETTINGS) if "quake-a" in s.members)
    joined = next(s for s in group_stories([*BACKGROUND, QUAKE_A, QUAKE_B], SETTINGS) if "quake-a" in s.members)
    assert alone.id == joined.id


def test_near_duplicate_key_points_are_dropped() -> None:
    a = make("a", "t", "x", points=("The minister resigned on Friday after the report.", "Prices rose 3%."))
    b = make("b", "t", "x", points=("On Friday the minister resigned after the report", "Unions called a strike."))
    assert merge_key_points([a, b]) == ("The minister resigned on Friday after the report.", "Prices rose 3%.",
                                        "Unions called a strike.")


def test_a_point_that_leans_back_stays_only_after_its_own_bullet() -> None:
    a = make("a", "t", "x", points=("The mayor of Riverton opened the new bridge.", "She called it a turning point."))
    b = make("b", "t", "x", points=("Traffic on the old ferry fell by half.", "But the toll stays until May."))
    # "She" follows her own article's bullet and stays; "But" would follow the ferry point of another
    # report only if its own bullet was kept right before it: here it was, so it stays too.
    assert merge_key_points([a, b]) == ("The mayor of Riverton opened the new bridge.", "She called it a turning point.",
                                        "Traffic on the old ferry fell by half.", "But the toll stays until May.")
    c = make("c", "t", "x", points=("The mayor of Riverton opened the new bridge today.", "He praised the builders."))
    # c's first point repeats a's and is dropped, so c's "He" would land after a's "She" point: left out.
    assert merge_key_points([a, c]) == ("The mayor of Riverton opened the new bridge.", "She called it a turning point.")


def test_ranking_rule_sources_recency_topic_weight() -> None:
    now = T0 + timedelta(hours=24)
    one = [make("x", "t", "x", "A", 24)]
    two = [make("x", "t", "x", "A", 24), make("y", "t", "x", "B", 24)]
    assert story_score(one, now) == 1.0
    assert story_score(two, now) == 2.0                                 # two outlets: twice the score
    assert story_score([make("x", "t", "x", "A", 0)], now) == 0.5      # a day old: halved
    weighted = [make("x", "t", "x", "A", 24, topics=(("science", 3.0),))]
    assert story_score(weighted, now) == pytest.approx(1.75)            # 1 × 1 × (1 + 3/4)


def test_stories_are_ranked_best_first() -> None:
    lone_old = make("old", "Museum reopens its Roman gallery after repairs",
                    "The Roman gallery at the city museum reopened after two years of repairs.", "Gazette", -30)
    stories = group_stories([*BACKGROUND, QUAKE_A, QUAKE_B, lone_old], SETTINGS, now=T0 + timedelta(hours=6))
    assert set(stories[0].members) == {"quake-a", "quake-b"}
    assert stories[-1].members == ("old",)
    assert [s.score for s in stories] == sorted((s.score for s in stories), reverse=True)


def test_empty_input_gives_no_stories() -> None:
    assert group_stories([], SETTINGS) == ()


def test_related_articles_share_keywords_newest_first_and_skip_the_same_story() -> None:
    items = [
        make("r1", "Rail strike", "x", hours=1, keywords=("rail strike", "unions")),
        make("r2", "Rail talks", "x", hours=5, keywords=("rail strike", "minister")),
        make("r3", "Union vote", "x", hours=3, keywords=("unions", "rail strike"), topics=(("business", 2.0),)),
        make("r4", "Bakery", "x", hours=9, keywords=("bread",)),
        make("r5", "Strike ends", "x", hours=7, keywords=("rail strike",)),
    ]
    index = RelatedIndex(items)
    # r3 shares two keywords (strong tier); r5 and r2 share one, newest first; r4 shares nothing.
    assert index.related("r1") == ("r3", "r5", "r2")
    assert index.related("r1", limit=2) == ("r3", "r5")
    assert index.related("r4") == ()
    story = Story(id="s-1", lead="r1", members=("r1", "r5"), first_reported_by="Daily Planet")
    assert RelatedIndex(items, [story]).related("r1") == ("r3", "r2")
    assert index.related("unknown") == ()


def test_a_recurring_column_is_not_one_story() -> None:
    blurb = "Our reporters pick the stories you need to start the day."
    monday = make("brief-mon", "Morning briefing, March 4", blurb + " Talks on the port strike resume.", "Gazette", 0)
    tuesday = make("brief-tue", "Morning briefing, March 5", blurb + " A new museum wing opens.", "Gazette", 20)
    cartoons = [make(f"cartoon-{n}", f"Best cartoons, March {n}", "The day's news as our artists saw it.",
                     "Gazette", 2 + n) for n in (4, 5)]
    groups = stories_of([*BACKGROUND, monday, tuesday, *cartoons])
    assert all(len(group) == 1 for group in groups)


WORDS = ["port", "strike", "museum", "storm", "river", "council", "vote", "fire", "Marenza", "Valdoria", "Lucia",
         "Mora", "bank", "rates", "school", "bridge", "2031", "7.5", "minister", "flood"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=0, max_size=8),
                          st.lists(st.sampled_from(WORDS), min_size=0, max_size=20),
                          st.sampled_from(["Gazette", "Courier", "Star"]),
                          st.floats(min_value=0, max_value=120)), max_size=25),
       st.randoms(use_true_random=False))
def test_any_batch_is_partitioned_the_same_way_in_any_order(rows, rng) -> None:
    items = [make(f"a{n}", " ".join(title), " ".join(lead), source, hours)
             for n, (title, lead, source, hours) in enumerate(rows)]
    stories = group_stories(items, SETTINGS)
    assert sorted(m for s in stories for m in s.members) == sorted(item.id for item in items)
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert group_stories(shuffled, SETTINGS) == stories


QUAKE_MORE = [
    make("quake-c", "Marenza counts the cost of Valdoria earthquake",
         "Shops in Marenza reopened on Wednesday after the magnitude 6.4 earthquake off the Valdoria coast; two "
         "people injured in the quake have left hospital.", "Morning Post", 20),
    make("quake-d", "Valdoria earthquake: port of Marenza reopens",
         "The port of Marenza reopened after engineers checked the harbour walls following the 6.4 earthquake off "
         "Valdoria.", "Evening Star", 24),
]


def test_a_feature_pegged_to_an_event_only_in_its_headline_stays_apart() -> None:
    follow_up = make("quake-vigil", "Candles for Marenza",
                     "Hundreds gathered by the Marenza harbour walls on Wednesday night after the earthquake.",
                     "Daily Planet", 30)
    feature = make("quake-feature", "You thought the Valdoria earthquake was bad? Old towers are the real danger",
                   "Half the apartment towers built before 1970 ignore modern building codes, engineers say, and "
                   "few owners can afford to strengthen them.", "Daily Planet", 30)
    groups = stories_of([*BACKGROUND, QUAKE_A, QUAKE_B, *QUAKE_MORE, follow_up, feature])
    quake = next(group for group in groups if "quake-a" in group)
    assert "quake-vigil" in quake               # its lead names the town of the event
    assert {"quake-feature"} in groups          # its lead is about something else


def test_a_feed_template_never_links_its_items() -> None:
    # A link-aggregator feed wraps every item in the same words; the items themselves share nothing.
    subjects = ["Rust GUI framework released", "Observatory of Ulugh Beg", "Binary to text encoding notes",
                "Self-hosting browser sync", "Procrastination and mood regulation", "A computer algebra system",
                "The hundred-year programming language", "Weakening TLS protection", "Train simulator release"]
    template = " Article URL: https://example.org/post Comments URL: https://news.example.org/item Points: 12"
    feed = [make(f"hn{n}", subject, subject + "." + template, "Link Feed", n * 0.5) for n, subject in enumerate(subjects)]
    stories = group_stories([*BACKGROUND, *feed], SETTINGS)
    assert all(len(story.members) == 1 for story in stories)


def test_quake_and_earthquake_are_one_word_for_one_event() -> None:
    # Apart from the place, the two reports share only the event's word, written two ways.
    a = make("q1", "Strong quake hits Valdoria", "A strong quake hit Valdoria, officials said.", "Gazette", 0)
    b = make("q2", "Earthquake strikes Valdoria", "An earthquake struck Valdoria overnight.", "Courier", 2)
    assert {"q1", "q2"} in stories_of([*BACKGROUND, a, b])


def test_a_question_headline_is_not_the_lead_even_when_closest_to_the_rest() -> None:
    # The explainer repeats everyone's facts and is the longest text, but states no development.
    explainer = make("quake-q", "Valdoria earthquake: were Marenza's buildings ready for a 6.4 magnitude quake?",
                     "A magnitude 6.4 earthquake struck off the Valdoria coast, damaging buildings in Marenza. Two "
                     "people were injured and the tsunami warning was lifted. Were the buildings ready? Engineers have "
                     "long asked whether the port's older blocks would stand a strong quake, and the city council "
                     "has debated a retrofit plan for years.",
                     "Weekly Review", 6)
    stories = group_stories([*BACKGROUND, QUAKE_A, QUAKE_B, explainer], SETTINGS)
    story = next(s for s in stories if "quake-a" in s.members)
    assert set(story.members) == {"quake-a", "quake-b", "quake-q"}
    assert story.lead in {"quake-a", "quake-b"}


def test_two_events_chained_through_a_roundup_are_two_stories() -> None:
    # Six outlets on each of two events that share a country; one roundup names both and links them.
    outlets = ["Gazette", "Courier", "Herald", "Tribune", "Wire", "Star"]
    joins = [make(f"f{n}", "Norland joins the Northern Alliance as its 31st member, Russia warns",
                  "Norland formally joined the Northern Alliance on Tuesday, doubling its border with Russia; "
                  f"Moscow warned of counter-measures. Report {n}.", outlet, n * 0.5)
             for n, outlet in enumerate(outlets)]
    bombing = [make(f"b{n}", "Russia charges suspect over Severograd cafe bombing that killed blogger",
                    "Russian investigators charged a woman with terrorism over the Severograd cafe bombing that "
                    f"killed a pro-war blogger. Report {n}.", outlet, n * 0.5 + 0.2)
               for n, outlet in enumerate(outlets)]
    roundup = make("r", "Russia latest: Norland joins Northern Alliance; Severograd cafe bombing suspect charged",
                   "Norland joined the Northern Alliance and Russia charged a suspect over the Severograd cafe "
                   "bombing.", "Daily", 4)
    groups = stories_of([*BACKGROUND, *joins, *bombing, roundup])
    assert {item.id for item in joins} in groups
    assert not any({"f0", "b0"} <= group for group in groups)


def test_story_points_come_only_from_reports_in_the_lead_reports_language() -> None:
    # A reader of an English story cannot read the Polish outlet's bullet, though it reports the same event.
    lead = make("en1", "Bank collapse shakes markets", "x",
                points=("The bank collapsed on Friday after a run on its deposits.",))
    polish = make("pl1", "Upadek banku SVB", "x", "Gazeta",
                  points=("Amerykański bank SVB upadł w piątek po masowym wycofywaniu depozytów.",))
    english_words = make("pl2", "Bank collapse", "x", "Wire",
                         points=("Regulators closed the lender and took control of its deposits.",))
    declared = replace(english_words, article=replace(english_words.article, language="pl-PL"))  # what the feed says
    other = make("en2", "Regulators step in", "x", "Courier",
                 points=("Regulators took control of the bank and its deposits on Friday.",))
    assert merge_key_points([lead, polish, declared, other]) == (
        "The bank collapsed on Friday after a run on its deposits.",
        "Regulators took control of the bank and its deposits on Friday.")



def test_a_lone_report_close_to_one_member_only_is_not_close_to_the_story() -> None:
    # The joining rule counts the story's members a report is close to: one (a chain link) is not enough.
    from newsdigest.stories import ATTACH_MEMBERS, _close_members

    story = [{"quake": 0.8, "city": 0.6}, {"quake": 0.7, "toll": 0.7}, {"quake": 0.6, "rescue": 0.8},
             {"market": 0.6, "city": 0.8}]
    chained = {"market": 0.9, "bank": 0.44}             # close to the fourth member alone
    follow_up = {"quake": 0.6, "toll": 0.8}
    assert _close_members(chained, range(4), story) < ATTACH_MEMBERS
    assert _close_members(follow_up, range(4), story) >= ATTACH_MEMBERS


def test_a_small_story_sharing_only_names_with_a_big_one_is_another_event() -> None:
    # Vectors as the grouping builds them (term → weight) and each report's name words (concepts).
    from newsdigest.story_events import event_words_known

    name = {"trump": "donald trump", "donald": "donald trump"}
    big = [{"trump": 0.5, "donald": 0.4, "arraignment": 0.5, "court": 0.4, "plead": 0.3, "guilty": 0.3}] * 4
    fundraising = [{"trump": 0.5, "donald": 0.4, "mugshot": 0.5, "fake": 0.4, "shirt": 0.3, "court": 0.2}] * 2
    protest = [{"trump": 0.5, "protester": 0.5, "arraignment": 0.4, "court": 0.4, "plead": 0.2}] * 2
    vectors = big + fundraising + protest
    concepts = [name] * len(vectors)
    story = [0, 1, 2, 3]
    # Shared event words mugshot, fake, shirt, court: one of four (25 %) is the story's.
    assert not event_words_known([4, 5], story, vectors, concepts)
    # Shared event words protester, arraignment, court, plead: three of four are the story's.
    assert event_words_known([6, 7], story, vectors, concepts)
