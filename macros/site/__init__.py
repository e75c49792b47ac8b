"""What a page is, where it lives and how a build is set up: the vocabulary shared by ``render``
(which makes page bodies) and ``publish`` (which decides which pages exist), below both.

* :mod:`.urls`: the stable URL of every generated page and file;
* :mod:`.pages`: engine-neutral page and file types (:class:`GeneratedPage`, :class:`GeneratedFile`);
* :mod:`.settings`: the settings of one build (:class:`SiteSettings`).
"""
