"""Deterministic generators of realistic inputs (scanned forms, portfolios, videos, seasons) for tests, demos and
benchmarks. `forms.make_form` / `forms.make_test_set` build application forms with their truth."""
