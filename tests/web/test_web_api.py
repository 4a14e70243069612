"""The JSON API of a real `crible serve` on 127.0.0.1: every status, every answer in the one
envelope."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from servers import Server, envelope, error, serve, serve_fails

from crible.model import json_schema

SHORT = (
    "Selon Le Monde, le ministre de l'Intérieur aurait démissionné mardi. "
    "Le gouvernement dément."
)
# A long text of our own, to run over a short time limit: about 1.2 MB.
LONG = (
    "La commission régionale a voté jeudi un budget de trois millions d'euros pour les "
    "transports scolaires du département, selon un communiqué de la préfecture. "
) * 8_000


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def test_json_text_gives_the_result_contract(client: httpx.Client) -> None:
    response = client.post("/api/analyze", json={"text": SHORT, "published": "2024-03-05"})
    assert response.status_code == 200
    result = envelope(response)["result"]
    jsonschema.validate(result, json_schema())
    [document] = result["documents"]
    assert document["text"] == SHORT and document["source"] == "<text>"
    [article] = document["articles"]
    assert article["published"] == "2024-03-05"
    assert "hedged" in {c["certainty"] for c in article["claims"]}
    assert [t["value"] for t in article["times"]] == ["2024-03-05"]  # mardi, that week


def test_sample_gives_what_the_cli_gives(client: httpx.Client, sample_text: str) -> None:
    response = client.post(
        "/api/analyze", json={"text": sample_text, "published": "2023-10-12", "source": "s"}
    )
    [document] = envelope(response)["result"]["documents"]
    assert [a["truncated"] for a in document["articles"]] == [True, False, True]


@pytest.mark.parametrize(
    "name, data, documents",
    [
        ("article.txt", SHORT.encode("latin-1"), 1),
        ("page.html", f"<html><body><article><p>{SHORT}</p></article></body></html>".encode(), 1),
        (
            "corpus.jsonl",
            b'{"id": "a", "text": "Un premier texte."}\n{"id": "b", "text": "Un autre."}\n',
            2,
        ),
        ("noext", SHORT.encode(), 1),
    ],
)
def test_file_uploads(client: httpx.Client, name: str, data: bytes, documents: int) -> None:
    response = client.post(
        "/api/analyze", files={"file": (name, data)}, data={"published": "2024-03-05"}
    )
    assert response.status_code == 200, response.text[:300]
    result = envelope(response)["result"]
    assert len(result["documents"]) == documents
    assert all(d["articles"] and not d["errors"] for d in result["documents"])


def test_a_bad_jsonl_line_is_reported_inside_a_good_result(client: httpx.Client) -> None:
    data = b'{"text": "Un texte correct."}\n{oops\n'
    response = client.post("/api/analyze", files={"file": ("c.jsonl", data)})
    documents = envelope(response)["result"]["documents"]
    assert [d["errors"][0]["code"] if d["errors"] else None for d in documents] == [
        None,
        "malformed_record",
    ]


@pytest.mark.parametrize(
    "body, headers, code",
    [
        (b'{"text": ', {"content-type": "application/json"}, "bad_json"),
        (b"\xff\xfe not json", {"content-type": "application/json"}, "bad_json"),
        (b'{"text": "   \\n "}', {"content-type": "application/json"}, "empty"),
        (b'{"text": ""}', {"content-type": "application/json; charset=utf-8"}, "empty"),
    ],
)
def test_400(client: httpx.Client, body: bytes, headers: dict[str, str], code: str) -> None:
    error(client.post("/api/analyze", content=body, headers=headers), 400, code)


def test_400_empty_file(client: httpx.Client) -> None:
    message = error(client.post("/api/analyze", files={"file": ("a.txt", b"")}), 400, "empty")
    assert "a.txt" in message


def test_413_declared_length_is_refused_unread(client: httpx.Client) -> None:
    body = json.dumps({"text": "x" * 5_000_100}).encode()
    message = error(
        client.post("/api/analyze", content=body, headers={"content-type": "application/json"}),
        413,
        "too_large",
    )
    assert "5 MB" in message and "--max-size" in message


def test_413_chunked_body_is_cut_at_the_limit(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"text": "'
        for _ in range(60):
            yield b"y" * 100_000

    response = client.post(
        "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
    )
    error(response, 413, "too_large")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content": b"<a>texte</a>", "headers": {"content-type": "application/xml"}},
        {"content": b"du texte", "headers": {"content-type": "text/plain"}},
        {"content": b"du texte", "headers": {}},
        {"files": {"file": ("scan.pdf", b"%PDF-1.4 ...")}},
        {"files": {"file": ("photo.png", b"\x89PNG\r\n\x1a\n")}},
    ],
)
def test_415_unsupported_types(client: httpx.Client, kwargs: dict[str, Any]) -> None:
    error(client.post("/api/analyze", **kwargs), 415, "unsupported_media_type")


def test_415_binary_upload(client: httpx.Client) -> None:
    data = bytes(range(256)) * 40
    message = error(client.post("/api/analyze", files={"file": ("a.txt", data)}), 415, "binary")
    assert "a.txt" in message


@pytest.mark.parametrize(
    "body, field",
    [
        ({"text": SHORT, "published": "12/10/2023"}, "published"),
        ({"text": SHORT, "published": 20231012}, "published"),
        ({"text": 42}, "text"),
        ({"text": ["a", "b"]}, "text"),
        ({"published": "2023-10-12"}, "text"),
        ({"text": SHORT, "lang": "fr"}, "lang"),
        (["not", "an", "object"], "body"),
    ],
)
def test_422_schema_errors(client: httpx.Client, body: Any, field: str) -> None:
    message = error(client.post("/api/analyze", json=body), 422, "invalid")
    assert message.startswith(field), message


def test_422_bad_date_in_a_form(client: httpx.Client) -> None:
    response = client.post("/api/analyze", data={"text": SHORT, "published": "hier"})
    error(response, 422, "invalid")


def test_404_405_and_health_are_enveloped(client: httpx.Client) -> None:
    error(client.get("/nowhere"), 404, "not_found")
    error(client.get("/api/analyze"), 405, "method_not_allowed")
    error(client.delete("/healthz"), 405, "method_not_allowed")
    health = envelope(client.get("/healthz"))["result"]
    assert health["status"] == "ok" and health["workers"]["size"] == 1
    assert health["limits"] == {"max_bytes": 5_000_000, "timeout_seconds": 120.0}


def test_openapi_docs(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/analyze"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"200", "400", "413", "415", "422", "503"} <= set(operation["responses"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text
    # Drawn from the spec, on the server: every operation and status, no script from elsewhere.
    assert "/api/analyze" in docs.text and "/healthz" in docs.text
    assert "multipart/form-data" in docs.text and "<code>415</code>" in docs.text
    assert "cdn" not in docs.text.lower() and "swagger" not in docs.text.lower()
    assert "default-src 'none'" in docs.headers["content-security-policy"]


def test_page_errors_are_pages_with_the_same_status(client: httpx.Client) -> None:
    response = client.post("/", data={"text": "  "})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "the text is empty" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]
    big = client.post("/", files={"file": ("big.txt", b"z" * 5_100_000)})
    assert big.status_code == 413 and "larger than this server" in big.text


@pytest.fixture(scope="module")
def tight() -> Iterator[Server]:
    """A server with small limits: 2 MB, 5 s."""
    with serve("--max-size", "2", "--timeout", "5") as running:
        yield running


def test_limits_are_configurable_413(tight: Server) -> None:
    with tight.client() as client:
        health = envelope(client.get("/healthz"))["result"]
        assert health["limits"] == {"max_bytes": 2_000_000, "timeout_seconds": 5.0}
        message = error(
            client.post("/api/analyze", json={"text": "x" * 2_100_000}), 413, "too_large"
        )
        assert "2 MB" in message


def test_503_at_the_time_limit_then_the_server_recovers(tight: Server) -> None:
    with tight.client() as client:
        response = client.post("/api/analyze", json={"text": LONG})
        message = error(response, 503, "timeout")
        assert "5 s" in message and "--timeout" in message
        # The runaway analysis was stopped, not left running: a fresh worker takes over.
        tight.wait_until_idle()
        assert any("stopping analysis worker" in line for line in tight.log)
        response = client.post("/api/analyze", json={"text": SHORT})
        assert response.status_code == 200, response.text[:300]
        assert envelope(response)["result"]["documents"][0]["articles"]


@pytest.mark.parametrize(
    "options, message",
    [
        (["--timeout", "0"], "--max-size and --timeout must be positive"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--aliases", "/no/such.tsv"], "no such file"),
    ],
)
def test_serve_usage_errors_exit_2(options: list[str], message: str) -> None:
    done = serve_fails(*options)
    assert done.returncode == 2 and message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_alias_table_stops_serve_with_one_line(tmp_path: Path) -> None:
    table = tmp_path / "aliases.tsv"
    table.write_text("Le Maire\tNOT_A_TYPE\n", encoding="utf-8")
    done = serve_fails("--aliases", str(table))
    assert done.returncode == 2
    [line] = [line for line in done.stderr.splitlines() if "aliases.tsv" in line]
    assert "line 1" in line and "Traceback" not in done.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def test_workers_end_when_the_server_is_killed_outright() -> None:
    """Even a worker in the middle of a long analysis, which does not read its pipe."""
    with serve() as running:
        workers = _children(running.process.pid)
        assert workers, "no worker process"

        def post_long() -> None:
            with running.client() as client, contextlib.suppress(httpx.HTTPError):
                client.post("/api/analyze", json={"text": LONG})

        threading.Thread(target=post_long, daemon=True).start()
        time.sleep(3)  # the job reaches the worker
        running.process.kill()
        running.process.wait(10)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in workers):
            time.sleep(0.5)
        alive = [p for p in workers if Path(f"/proc/{p}").exists()]
        assert not alive, f"orphaned workers: {alive}"
