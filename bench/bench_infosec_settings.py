"""Settings for bench_infosec.py: the platform's own, with the bench's URL conf (bench_infosec_urls)."""

from sco.settings import *  # noqa: F403  the platform's settings, unchanged but for the URL conf

ROOT_URLCONF = "bench_infosec_urls"
