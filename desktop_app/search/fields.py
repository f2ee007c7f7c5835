"""The names of the two indexes' fields (and of the build jobs that fill them).

A module of its own, importing nothing: the query side and the build side name the fields
without importing Whoosh (``analysis.py``, which defines the schemas, does).
"""

BIGRAM_FIELD = "bi"  # every character bigram of a paragraph: the searchable index
WORD_FIELD = "w"  # jieba's words of a paragraph: the ranking's word bonus
