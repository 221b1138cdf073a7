"""Entity resolution: name normalisation, acronyms, the knowledge base and IRI minting.

>>> KnowledgeBase.default().lookup("NVIDIA Corporation").name
'Nvidia'
>>> entity_key("Amazon Web Services")
'amazon-web-services'
"""

from kg.resolve.iri import article_iri, entity_iri, entity_key
from kg.resolve.kb import KBEntry, KnowledgeBase
from kg.resolve.names import acronym, clean_name, is_acronym_of, name_key, strip_suffix

__all__ = [
    "KBEntry",
    "KnowledgeBase",
    "acronym",
    "article_iri",
    "clean_name",
    "entity_iri",
    "entity_key",
    "is_acronym_of",
    "name_key",
    "strip_suffix",
]
