"""Load a form file (YAML or JSON) into its model, collecting every problem with its location."""
from ..source import read_source
from .loader import load, load_data

__all__ = ["load", "load_data", "read_source"]
