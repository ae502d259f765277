"""reportgen: Chinese fiscal project performance forms from YAML to PDF, DOCX and XLSX.

Public API: ``load`` a form file, ``FORMS`` (the registry of form types) and
``reportgen.render.WRITERS``. Rendering modules are imported lazily so that
commands which do not render never pay for WeasyPrint.
"""
from .forms import FORMS
from .load import load

__all__ = ["load", "FORMS"]
__version__ = "0.1.0"
