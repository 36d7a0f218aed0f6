"""Item 1.7, the video "Менің жүрегімнің мектебі": the only module that runs ffprobe and ffmpeg.

What is checked (spec/portfolio.md): MPEG-4 (or a DVD image), at least 720×480, a duration inside the season's range
(50–70 s by default), and a title frame carrying the participant's name (Tesseract kaz+rus over frames of the first
seconds, and of the last ones where an information page may close the film). A file ffprobe cannot read is a failed
item with the reason, not a crash. An audio track — silent or not, shorter or longer than the picture — is expected
and never a defect: the duration is the picture's. Each problem names the requirement and by how much it is missed.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mugalim.messages import Message
from validators.model import Check
from validators.ocr import ocr_image
from validators.text import name_in

FFPROBE_TIMEOUT_S = 60
FFMPEG_TIMEOUT_S = 120
TITLE_FRAMES_S = (0.5, 1.5, 3.0, 5.0, 8.0)
END_FRAMES_S = (2.0,)                        # seconds before the end: an information page may close the film
MP4_FORMATS = {"mov,mp4,m4a,3gp,3g2,mj2", "mp4"}
MP4_BRANDS_QT = {"qt"}                      # a QuickTime .mov shares ffprobe's format name with MP4
DVD_FORMATS = {"mpeg", "vob", "dvd"}


class ProbeFailed(Exception):
    """ffprobe could not read the file: it is corrupt, empty, or not a media file."""


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's JSON for the file's format and streams."""
    cmd = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    try:
        out = subprocess.run(cmd, capture_output=True, timeout=FFPROBE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as e:
        raise ProbeFailed(f"ffprobe took longer than {FFPROBE_TIMEOUT_S} s") from e
    if out.returncode != 0:
        last = (out.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        raise ProbeFailed(f"ffprobe cannot read it ({last.split(': ')[-1]})")
    return json.loads(out.stdout or b"{}")


def container_problem(fmt: dict[str, Any]) -> str | None:
    name = fmt.get("format_name", "")
    brand = str(fmt.get("tags", {}).get("major_brand", "")).strip().lower()
    if name in MP4_FORMATS and brand not in MP4_BRANDS_QT:
        return None
    if set(name.split(",")) & DVD_FORMATS:
        return None
    shown = "QuickTime MOV" if name in MP4_FORMATS else CONTAINERS.get(name) or fmt.get("format_long_name") or name
    return Message("check.video_container", container=shown or "unknown")


CONTAINERS = {"avi": "AVI", "matroska,webm": "Matroska (MKV)", "mov": "QuickTime MOV"}     # issue 18


def displayed_size(stream: dict[str, Any]) -> tuple[int, int]:
    """The picture as shown (issue 18): a phone's video stored 1280×720 with a rotation of ±90° (its `rotate` tag,
    or the display matrix ffprobe lists in `side_data_list`) is shown 720×1280."""
    w, h = int(stream.get("width") or 0), int(stream.get("height") or 0)
    rotation = stream.get("tags", {}).get("rotate") or next(
        (sd["rotation"] for sd in stream.get("side_data_list", []) if "rotation" in sd), 0)
    try:
        turned = round(float(rotation)) % 180 == 90
    except (TypeError, ValueError):
        turned = False
    return (h, w) if turned else (w, h)


def size_problem(stream: dict[str, Any], min_size: tuple[int, int]) -> str | None:
    w, h = displayed_size(stream)
    if max(w, h) >= max(min_size) and min(w, h) >= min(min_size):
        return None
    return Message("check.video_small", size=f"{w}×{h}", min=f"{min_size[0]}×{min_size[1]}")


def duration_problem(seconds: float | None, allowed: tuple[int, int]) -> str | None:
    """The duration against the season's range, with by how much it misses ("20 s, the season allows 50–70 s")."""
    if seconds is None:
        return Message("check.video_no_duration")
    if allowed[0] - 0.5 <= seconds <= allowed[1] + 0.5:
        return None
    short = seconds < allowed[0]
    by = (allowed[0] - seconds) if short else (seconds - allowed[1])
    return Message("check.video_short" if short else "check.video_long", s=f"{seconds:.0f}",
                   range=f"{allowed[0]}–{allowed[1]}", by=f"{by:.0f}")


def _duration(meta: dict[str, Any], stream: dict[str, Any]) -> float | None:
    """The picture's duration: the video stream's own, else the container's (an audio track may run longer)."""
    for raw in (stream.get("duration"), _tag_duration(stream), meta.get("format", {}).get("duration")):
        try:
            value = float(raw)
        except (TypeError, ValueError):
            continue
        if value > 0:
            return value
    return None


def _tag_duration(stream: dict[str, Any]) -> str | None:
    """Matroska keeps a stream's duration in a tag, "00:01:00.040000000"."""
    raw = str(stream.get("tags", {}).get("DURATION", "") or "")
    parts = raw.split(":")
    if len(parts) != 3:
        return None
    try:
        return str(int(parts[0]) * 3600 + int(parts[1]) * 60 + float(parts[2]))
    except ValueError:
        return None


def check_video(path: Path, *, full_name: str | None, duration_s: tuple[int, int] = (50, 70),
                min_size: tuple[int, int] = (720, 480), read_title: bool = True) -> Check:
    """Measure one video against item 1.7. `full_name` None: the title cannot be compared (said in a note)."""
    try:
        meta = probe(path)
    except ProbeFailed as e:
        return Check(problems=(Message("check.video_unreadable", error=str(e)),))
    fmt = meta.get("format", {})
    video = next((s for s in meta.get("streams", []) if s.get("codec_type") == "video"
                  and not s.get("disposition", {}).get("attached_pic")), None)
    if video is None:
        return Check(problems=(Message("check.video_no_stream"),), facts={"format": fmt.get("format_name")})
    seconds = _duration(meta, video)
    audio = [a.get("codec_name") for a in meta.get("streams", []) if a.get("codec_type") == "audio"]
    facts = {"format": fmt.get("format_name"), "codec": video.get("codec_name"),
             "width": displayed_size(video)[0], "height": displayed_size(video)[1],
             "duration_s": round(seconds, 1) if seconds is not None else None, "audio": audio}
    problems = [p for p in (container_problem(fmt), size_problem(video, min_size),
                            duration_problem(seconds, duration_s)) if p]
    notes: list[str] = []
    if read_title:
        title = title_problem(path, full_name, seconds)
        (notes if title and title.startswith("cannot") else problems).extend([title] if title else [])
        facts["title_checked"] = full_name is not None
    return Check(problems=tuple(problems), notes=tuple(notes), facts=facts)


def title_problem(path: Path, full_name: str | None, seconds: float | None = None) -> str | None:
    """None when a frame of the first seconds (or of the last ones) carries the name; else why not."""
    if not full_name:
        return Message("check.title_no_name")
    read = 0
    for text in title_texts(path, seconds):
        read += 1
        if name_in(text, full_name):
            return None
    if not read:
        return Message("check.title_no_frame")
    return Message("check.title_missing")


def frame_times(seconds: float | None) -> list[float]:
    """The moments looked at for the information page: the first seconds, then the last ones."""
    times = [t for t in TITLE_FRAMES_S if seconds is None or t < seconds]
    if seconds is not None:
        times += [round(seconds - t, 2) for t in END_FRAMES_S if seconds - t > max(TITLE_FRAMES_S)]
    return times


def title_texts(path: Path, seconds: float | None = None) -> Iterator[str]:
    """OCR of frames at `frame_times`, one at a time so the first match stops the work."""
    with tempfile.TemporaryDirectory(prefix="mugalim-frames-") as tmp:
        for i, t in enumerate(frame_times(seconds)):
            frame = Path(tmp) / f"f{i}.png"
            if grab_frame(path, t, frame):
                yield ocr_image(frame)


def grab_frame(path: Path, at_s: float, dest: Path) -> bool:
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-ss", f"{at_s}", "-i", str(path), "-frames:v", "1",
           "-vf", "scale=1280:-2", "-y", str(dest)]
    try:
        subprocess.run(cmd, capture_output=True, timeout=FFMPEG_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return False
    return dest.exists() and dest.stat().st_size > 0
