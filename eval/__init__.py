"""Evaluation harness: runs eval/questions.yaml through the engine and a plain baseline.

``python -m eval.runner --help`` or ``rag eval -- --help``; see eval/README.md.
"""
