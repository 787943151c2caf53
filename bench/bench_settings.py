"""Settings for the server a benchmark starts: the platform's own, with the bench's URL conf (bench_urls)."""

from sco.settings import *  # noqa: F403  the platform's settings, unchanged but for the URL conf

ROOT_URLCONF = "bench_urls"
