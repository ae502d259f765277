"""``reportgen serve`` as a command: the URL with its token first, 127.0.0.1 by default, a warning elsewhere."""
from __future__ import annotations

import http.cookiejar
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from reportgen.cli import main
from reportgen.commands import serve as command


@pytest.mark.slow
def test_serve_prints_the_url_with_its_token_first_and_answers_it_on_127_0_0_1(folder):
    port = command.free_port()
    with subprocess.Popen([sys.executable, "-m", "reportgen", "serve", str(folder), "--port", str(port)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            _answers(process, port)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _answers(process, port: int) -> None:
    """The first line is the URL; it answers with the token, and refuses without."""
    url = process.stdout.readline().strip()
    assert url.startswith(f"http://127.0.0.1:{port}/?token=") and len(url.split("token=")[1]) >= 30
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    for _ in range(100):  # until uvicorn listens
        try:
            page = opener.open(url, timeout=5).read().decode()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read())
            time.sleep(0.1)
    assert "绩效表单工作台" in page and "创业孵化基地运行保障" in page
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
    assert refused.value.code == 403
    refused.value.close()


def test_another_host_is_served_only_with_a_warning(folder, monkeypatch, capsys):
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.update(kw))  # nothing is bound here
    assert main(["serve", str(folder), "--host", "192.0.2.10", "--port", "8123"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("http://192.0.2.10:8123/?token=")
    assert "警告" in err and "192.0.2.10" in err
    assert served["host"] == "192.0.2.10"


def test_the_default_host_is_127_0_0_1_without_a_warning(folder, monkeypatch, capsys):
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.update(kw))
    assert main(["serve", str(folder), "--port", "8124"]) == 0
    assert served["host"] == "127.0.0.1"
    assert "警告" not in capsys.readouterr().err


def test_serving_a_folder_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "nothing")]) == 2
    assert "不是目录" in capsys.readouterr().err
