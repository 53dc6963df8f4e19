"""Hybrid retrieval as small stages: understand → lexical / dense → fuse → decide → select → evidence.

    from index.retrieve import open_retriever
    result = open_retriever().search("テレワークを推進する施策は？")
    result.outcome, [h.card.id for h in result.results]
"""

from ..config import Fusion, SearchMode, SearchParams
from .pipeline import Retriever, open_retriever
from .results import ANSWER_CONFIDENCE, Evidence, Filters, Hit, Outcome, SearchResult, confidence_label, kpi_status
from .understand import QueryIntent, understand

__all__ = ["Retriever", "open_retriever", "Filters", "Evidence", "Hit", "Outcome", "SearchResult", "confidence_label",
           "kpi_status", "QueryIntent", "understand", "SearchParams", "SearchMode", "Fusion", "ANSWER_CONFIDENCE"]
