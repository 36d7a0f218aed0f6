"""Benchmarks that print their figures: `.venv/bin/python -m bench` lists them."""
