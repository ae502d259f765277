"""Format-neutral layouts: a form is a grid of cells with spans and roles, rendered by every writer."""
from .form import layout_of
from .grid import Cell, FormLayout, Role, Table, TableBuilder

__all__ = ["Cell", "FormLayout", "Role", "Table", "TableBuilder", "layout_of"]
