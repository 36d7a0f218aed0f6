"""Where the data folder and the database are: read once at a command's or task's boundary, then passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mugalim.errors import ConfigError


#: what every file and folder mugalim creates withholds: nothing for others, no writing for the group (files 0640,
#: folders 0750; the SQLite database too). People's data (IINs, addresses, bank details) is in all of them.
UMASK = 0o027


def private_files() -> None:
    """Set the process's umask once, at the boundary where a command or an Airflow task reads its settings."""
    os.umask(UMASK)


@dataclass(frozen=True)
class Settings:
    """The run's settings. `db_url` defaults to a SQLite file inside the data folder (the embedded default)."""

    data_dir: Path
    db_url: str

    @classmethod
    def load(cls, data: str | os.PathLike[str] | None = None, db_url: str | None = None) -> "Settings":
        """The settings of a command or task; every file it then creates is private (see `private_files`)."""
        private_files()
        raw = data if data is not None else os.environ.get("MUGALIM_DATA")
        if not raw:
            raise ConfigError("no data folder: pass --data DIR or set MUGALIM_DATA")
        data_dir = Path(raw).expanduser().resolve()
        url = db_url or os.environ.get("MUGALIM_DB_URL") or f"sqlite:///{data_dir / 'mugalim.sqlite'}"
        return cls(data_dir=data_dir, db_url=url)

    # The layout of data-layout.md, in one place.
    @property
    def inbox(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def scans_inbox(self) -> Path:
        return self.inbox / "scans"

    @property
    def scores_inbox(self) -> Path:
        return self.inbox / "scores"

    @property
    def finance_inbox(self) -> Path:
        return self.inbox / "finance"

    @property
    def corrections_inbox(self) -> Path:
        return self.inbox / "corrections"

    @property
    def archive(self) -> Path:
        return self.data_dir / "archive"

    @property
    def quarantine(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def settings_dir(self) -> Path:
        return self.data_dir / "settings"

    def outbox(self, season: int) -> Path:
        return self.data_dir / "outbox" / str(season)

    def ensure_layout(self) -> None:
        """Create the folders of the layout that do not exist yet (never removes anything)."""
        for p in (self.scans_inbox, self.scores_inbox, self.finance_inbox, self.corrections_inbox,
                  self.archive, self.quarantine, self.settings_dir, self.data_dir / "outbox"):
            p.mkdir(parents=True, exist_ok=True)
