"""``reportgen serve``: a local web workbench over a folder of filings.

Workspace (``/``), an editor generated from each form's schema (``/edit``), live findings and
figures, preview, 暂存/保存, downloads, the booklet, and imports of edited files with a diff to
accept. ``app.create_app`` builds the ASGI app; ``guard`` keeps it to its token and its origin,
``folder`` keeps every path inside the folder served.
"""
