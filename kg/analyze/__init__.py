"""Analysis of the actor graph: RDF → networkx, then one function per measure.

>>> from rdflib import Dataset
>>> centrality_table(actor_graph(Dataset()))
[]
"""

from kg.analyze.centrality import (
    MEASURES,
    betweenness,
    centrality_table,
    closeness,
    degree,
    eigenvector,
    igraph_available,
    in_degree,
    out_degree,
    pagerank,
)
from kg.analyze.graph import actor_graph, expand_symmetric, primary_type, relation_name

__all__ = [
    "MEASURES",
    "actor_graph",
    "betweenness",
    "centrality_table",
    "closeness",
    "degree",
    "eigenvector",
    "expand_symmetric",
    "igraph_available",
    "in_degree",
    "out_degree",
    "pagerank",
    "primary_type",
    "relation_name",
]
