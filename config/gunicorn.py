"""gunicorn as deployed: `gunicorn config.wsgi:application -c config/gunicorn.py` (the
Dockerfile; tests/config/test_gunicorn.py starts it the same way). Settings from the environment.

Threaded workers (gthread): a sync worker reads one client's request from start to end, so
four clients that send their headers slowly (slowloris) stalled all sync workers until the
worker timeout killed them (33 s). With gthread, a connection takes a thread only once it has
data, and a worker has many threads. In docker-compose.yml nginx sits in front as well and
passes on only complete requests (docs/operations.md).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
# Django with PostGIS mostly waits on the database: a few processes with several threads.
# Each thread may hold a database connection (CONN_MAX_AGE): workers x threads must stay
# well under PostgreSQL's max_connections (100 by default).
workers = int(os.environ.get("WEB_CONCURRENCY", 3))
# A thread reading a request that arrives slowly is taken until it is complete (or until the
# worker timeout): one worker stays responsive while fewer than `threads` slow clients hold
# its threads. Beyond that, the proxy's buffering (config/nginx/buurtwijzer.conf) protects.
threads = int(os.environ.get("GUNICORN_THREADS", 8))
# A request that takes longer than this is killed with its worker; keep-alive connections
# are closed after a short idle time so that they do not hold threads.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Bounds on what a client may send before Django sees it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
# Behind the proxy in docker-compose.yml; set FORWARDED_ALLOW_IPS to the proxy's address
# when gunicorn should believe its X-Forwarded-Proto (the app itself reads NUM_PROXIES).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
