"""Fixtures shared by the test modules."""

import pytest

import nnlib


@pytest.fixture
def korean():
    """Korean for one test; English again afterwards, whatever happens (other tests read English)."""
    nnlib.set_language("ko")
    try:
        yield
    finally:
        nnlib.set_language("en")
