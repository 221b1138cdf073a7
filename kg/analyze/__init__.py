"""Analysis of the actor graph: RDF → networkx, then one function per measure.

>>> from rdflib import Dataset
>>> centrality_table(actor_graph(Dataset()))
[]
"""

from kg.analyze.centrality import (
    betweenness,
    centrality_table,
    closeness,
    degree,
    eigenvector,
    in_degree,
    out_degree,
    pagerank,
)
from kg.analyze.graph import actor_graph, expand_symmetric, primary_type, relation_name

__all__ = [
    "actor_graph", "expand_symmetric", "primary_type", "relation_name",
    "degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank",
    "centrality_table",
]
