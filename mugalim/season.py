"""Season settings (`settings/season-<season>.yaml`, spec/data-layout.md): read once into a frozen, validated object.

Every key has a default, so a missing file means "all defaults". An unknown key or a value of the wrong type is a
ConfigError that names the key and the file; it is never ignored.
"""
from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator, model_validator

from mugalim.errors import ConfigError

Money = Decimal


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _money(v: Any) -> Any:
    """Amounts come as YAML ints or decimals; a string or a boolean is a wrong type, not a number."""
    if isinstance(v, bool) or isinstance(v, str):
        raise ValueError("must be a number")
    if isinstance(v, float):
        return Decimal(str(v))
    return v


class ScoreScale(_Strict):
    min: Decimal = Decimal(0)
    max: Decimal = Decimal(10)
    _check = field_validator("min", "max", mode="before")(_money)

    @model_validator(mode="after")
    def _ordered(self) -> "ScoreScale":
        if self.min >= self.max:
            raise ValueError("min must be below max")
        return self


class Prizes(_Strict):
    """Rule P3: the one-time payments for places II and III (tenge)."""
    second: Decimal = Decimal(0)
    third: Decimal = Decimal(0)
    _check = field_validator("second", "third", mode="before")(_money)


class PrizesMrp(_Strict):
    """The same payments in monthly calculation indices (АЕК / МРП), when a season sets them so."""
    second: Decimal | None = None
    third: Decimal | None = None
    _check = field_validator("second", "third", mode="before")(_money)


class Grants(_Strict):
    """Rules G5, A7: one grant's amount and the season's budget (tenge); amount_mrp when set in indices."""
    amount_kzt: Decimal = Decimal(0)
    budget_kzt: Decimal = Decimal(0)
    amount_mrp: Decimal | None = None
    _check = field_validator("amount_kzt", "budget_kzt", "amount_mrp", mode="before")(_money)


class Payer(_Strict):
    """Who pays: the debtor of the payment files (pain.001). The Department's budget account; when the season does not
    set it, the files carry the name only and finance completes the account at import."""
    name: str = "Алматы қаласының Білім басқармасы"
    bin: str | None = None
    iban: str | None = None
    bic: str | None = None

    @field_validator("bin", mode="before")
    @classmethod
    def _bin_as_text(cls, v: Any) -> Any:
        """A BIN written without quotes is a YAML number that lost its leading zero."""
        return str(v).zfill(12) if isinstance(v, int) and not isinstance(v, bool) else v


class Votes(_Strict):
    """Rules S5, A3."""
    window_hours: StrictInt = 3
    one_per_phone: StrictBool = True
    points: Literal["none", "one_per_vote", "rank"] = "none"


class Range(_Strict):
    min: StrictInt
    max: StrictInt


Window = tuple[date, date]


class SeasonSettings(_Strict):
    season: StrictInt
    score_scale: ScoreScale = ScoreScale()
    round_aggregation: Literal["mean", "trimmed_mean"] = "mean"
    tie_policy: Literal["pending"] = "pending"
    title_repeat: Literal["may_compete", "exclude"] = "may_compete"
    prizes_kzt: Prizes = Prizes()
    prizes_mrp: PrizesMrp | None = None
    mrp_kzt: Decimal | None = None
    grants: Grants = Grants()
    knp: str | None = None
    payer: Payer = Payer()                                   # the debtor of payment files
    windows: dict[Literal["school", "district", "city", "grants_portfolio"], Window] = Field(default_factory=dict)
    votes: Votes = Votes()
    # Beyond the spec's list: settings later steps read.
    selection_cutoff: dict[str, StrictInt] | None = None   # rule A4: none unless the season sets one
    settle_minutes: StrictInt = 10                          # a batch still for this long is taken without READY
    contest_months: list[StrictInt] = [2, 3, 4, 5]           # when the nightly ingest runs
    language: Literal["kk", "ru"] = "kk"                    # protocols and readable reports
    video_duration_s: Range = Range(min=50, max=70)          # Appendix 2, item 1.7
    video_min_size: tuple[StrictInt, StrictInt] = (720, 480)
    review_confidence: float = 0.80                         # fields below it go to the review queue
    commission_min_members: StrictInt = 15                  # rule C1

    _mrp = field_validator("mrp_kzt", mode="before")(_money)

    @field_validator("knp", mode="before")
    @classmethod
    def _knp_as_text(cls, v: Any) -> Any:
        """`knp: 119` written without quotes is the code "119" (the payment step checks it has 3 digits)."""
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @model_validator(mode="before")
    @classmethod
    def _default_windows(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        y = data.get("season")
        if isinstance(y, int) and not isinstance(y, bool):
            windows = dict(default_windows(y))
            windows.update(data.get("windows") or {})
            data = {**data, "windows": windows}
        return data

    def window(self, name: str) -> Window:
        return self.windows[name]  # type: ignore[index]

    def grant_kzt(self) -> Decimal:
        """One grant in tenge, as rules A7 and G5 count it: `grants.amount_kzt`, or `grants.amount_mrp` × `mrp_kzt`
        when the season sets it in monthly calculation indices (0: no grant amount set). ConfigError naming the keys
        when the index value is missing or the two amounts disagree."""
        g = self.grants
        if g.amount_mrp is None:
            return g.amount_kzt
        if not self.mrp_kzt or self.mrp_kzt <= 0:
            raise ConfigError(f"season {self.season}: key 'grants.amount_mrp' sets the grant in indices but "
                              "'mrp_kzt' (the index value) is not set")
        computed = (g.amount_mrp * self.mrp_kzt).quantize(Decimal("0.01"))
        if g.amount_kzt and g.amount_kzt.quantize(Decimal("0.01")) != computed:
            raise ConfigError(f"season {self.season}: key 'grants.amount_kzt' ({g.amount_kzt}) disagrees with "
                              f"'grants.amount_mrp' × 'mrp_kzt' ({g.amount_mrp} × {self.mrp_kzt} = {computed})")
        return computed


def default_windows(season: int) -> dict[str, list[date]]:
    """Rules S1 and G4: the stage windows by default (dates inclusive, Almaty time)."""
    feb_last = calendar.monthrange(season, 2)[1]
    return {
        "school": [date(season, 2, 1), date(season, 2, feb_last)],
        "district": [date(season, 3, 1), date(season, 3, 31)],
        "city": [date(season, 4, 1), date(season, 5, 31)],
        "grants_portfolio": [date(season, 4, 10), date(season, 4, 30)],
    }


def settings_path(settings_dir: Path, season: int) -> Path:
    return settings_dir / f"season-{season}.yaml"


def load_season(settings_dir: Path, season: int) -> SeasonSettings:
    """Read `season-<season>.yaml` from `settings_dir` (all defaults when there is no such file)."""
    path = settings_path(settings_dir, season)
    raw: Any = {}
    if path.exists():
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            raise ConfigError(f"{path}: not valid YAML: {e}") from e
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: the settings must be a mapping of keys to values")
        if "season" in raw and raw["season"] != season:
            raise ConfigError(f"{path}: key 'season' is {raw['season']!r}, but the file is for season {season}")
    return parse_season({**raw, "season": season}, source=str(path))


def parse_season(raw: dict[str, Any], source: str = "<settings>") -> SeasonSettings:
    try:
        return SeasonSettings.model_validate(raw)
    except ValidationError as e:
        problems = "; ".join(f"key '{_key(err['loc'])}': {_explain(err)}" for err in e.errors())
        raise ConfigError(f"{source}: {problems}") from None


def _key(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if not (isinstance(p, str) and p.startswith("function-")))


def _explain(err: dict[str, Any]) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")
