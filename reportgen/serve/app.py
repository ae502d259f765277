"""The workbench as an ASGI application: routes, the guard in front of them, and error pages.

No error reaches the page as a traceback: a refused request gets its reason (Chinese first),
anything else one line saying an internal error happened (the server's terminal logs it).
"""
from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import Refused
from ..messages import catalogue, language, pattern, say, word
from ..money import format_amount
from ..options import RenderOptions
from . import routes
from .folder import Folder
from .guard import Guard, hosts_for
from .uploads import Uploads
from .workbench import Workbench

HERE = Path(__file__).parent
SCRIPT_TEXTS = ("ui.js.", "severity.")  # the catalogue's texts the pages' scripts show


@dataclass(frozen=True)
class Settings:
    folder: Path
    host: str = "127.0.0.1"
    port: int = 8700
    token: str = ""


def create_app(settings: Settings, options: RenderOptions | None = None) -> Guard:
    """Return the workbench over ``settings.folder``, guarded by ``settings.token``."""
    bench = Workbench(Folder.at(settings.folder), options or RenderOptions())
    app = Starlette(routes=[
        Route("/", routes.workspace),
        Route("/edit", routes.edit),
        Route("/download", routes.download),
        Route("/booklet", routes.make_booklet),
        Route("/api/check", routes.check, methods=["POST"]),
        Route("/api/preview", routes.show, methods=["POST"]),
        Route("/api/save", routes.save, methods=["POST"]),
        Route("/api/new", routes.create, methods=["POST"]),
        Route("/api/upload", routes.upload, methods=["POST"]),
        Route("/api/accept", routes.accept, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], exception_handlers={Refused: refused, HTTPException: http_error, Exception: internal})
    app.state.bench, app.state.uploads = bench, Uploads(bench)
    app.state.csrf = secrets.token_urlsafe(24)
    app.state.pages = pages(language())
    cookie = f"reportgen_{settings.port}"  # cookies ignore ports: one per server
    return Guard(app, settings.token, app.state.csrf, hosts_for(settings.host, settings.port), cookie)


def pages(lang: str) -> jinja2.Environment:
    """Return the pages' templates, their words in ``lang`` (``t(key)``): the scripts' texts
    (``ui.js.*``, the severities) go into every page for ``RG.t``."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["amount"] = lambda v: "" if v is None else format_amount(v)
    env.globals.update(t=lambda key, **fields: word(key, lang, **fields), html_lang="en" if lang == "en" else "zh-CN",
                       script_texts={key: pattern(key, lang) for key in catalogue() if key.startswith(SCRIPT_TEXTS)})
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _answer(request: Request, status: int, message: str, **details):
    if _wants_json(request):
        return JSONResponse({"error": message, **details}, status_code=status)
    problems = details.get("review", {}).get("problems", [])
    html = request.app.state.pages.get_template("error.html.j2").render(
        status=status, message=message, problems=problems, csrf=request.app.state.csrf)
    return HTMLResponse(html, status_code=status)


async def refused(request: Request, exc: Refused):
    return _answer(request, exc.status, str(exc), **exc.details)


async def http_error(request: Request, exc: HTTPException):
    words = {404: "serve.not-found", 405: "serve.method-not-allowed"}
    said = say(words.get(exc.status_code, "serve.bad-request"))
    return _answer(request, exc.status_code, f"{said} (HTTP {exc.status_code})")


async def internal(request: Request, exc: Exception):
    print(say("serve.internal-error-log") + f"{type(exc).__name__}: {exc}",
          file=sys.stderr)
    return _answer(request, 500, say("serve.internal-error"))
