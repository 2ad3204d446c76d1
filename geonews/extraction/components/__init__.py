"""The components of the statement stage, one module each, registered by name when imported.

In the default order (:data:`geonews.extraction.pipeline.DEFAULT_PIPELINE`): ``tokens`` → ``sentences`` →
``mentions`` → ``lists`` → ``speakers`` → ``triage`` → ``clauses`` → ``actors`` → ``relations`` → ``anaphora`` →
``place_roles`` → ``cues`` → ``modality`` → ``parties`` → ``quantities`` → ``attachment`` → ``arguments`` →
``areas`` → ``statements``.
"""

from . import (actors, anaphora, areas, arguments, attachment, clauses, cues, lists, mentions,  # noqa: F401
               modality, parties, place_roles, quantities, relations, sentences, speakers, statements, tokens,
               triage)
