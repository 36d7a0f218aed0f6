"""Every document type of portfolio.md is recognized from content, in Kazakh and in Russian; the language is kk,
ru or mixed."""
import pytest

from extractors.doctype import classify, language, level

SAMPLES = [
    ("application", "Өтінім\nМені конкурсқа қатысуға жіберуіңізді сұраймын\n1. Жұмыс орны", "kk"),
    ("application", "Заявка\nПрошу допустить меня к участию в конкурсе\n1. Место работы", "ru"),
    ("id_copy", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ\nЖЕКЕ КУӘЛІК\nТуған жері АЛМАТЫ", "kk"),
    ("id_copy", "РЕСПУБЛИКА КАЗАХСТАН\nУДОСТОВЕРЕНИЕ ЛИЧНОСТИ\nМесто рождения АЛМАТЫ", "ru"),
    ("personnel_sheet", "Кадрларды есепке алудың жеке парағы\nЕңбек жолы", "kk"),
    ("personnel_sheet", "Личный листок по учету кадров\nТрудовая деятельность", "ru"),
    ("diploma", "ДИПЛОМ\nАбай атындағы ҚазҰПУ бітірді, біліктілігі берілді: бакалавр", "kk"),
    ("diploma", "ДИПЛОМ\nокончил университет, присуждена квалификация бакалавр", "ru"),
    ("training_certificate", "СЕРТИФИКАТ\nбіліктілікті арттыру курсынан өтті, 72 академиялық сағат", "kk"),
    ("training_certificate", "СЕРТИФИКАТ\nо прохождении курсов повышения квалификации, 72 академические часы", "ru"),
    ("publication", "Мақала\nҒылыми-әдістемелік журнал, ISSN 2305-1234", "kk"),
    ("publication", "Статья\nНаучно-методический журнал, ISSN 2305-1234, сборник", "ru"),
    ("review", "Пікір\nәдістемелік құралға берілген пікір", "kk"),
    ("review", "Рецензия\nна методическое пособие, рецензент", "ru"),
    ("essay", "Эссе\nЗаманауи педагог қандай болуы керек", "kk"),
    ("essay", "Эссе\nКаким должен быть современный педагог", "ru"),
    ("presentation", "Таныстырылым\nМенің инновациялық педагогтік тәжірибем", "kk"),
    ("presentation", "Презентация\nМой инновационный педагогический опыт, слайд 1", "ru"),
    ("lesson_plan", "Қысқа мерзімді жоспар\nСабақтың мақсаты: оқу мақсаттары", "kk"),
    ("lesson_plan", "Краткосрочный план\nЦель урока, ход урока", "ru"),
    ("class_hour_plan", "Тәрбие сағаты\nМен елімнің патриотымын", "kk"),
    ("class_hour_plan", "Классный час\nЯ патриот своей страны", "ru"),
    ("achievement", "Алғыс хат\nқалалық олимпиада жеңімпазын дайындағаны үшін", "kk"),
    ("achievement", "Благодарственное письмо\nза подготовку победителя городской олимпиады", "ru"),
]


@pytest.mark.parametrize("doc_type, text, lang", SAMPLES, ids=[f"{s[0]}-{s[2]}" for s in SAMPLES])
def test_every_portfolio_document_type_is_recognized_from_content_in_both_languages(doc_type, text, lang):
    assert classify(text) == doc_type


def test_kazakh_letters_read_as_russian_look_alikes_still_type_the_document():
    assert classify("Кадрларды есепке алудын жеке парагы") == "personnel_sheet"
    assert classify("Тэрбие сагаты\nМен елiмнiн патриотымын") == "class_hour_plan"


def test_nothing_recognizable_is_unknown():
    assert classify("lorem ipsum dolor") == "unknown"
    assert classify("") == "unknown"


def test_an_achievement_carries_its_level():
    assert level("Республикалық олимпиада, II орын") == "republic"
    assert level("Международная конференция") == "international"
    assert level("Алматы қаласы бойынша қалалық байқау") == "city"


def test_language_is_kk_ru_or_mixed():
    assert language("Мені конкурсқа қатысуға жіберуіңізді сұраймын. Өзім туралы келесі мәліметтерді хабарлаймын") \
        == "kk"
    assert language("Прошу допустить меня к участию в конкурсе. О себе сообщаю следующие сведения") == "ru"
    assert language("Мені конкурсқа қатысуға жіберуіңізді сұраймын және\nПрошу допустить меня к участию в конкурсе"
                    " и по всем вопросам для связи") == "mixed"
