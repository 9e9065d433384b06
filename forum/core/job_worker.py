"""The RQ worker Foro runs: `rq worker forum --worker-class forum.core.job_worker.AppWorker`.

rq's own worker imports nothing of Foro: each job's work horse (a fork per job) imported Foro
and created the app again, about 2 s of CPU per job, and a mail is one job. This worker makes
the app once, at its start; each horse inherits it by the fork and starts warm. A job still
runs in its own process, as with rq's worker: a crash or a leak ends with the job.
"""

from typing import Any

from rq import Worker

from forum.core.jobs import job_app


class AppWorker(Worker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        job_app()
