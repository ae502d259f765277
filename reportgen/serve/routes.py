"""The workbench's pages and JSON endpoints: thin HTTP over ``Workbench`` and ``Uploads``.

Request bodies are read with a size limit before they are parsed; names in requests are paths
relative to the folder, confined by ``Folder.file``. Work that takes time (checks, writers)
runs in a worker thread so the server keeps answering.
"""
from __future__ import annotations

import json
from urllib.parse import quote, unquote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import Refused
from ..forms import FORMS
from ..messages import msg
from .editor import nodes
from .outputs import BOOKLET_FORMATS, MEDIA, booklet, preview, rendered
from .uploads import MAX_UPLOAD, described

MAX_JSON = 8 * 1024 * 1024  # bytes: an editor's values for a form at the 2 MiB file limit
FORMATS = ("pdf", "docx", "xlsx")


async def body(request: Request, limit: int) -> bytes:
    """Return the request's body; Refused (413) past ``limit`` bytes, before reading more."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(msg("serve.body-too-large", limit=limit // 1024 // 1024), 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(msg("serve.body-too-large", limit=limit // 1024 // 1024), 413)
        chunks.append(chunk)
    return b"".join(chunks)


async def payload(request: Request) -> dict:
    try:
        data = json.loads(await body(request, MAX_JSON))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError; nesting past the stack too
        raise Refused(msg("serve.not-json")) from None
    if not isinstance(data, dict):
        raise Refused(msg("serve.not-an-object"))
    return data


def page(request: Request, name: str, **context) -> HTMLResponse:
    state = request.app.state
    return HTMLResponse(state.pages.get_template(name).render(csrf=state.csrf, **context))


async def workspace(request: Request):
    bench = request.app.state.bench
    lines = await run_in_threadpool(bench.listing)
    return page(request, "workspace.html.j2", lines=lines, forms=bench.forms(), folder=str(bench.folder.root),
                formats=FORMATS, booklet_formats=BOOKLET_FORMATS)


async def edit(request: Request):
    bench = request.app.state.bench
    relative = request.query_params.get("file", "")
    opened = await run_in_threadpool(bench.opened, relative)
    fields = bench.fields(opened["form"])
    return page(request, "editor.html.j2", file=relative, form=opened["form"], title=_title(opened["form"]),
                version=opened["version"], nodes=nodes(fields, opened["data"]), formats=FORMATS,
                review=_script_json(opened["review"].as_json()))


def _script_json(data: object) -> str:
    """Return ``data`` as JSON that cannot end the <script> element it sits in."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _title(form_id: str) -> str:
    return FORMS[form_id].title


async def check(request: Request):
    data = await payload(request)
    bench = request.app.state.bench
    checked = await run_in_threadpool(bench.check, data.get("form", ""), str(data.get("file", "")), data.get("data"))
    return JSONResponse(checked.as_json())


async def show(request: Request):
    data = await payload(request)
    bench = request.app.state.bench
    checked = await run_in_threadpool(bench.check, data.get("form", ""), str(data.get("file", "")), data.get("data"))
    if checked.form is None:
        return JSONResponse({"html": None, "review": checked.as_json()})
    html = await run_in_threadpool(preview, checked.form, bench.options)
    return JSONResponse({"html": html, "review": checked.as_json()})


async def save(request: Request):
    data = await payload(request)
    bench = request.app.state.bench
    relative = str(data.get("file", ""))
    if data.get("copy"):
        relative = bench.copy_name(relative)
    saved = await run_in_threadpool(bench.save, data.get("form", ""), relative, data.get("data"),
                                    str(data.get("version", "")), data.get("mode") == "save",
                                    bool(data.get("force") or data.get("copy")))
    return JSONResponse({"file": saved.file, "version": saved.version, "review": saved.review.as_json()})


async def create(request: Request):
    data = await payload(request)
    bench = request.app.state.bench
    target = data.get("target") or None
    relative = await run_in_threadpool(bench.create, str(data.get("form", "")), str(data.get("name", "")),
                                       str(target) if target else None)
    return JSONResponse({"file": relative, "url": "/edit?file=" + quote(relative)})


async def upload(request: Request):
    content = await body(request, MAX_UPLOAD)
    name = unquote(request.headers.get("x-file-name", "upload"))
    key, items = await run_in_threadpool(request.app.state.uploads.add, name, content)
    return JSONResponse({"id": key, "forms": [described(item) for item in items]})


async def accept(request: Request):
    data = await payload(request)
    chosen = {int(n) for n in data.get("accept", []) if isinstance(n, int)}
    index = data.get("index", 0)
    target, version = await run_in_threadpool(request.app.state.uploads.accept, str(data.get("id", "")),
                                              index if isinstance(index, int) else -1, chosen)
    return JSONResponse({"file": target, "version": version, "url": "/edit?file=" + quote(target)})


async def download(request: Request):
    bench = request.app.state.bench
    relative, fmt = request.query_params.get("file", ""), request.query_params.get("format", "pdf")
    if fmt not in FORMATS:
        raise Refused(msg("serve.unknown-format", formats=FORMATS, fmt=fmt))
    path = bench.path(relative)
    checked = await run_in_threadpool(lambda: bench.check_file(path))
    if checked.form is None or checked.counts["error"]:
        raise Refused(msg("serve.form-has-errors"), 422)
    content = await run_in_threadpool(rendered, checked.form, fmt, bench.options)
    return _attachment(content, path.stem + "." + fmt, fmt)


async def make_booklet(request: Request):
    bench = request.app.state.bench
    fmt = request.query_params.get("format", "pdf")
    if fmt not in BOOKLET_FORMATS:
        raise Refused(msg("serve.unknown-format", formats=BOOKLET_FORMATS, fmt=fmt))
    content, failed = await run_in_threadpool(booklet, bench.folder.root, fmt, bench.options)
    if content is None:
        raise Refused(msg("serve.no-form-for-booklet"), 422)
    response = _attachment(content, f"汇总册.{fmt}", fmt)  # form words
    response.headers["x-left-out"] = quote(json.dumps(failed, ensure_ascii=False))
    return response


def _attachment(content: bytes | str, name: str, fmt: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=MEDIA[fmt], headers={"content-disposition": disposition})
