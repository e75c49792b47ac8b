"""``scripts/bench``: how the build scales with the number of cities, against plain MkDocs + Material.

For each size it generates that many synthetic cities (:mod:`tools.sample_data`), builds the
site in a temporary project folder laid out like the repository (``macros/`` linked; ``docs/``,
``mkdocs.yml`` and ``criteria/`` copied) with ``python -m mkdocs build --strict``, exactly as
production does, and measures:

* the wall time of the build (a fresh process: interpreter start and imports included);
* its peak memory (``ru_maxrss`` of that child process, from ``os.wait4``);
* the output (all files under ``site/``), a typical (median) and the largest city page's
  ``index.html``, and the home page (``site/index.html``, which must not grow with cities);
* the validator alone: :func:`macros.publish.project.load_project` on that project, in a fresh
  process (:mod:`.validator`).

In the same run, on the same machine, the **baseline**: plain mkdocs-material (``plugins: []``,
same theme options, ``theme.font: false``) building the same number of pages, each a heading, a
paragraph and a 32-row table of static Markdown, with no navigation entries but the home page.

A build with no city at all is always measured first: its time is the fixed cost (catalogue
pages, theme assets, interpreter start), so that "marginal ms per city" shows the cost a city
adds, which is what must stay constant for the build to be linear.

Run as ``scripts/bench`` or ``python -m tools.bench``. Modules: :mod:`.run` (a build, the
project folders, one size measured), :mod:`.baseline` (the plain mkdocs-material site),
:mod:`.validator` (the validator alone), :mod:`.live` (``mkdocs serve`` after an edit),
:mod:`.profile` (one build under cProfile), :mod:`.report` (tables, targets, ``BENCHMARKS.md``)
and :mod:`.cli` (the command line).
"""

from .cli import main

__all__ = ["main"]
