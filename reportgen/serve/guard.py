"""What every request passes before it reaches the workbench.

- The Host header must name this server (127.0.0.1, localhost or the address asked for), so a
  page elsewhere cannot reach it through DNS rebinding.
- The token: ``/?token=…`` (the URL printed at start) sets it as a cookie (HttpOnly, SameSite=
  Strict) and redirects to the same page without it; every other request needs that cookie.
- A request that changes anything (any method but GET/HEAD) must carry the page's CSRF token in
  ``X-CSRF-Token``, which no cross-site form or plain request can send, and come from this origin.
"""
from __future__ import annotations

import secrets
from urllib.parse import urlencode

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse

from ..messages import Text, msg

SAFE_METHODS = ("GET", "HEAD")
CSRF_HEADER = "x-csrf-token"
HEADERS = {  # every page: nothing from elsewhere, never framed, no token in a Referer
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; font-src 'self'; frame-src 'self'; "
                               "form-action 'self'; base-uri 'none'",
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


class Guard:
    """ASGI middleware: host, token and cross-site checks, then the security headers."""

    def __init__(self, app, token: str, csrf: str, hosts: set[str], cookie: str):
        self.app, self.token, self.csrf, self.hosts, self.cookie = app, token, csrf, hosts, cookie

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refused = self.refuse(Request(scope))
        if refused is not None:
            return await refused(scope, receive, _with_headers(send))
        await self.app(scope, receive, _with_headers(send))

    def refuse(self, request: Request):
        """Return the response that refuses ``request``, or None to let it through."""
        if request.headers.get("host", "") not in self.hosts:
            return _refusal(400, msg("serve.bad-host"))
        offered = request.query_params.get("token")
        if offered is not None and request.method in SAFE_METHODS and secrets.compare_digest(offered, self.token):
            return self._enter(request)
        if not secrets.compare_digest(request.cookies.get(self.cookie, ""), self.token):
            return _refusal(403, msg("serve.no-token"))
        if request.method not in SAFE_METHODS and not self.same_site(request):
            return _refusal(403, msg("serve.cross-site"))
        return None

    def same_site(self, request: Request) -> bool:
        """True when the request comes from one of this server's pages (its CSRF header and origin)."""
        if not secrets.compare_digest(request.headers.get(CSRF_HEADER, ""), self.csrf):
            return False
        origin = request.headers.get("origin")
        if origin is not None and origin not in {f"{request.url.scheme}://{host}" for host in self.hosts}:
            return False
        return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")

    def _enter(self, request: Request):
        """Set the token cookie and send the browser to the same page without the token in its URL."""
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = str(URL(path=request.url.path, query=urlencode(rest)))
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict", path="/")
        return response


def _refusal(status: int, message: Text) -> PlainTextResponse:
    return PlainTextResponse(message.shown(), status_code=status)


def _with_headers(send):
    async def sending(message):
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
            message = {**message, "headers": list(message.get("headers", [])) + extra}
        await send(message)
    return sending


def hosts_for(host: str, port: int) -> set[str]:
    """Return the Host headers that name this server."""
    names = {host, "127.0.0.1", "localhost"} if host in ("127.0.0.1", "localhost") else {host}
    if ":" in host and not host.startswith("["):
        names = {f"[{host}]"}
    return {f"{name}:{port}" for name in names}
