"""Benchmarks: ``./dev bench`` (or ``python -m benchmarks [name…]``) prints ratios, never asserts."""
