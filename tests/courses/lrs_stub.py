"""A Learning Record Store stub for the tests: a real HTTP server on loopback that
holds the statements resource to the minimal contract of xAPI 1.0.3 (the version
header, Basic auth, a statement or an array of them, each with a UUID id, an actor
identified by exactly one account, IRIs for verb and object, a timestamp, a scaled
score within [-1, 1]) and keeps one statement per id, as an LRS does."""

import base64
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER, PASSWORD = "portal", "lrs-secret"


def contract_errors(statement):
    errors = []
    try:
        uuid.UUID(statement["id"])
    except (KeyError, ValueError):
        errors.append("id is not a UUID")
    actor = statement.get("actor", {})
    identifiers = [
        k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in actor
    ]
    if identifiers != ["account"] or not {"homePage", "name"} <= set(actor["account"]):
        errors.append("actor must be identified by one account")
    for part in ("verb", "object"):
        if not str(statement.get(part, {}).get("id", "")).startswith("http"):
            errors.append(f"{part}.id is not an IRI")
    if "timestamp" not in statement:
        errors.append("no timestamp")
    score = statement.get("result", {}).get("score")
    if score is not None and not -1 <= score.get("scaled", 0) <= 1:
        errors.append("scaled score outside [-1, 1]")
    return errors


class Lrs:
    def __init__(self):
        self.statements = {}
        self.down = False
        self.refused = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=b""):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if stub.down:
                    return self._answer(503)
                expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
                if self.headers.get("Authorization") != f"Basic {expected}":
                    return self._answer(401)
                if self.headers.get("X-Experience-API-Version") != "1.0.3":
                    return self._answer(400, b"version header")
                if self.path.rstrip("/") != "/xapi/statements":
                    return self._answer(404)
                body = json.loads(raw)
                batch = body if isinstance(body, list) else [body]
                errors = [e for s in batch for e in contract_errors(s)]
                if errors:
                    stub.refused.extend(errors)
                    return self._answer(400, "; ".join(errors).encode())
                for statement in batch:
                    stub.statements.setdefault(statement["id"], statement)
                return self._answer(200, json.dumps([s["id"] for s in batch]).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
