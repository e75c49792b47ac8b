"""Developer tools around the site, outside the domain package ``macros`` (the build never imports them).

* :mod:`tools.sample_data`: synthetic cities for benchmarks and load tests (``scripts/generate-sample-data``);
* :mod:`tools.bench`: how the build scales, against plain MkDocs + Material (``scripts/bench``, ``make bench``).
"""
