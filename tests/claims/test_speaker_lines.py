"""Session 18, claims: a question on a transcript's speaker line ("HOST NAME: Do you think ...?") is the
speaker's, not the writer's; a single "Name: ...?" line is no transcript (unit test of SpeakerLines). Invented text."""

from __future__ import annotations

from narrascope.claims.speaker_lines import SpeakerLines

TRANSCRIPT = (
    "ANNA BELL: Mr. Reed, the council approved the new bridge budget on Tuesday by 12 votes to 9.\n"
    "TOM REED: That's right, and I think the vote was fair to every district in the city.\n"
    "ANNA BELL: Do you think Mayor Grant will veto the 40 million dollar bridge budget before the end of March?\n"
    "TOM REED: I don't think he will, because he has already said he supports the bridge.\n"
)


def test_a_question_on_a_speaker_line_is_the_speakers(nlp):
    doc = nlp(TRANSCRIPT)
    question = [c for c in doc._.claims if c["text"].endswith("?")]
    assert len(question) == 1, doc._.claims
    claim = question[0]
    assert claim["status"] == "questioned"
    by = {a["id"]: a for a in doc._.attributions}.get(claim["asserted_by"])
    assert by is not None, claim
    line = TRANSCRIPT.rfind("\n", 0, claim["start"]) + 1
    # the attribution whose source is this line's label
    assert line <= by["source"]["start"] and by["source"]["end"] <= TRANSCRIPT.index(":", line)


def _att(aid: str, text: str, label: str, line: int) -> dict:
    start = text.index(label, line)
    return {"id": aid, "source": {"text": label, "start": start, "end": start + len(label)}}


def test_speaker_lines_need_two_labelled_lines():
    lines = TRANSCRIPT.splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:k]) for k in range(len(lines))]
    atts = [_att(f"a{k}", TRANSCRIPT, name, starts[k]) for k, name in enumerate(["ANNA BELL", "TOM REED", "ANNA BELL"])]
    speakers = SpeakerLines(TRANSCRIPT, atts)
    question = TRANSCRIPT.index("Do you think")
    assert speakers.speaker(question) == "a2"
    assert speakers.speaker(starts[2]) == "a2"  # a claim that holds the label ("NAME: Do you ...?")
    assert speakers.speaker(starts[3]) is None  # a line whose label no attribution has as its source
    # one labelled line is no transcript (as likely a headline naming its subject)
    assert SpeakerLines(TRANSCRIPT, atts[2:]).speaker(question) is None
    # a label no attribution has as its source is no speaker
    assert SpeakerLines(TRANSCRIPT, atts[:2]).speaker(question) is None
