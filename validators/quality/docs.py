"""The Data Docs staff open: one self-contained HTML page per folder, rendered by mugalim from the checkpoints'
results, in Kazakh and Russian (the season's language first).

Why not Great Expectations' own site: its pages load about fifteen stylesheets, scripts and images from CDNs and S3
(bootstrap, jQuery, vega, font-awesome, the GX logo, a newsletter form). Without the internet they show bare links,
an empty results list and a broken logo, and a page that holds personal data must not call outside hosts from a
government network. This page has no script, its style is inline, and its Content-Security-Policy forbids every
request, so a browser fetches nothing for it. Every value shown is masked the way logs are (`mugalim.identifiers.mask`:
an IIN shows its last four digits), and nothing on it changes between two runs over the same rows.
"""
from __future__ import annotations

import html
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mugalim.identifiers import mask

INDEX = "index.html"
# What the former Great Expectations site builder left in a docs folder (its pages held full IINs): removed.
GX_SITE_PARTS = ("expectations", "validations", "static")
SHOWN_VALUES = 20                     # distinct unexpected values listed per expectation
SHOWN_ROWS = 30                       # row ids listed per expectation
SHOWN_HELD = 1000                     # rows listed in the "held back" table
LONG_DIGITS = re.compile(r"\d{9,}")   # an IIN, BIN, phone or account number inside any value


# --- what the page shows, already masked ------------------------------------------------------------------------

@dataclass
class Outcome:
    """One expectation's result as the page shows it: no value in it is unmasked."""

    expectation: str
    kwargs: dict[str, Any]
    success: bool
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    missing_count: int | None = None
    values: list[tuple[str, int]] = field(default_factory=list)     # (masked value, how many rows)
    rows: list[str] = field(default_factory=list)                   # ids of the rows that failed
    error: str | None = None


def outcome(r: Any, id_column: str) -> Outcome:
    """The page's view of a GX `ExpectationValidationResult` (values masked here, before anything keeps them)."""
    cfg = r.expectation_config
    kwargs = {k: v for k, v in dict(cfg.kwargs).items() if k != "batch_id"}
    res = r.result or {}
    columns = _columns_of(kwargs)
    values = Counter(shown_value(v, columns) for v in res.get("unexpected_list") or [])
    rows = [str(i.get(id_column)) if isinstance(i, dict) else str(i) for i in res.get("unexpected_index_list") or []]
    return Outcome(expectation=cfg.type, kwargs=kwargs, success=bool(r.success),
                   element_count=res.get("element_count"), unexpected_count=res.get("unexpected_count"),
                   unexpected_percent=res.get("unexpected_percent"), missing_count=res.get("missing_count"),
                   values=sorted(values.items(), key=lambda kv: (-kv[1], kv[0])), rows=rows,
                   error=_error(getattr(r, "exception_info", None)))


def what(expectation: str, kwargs: dict[str, Any]) -> str:
    """A failed expectation as the held rows' reason names it: `expect_…(column, …)`."""
    return f"{expectation}({', '.join(_columns_of(kwargs))})"


def _columns_of(kwargs: dict[str, Any]) -> list[str]:
    cols = [str(kwargs[k]) for k in ("column", "column_A", "column_B") if kwargs.get(k)]
    return cols + [str(c) for c in kwargs.get("column_list") or []]


def shown_value(value: Any, columns: list[str]) -> str:
    """A value as the page may show it: an IIN column's value masked whole, any long run of digits masked."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={shown_value(v, [str(k)])}" for k, v in value.items())
    if isinstance(value, list | tuple):
        names = columns if len(columns) == len(value) else [""] * len(value)
        return ", ".join(shown_value(v, [c] if c else columns) for v, c in zip(value, names))
    if value is None:
        return "∅"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "✓" if value else "✗"
    s = _num(value) if isinstance(value, float) else str(value)
    if any("iin" in c.lower() for c in columns):
        return mask(s)
    return _mask_digits(s)


def _mask_digits(s: str) -> str:
    return LONG_DIGITS.sub(lambda m: mask(m.group()), s)


def _error(info: Any) -> str | None:
    """GX's exception info (a dict, or a dict of them keyed by metric) as one short, masked line; None if none."""
    if not isinstance(info, dict):
        return None
    found = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    raised = [i for i in found if i.get("raised_exception")]
    if not raised:
        return None
    msg = "; ".join(str(i.get("exception_message") or "") for i in raised).strip("; ")
    return _mask_digits(msg)[:300] or "error"


def _short_id(key: str) -> str:
    """A row id in the results table (HTML): a document's SHA-256 by its first 12 digits, the whole in its title."""
    shown = shown_id(key)
    if len(shown) == 64 and shown == key:
        return f"<span title='{key}'>{key[:12]}…</span>"
    return html.escape(shown)


def shown_id(key: str) -> str:
    """A row's id on the page: a document's SHA-256 as it is, any other id (`file:row`) with long digits masked."""
    return key if re.fullmatch(r"[0-9a-f]{64}", key) else _mask_digits(key)


# --- words -------------------------------------------------------------------------------------------------------

WORDS: dict[str, tuple[str, str]] = {                      # (kk, ru)
    "title": ("Деректер сапасы", "Качество данных"),
    "rows": ("Тексерілген жолдар", "Проверено строк"),
    "checks": ("Тексерулер", "Проверок"),
    "passed": ("Өтті", "Пройдено"),
    "failed": ("Өтпеді", "Не пройдено"),
    "error": ("Қате", "Ошибка"),
    "held": ("Тексеруге қалдырылған жолдар", "Строки, отложенные на проверку"),
    "all_ok": ("Барлық тексеру өтті", "Все проверки пройдены"),
    "some_failed": ("Кейбір тексеру өтпеді: бұл жолдар адам шешкенше қалдырылады",
                    "Часть проверок не пройдена: эти строки ждут решения человека"),
    "no_rows": ("Тексеретін жол жоқ", "Нет строк для проверки"),
    "check": ("Тексеру", "Проверка"),
    "field": ("Өріс", "Поле"),
    "result": ("Нәтиже", "Результат"),
    "count": ("Жолдар", "Строк"),
    "unexpected": ("Сәйкес емес", "Не соответствуют"),
    "values": ("Табылған мәндер", "Найденные значения"),
    "row_ids": ("Жолдар", "Строки"),
    "reason": ("Себебі", "Причина"),
    "more": ("тағы", "ещё"),
    "none": ("жоқ", "нет"),
    "masked": ("Жеке нөмірлердің (ЖСН, телефон) тек соңғы 4 цифры көрсетіледі.",
               "Личные номера (ИИН, телефон) показаны только последними 4 цифрами."),
    "empty_folder": ("Бұл қалтада әлі тексеру жоқ", "В этой папке ещё нет проверок"),
}
SUITES: dict[str, tuple[str, str]] = {
    "mugalim_application_fields": ("Өтінім нысанының өрістері", "Поля заявлений"),
    "mugalim_score_sheets": ("Бағалау парақтары", "Оценочные листы"),
}
COLUMNS: dict[str, tuple[str, str]] = {
    "iin": ("ЖСН", "ИИН"),
    "iin_check_ok": ("ЖСН бақылау цифры дұрыс", "Контрольная цифра ИИН верна"),
    "iin_birth_agrees": ("ЖСН туған күнмен сәйкес", "ИИН совпадает с датой рождения"),
    "birth_year": ("Туған жылы", "Год рождения"),
    "filled_year": ("Толтырылған жылы", "Год заполнения"),
    "qualification_category": ("Біліктілік санаты", "Квалификационная категория"),
    "pedagogical_experience_months": ("Педагогикалық өтіл (ай)", "Педагогический стаж (мес.)"),
    "working_age_months": ("16 жастан бергі ай", "Месяцев с 16 лет"),
    "phones_joined": ("Телефондар", "Телефоны"),
    "postal_code": ("Пошта индексі", "Почтовый индекс"),
    "score": ("Балл", "Балл"),
    "member_on_commission": ("Комиссия құрамында", "В составе комиссии"),
    "copies": ("Жол неше рет берілген", "Сколько раз дана строка"),
    "season": ("Маусым", "Сезон"),
    "competition": ("Конкурс", "Конкурс"),
    "stage": ("Кезең", "Этап"),
    "unit": ("Мектеп / аудан", "Школа / район"),
    "round": ("Тур", "Тур"),
    "participant_iin": ("Қатысушының ЖСН", "ИИН участника"),
    "member_id": ("Комиссия мүшесі", "Член комиссии"),
    "document_sha256": ("Құжат (SHA-256)", "Документ (SHA-256)"),
    "row_id": ("Файл:жол", "Файл:строка"),
}


class Words:
    """Both languages, the season's first."""

    def __init__(self, language: str) -> None:
        self.ru_first = language == "ru"

    def pair(self, kk: str, ru: str) -> str:
        return kk if kk == ru else f"{ru} / {kk}" if self.ru_first else f"{kk} / {ru}"

    def __call__(self, key: str) -> str:
        return self.pair(*WORDS[key])

    def first(self, kk: str, ru: str) -> str:
        return ru if self.ru_first else kk

    def column(self, name: str) -> str:
        return self.first(*COLUMNS[name]) if name in COLUMNS else name

    def suite(self, name: str) -> str:
        return self.pair(*SUITES[name]) if name in SUITES else name

    def expectation(self, o: Outcome) -> str:
        k, t = o.kwargs, o.expectation
        if t == "expect_column_values_to_not_be_null":
            return self.pair("Мәні толтырылған", "Значение заполнено")
        if t == "expect_column_values_to_match_regex":
            if k.get("regex") in PATTERN_WORDS:            # the pattern in words; the regex stays on the code line
                return self.pair(*PATTERN_WORDS[k["regex"]])
            return self.pair("Үлгіге сәйкес", "Соответствует шаблону") + f": {k.get('regex')}"
        if t == "expect_column_values_to_be_in_set":
            values = list(k.get("value_set") or [])
            if values == [True] and isinstance(values[0], bool):          # (1 == True: copies' [1] is not this)
                return self.pair("Иә (тексеру өтті)", "Да (проверка пройдена)")
            if values == [1] and k.get("column") == "copies":
                return self.pair("Бір рет қана", "Только один раз")
            words = VALUE_WORDS.get(str(k.get("column")), {})
            if values and all(isinstance(v, str) and v in words for v in values):
                kk, ru = (", ".join(words[v][i] for v in values) for i in (0, 1))
                return self.pair(f"Рұқсат етілген мәндердің бірі: {kk}", f"Одно из допустимых значений: {ru}")
            vals = ", ".join(shown_value(v, []) for v in values)
            return self.pair("Рұқсат етілген мәндердің бірі", "Одно из допустимых значений") + f": {vals}"
        if t == "expect_column_values_to_be_between":
            lo, hi = _num(k.get("min_value")), _num(k.get("max_value"))
            return self.pair(f"{lo} мен {hi} аралығында", f"От {lo} до {hi}")
        if t == "expect_column_pair_values_a_to_be_greater_than_b":
            sign = "≥" if k.get("or_equal") else ">"
            return f"{self.column(str(k.get('column_A')))} {sign} {self.column(str(k.get('column_B')))}"
        if t == "expect_compound_columns_to_be_unique":
            return self.pair("Жол қайталанбайды", "Строка не повторяется")
        return t


#: the suites' patterns (validators/quality/suites.py) as staff read them
PATTERN_WORDS: dict[str, tuple[str, str]] = {
    r"^\d{12}$": ("12 цифрдан тұрады", "12 цифр"),
    r"^\d{6}$": ("6 цифрдан тұрады", "6 цифр"),
    r"^\+7\d{10}(?:;\+7\d{10})*$": ("+7 және 10 цифр (бірнеше нөмір «;» арқылы)",
                                    "+7 и 10 цифр (несколько номеров через «;»)"),
}


def _value_words() -> dict[str, dict[str, tuple[str, str]]]:
    try:
        from mugalim.trace.words import VALUES
    except ImportError:
        return {}
    return {"qualification_category": dict(VALUES.get("qualification_category", {}))}


VALUE_WORDS = _value_words()


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "—" if v is None else str(v)


# --- the page ----------------------------------------------------------------------------------------------------

STYLE = """
body{font-family:'PT Sans','DejaVu Sans',Arial,sans-serif;margin:1.5em;color:#1b1b1b;max-width:80em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #aaa;padding:3px 7px;vertical-align:top}
th{background:#eef1f5;text-align:left}.num{text-align:right;white-space:nowrap}
tr.failed td{background:#fde2dc}tr.passed td.result{background:#dff2e1}tr.error td{background:#ffe9a8}
.verdict{padding:.5em .8em;display:inline-block;border-radius:3px}
.verdict.ok{background:#dff2e1}.verdict.bad{background:#fde2dc}
code,.id{font-family:'DejaVu Sans Mono',monospace;font-size:.9em}.id{word-break:break-all}.id span{white-space:nowrap}
ul.values{margin:0;padding-left:1.1em}.muted{color:#666;font-size:.9em}
dl.counts{display:grid;grid-template-columns:max-content max-content;gap:.2em 1em}dl.counts dd{margin:0}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"


def write_page(docs_dir: Path, audits: Iterable[Any], *, language: str = "kk",
               gx_version: str | None = None) -> Path:
    """Write `docs_dir/index.html` for `audits` (each a `checkpoint.Audit`), atomically; the former GX site's
    files in that folder are removed. Returns the page's path."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    path = docs_dir / INDEX
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(list(audits), language=language, gx_version=gx_version), encoding="utf-8")
    os.replace(tmp, path)
    for part in GX_SITE_PARTS:
        old = docs_dir / part
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
    return path


def render(audits: list[Any], *, language: str = "kk", gx_version: str | None = None) -> str:
    w = Words(language)
    e = html.escape
    names = ", ".join(dict.fromkeys(w.suite(a.suite) for a in audits)) if audits else ""
    title = f"{w('title')}: {names}" if names else w("title")
    out = ["<!doctype html>", f"<html lang='{'ru' if w.ru_first else 'kk'}'><head><meta charset='utf-8'>",
           f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
           "<meta name='referrer' content='no-referrer'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           f"<title>{e(title)}</title><style>{STYLE}</style></head><body>", f"<h1>{e(title)}</h1>"]
    if not audits:
        out.append(f"<p id='no-checks'>{e(w('empty_folder'))}</p>")
    for a in audits:
        out += _section(a, w)
    foot = f"Great Expectations {gx_version}" if gx_version else "Great Expectations"
    out.append(f"<p class='muted'>{e(w('masked'))}</p><p class='muted'>{e(foot)}</p></body></html>")
    return "\n".join(out) + "\n"


def _section(a: Any, w: Words) -> list[str]:
    e = html.escape
    results: list[Outcome] = list(a.results)
    failed = [o for o in results if not o.success]
    out = [f"<section class='run' data-suite='{e(a.suite)}' data-run='{e(a.name)}' "
           f"data-success='{str(bool(a.success)).lower()}'>",
           f"<h2>{e(w.suite(a.suite))} <span class='muted'>({e(a.suite)} · {e(a.name)})</span></h2>"]
    if a.rows == 0:
        out += [f"<p class='verdict ok'>{e(w('no_rows'))}</p>", "</section>"]
        return out
    verdict = ("ok", w("all_ok")) if a.success else ("bad", w("some_failed"))
    out.append(f"<p class='verdict {verdict[0]}'>{e(verdict[1])}</p>")
    out.append("<dl class='counts'>" + "".join(
        f"<dt>{e(w(k))}</dt><dd class='num' data-count='{k}'>{n}</dd>"
        for k, n in (("rows", a.rows), ("checks", len(results)), ("passed", len(results) - len(failed)),
                     ("failed", len(failed)), ("held", len(a.held)))) + "</dl>")
    out.append("<table class='results'><thead><tr><th>#</th>" + "".join(
        f"<th>{e(w(k))}</th>" for k in ("check", "field", "result", "count", "unexpected")) +
        f"<th>%</th><th>{e(w('values'))}</th><th>{e(w('row_ids'))}</th></tr></thead><tbody>")
    for n, o in enumerate(results, 1):
        out.append(_row(n, o, w))
    out.append("</tbody></table>")
    if a.held:
        out.append(f"<h3>{e(w('held'))}</h3><table class='held'><thead><tr><th>{e(w.column(a.id_column))}</th>"
                   f"<th>{e(w('reason'))}</th></tr></thead><tbody>")
        human = {what(o.expectation, o.kwargs): f"{w.expectation(o)} "
                 f"({', '.join(w.column(c) for c in _columns_of(o.kwargs))})" for o in results}
        for key in sorted(a.held)[:SHOWN_HELD]:
            why = "; ".join(human.get(x, x) for x in a.held[key])
            out.append(f"<tr><td class='id'>{e(shown_id(key))}</td><td>{e(why)}</td></tr>")
        out.append("</tbody></table>")
        if len(a.held) > SHOWN_HELD:
            out.append(f"<p class='muted'>{e(w('more'))} {len(a.held) - SHOWN_HELD}</p>")
    out.append("</section>")
    return out


def _row(n: int, o: Outcome, w: Words) -> str:
    e = html.escape
    status = "error" if o.error else "passed" if o.success else "failed"
    result = w(status)
    cols = _columns_of(o.kwargs)
    fields = (", ".join(e(w.column(c)) for c in cols) +
              f"<br><code class='muted'>{e(', '.join(cols))}</code>") if cols else ""
    pct = "" if o.unexpected_percent is None else f"{o.unexpected_percent:.1f}".replace(".", ",")
    values = ""
    if o.values:
        items = [f"<li>{e(v)}{f' <span class=muted>×{k}</span>' if k > 1 else ''}</li>"
                 for v, k in o.values[:SHOWN_VALUES]]
        if len(o.values) > SHOWN_VALUES:
            items.append(f"<li class='muted'>{e(w('more'))} {len(o.values) - SHOWN_VALUES}</li>")
        values = f"<ul class='values'>{''.join(items)}</ul>"
    if o.error:
        values = f"<span class='error'>{e(o.error)}</span>"
    rows = ", ".join(_short_id(r) for r in o.rows[:SHOWN_ROWS])
    if len(o.rows) > SHOWN_ROWS:
        rows += f" <span class='muted'>{e(w('more'))} {len(o.rows) - SHOWN_ROWS}</span>"
    return (f"<tr class='{status}' data-expectation='{e(o.expectation)}' data-columns='{e(','.join(cols))}'>"
            f"<td class='num'>{n}</td><td>{e(w.expectation(o))}<br><code class='muted'>{e(o.expectation)}</code></td>"
            f"<td>{fields}</td><td class='result'>{e(result)}</td>"
            f"<td class='num'>{'' if o.element_count is None else o.element_count}</td>"
            f"<td class='num' data-unexpected='{o.unexpected_count or 0}'>"
            f"{'' if o.unexpected_count is None else o.unexpected_count}</td>"
            f"<td class='num'>{pct}</td><td>{values}</td><td class='id'>{rows}</td></tr>")
