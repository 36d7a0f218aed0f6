#!/usr/bin/env bash
# Install everything mugalim needs on a fresh Debian machine. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus poppler-utils ffmpeg qpdf
              fonts-dejavu-core fonts-liberation fonts-paratype fonts-freefont-ttf fonts-urw-base35
              chromium chromium-driver
              libreoffice-calc-nogui libreoffice-writer-nogui    # CSV/XLSX opened as finance does; DOCX/ODT rendered
              libvips42)     # pyvips's library: the review station shrinks a large PNG/TIFF page as it reads it

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
stamp=.venv/.installed-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: building .venv from requirements.lock"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  # (This machine's pip config names package folders that may not exist: pip warns once a package; not shown.)
  .venv/bin/pip install -q -r requirements.lock 2> >(grep -v "^WARNING: Location" >&2)
  # packages whose declared dependencies must not be installed (the lock says why): "# no-deps: NAME==VERSION"
  sed -n 's/^# no-deps: //p' requirements.lock | xargs -r .venv/bin/pip install -q --no-deps \
    2> >(grep -v "^WARNING: Location" >&2)
  .venv/bin/pip install -q --no-deps --no-build-isolation -e . 2> >(grep -v "^WARNING: Location" >&2)
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The project's own modules byte-compiled, as an installed package's are (pip compiles site-packages, not an
# editable install's folders): every `mugalim` command otherwise compiles them again at its start when
# PYTHONDONTWRITEBYTECODE is set. Only changed files are compiled again.
.venv/bin/python -m compileall -q -j 0 mugalim extractors validators plugins dags >/dev/null || true

# matplotlib's font cache, made here rather than by the first `mugalim score` that draws a chart (issue 15)
.venv/bin/python -c "import matplotlib.font_manager" 2>/dev/null || true
