"""Ask the video: retrieval.py finds the transcript moments for a question (offline); answer.py has
a language model write a short answer from them and checks its citations. No Flask, no SQL."""
