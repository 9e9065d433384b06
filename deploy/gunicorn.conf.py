"""gunicorn settings for Foro: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Every value can be overridden from the environment (FORO_BIND, WEB_CONCURRENCY,
FORO_TIMEOUT) or on the command line.
"""

import gc
import multiprocessing
import os

# Behind nginx on the same machine: loopback only (nginx terminates HTTPS).
bind = os.environ.get("FORO_BIND", "127.0.0.1:8000")
# The usual rule for synchronous workers: two per core, plus one waiting on I/O.
workers = int(os.environ.get("WEB_CONCURRENCY", "") or 2 * multiprocessing.cpu_count() + 1)
# Pages answer in well under a second; whole-event work (PDFs, publishing) runs as RQ jobs.
# A request still running after this long is stuck: its worker is killed and replaced.
timeout = int(os.environ.get("FORO_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Load the app once in the master and fork: faster start, less memory, and a broken
# configuration (e.g. no real SECRET_KEY) stops the master instead of every worker looping.
preload_app = True
# Recycle workers now and then so that a slow leak (a big PDF's fragments) cannot grow forever.
# Evenly loaded workers reach the count together: with 2,000 +- 200, at ~700 cached pages a
# second the five workers of an instance restarted within a second of one another (each
# starting its PDF renderer) and the load benchmark's page fell from ~700 to ~60 requests/s
# with a p99 of 9 s. A wide jitter spreads the restarts; a larger count makes them rarer.
max_requests = 10000
max_requests_jitter = 5000
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn's control socket (one fixed path in $HOME) would clash between two instances on
# one machine (the load benchmark runs two); signals do the same work.
control_socket_disable = True


# Python's cycle collector took 5.7 % of a worker's CPU on the load mix's pages (3,000
# delegates), mostly walking the objects the app loaded at start, which live as long as the
# worker: they are frozen before each fork (the collector skips them; pages stay shared
# copy-on-write), and young collections run every 10,000 allocations instead of 700
# (what is left: 0.1 %). Cyclic garbage waits a little longer; reference counting frees the rest.
gc.set_threshold(10_000, 10, 10)


def pre_fork(_server, _worker):
    gc.freeze()


def post_fork(_server, _worker):
    """Each worker opens its own database connections: none made in the master (while the app
    was preloaded) may be shared across the fork."""
    from forum.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)


def post_worker_init(_worker):
    """The worker's PDF renderer starts now, warm, not on the first delegate's agenda."""
    from forum.core.pdf import start_renderer

    start_renderer()
