# The image every Airflow component of mugalim runs (api-server, scheduler, dag-processor, triggerer, Celery
# workers): the official Airflow image, plus what the extraction needs (Tesseract with Kazakh and Russian, poppler,
# ffmpeg, qpdf, the fonts the documents are checked against, libvips) and mugalim itself with its pinned dependencies.
#
#   docker compose build          (docker-compose.yml builds it as mugalim-airflow:<MUGALIM_VERSION>)
ARG AIRFLOW_VERSION=3.3.2
ARG PYTHON_VERSION=3.11
FROM apache/airflow:${AIRFLOW_VERSION}-python${PYTHON_VERSION}

USER root
# libvips is libvips42 on Debian bookworm and libvips42t64 from trixie on: the name the base image knows is taken
RUN apt-get update \
 && vips=$(apt-cache show libvips42t64 >/dev/null 2>&1 && echo libvips42t64 || echo libvips42) \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus poppler-utils ffmpeg qpdf \
      fonts-dejavu-core fonts-liberation fonts-paratype fonts-freefont-ttf fonts-urw-base35 "$vips" \
 && apt-get clean && rm -rf /var/lib/apt/lists/*

USER airflow
# The same pins as the development machines and CI (requirements.lock), airflow's own version unchanged.
ARG AIRFLOW_VERSION
COPY --chown=airflow:0 requirements.lock /opt/mugalim/requirements.lock
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" -r /opt/mugalim/requirements.lock

# mugalim is installed in place (editable): its migrations and queries are read from /opt/mugalim/sql.
COPY --chown=airflow:0 pyproject.toml /opt/mugalim/
COPY --chown=airflow:0 mugalim /opt/mugalim/mugalim
COPY --chown=airflow:0 extractors /opt/mugalim/extractors
COPY --chown=airflow:0 validators /opt/mugalim/validators
COPY --chown=airflow:0 sql /opt/mugalim/sql
RUN pip install --no-cache-dir --no-deps --no-build-isolation -e /opt/mugalim \
 && python -m compileall -q /opt/mugalim/mugalim /opt/mugalim/extractors /opt/mugalim/validators

COPY --chown=airflow:0 dags /opt/airflow/dags
COPY --chown=airflow:0 plugins /opt/airflow/plugins

ENV OMP_THREAD_LIMIT=1 \
    MUGALIM_DATA=/data
