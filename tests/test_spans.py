"""The one reading of a span the cue may break (`narrascope.spans.pieces`)."""

from narrascope.spans import pieces, pieces_text

SPLIT = "'We will not be silenced,' Rajavi said. 'The regime fears its own people.'"


def test_pieces_of_a_content_the_cue_breaks(nlp):
    doc = nlp(SPLIT)
    atts = [a for a in doc._.attributions if (a.get("content") or {}).get("spans")]
    assert atts, "the split quotation gives a content in two pieces"
    content = atts[0]["content"]
    got = pieces(content)
    assert got == [tuple(p) for p in content["spans"]] and len(got) == 2
    assert all(SPLIT[s:e] for s, e in got)
    assert got[0][1] <= atts[0]["cue"]["start"] < got[1][0]  # the cue sits between the pieces


def test_pieces_of_a_whole_span_and_of_bad_input():
    assert pieces({"text": "x", "start": 3, "end": 9}) == [(3, 9)]
    assert pieces({"text": "x", "start": 3, "end": 9, "spans": []}) == [(3, 9)]
    assert pieces({"start": 0, "end": 9, "spans": [[0, 2], "bad", [5], [6, 9]]}) == [(0, 2), (6, 9)]
    assert pieces({"text": "x"}) == [] and pieces(None) == [] and pieces("0-9") == []


def test_a_reader_sees_the_pieces_without_the_cue_between():
    text = "The attack, according to state media, left 17 killed."
    content = {"text": "The attack, according to state media, left 17 killed", "start": 0, "end": 52,
               "spans": [[0, 11], [38, 52]]}
    assert pieces_text(text, content) == "The attack, … left 17 killed"
    # one piece, no pieces, or pieces that do not fit the text: the span's own text
    assert pieces_text(text, {"text": "left 17 killed", "start": 38, "end": 52}) == "left 17 killed"
    assert pieces_text(text, dict(content, spans=[[0, 11], [38, 520]])) == content["text"]
    assert pieces_text(text, None) == "" and pieces_text(text, {"spans": [[0, 3], [4, 6]]}) == "The … at"
