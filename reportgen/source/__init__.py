"""A file's text read into plain data and a map of where each value stands (line and column),
within the limits of size, depth and count; the field paths users read (``funds.total.executed``).

Nothing here knows a form: ``reportgen.load`` makes a form's model of what is read here.
"""
from .files import read_bounded, read_source
from .parse import Source

__all__ = ["Source", "read_bounded", "read_source"]
