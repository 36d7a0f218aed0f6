"""Great Expectations 1.x suites over the application fields and the score sheets: a failing expectation holds back
the rows it names, not the whole batch, and says why; Data Docs are built into the given folder."""
from decimal import Decimal

import pytest

from validators.quality import checkpoint, suites

GOOD = dict(document_sha256="a" * 64, iin="850314401236", birth_date="1985-03-14", filled_date="2026-02-01",
            qualification_category="expert", pedagogical_experience_months=120, postal_code="050010",
            phones=["+77011234567", "+77272724567"])


@pytest.fixture
def ctx(tmp_path):
    return checkpoint.context(tmp_path / "data-docs")


def _audit(ctx, rows):
    df = suites.application_frame(rows, 2026)
    return checkpoint.run_checkpoint(ctx, df, suites.application_suite(2026), id_column="document_sha256",
                                     name="applications_2026")


@pytest.mark.parametrize("change,expectation", [
    ({"iin": "850314401237"}, "iin_check_ok"),                               # check digit
    ({"birth_date": "1985-03-15"}, "iin_birth_agrees"),                      # IIN and birth date disagree
    ({"qualification_category": "boss"}, "qualification_category"),          # outside the closed set
    ({"pedagogical_experience_months": 400}, "working_age_months, pedagogical_experience_months"),  # > age
    ({"phones": ["87011234567"]}, "phones_joined"),                          # not E.164
    ({"postal_code": "05001"}, "postal_code"),                               # five digits
    ({"filled_date": "2019-02-01"}, "filled_year"),                          # implausible date
])
def test_a_failing_expectation_holds_back_only_the_row_it_names(ctx, change, expectation):
    bad = {**GOOD, **change, "document_sha256": "b" * 64}
    audit = _audit(ctx, [GOOD, bad])
    assert audit.success is False
    assert set(audit.held) == {"b" * 64}
    assert any(expectation in why for why in audit.held["b" * 64]), audit.held


def test_clean_rows_pass_every_expectation(ctx):
    audit = _audit(ctx, [GOOD, {**GOOD, "document_sha256": "c" * 64, "iin": "750712343218",
                                "birth_date": "1975-07-12"}])
    assert audit.success and audit.held == {}


def _score(row, member="m1", score="7.5", participant="850314401236"):
    return dict(file="scores_district.csv", row=row, season=2026, competition="teacher_of_year", stage="district",
                unit="Алмалы", round=1, participant_iin=participant, member_id=member, score=score)


def test_score_sheet_suite_scale_commission_and_duplicates(ctx):
    rows = [_score(2), _score(3, member="m2", score="11"), _score(4, member="intruder"),
            _score(5, member="m3"), _score(6, member="m3"), _score(7, member="m1", participant="750712343218")]
    df = suites.scores_frame(rows, members={"m1", "m2", "m3"})
    audit = checkpoint.run_checkpoint(ctx, df, suites.scores_suite(Decimal(0), Decimal(10)), id_column="row_id",
                                      name="scores_2026")
    held = {k.split(":")[1]: v for k, v in audit.held.items()}
    assert set(held) == {"3", "4", "5", "6"}
    assert "score" in held["3"][0] and "member_on_commission" in held["4"][0]
    assert "copies" in held["5"][0] and "copies" in held["6"][0]                  # a row given twice: both named


def test_data_docs_are_built_into_the_outbox_folder(ctx, tmp_path):
    _audit(ctx, [GOOD])
    index = checkpoint.build_docs(ctx)
    assert index == tmp_path / "data-docs" / "index.html" and index.exists()
    assert "mugalim_application_fields" in index.read_text(encoding="utf-8")


def test_score_rows_audit_for_the_scoring_step_builds_its_data_docs(tmp_path):
    from validators.quality.scores import audit_score_rows

    audit = audit_score_rows([_score(2), _score(3, score="-1", participant="750712343218")], members={"m1"}, scale=(Decimal(0), Decimal(10)),
                             docs_dir=tmp_path / "dd")
    assert set(audit.held) == {"scores_district.csv:3"}
    assert (tmp_path / "dd" / "index.html").exists()
