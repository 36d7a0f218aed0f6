"""The extract benchmarks' own logic (fast, no OCR): the plain label-regex parser the validation bench compares
against, its "found in page text" check, and the speed bench's process-tree sampler. The texts here are made up
for the test; nothing of the validation set is used except, when present, its scorer module."""
from __future__ import annotations

import pkgutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import extract_speed, extract_validation as ev

RU_INLINE = """Заявка на участие в конкурсе
1. Место работы: КГУ «Школа-гимназия № 7»
2. Фамилия, имя, отчество (при наличии): Иванова Мария
Петровна
3. Число, месяц, год рождения: 05.03.1984 г.
4. Должность: учитель физики
5. Педагогический стаж: 12 лет 3 мес.
6. Стаж работы в занимаемой должности: 7 г.
7. Образование (учебное заведение, факультет, год окончания): КазНПУ им. Абая,
физический факультет, 2006 г.
8. Квалификационная категория: педагог-эксперт (приказ от 2022 г.)
9. Домашний адрес с индексом: 050010, г. Алматы, ул. Абая, д. 1, кв. 2
10. Данные документа, удостоверяющего личность: уд. личности № 012345678 от 01.02.2020, ИИН 840305400123
11. Контактный телефон (домашний, сотовый): 8 (727) 254-12-34, +7 701 123 45 67
12. Награды, поощрения: Почетная грамота, 2019 г.
Приложение: на 25 листах.
Дата заполнения: «05» февраля 2025 г.
Личная подпись участника конкурса: / Иванова М.П. /
"""

KK_TABLE = """1 | Жұмыс орны | № 12 мектеп-гимназия
2 | Тегі, аты, әкесінің аты (болған | Сейтқалиева Әйгерім Бауыржанқызы
жағдайда)
3 | Туған күні, айы, жылы | 1985 жылғы 12 наурыз
4 | Лауазымы | математика пәнінің мұғалімі
5 | Педагогикалық өтілі | 12 жыл 3 ай
6 | Лауазымдағы жұмыс өтілі | 5 ж.
7 | Білімі (оқу орнының, | Абай атындағы ҚазҰПУ, 2007 ж.
факультеттің атауы, қай жылы бітірді)
8 | Біліктілік санаты | педагог-шебер
9 | Индексі көрсетілген үйінің | Алматы қ., Медеу ауданы, 5-үй, индексі 050000
мекенжайы
10 | Жеке басын куәландыратын | Жеке куәлік № 123456789, ЖСН 850312450016
құжатының деректері
11 | Байланыс телефоны (үй, ұялы) | 87011234567
12 | Марапаттау, көтермелеу | Алғыс хат (2020)
Қосымша: конкурсқа қатысу үшін құжаттар 61 парақта.
Өтінімнің толтырылған күні: 2025-02-14
"""


def test_plain_parser_inline_russian() -> None:
    f = ev.plain_fields(RU_INLINE)
    assert f["workplace"] == "КГУ «Школа-гимназия № 7»"
    assert f["full_name"] == "Иванова Мария Петровна"
    assert f["birth_date"] == "1984-03-05"
    assert f["position"] == "учитель физики"
    assert f["pedagogical_experience_months"] == 147
    assert f["position_experience_months"] == 84
    assert f["education"] == "КазНПУ им. Абая, физический факультет, 2006 г."
    assert f["qualification_category"] == "expert"
    assert f["postal_code"] == "050010"
    assert f["id_document_number"] == "012345678"
    assert f["iin"] == "840305400123"
    assert f["phones"] == ["+77272541234", "+77011234567"]
    assert f["awards"] == "Почетная грамота, 2019 г."
    assert f["filled_date"] == "2025-02-05"
    assert f["attachment_pages"] == 25


def test_plain_parser_kazakh_table_strips_the_wrapped_label() -> None:
    f = ev.plain_fields(KK_TABLE)
    assert f["workplace"] == "№ 12 мектеп-гимназия"
    assert f["full_name"] == "Сейтқалиева Әйгерім Бауыржанқызы"
    assert f["birth_date"] == "1985-03-12"
    assert f["pedagogical_experience_months"] == 147
    assert f["position_experience_months"] == 60
    assert f["education"] == "Абай атындағы ҚазҰПУ, 2007 ж."
    assert f["qualification_category"] == "master"
    assert f["home_address"] == "Алматы қ., Медеу ауданы, 5-үй, индексі 050000"
    assert f["id_document_number"] == "123456789" and f["iin"] == "850312450016"
    assert f["phones"] == ["+77011234567"]
    assert f["attachment_pages"] == 61 and f["filled_date"] == "2025-02-14"


def test_plain_parser_on_noise_gives_nulls() -> None:
    f = ev.plain_fields("|| ,. ‚ 22-2 о")
    assert all(v is None for v in f.values())


@pytest.mark.skipif(not (ev.DEFAULT_DIR / "score.py").exists(), reason="no validation set beside the project")
def test_found_in_text_uses_the_scorers_normalization() -> None:
    score = ev.load_scorer(ev.DEFAULT_DIR)
    assert ev.found_in_text(score, "full_name", "Иванова Мария Петровна", RU_INLINE)        # across a line break
    assert ev.found_in_text(score, "home_address", "г. Алматы, ул. Абая, д. 1, кв. 2", RU_INLINE)
    assert ev.found_in_text(score, "birth_date", "1984-03-05", RU_INLINE)
    assert ev.found_in_text(score, "filled_date", "2025-02-05", RU_INLINE)
    assert ev.found_in_text(score, "pedagogical_experience_months", 147, RU_INLINE)
    assert ev.found_in_text(score, "phones", ["+77011234567", "+77272541234"], RU_INLINE)
    assert ev.found_in_text(score, "qualification_category", "expert", RU_INLINE)
    assert ev.found_in_text(score, "attachment_pages", 25, RU_INLINE)
    assert ev.found_in_text(score, "iin", "840305400123", RU_INLINE)
    assert not ev.found_in_text(score, "iin", "840305400124", RU_INLINE)
    assert not ev.found_in_text(score, "qualification_category", "master", RU_INLINE)
    assert not ev.found_in_text(score, "full_name", "Петрова Мария", RU_INLINE)


def test_validation_bench_skips_without_the_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--dir", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_tree_memory_samples_a_child_tree() -> None:
    code = "import subprocess, sys; b = bytearray(60 * 2**20); subprocess.run([sys.executable, '-c', " \
           "'import time; b = bytearray(40 * 2**20); time.sleep(0.6)'])"
    with extract_speed.TreeMemory() as mem:
        p = subprocess.Popen([sys.executable, "-c", code])
        mem.add(p.pid)
        p.wait()
        time.sleep(0.1)
    assert mem.root >= 60 * 2**20
    assert mem.worker >= 40 * 2**20
    assert mem.tree >= 100 * 2**20


def test_benches_are_listed_by_python_m_bench() -> None:
    names = {m.name for m in pkgutil.iter_modules([str(Path(ev.__file__).parent)])}
    assert {"extract_validation", "extract_speed"} <= names
