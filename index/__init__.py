"""Seisaku Search library: files → cards (corpus) → terms (text) → vectors (embed) → indexes (store) → results (retrieve).

    from index import load_cards, open_retriever
    r = open_retriever()                      # the bundled 施策集 table and the bundled offline model
    r.search("国土交通省が主担当の施策は？").to_dict()
"""

from .config import Settings, load_settings
from .corpus import CorpusError, Ministry, PolicyCard, load_cards
from .retrieve import Filters, Retriever, SearchResult, open_retriever

__all__ = ["Settings", "load_settings", "CorpusError", "Ministry", "PolicyCard", "load_cards", "Filters", "Retriever",
           "SearchResult", "open_retriever"]
