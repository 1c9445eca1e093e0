# cyberbrief in a container: `serve` (HTTP mode) on port 3000, the store on the /data volume.
#   docker build -t cyberbrief .
#   docker run -d --name cyberbrief -p 3000:3000 -v cyberbrief-data:/data \
#     --env-file cyberbrief.env cyberbrief
# Socket Mode instead (no public URL needed): add `--no-healthcheck ... cyberbrief run`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md bot.py ./
COPY cyberbrief ./cyberbrief
RUN pip install . \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin cyberbrief \
    && mkdir -p /data \
    && chown cyberbrief:cyberbrief /data

USER cyberbrief
ENV CYBERBRIEF_DB=/data/cyberbrief.db \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000

# /healthz answers 200 "ok", or 503 with the reason (the database gone, unreadable, unmigrated).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

ENTRYPOINT ["cyberbrief"]
CMD ["serve", "--host", "0.0.0.0"]
