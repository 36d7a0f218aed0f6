"""The evidence trail (`mugalim trace`): from a payment line back to the scanned paper it rests on.

payment line → the run and manifest that exported it → the decision and protocol that awarded it → the stage totals
and the score rows behind them → the dossier and its eligibility findings → each application field, its value, who
corrected it, the file/page/box it was read from → the original's SHA-256 in the archive.
"""
from mugalim.trace.chain import run_trace, trace_participant, trace_payment
from mugalim.trace.model import Link, Trace

__all__ = ["Link", "Trace", "run_trace", "trace_participant", "trace_payment"]
