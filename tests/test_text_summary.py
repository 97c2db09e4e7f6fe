"""Summary rules, each on a tiny hand-made article."""
from __future__ import annotations

from newsdigest.text.document import analyse
from newsdigest.text.summary import summarize

LEAD = "The city council approved a new budget of $40 million for road repairs on Monday."
FILLER = [
    "Council members debated the road budget for several hours before the vote.",
    "The road repairs will start in the northern districts next spring.",
    "Residents had complained about potholes on the main roads for years.",
    "The mayor thanked the council members for approving the road budget.",
    "A local bakery celebrated its anniversary with free cakes for children.",
]


def test_lead_bias_puts_the_first_sentence_in_the_summary() -> None:
    picked = summarize(analyse("", "\n".join([LEAD, *FILLER])), 2)
    assert picked[0] == LEAD


def test_summary_keeps_document_order() -> None:
    doc = analyse("", "\n".join([LEAD, *FILLER]))
    picked = summarize(doc, 3)
    positions = [next(s.position for s in doc.sentences if s.text == p) for p in picked]
    assert positions == sorted(positions) and len(picked) == 3


def test_off_topic_sentence_is_not_picked_over_central_ones() -> None:
    picked = summarize(analyse("", "\n".join([LEAD, *FILLER])), 3)
    assert FILLER[-1] not in picked


def test_dangling_opener_is_skipped_when_its_antecedent_is_not_picked() -> None:
    text = "\n".join([LEAD, *FILLER[:3], "But they said the road budget for repairs was far too small for the roads."])
    picked = summarize(analyse("", text), 2)
    assert not any(p.startswith("But they") for p in picked)


def test_near_duplicate_sentences_are_not_both_picked() -> None:
    twin = "The city council approved a new $40 million budget for road repairs on Monday evening."
    picked = summarize(analyse("", "\n".join([LEAD, twin, *FILLER])), 3)
    assert not (LEAD in picked and twin in picked)


def test_boilerplate_lines_are_never_summary_material() -> None:
    text = "\n".join(["Share this with Facebook", "Read more: road budget news from the council and the roads", LEAD,
                      *FILLER])
    picked = summarize(analyse("", text), 3)
    assert all(not p.startswith(("Share this", "Read more")) for p in picked)


def test_wire_dateline_is_removed_from_the_lead() -> None:
    picked = summarize(analyse("", "LONDON (Reuters) - " + LEAD + "\n" + "\n".join(FILLER)), 1)
    assert picked == [LEAD]


def test_title_words_pull_a_sentence_in() -> None:
    doc = analyse("Bakery anniversary brings free cakes", "\n".join([LEAD, *FILLER]))
    assert FILLER[-1] in summarize(doc, 3)


def test_other_language_falls_back_to_position() -> None:
    text = "Der Rat hat den Haushalt beschlossen. Die Straßen werden repariert. Die Bürger sind froh. Ende."
    assert summarize(analyse("", text), 2) == [
        "Der Rat hat den Haushalt beschlossen.", "Die Straßen werden repariert."]


def test_quoted_phrase_in_reported_speech_is_an_informative_signal() -> None:
    """Quoted characterisations carry the story in its actors' words; bare direct speech does not count."""
    signals = lambda doc: doc.signals

    plain = "The mayor said the road plan was overdue and would help the city."
    quoted = "The mayor said the road plan was “long overdue” and would help the city."
    direct = "“The road plan is long overdue,” the mayor said at the council meeting."
    found = signals(analyse("", f"{plain}\n{quoted}\n{direct}"))
    assert [signal.quote for signal in found] == [0.0, 1.0, 0.0]
