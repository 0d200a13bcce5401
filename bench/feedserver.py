#!/usr/bin/python3
"""feedserver: N small JSON feeds on 127.0.0.1 for bench/fetch.

Standard library only (asyncio).  HTTP/1.1 with keep-alive; every answer
waits a fixed latency before it is written, on a timer of the event loop
(loop.call_later, which is what asyncio.sleep uses), so a slow answer never
holds up another connection.  Requests on one connection are answered in
order.

Feeds: GET /feed/<i>.json, 0 <= i < N, answers

    {"data": [{"year": "2001", "value": 1.5}, ...]}

with BASE_YEARS + round - 1 years from 2001 on: each round adds one year,
and the values of earlier years never change (no revisions).  The ETag is
"<i>-<round>"; a request whose If-None-Match names the current ETag is
answered 304.

Admin paths (answered at once, not counted, no latency):
    GET /_round/<r>     set the round (resets the counters)
    GET /_stats         counters of the current round, as JSON
    GET /_wait?n=K&timeout=S
                        answers once K feed requests of the round were
                        answered (or after S seconds), with /_stats

When N feed requests of a round have been answered, one line goes to
stdout: "round R: N answered (A 200, B 304) in X s, first at T".
"""

import argparse
import asyncio
import json
import resource
import sys
import time

BASE_YEARS = 10
FIRST_YEAR = 2001
MAX_HEADER = 16384  # a request head larger than this closes the connection
# The last year served stays at or before this one: planwatch ignores a
# period that has not begun.
MAX_ROUND = time.gmtime().tm_year - FIRST_YEAR - BASE_YEARS + 1


def feed_value(i, year):
    """A fixed value for feed i and a year: no revisions across rounds."""
    return ((i * 7919 + year * 31) % 100000) / 10.0


class State:
    """The feeds, the round and its counters; one per server."""

    def __init__(self, n, latency):
        self.n = n
        self.latency = latency
        self.round = 1
        self.bodies = {}
        self.waiters = []
        self.conns = 0
        self.max_conns = 0
        self.conns_opened = 0
        self.reset()

    def reset(self):
        self.ok = 0
        self.not_modified = 0
        self.errors = 0
        self.first = None
        self.last = None
        self.done_at = None
        self.bodies.clear()

    def set_round(self, r):
        self.round = max(1, min(int(r), MAX_ROUND))
        self.reset()

    def etag(self, i):
        return '"%d-%d"' % (i, self.round)

    def body(self, i):
        b = self.bodies.get(i)
        if b is None:
            years = BASE_YEARS + self.round - 1
            data = [{"year": str(FIRST_YEAR + k),
                     "value": feed_value(i, FIRST_YEAR + k)}
                    for k in range(years)]
            b = json.dumps({"data": data}, separators=(",", ":")).encode()
            self.bodies[i] = b
        return b

    def answered(self, status):
        now = time.monotonic()
        if status == 200:
            self.ok += 1
        elif status == 304:
            self.not_modified += 1
        else:
            self.errors += 1
        self.last = now
        total = self.ok + self.not_modified + self.errors
        if total == self.n and self.done_at is None:
            self.done_at = now
            print("round %d: %d answered (%d 200, %d 304, %d other) "
                  "in %.3f s, first at %.3f" %
                  (self.round, total, self.ok, self.not_modified,
                   self.errors, now - self.first, self.first), flush=True)
        self.wake()

    def total(self):
        return self.ok + self.not_modified + self.errors

    def stats(self):
        span = None
        if self.first is not None and self.last is not None:
            span = self.last - self.first
        return {"round": self.round, "n": self.n, "ok": self.ok,
                "not_modified": self.not_modified, "errors": self.errors,
                "answered": self.total(), "first": self.first,
                "last": self.last, "done_at": self.done_at,
                "span": span, "now": time.monotonic(),
                "conns": self.conns, "max_conns": self.max_conns,
                "conns_opened": self.conns_opened}

    def wake(self):
        keep = []
        for k, fut in self.waiters:
            if fut.done():
                continue
            if self.total() >= k:
                fut.set_result(None)
            else:
                keep.append((k, fut))
        self.waiters = keep


def response(status, body, etag=None, ctype="application/json"):
    reason = {200: "OK", 304: "Not Modified", 400: "Bad Request",
              404: "Not Found"}.get(status, "Error")
    head = ["HTTP/1.1 %d %s" % (status, reason)]
    if etag is not None:
        head.append("ETag: " + etag)
    if status != 304:
        head.append("Content-Type: " + ctype)
        head.append("Content-Length: %d" % len(body))
    else:
        body = b""
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class Conn(asyncio.Protocol):
    """One keep-alive connection: requests parsed from the byte stream,
    answers written in request order once each one's latency is over."""

    def __init__(self, state):
        self.st = state
        self.buf = b""
        self.queue = []  # [answer bytes or None (not ready), close?]
        self.transport = None
        self.closing = False

    def connection_made(self, transport):
        self.transport = transport
        self.st.conns += 1
        self.st.conns_opened += 1
        self.st.max_conns = max(self.st.max_conns, self.st.conns)

    def connection_lost(self, exc):
        self.st.conns -= 1
        self.transport = None

    def data_received(self, data):
        self.buf += data
        while not self.closing:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > MAX_HEADER:
                    self.transport.close()
                    self.closing = True
                return
            head = self.buf[:end].decode("latin-1")
            self.buf = self.buf[end + 4:]
            self.request(head)

    def request(self, head):
        lines = head.split("\r\n")
        parts = lines[0].split(" ")
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        close = headers.get("connection", "").lower() == "close"
        slot = [None, close]
        self.queue.append(slot)
        if len(parts) != 3 or parts[0] != "GET":
            slot[0] = response(400, b"bad request\n", ctype="text/plain")
            self.flush()
            return
        path = parts[1]
        if path.startswith("/_"):
            asyncio.ensure_future(self.admin(path, slot))
            return
        status, answer = self.feed(path, headers)
        if self.st.first is None:
            self.st.first = time.monotonic()
        if self.st.latency > 0:
            asyncio.get_running_loop().call_later(
                self.st.latency, self.ready, slot, answer, status)
        else:
            self.ready(slot, answer, status)

    def feed(self, path, headers):
        st = self.st
        name = path[len("/feed/"):] if path.startswith("/feed/") else ""
        if not name.endswith(".json") or not name[:-5].isdigit() or \
                int(name[:-5]) >= st.n:
            return 404, response(404, b"no such feed\n", ctype="text/plain")
        i = int(name[:-5])
        etag = st.etag(i)
        if headers.get("if-none-match") == etag:
            return 304, response(304, b"", etag)
        return 200, response(200, st.body(i), etag)

    def ready(self, slot, answer, status):
        slot[0] = answer
        self.st.answered(status)
        self.flush()

    async def admin(self, path, slot):
        st = self.st
        path, _, query = path.partition("?")
        args = dict(p.partition("=")[::2] for p in query.split("&") if p)
        if path.startswith("/_round/"):
            st.set_round(path[len("/_round/"):])
        elif path == "/_wait":
            k = int(args.get("n", st.n))
            timeout = min(float(args.get("timeout", 60)), 3600)
            if st.total() < k:
                fut = asyncio.get_running_loop().create_future()
                st.waiters.append((k, fut))
                try:
                    await asyncio.wait_for(fut, timeout)
                except asyncio.TimeoutError:
                    pass
        elif path != "/_stats":
            slot[0] = response(404, b"no such path\n", ctype="text/plain")
            self.flush()
            return
        slot[0] = response(200, json.dumps(st.stats()).encode() + b"\n")
        self.flush()

    def flush(self):
        while self.queue and self.queue[0][0] is not None:
            answer, close = self.queue.pop(0)
            if self.transport is None:
                return
            self.transport.write(answer)
            if close:
                self.transport.close()
                self.closing = True
                self.queue.clear()
                return


async def serve(args):
    st = State(args.n, args.latency_ms / 1000.0)
    st.set_round(args.round)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Conn(st), "127.0.0.1",
                                      args.port, backlog=4096,
                                      reuse_address=True)
    port = server.sockets[0].getsockname()[1]
    print("listening on 127.0.0.1:%d, %d feeds, %g ms latency" %
          (port, args.n, args.latency_ms), flush=True)
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write("%d\n" % port)
    try:
        await asyncio.sleep(args.max_seconds)
    finally:
        server.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, default=0, help="0: any free port")
    p.add_argument("--port-file", help="write the port here once listening")
    p.add_argument("-n", type=int, default=1000, help="number of feeds")
    p.add_argument("--latency-ms", type=float, default=50.0)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("--max-seconds", type=float, default=3600,
                   help="the server exits after this long (a bound)")
    args = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
