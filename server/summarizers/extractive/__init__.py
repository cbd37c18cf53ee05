"""The offline extractive summarizer (the default): cards from the transcript alone, in under a second."""

from .summarizer import ExtractiveSummarizer

__all__ = ["ExtractiveSummarizer"]
