"""``reportgen serve [DIR]``: the local web workbench, until Ctrl-C.

The first line printed is the URL to open, with the secret token; without the token no request
is answered. Binding another address than 127.0.0.1 exposes the folder to that network, so it
is done only when asked, with a warning.
"""
from __future__ import annotations

import secrets
import socket
import sys
import webbrowser
from pathlib import Path

from ..errors import ExitCode, UsageError
from ..messages import msg, say
from .common import options_from

try:  # the optional extra reportgen[serve]
    import uvicorn

    from ..serve.app import Settings, create_app
except ImportError:
    uvicorn = None

LOCAL = ("127.0.0.1", "localhost", "::1")


def run(args) -> int:
    if uvicorn is None:
        raise UsageError(msg("commands.serve.missing")) from None
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(msg("commands.not-a-folder", folder=folder))
    port = args.port or free_port(args.host)
    settings = Settings(folder=folder, host=args.host, port=port, token=secrets.token_urlsafe(24))
    app = create_app(settings, options_from(args))
    url = f"http://{_url_host(args.host)}:{port}/?token={settings.token}"
    print(url, flush=True)
    if args.host not in LOCAL:
        print(say("commands.serve.exposed", host=args.host, value=folder.resolve()), file=sys.stderr)
    print(say("commands.serve.serving", value=folder.resolve()),
          file=sys.stderr, flush=True)
    if args.open:
        webbrowser.open(url)
    uvicorn.run(app, host=args.host, port=port, log_level="warning", server_header=False)
    return ExitCode.OK


def free_port(host: str = "127.0.0.1") -> int:
    """Return a port nobody listens on at ``host`` now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
