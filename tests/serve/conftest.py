"""The workbench under test: a folder of real samples, the app over it, a live server for the browser."""
from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")

from starlette.testclient import TestClient  # noqa: E402

from reportgen.commands.serve import free_port  # noqa: E402
from reportgen.serve.app import Settings, create_app  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TOKEN = "test-token-0123456789"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder of filings: three 2026 target forms and a 2020 self-evaluation, copied from the samples."""
    root = tmp_path / "filings"
    root.mkdir()
    for name in ("01-incubation-base-operation", "02-incubation-services-and-apjie", "05-project-management-fee"):
        shutil.copy(SAMPLES / "target-2026" / f"{name}.yaml", root)
    shutil.copy(SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml", root / "selfeval.yaml")
    return root


@pytest.fixture
def client(folder) -> TestClient:
    """A client that has opened the token link (so it holds the cookie) and knows the page's CSRF token."""
    app = create_app(Settings(folder=folder, port=8700, token=TOKEN))
    client = TestClient(app, base_url="http://127.0.0.1:8700")
    page = client.get(f"/?token={TOKEN}")
    assert page.status_code == 200
    client.csrf = re.search(r'name="csrf" content="([^"]+)"', page.text).group(1)
    return client


class LiveServer:
    """The workbench served by uvicorn on a free port of 127.0.0.1, in a thread, until stopped."""

    def __init__(self, folder: Path):
        self.port = free_port()
        app = create_app(Settings(folder=folder, port=self.port, token=TOKEN))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live(folder):
    with LiveServer(folder) as server:
        yield server


@pytest.fixture(scope="module")  # one Chromium for a worker's tests of a module; each test has its own context
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (./dev test installs it)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser, live):
    """A browser context that has opened the workbench's token link."""
    # bypass_csp: the tests wait on page expressions, which the pages' policy (no eval) forbids
    ctx = browser.new_context(accept_downloads=True, bypass_csp=True, viewport={"width": 1400, "height": 900},
                              locale="zh-CN")
    ctx.set_default_timeout(15000)
    page = ctx.new_page()
    page.goto(f"{live.url}/?token={TOKEN}")
    page.close()
    yield ctx
    ctx.close()
