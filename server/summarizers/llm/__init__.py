"""The LLM summarizer package: OpenAI-compatible and Anthropic backends behind the summarizer seam."""

from .run import Progress
from .summarizer import LLMSummarizer

__all__ = ["LLMSummarizer", "Progress"]
