"""The compiled parts of the gazetteer (Cython; everything else is in pyproject.toml).

``gazetteer/_wordscan.pyx``: the word loop of ``CandidateFinder.find_deferring`` (the Python loop in
``gazetteer/candidates.py`` is the reference; ``GAZETTEER_COMPILED=0`` chooses it). ``pip install -e .``
(``make map``, ``make test``) builds it: it needs a C compiler and the Python headers.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize([Extension("gazetteer._wordscan", ["gazetteer/_wordscan.pyx"])],
                            compiler_directives={"language_level": "3"}))
