"""The footer's date of filling (Appendix 1: "Өтінімнің толтырылған күні" / "Дата заполнения заявки"): a date whole
on its line is read from that line alone, whatever the line below holds (a signature's strokes read as text)."""
from extractors.document import FormReader
from extractors.layout import Item
from extractors.pages import PageText
from extractors.tesseract import Word


def _line(text: str, y: float, line: int, conf: float = 0.95) -> list[Word]:
    out, x = [], 100.0
    for part in text.split():
        out.append(Word(part, x, y, x + 30 * len(part), y + 40, conf, line))
        x += 30 * len(part) + 25
    return out


def _footer(*lines: tuple[str, float]) -> FormReader:
    words = [w for i, (text, conf) in enumerate(lines) for w in _line(text, 1000 + 70 * i, i + 1, conf)]
    page = PageText(0, "ocr", words, 2480, 3508)
    result = {"language": "kk", "fields": {}, "confidence": {}, "problems": []}
    reader = FormReader(result, {"fields": {}}, {1: (page, Item(1, "kk"))}, [page])
    reader.footer()
    return reader


def test_a_date_whole_on_its_line_is_not_spoiled_by_a_signature_read_below_it():
    reader = _footer(("Өтінімнің толтырылған күні: 2026 жылғы 21 ақпан", 0.95), ("«т о 5 5 >", 0.3))
    assert reader.fields["filled_date"] == "2026-02-21"
    assert reader.conf["filled_date"] >= 0.9


def test_a_date_wrapped_onto_the_next_line_is_still_joined():
    reader = _footer(("Өтінімнің толтырылған күні: 21 ақпан", 0.95), ("2026 ж.", 0.95))
    assert reader.fields["filled_date"] == "2026-02-21"
