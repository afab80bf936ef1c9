#!/usr/bin/env python3
"""A local imitation of the Hugging Face hub for the download tests (never the internet).

Serves HEAD/GET on /{org}/{repo}/resolve/{revision}/{file} as the hub does: X-Repo-Commit,
ETag (git blob id) for small files, and for LFS files a 302 to a CDN-like /cdn/... URL on
another host name ("localhost" instead of 127.0.0.1) with X-Linked-Etag (SHA-256) and
X-Linked-Size. The CDN honours Range. The repository name selects a behaviour:

  tiny*      normal repository (config.json, model.safetensors, vocab.json, merges.txt)
  sharded*   no model.safetensors: model.safetensors.index.json and two shards
  escape*    like sharded, but the index names a shard "../../escape.safetensors" (outside the
             snapshot; the file is not served)
  drop*      the first GET of model.safetensors is cut off halfway (connection closed)
  droprange* like drop, and the CDN then ignores Range (sends 200 and everything)
  corrupt*   X-Linked-Etag is not the SHA-256 of what the CDN sends
  long*      the CDN sends 4096 bytes more of model.safetensors than X-Linked-Size announced
  refuse*    the CDN answers every Range request with 416 (as if a kept part no longer fit)
  slow*      the CDN sends 1000 bytes of model.safetensors, then stalls
  paced*     like tiny, but the CDN sends model.safetensors in 64 KiB pieces 40 ms apart, so
             progress callbacks (at most one per 100 ms) see the file part-way
  private*   401 unless "Authorization: Bearer secret-token"
  gated*     403 GatedRepo
  renamed*   relative 307 redirect to test-org/tiny
  notok*     HEAD lacks X-Repo-Commit (not a hub)
  anything else: 404 RepoNotFound

GET /__log returns every request seen as JSON (method, path, range, authorization sent).
Prints "PORT <n>" on stdout once listening on 127.0.0.1.
"""
import argparse
import hashlib
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

TOKEN = "secret-token"


def git_blob_id(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def commit_of(repo):
    return hashlib.sha1(repo.encode()).hexdigest()


class Hub:
    def __init__(self, reference_dir):
        with open(f"{reference_dir}/config.json", "rb") as f:
            self.config = f.read()
        with open(f"{reference_dir}/model.safetensors", "rb") as f:
            self.weights = f.read()
        self.vocab = json.dumps({"hello": 0, "world": 1, "\u0120the": 2}).encode()
        self.merges = b"#version: 0.2\nh e\nhe llo\n"
        half = len(self.weights) // 2
        self.shards = {
            "model-00001-of-00002.safetensors": self.weights[:half],
            "model-00002-of-00002.safetensors": self.weights[half:],
        }
        self.index = json.dumps({
            "metadata": {"total_size": len(self.weights)},
            "weight_map": {"wte.weight": "model-00001-of-00002.safetensors",
                           "wpe.weight": "model-00002-of-00002.safetensors"},
        }).encode()
        self.escaping_index = json.dumps({
            "metadata": {"total_size": len(self.weights)},
            "weight_map": {"wte.weight": "model-00001-of-00002.safetensors",
                           "wpe.weight": "../../escape.safetensors"},
        }).encode()
        self.lock = threading.Lock()
        self.log = []
        self.dropped = set()  # repos whose first model.safetensors GET was already cut

    def files(self, repo):
        """{file: (content, lfs)} of a repository."""
        base = {"config.json": (self.config, False), "vocab.json": (self.vocab, False),
                "merges.txt": (self.merges, False)}
        if repo.startswith(("sharded", "escape")):
            index = self.escaping_index if repo.startswith("escape") else self.index
            base["model.safetensors.index.json"] = (index, False)
            for name, data in self.shards.items():
                base[name] = (data, True)
        else:
            base["model.safetensors"] = (self.weights, True)
        return base


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    hub = None

    def log_message(self, *args):
        pass

    def record(self):
        with self.hub.lock:
            self.hub.log.append({
                "method": self.command, "path": self.path, "host": self.headers.get("Host", ""),
                "range": self.headers.get("Range", ""),
                "authorization": self.headers.get("Authorization") is not None,
            })

    def reply(self, status, headers=None, body=b"", send_body=True):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def error(self, status, code, message, send_body):
        self.reply(status, {"X-Error-Code": code, "X-Error-Message": message},
                   json.dumps({"error": message}).encode(), send_body)

    def do_HEAD(self):
        self.handle_any(send_body=False)

    def do_GET(self):
        self.handle_any(send_body=True)

    def handle_any(self, send_body):
        self.record()
        path = urlsplit(self.path).path
        if path == "/__log":
            with self.hub.lock:
                body = json.dumps(self.hub.log).encode()
            return self.reply(200, {"Content-Type": "application/json"}, body, send_body)
        parts = [unquote(p) for p in path.split("/")]
        if len(parts) >= 5 and parts[1] == "cdn":
            return self.cdn(parts[2], parts[3], "/".join(parts[4:]), send_body)
        if len(parts) < 6 or parts[3] != "resolve":
            return self.error(404, "EntryNotFound", "no such route", send_body)
        org, repo, revision, file = parts[1], parts[2], parts[4], "/".join(parts[5:])
        self.resolve(org, repo, revision, file, send_body)

    def resolve(self, org, repo, revision, file, send_body):
        if repo.startswith("renamed"):
            target = f"/{org}/tiny/resolve/{revision}/{file}"
            return self.reply(307, {"Location": target}, b"", send_body)
        known = ("tiny", "sharded", "escape", "drop", "corrupt", "long", "refuse", "slow", "paced", "private", "gated",
                 "notok")
        if not repo.startswith(known):
            return self.error(401 if "Authorization" not in self.headers else 404, "RepoNotFound",
                              "Repository Not Found", send_body)
        if repo.startswith("private") and self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.error(401, "", "Invalid credentials in Authorization header", send_body)
        if repo.startswith("gated"):
            return self.error(403, "GatedRepo", "Access to this model is restricted", send_body)
        commit = commit_of(repo)
        if revision not in ("main", commit):
            return self.error(404, "RevisionNotFound", f"Invalid rev id: {revision}", send_body)
        files = self.hub.files(repo)
        if file not in files:
            return self.error(404, "EntryNotFound", f"{file} does not exist", send_body)
        data, lfs = files[file]
        headers = {} if repo.startswith("notok") else {"X-Repo-Commit": commit}
        if lfs:
            sha = hashlib.sha256(data).hexdigest()
            if repo.startswith("corrupt"):
                sha = hashlib.sha256(data + b"x").hexdigest()
            pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha}\nsize {len(data)}\n".encode()
            port = self.server.server_address[1]
            headers.update({"X-Linked-Etag": f'"{sha}"', "X-Linked-Size": len(data),
                            "ETag": f'"{git_blob_id(pointer)}"',
                            "Location": f"http://localhost:{port}/cdn/{repo}/{commit}/{file}"})
            return self.reply(302, headers, pointer, send_body)
        headers["ETag"] = f'"{git_blob_id(data)}"'
        self.reply(200, headers, data, send_body)

    def cdn(self, repo, commit, file, send_body):
        files = self.hub.files(repo)
        if file not in files:
            return self.error(404, "EntryNotFound", "no such object", send_body)
        data = files[file][0]
        start = 0
        ranged = self.headers.get("Range", "")
        if ranged.startswith("bytes=") and not repo.startswith("droprange"):
            start = int(ranged[6:].split("-")[0])
            if start >= len(data) or repo.startswith("refuse"):
                return self.reply(416, {"Content-Range": f"bytes */{len(data)}"}, b"", send_body)
        body = data[start:]
        if repo.startswith("long") and file == "model.safetensors":
            body += b"\0" * 4096
        headers = {"Content-Length": len(body), "ETag": f'"{hashlib.sha256(data).hexdigest()}"',
                   "Accept-Ranges": "bytes"}
        status = 200
        if start > 0:
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        if not send_body:
            return self.reply(status, headers, b"", False)
        cut = False
        if repo.startswith("drop") and file == "model.safetensors":
            with self.hub.lock:
                cut = repo not in self.hub.dropped
                self.hub.dropped.add(repo)
        try:
            if cut:  # announce everything, send half, hang up
                self.reply(status, headers, body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if repo.startswith("paced") and file == "model.safetensors":
                self.reply(status, headers, b"")
                for at in range(0, len(body), 65536):
                    self.wfile.write(body[at:at + 65536])
                    self.wfile.flush()
                    time.sleep(0.04)
                return
            if repo.startswith("slow") and file == "model.safetensors":
                self.reply(status, headers, body[:1000])
                self.wfile.flush()
                time.sleep(8)
                return
            self.reply(status, headers, body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True, help="folder with config.json and model.safetensors")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    Handler.hub = Hub(args.reference)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    # Stop when the test that started us goes away (stdin closes), even if it crashed.
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
