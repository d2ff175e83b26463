# Kaizen Bot's image: a builder stage makes the wheel and a virtual environment, a slim
# runtime stage carries only that environment and runs it as an unprivileged user.
#
#   docker build -t kaizen-bot .
#   docker build --build-arg BASE=registry.example.com/python:3.13-slim -t kaizen-bot .
#
# BASE must be a Debian-like image with Python 3.12 or newer (the Teams SDK needs 3.12) and
# its venv module; the same BASE serves both stages, so the environment's paths hold.
ARG BASE=python:3.13-slim

FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python3 -m venv /opt/kaizen-bot
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY storage ./storage
COPY kaizen ./kaizen
# The wheel first, then the environment from it: what runs is what `pip install` of the
# released package would give, without the sources lying beside it; pip compiles the
# bytecode, so the unprivileged runtime never needs to write any.
ARG EXTRAS=teams,postgresql
RUN /opt/kaizen-bot/bin/pip wheel --no-deps --wheel-dir /wheels . \
 && /opt/kaizen-bot/bin/pip install "$(ls /wheels/kaizen_bot-*.whl)[${EXTRAS}]"

FROM ${BASE} AS runtime
# No secrets here: tokens and passwords come from the environment at run time (compose's
# env_file, `docker run --env-file`, a Kubernetes Secret).
ENV PATH=/opt/kaizen-bot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    KAIZEN_CONFIG=/etc/kaizen-bot/app.yaml \
    DATABASE_URL=sqlite+aiosqlite:////var/lib/kaizen-bot/kaizen.db
RUN groupadd --system --gid 10001 kaizen \
 && useradd --system --uid 10001 --gid kaizen --home-dir /var/lib/kaizen-bot \
      --shell /usr/sbin/nologin kaizen \
 && install -d -o kaizen -g kaizen -m 0750 /var/lib/kaizen-bot
COPY --from=build /opt/kaizen-bot /opt/kaizen-bot
# The commented example: every key has its default or reads the environment (${VAR:-...}).
# Mount your own over it, or point KAIZEN_CONFIG elsewhere.
COPY app.yaml /etc/kaizen-bot/app.yaml
USER kaizen:kaizen
WORKDIR /var/lib/kaizen-bot
# The SQLite file (unused with a PostgreSQL DATABASE_URL).
VOLUME ["/var/lib/kaizen-bot"]
EXPOSE 3000
# Ready, not just alive: /readyz answers 200 once every surface runs and the database answers.
# Python's own urllib, since slim bases have no curl; any non-2xx status raises, exit 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '3000'), timeout=4)"]
# Exec form, so the bot is PID 1 and receives SIGTERM itself (it finishes the turns under
# way and stops). `kaizen run` applies the migrations at start, safely from several
# instances at once, so no separate migrate step is needed.
STOPSIGNAL SIGTERM
CMD ["kaizen", "run"]
