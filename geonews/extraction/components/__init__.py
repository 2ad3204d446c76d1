"""The components of the statement stage, one module each, registered by name when imported.

In the default order (:data:`geonews.extraction.pipeline.DEFAULT_PIPELINE`): ``tokens`` → ``sentences`` →
``mentions`` → ``speakers`` → ``triage`` → ``actors`` → ``relations`` → ``anaphora`` → ``place_roles`` →
``cues`` → ``parties`` → ``quantities`` → ``attachment`` → ``arguments`` → ``areas`` → ``statements``.
"""

from . import (actors, anaphora, areas, arguments, attachment, cues, mentions, parties, place_roles,  # noqa: F401
               quantities, relations, sentences, speakers, statements, tokens, triage)
