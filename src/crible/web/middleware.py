"""ASGI middleware of the web server: the request size limit and the headers every answer gets.

The size limit never reads an unbounded body: a declared Content-Length above the limit is
refused before a byte is read, and a body sent without one (chunked) is refused as soon as what
arrived passes the limit. The refusal is an exception raised where the route reads its body, so
each route answers it in its own form (the API's envelope, the page's HTML).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crible.errors import InputTooLarge


class BodyTooLarge(InputTooLarge):
    pass


def too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(
        f"the request is larger than this server's limit of {limit / 1e6:g} MB",
        hint="send a smaller text or file, or start crible serve with a higher --max-size",
    )


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared is not None and declared > self.max_bytes:
                raise too_large(self.max_bytes)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise too_large(self.max_bytes)
            return message

        await self.app(scope, limited, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


# Every answer: no MIME sniffing, no referrer leaks of what was analysed.
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in _HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
