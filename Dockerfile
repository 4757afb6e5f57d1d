# The web app under gunicorn. Debian bookworm gives the same GDAL/GEOS/PROJ as our machines.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin libgeos-c1v5 proj-bin gettext postgresql-client \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md package.json package-lock.json ./
COPY config config
COPY core core
COPY buurt buurt
COPY places places
COPY events events
COPY api api
COPY frontend frontend
COPY usertext usertext
COPY subscriptions subscriptions
COPY data data
COPY locale locale
COPY manage.py ./
COPY scripts/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
COPY scripts/vendor.sh scripts/design.sh scripts/
RUN bash scripts/vendor.sh && rm -rf node_modules \
    && pip install --no-cache-dir . \
    && SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=postgis://build@localhost/build \
       python manage.py compilemessages -v 0 \
    && SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=postgis://build@localhost/build \
       python manage.py collectstatic --noinput -v 0

USER nobody
EXPOSE 8000
ENTRYPOINT ["docker-entrypoint.sh"]
# Threaded workers, request limits and the rest: config/gunicorn.py.
CMD ["gunicorn", "config.wsgi:application", "-c", "config/gunicorn.py"]
