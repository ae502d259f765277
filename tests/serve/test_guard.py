"""The workbench answers only its token holder, only from its own pages, only inside its folder."""
from __future__ import annotations

from starlette.testclient import TestClient

from reportgen.serve import routes
from reportgen.serve.app import Settings, create_app
from reportgen.serve.workbench import Workbench

from .conftest import TOKEN


def _fresh(folder) -> TestClient:
    return TestClient(create_app(Settings(folder=folder, port=8700, token=TOKEN)), base_url="http://127.0.0.1:8700")


def test_a_request_without_the_token_is_refused(folder):
    client = _fresh(folder)
    response = client.get("/")
    assert response.status_code == 403
    assert "需要访问令牌" in response.text
    assert client.get("/edit?file=selfeval.yaml").status_code == 403
    assert client.get("/static/editor.js").status_code == 403


def test_a_wrong_token_is_refused_and_sets_no_cookie(folder):
    client = _fresh(folder)
    response = client.get("/?token=guess", follow_redirects=False)
    assert response.status_code == 403
    assert "set-cookie" not in response.headers


def test_the_token_link_sets_a_strict_cookie_and_drops_the_token_from_the_address(folder):
    client = _fresh(folder)
    response = client.get(f"/edit?file=selfeval.yaml&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/edit?file=selfeval.yaml"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/edit?file=selfeval.yaml").status_code == 200


def test_another_host_name_is_refused_against_dns_rebinding(folder):
    client = TestClient(create_app(Settings(folder=folder, port=8700, token=TOKEN)), base_url="http://evil.example:8700")
    assert client.get(f"/?token={TOKEN}").status_code == 400


def test_a_state_changing_request_without_the_pages_csrf_token_is_refused(client, folder):
    before = (folder / "selfeval.yaml").read_bytes()
    body = {"file": "selfeval.yaml", "form": "selfeval-2020", "data": {}, "version": "", "force": True}
    assert client.post("/api/save", json=body).status_code == 403
    assert client.post("/api/save", json=body, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert (folder / "selfeval.yaml").read_bytes() == before


def test_a_request_from_another_origin_is_refused_even_with_the_csrf_token(client):
    headers = {"X-CSRF-Token": client.csrf, "Origin": "http://evil.example"}
    response = client.post("/api/new", json={"form": "target-2026", "name": "x"}, headers=headers)
    assert response.status_code == 403
    headers = {"X-CSRF-Token": client.csrf, "Sec-Fetch-Site": "cross-site"}
    assert client.post("/api/new", json={"form": "target-2026", "name": "x"}, headers=headers).status_code == 403


def test_pages_forbid_scripts_from_elsewhere_and_framing(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["referrer-policy"] == "no-referrer"


def _post(client, url, body):
    return client.post(url, json=body, headers={"X-CSRF-Token": client.csrf})


def test_no_path_leaves_the_folder(client, folder, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("form: target-2026\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    for name in ("../secret.yaml", str(secret), "link.yaml", "sub/../../secret.yaml", ".hidden.yaml", "selfeval.txt"):
        assert client.get("/edit", params={"file": name}).status_code in (403, 404), name
        assert client.get("/download", params={"file": name, "format": "pdf"}).status_code in (403, 404), name
        body = {"file": name, "form": "target-2026", "data": {}, "version": "", "force": True}
        assert _post(client, "/api/save", body).status_code in (403, 404), name
    assert secret.read_text(encoding="utf-8") == "form: target-2026\n"
    assert "secret" not in client.get("/").text


def test_a_new_filings_name_cannot_leave_the_folder(client, folder, tmp_path):
    answer = _post(client, "/api/new", {"form": "target-2026", "name": "../../escaped"})
    assert answer.status_code == 200
    assert answer.json()["file"] == "escaped.yaml"  # the separators are taken out of the name
    assert (folder / "escaped.yaml").is_file() and not (tmp_path / "escaped.yaml").exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, monkeypatch):
    monkeypatch.setattr(routes, "MAX_UPLOAD", 1000)
    response = client.post("/api/upload", content=b"PK" + b"\0" * 5000,
                           headers={"X-CSRF-Token": client.csrf, "X-File-Name": "big.xlsx"})
    assert response.status_code == 413
    assert "超过" in response.json()["error"]


def test_an_upload_that_is_not_a_form_file_says_so_and_writes_nothing(client, folder):
    before = sorted(p.name for p in folder.iterdir())
    response = client.post("/api/upload", content=b"hello", headers={"X-CSRF-Token": client.csrf,
                                                                    "X-File-Name": "../../etc/passwd.xlsx"})
    assert response.status_code == 422
    assert "RG907" in response.json()["error"] or "不是" in response.json()["error"]
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_internal_error_reaches_the_page_as_one_line_without_a_traceback(folder, monkeypatch):
    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(Workbench, "listing", broken)
    client = TestClient(create_app(Settings(folder=folder, port=8700, token=TOKEN)),
                        base_url="http://127.0.0.1:8700", raise_server_exceptions=False)
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 500
    assert "内部错误" in response.text
    assert "Traceback" not in response.text and "boom" not in response.text


def test_a_broken_request_body_is_a_plain_refusal(client):
    response = client.post("/api/check", content=b"{not json", headers={"X-CSRF-Token": client.csrf})
    assert response.status_code == 400
    assert "JSON" in response.json()["error"]
