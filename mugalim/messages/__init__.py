"""One catalog for every word a person reads: each message has an id and a template in Kazakh, Russian and English
(issue 22 item 3; issue 17 keeps it and moves the remaining reasons here).

    reason = Message("ingest.empty")                         # made where the reason is known
    reason.said("kk")  → "файл бос (0 байт)"                  # where one language is shown (the season's)
    reason.both()      → "файл бос (0 байт) / файл пустой (0 байт)"   # where both are shown (a reason file, a CSV cell)
    str(reason)        → "empty file (0 bytes)"               # logs, the database, --json: for engineers

A `Message` IS its English text (a `str`), so code that only ever knew strings — a log line, a database column, a
test looking for "ZIP bomb" — goes on working; the places people read call `said(text, lang)` / `both(text)`, which
say a Message in Kazakh or Russian and leave a plain string (a reason not in the catalog yet) as it is. Parameters are
named; a parameter that is itself a Message (a file type, a document type) is said in the same language; a list is
joined with ", "; `Seq` joins parts with "; " (or any separator). `Said` carries a text already said in each language
(a bridge for the regex translations of `validators.wording` and `mugalim.scoring.protocol_text`, which the catalog
replaces one reason at a time).

The tables are in this package, one module per step (`ingest`, `dossier`, `payments`, `console`); `check_catalog`
(run by the tests) finds a message without one of the three languages or whose placeholders differ.
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

LANGS = ("kk", "ru", "en")
PEOPLE = ("kk", "ru")                 # the languages of the people who read the pipeline's outputs
DEFAULT = "kk"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Text(str):
    """A text that can say itself in each language; its `str` value is the English."""

    __slots__ = ()

    def said(self, lang: str) -> str:
        raise NotImplementedError

    def both(self, sep: str = " / ") -> str:
        """Kazakh, then Russian (once when they are the same)."""
        kk, ru = self.said("kk"), self.said("ru")
        return kk if kk == ru else f"{kk}{sep}{ru}"


class Message(_Text):
    """A message of the catalog: its id and named parameters. Unknown ids and missing parameters fail here, when
    the message is made, not when someone reads it."""

    id: str
    params: dict[str, Any]

    def __new__(cls, id: str, /, **params: Any) -> Message:  # noqa: A002 - the catalog's word for it
        self = super().__new__(cls, _render(id, params, "en"))
        self.id, self.params = id, params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:     # copy, deepcopy and pickle keep it
        return (self.id,), dict(self.params)

    def said(self, lang: str) -> str:
        return _render(self.id, self.params, lang)

    def to_dict(self) -> dict[str, Any]:
        """`{"id", "params"}`, JSON-friendly (a parameter that is a Message nested the same way)."""
        return {"id": self.id, "params": {k: _plain(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message | None:
        """The Message `to_dict` gave; None when its id is no longer in the catalog (it was renamed)."""
        if data.get("id") not in CATALOG:
            return None
        try:
            return cls(data["id"], **{k: _unplain(v) for k, v in (data.get("params") or {}).items()})
        except (KeyError, IndexError, ValueError, TypeError):
            return None


class Said(_Text):
    """A text already said in each language (Kazakh, Russian, English)."""

    _by_lang: dict[str, str]

    def __new__(cls, *, kk: str, ru: str, en: str) -> Said:
        self = super().__new__(cls, en)
        self._by_lang = {"kk": kk, "ru": ru, "en": en}
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, str]]:
        return (), dict(self._by_lang)

    def said(self, lang: str) -> str:
        return self._by_lang[_lang(lang)]


class Seq(_Text):
    """Parts joined by `sep` ("; " by default), each said in the language asked."""

    parts: tuple[str, ...]
    sep: str

    def __new__(cls, parts: Iterable[str], sep: str = "; ") -> Seq:
        parts = tuple(parts)
        self = super().__new__(cls, sep.join(str(p) for p in parts))
        self.parts, self.sep = parts, sep
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[tuple[str, ...], str], dict[str, Any]]:
        return (self.parts, self.sep), {}

    def said(self, lang: str) -> str:
        return self.sep.join(said(p, lang) for p in self.parts)


def said(text: str | None, lang: str) -> str:
    """`text` in `lang` when the catalog knows it; a plain string (not in the catalog yet) as it is."""
    if text is None:
        return ""
    return text.said(lang) if isinstance(text, _Text) else text


def both(text: str | None, sep: str = " / ") -> str:
    """`text` in Kazakh and Russian ("kk / ru"); a plain string as it is."""
    if text is None:
        return ""
    return text.both(sep) if isinstance(text, _Text) else text


def translated(text: object) -> bool:
    """Whether `text` can be said in Kazakh and Russian (it came from the catalog)."""
    return isinstance(text, _Text)


def word(id: str, lang: str, **params: Any) -> str:  # noqa: A002
    """One message said at once: `word("value.present", "kk")` → "бар"."""
    return Message(id, **params).said(lang)


def reason_of(error: BaseException) -> str:
    """The reason an exception carries: its Message when it was raised with one, else its text."""
    if len(error.args) == 1 and isinstance(error.args[0], _Text):
        return error.args[0]
    return str(error)


def season_language(settings_dir: Path, season: int | None) -> str:
    """The season's `language` setting (kk by default, ru); for a step with no season (ingest), the language of
    the newest season's settings in the folder, else Kazakh."""
    from mugalim.errors import ConfigError
    from mugalim.season import load_season

    if season is None:
        years = sorted(int(p.stem.removeprefix("season-")) for p in settings_dir.glob("season-*.yaml")
                       if p.stem.removeprefix("season-").isdigit()) if settings_dir.is_dir() else []
        if not years:
            return DEFAULT
        season = years[-1]
    try:
        return load_season(settings_dir, season).language
    except ConfigError:
        return DEFAULT                # a bad settings file is reported by the step that needs it, not here


def check_catalog() -> list[str]:
    """Every message in kk, ru and en, Kazakh and Russian with the same placeholders, English with at least those
    (it may name a technical detail, an exception's text, that people are not shown)."""
    problems = []
    for key, texts in CATALOG.items():
        if set(texts) != set(LANGS):
            problems.append(f"{key}: languages {sorted(texts)}, expected {list(LANGS)}")
            continue
        kk, ru, en = (_fields(texts[lang]) for lang in LANGS)
        if kk != ru or not kk <= en:
            problems.append(f"{key}: placeholders kk {sorted(kk)}, ru {sorted(ru)}, en {sorted(en)}")
    return problems


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    return lang


def _render(id: str, params: Mapping[str, Any], lang: str) -> str:  # noqa: A002
    template = CATALOG[id][_lang(lang)]
    return template.format_map({k: _arg(v, lang) for k, v in params.items()})


def _arg(value: Any, lang: str) -> Any:
    if isinstance(value, _Text):
        return value.said(lang)
    if isinstance(value, date) and lang in PEOPLE:           # 30.04.2026 for people, ISO for engineers
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_arg(v, lang)) for v in value)
    return value


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def encoded(text: str | None) -> Any:
    """What the database keeps of a text people read (a JSON-friendly value beside its English column): a Message as
    `{"id", "params"}`, parts (`Seq`) as `{"seq": [...], "sep"}`, a text said in each language (`Said`) as
    `{"said": {"kk", "ru", "en"}}`; None for a plain string (not in the catalog: the English column is all there is)."""
    return _plain(text) if isinstance(text, _Text) else None


def decoded(data: Any, text: str | None) -> str | None:
    """The text `encoded` kept, able to say itself again in each language; `text` (the English column) as it is
    when nothing was kept (a row written before the catalog) or what was kept no longer decodes (a renamed id)."""
    if data is None:
        return text
    value = _unplain(data)
    return value if isinstance(value, _Text) else text


def decoded_parts(text: str | None, kept: Any, sep: str = "; ") -> list[str]:
    """Texts stored as one English column joined by `sep` (`text`) beside a JSON list of what `encoded` kept of each
    (`kept`, a list or its JSON): each part as the catalog's text where it was kept, else its English part."""
    english = [w for w in (text or "").split(sep) if w] if isinstance(text, str) else []
    if isinstance(kept, str):
        import json
        try:
            kept = json.loads(kept) if kept else None
        except ValueError:
            kept = None
    if not isinstance(kept, list):
        return english
    out, at = [], 0
    for k in kept:                            # a part kept said its English with `sep` inside it as often as it has
        value = decoded(k, None)
        width = str(value).count(sep) + 1 if value is not None else 1
        if value is None and at >= len(english):
            return english                    # the two columns disagree: the English as it was stored
        out.append(value if value is not None else english[at])
        at += width
    return out if at == len(english) else english


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Seq):
        return {"seq": [_plain(p) for p in value.parts], "sep": value.sep}
    if isinstance(value, Said):
        return {"said": {lang: value.said(lang) for lang in LANGS}}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return str(value)               # a Decimal as its digits


def _unplain(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"id", "params"}:
        return Message.from_dict(value) or ""
    if isinstance(value, dict) and set(value) == {"seq", "sep"}:
        return Seq((_unplain(p) for p in value["seq"]), str(value["sep"]))
    if isinstance(value, dict) and set(value) == {"said"} and set(value["said"]) == set(LANGS):
        return Said(**{lang: str(value["said"][lang]) for lang in LANGS})
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    return value


def _merge(*tables: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for table in tables:
        for key, texts in table.items():
            if key in out:
                raise ValueError(f"message {key!r} is in the catalog twice")
            out[key] = dict(texts)
    return out


from mugalim.messages import console, dossier, ingest, payments  # noqa: E402 - the tables, after the machinery

CATALOG: dict[str, dict[str, str]] = _merge(ingest.MESSAGES, dossier.MESSAGES, payments.MESSAGES, console.MESSAGES)
