"""Real `crible serve` subprocesses on 127.0.0.1, each on a free port it picks itself, and what
every answer of their API must look like (the envelope)."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

START_TIMEOUT = 300.0  # the workers load spaCy and the model before the server listens


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=300, **kwargs)

    def wait_until_idle(self, workers: int = 1, timeout: float = START_TIMEOUT) -> None:
        """Until every worker is loaded and free (after one was replaced, say)."""
        deadline = time.monotonic() + timeout
        with self.client() as client:
            while time.monotonic() < deadline:
                status = client.get("/healthz").json()["result"]["workers"]
                if status["idle"] == workers:
                    return
                time.sleep(0.5)
        raise AssertionError(f"workers not back within {timeout:g} s: {status}")


@contextmanager
def serve(*options: str) -> Iterator[Server]:
    crible = Path(sys.executable).parent / "crible"
    process = subprocess.Popen(
        [str(crible), "serve", "--host", "127.0.0.1", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def drain() -> None:  # keeps the pipe from filling up with access logs
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line)
            lines.put(line)

    threading.Thread(target=drain, daemon=True).start()
    try:
        url = _wait_for_url(process, lines, log)
        server = Server(url, process, log)
        with server.client() as client:
            assert client.get("/healthz").status_code == 200
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _wait_for_url(process: subprocess.Popen[str], lines: queue.Queue[str], log: list[str]) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        found = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", line)
        if found:
            return found.group(1)
    raise AssertionError("crible serve did not start:\n" + "".join(log))


def serve_fails(*options: str) -> subprocess.CompletedProcess[str]:
    """`crible serve` that is expected to stop at start: its exit code and output."""
    crible = Path(sys.executable).parent / "crible"
    return subprocess.run(
        [str(crible), "serve", "--port", "0", *options],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def envelope(response: httpx.Response) -> dict[str, Any]:
    """Assert the envelope's shape and its agreement with the status; the parsed body."""
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.json()
    assert isinstance(body, dict)
    if response.status_code == 200:
        assert set(body) == {"ok", "result"} and body["ok"] is True, body
    else:
        assert set(body) == {"ok", "error"} and body["ok"] is False, body
        assert set(body["error"]) == {"code", "message"}
        assert isinstance(body["error"]["code"], str) and body["error"]["code"]
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body


def error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text[:500]
    body = envelope(response)
    assert body["error"]["code"] == code
    message: str = body["error"]["message"]
    return message
