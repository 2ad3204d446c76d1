"""The compiled parts of the project (Cython; everything else is in pyproject.toml).

- ``gazetteer/_wordscan.pyx``: the word loop of ``CandidateFinder.find_deferring`` and the recogniser's loops
  over every candidate (the Python loops in ``gazetteer/candidates.py`` and ``gazetteer/recognize.py`` are the
  references; ``GAZETTEER_COMPILED=0`` chooses them);
- ``geonews/extraction/_splitwords.pyx``: the token split of ``tokenize`` and its table of the words seen, and
  the scan of ``split_sentences`` for its marks (the regex split in ``geonews/extraction/tokens.py`` and the
  regex in ``geonews/extraction/components/sentences.py`` are the references; ``GEONEWS_COMPILED=0`` chooses
  them).

``pip install -e .`` (``make map``, ``make test``) builds them: it needs a C compiler and the Python headers.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

# -ffp-contract=off and -fno-builtin-pow: the word loop's distances are Python's to the bit (no multiply and add
# fused into one rounding; pow(x, 2.0) calls libm's pow as Python's x ** 2 does, where the compiler would make it
# x * x, which libm's pow does not always equal: 0x1.dbe9130bac0c7p-1 against pow's ...c6)
setup(ext_modules=cythonize([Extension("gazetteer._wordscan", ["gazetteer/_wordscan.pyx"],
                                       extra_compile_args=["-ffp-contract=off", "-fno-builtin-pow"]),
                             Extension("geonews.extraction._splitwords", ["geonews/extraction/_splitwords.pyx"])],
                            compiler_directives={"language_level": "3"}))
