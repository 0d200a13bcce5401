#!/usr/bin/python3
"""Soak and fault test of planwatch (not part of the default suite).

    tests/soak/soak.py --binary build-soak/planwatch --minutes 5
        [--collectors 1000] [--kill-every MIN] [--hup-every MIN] [--keep]

Runs `planwatch run` for --minutes against
  * a threaded HTTP server on 127.0.0.1 serving /f<i>.json (one annual
    indicator per collector) that, per request, at random serves the
    document, fails (500, 503 with Retry-After, a reset), stalls past the
    collector's timeout (before the headers, or in the middle of the body),
    sends garbage, truncated or short bodies or an unreadable value, and
    in valid documents sometimes revises a year's value or adds a year;
  * an aiosmtpd server that refuses (451) a share of the messages;
while the configuration changes and is reloaded (SIGHUP) every --hup-every
minutes, and planwatch is SIGKILLed and restarted every --kill-every
minutes.  For --flood-minutes from --flood-at, --flood-connections
clients hold the HTTP port, each sending half a request and then a byte
a second (and connecting again when the daemon closes it): more than the
daemon's limit on open files (--nofile, set for every lifetime) and far
more than its http_max_connections (64).  Then the faults stop, planwatch is restarted with every
collector, completes a whole cycle and delivers its outbox, is stopped with
SIGTERM, and the checks run (docs/reliability.md explains each rule):
  journals   every feed's journal holds, for every period, the value of
             the last valid document served; every record's checksum holds
             and every value journaled was served; revisions chain
  archives   every RRD holds the same values (rrdtool fetch, mid-year)
  eval       `planwatch eval` loads everything (exit 0, no error)
  mail       no Message-ID arrived twice (beyond one per SIGKILL), the
             outbox is empty, what sent/ holds arrived, the alert book
             agrees with the final judgement
  resources  within every process lifetime long enough, RSS and open file
             descriptors at the end are not above those after warm-up by
             more than the tolerance
  logs       no sanitizer report, no error line of an unexpected kind
  lifecycle  every restart came up, every reload was applied, SIGTERM
             exits 0
  flood      the flood held more connections than the cap, the daemon
             closed slow ones at the header deadline, no accept() failed,
             feeds were fetched during the flood at half the rate before
             it or more, the log grew no faster than before it (its http:
             lines a few a minute), /healthz answered once it ended
Exit 0 only when every check passes.  Everything lives in a temporary
directory (kept with --keep, and always when a check fails) and every
child is stopped on exit.  Standard library only, plus python3-aiosmtpd:
run it with /usr/bin/python3.
"""
import argparse
import calendar
import collections
import ctypes
import email.parser
import email.policy
import errno
import hashlib
import json
import os
import random
import re
import resource
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    from aiosmtpd.controller import Controller
except ImportError:  # pragma: no cover
    sys.exit("soak: needs python3-aiosmtpd (run with /usr/bin/python3)")

NOW_YEAR = time.gmtime().tm_year
COLLECTOR_TIMEOUT = 3.0          # seconds, the collectors' timeout
STALL = COLLECTOR_TIMEOUT + 1.5  # a stall outlasts it
INTERVALS = (20, 30, 40)         # seconds; toggled by reloads
JITTER = 5
FLOOR_EVERY = 20                 # every 20th indicator has a floor target
FINAL_INTERVAL = "1h"            # the final cycle: one fetch each

# Faults per request (share of all requests while faults are on); the
# rest are valid documents.  --fault-scale multiplies them.
FAULTS = {
    "http_500": 0.05,
    "http_503_retry_after": 0.01,
    "reset": 0.015,
    "stall_headers": 0.015,
    "stall_body": 0.01,
    "garbage": 0.02,
    "truncated_json": 0.02,
    "short_body": 0.015,
    "bad_value": 0.015,
    "bad_shape": 0.01,
}
REVISION = 0.06   # share of valid documents that revise a stored year
NEW_YEAR = 0.03   # ... that add the next year (up to this year)
SMTP_REFUSE = 0.3
FLOOD_CAP = 64             # http_max_connections while the soak runs
FLOOD_HEADER_TIMEOUT = 5   # http_header_timeout, seconds
# Data overdue is a flag beside the status since issue 16, not a status.
PROBLEMS = ("not_met", "breach", "regressing", "off_track", "at_risk",
            "nearly_met", "feed_error")

# Error lines planwatch is expected to write under these faults: a
# normalised pattern (ids and numbers replaced) -> why it is expected.
# Anything else at level "error" fails the run.
EXPECTED_ERRORS = [
    (r"^collector <id>, indicator <id>: element # \(period #\): value "
     r".* is not a number$", "bad_value: an unreadable value"),
    (r"^collector <id>, indicator <id>: # of # observations rejected$",
     "bad_value: the indicator stores nothing from that fetch"),
    (r"^collector <id>, indicator <id>: line # column #: ",
     "garbage, truncated_json: the document is not JSON"),
    (r"^collector <id>, indicator <id>: observations: JSON pointer .* "
     r"names an object, not an array$", "bad_shape"),
    (r"^collector <id>, indicator <id>: (HTTP status #|Operation timed out "
     r"after .*|Operation too slow\. .*|transfer closed with # bytes remaining to read|Empty reply "
     r"from server|Recv failure: .*|Failure when receiving data from the "
     r"peer)$", "a feed failed fail_after times in a row: its indicators "
     "are feed_error, with the last transfer's error"),
    (r"^outbox: delivery of <message> failed, kept for retry: "
     r".*\(server said <451>\)$", "the SMTP server refused (451)"),
]

SANITIZER = re.compile(
    r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
    r"ThreadSanitizer|runtime error:|SUMMARY: .*Sanitizer")


def log(msg):
    print("soak: %s %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- feeds

class Feed:
    """One collector's document and what was ever served of it."""

    def __init__(self, i, rng):
        self.i = i
        self.lock = threading.Lock()
        self.values = {}
        self.history = set()        # (year, value) ever served valid
        if i % FLOOR_EVERY == 0:    # a target: values around the floor
            first = NOW_YEAR - 6
            for y in range(first, NOW_YEAR + 1):
                self.set(y, self.target_value(rng))
        else:
            first = rng.randint(2000, 2015)
            for y in range(first, rng.randint(first + 3, NOW_YEAR - 2)):
                self.set(y, self.value(rng))
        self.render()

    @staticmethod
    def value(rng):
        return round(rng.uniform(10, 1000), rng.choice((0, 1, 2, 3)))

    @staticmethod
    def target_value(rng):
        return round(rng.uniform(90, 110), 2)

    def set(self, y, v):
        self.values[y] = v
        self.history.add((str(y), v))

    def render(self):
        doc = {"data": [{"year": str(y), "value": self.values[y]}
                        for y in sorted(self.values)]}
        self.body = json.dumps(doc).encode()
        self.etag = '"%s"' % hashlib.sha1(self.body).hexdigest()[:16]

    def mutate(self, rng, stats):
        """Sometimes a revision or a new year; under self.lock."""
        r = rng.random()
        if r < REVISION:
            y = rng.choice(sorted(self.values)[-3:])
            old = self.values[y]
            new = (self.target_value(rng) if self.i % FLOOR_EVERY == 0
                   else self.value(rng))
            if new != old:
                self.set(y, new)
                self.render()
                stats.add("revision")
        elif r < REVISION + NEW_YEAR:
            y = max(self.values) + 1
            if y <= NOW_YEAR:
                self.set(y, self.value(rng))
                self.render()
                stats.add("new_year")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = collections.Counter()

    def add(self, key, n=1):
        with self.lock:
            self.c[key] += n

    def snapshot(self):
        with self.lock:
            return collections.Counter(self.c)


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A SIGKILL resets the daemon's kept-alive connections while the
        # handler waits for their next request: expected, not worth a
        # traceback.  Anything else is printed as usual.
        if isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout)):
            return
        super().handle_error(request, client_address)


class FeedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "soakfeed/1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        soak = self.server.soak
        m = re.fullmatch(r"/f(\d+)\.json", self.path)
        feed = soak.feeds.get(int(m.group(1))) if m else None
        if feed is None:
            self.reply(404, b"no such feed\n")
            return
        soak.http.add("requests")
        try:
            soak.serve(self, feed)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True

    def reply(self, code, body, ctype="application/json", extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


# ---------------------------------------------------------------- smtp

class Sink:
    """Accepts or refuses (451) each message; records accepted ones."""

    def __init__(self, soak):
        self.soak = soak
        self.lock = threading.Lock()
        self.received = []          # (time, message_id, subject)
        self.refused = 0
        self.parser = email.parser.BytesHeaderParser(
            policy=email.policy.default)

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if self.soak.faults_on and self.soak.rng_smtp.random() < SMTP_REFUSE:
            with self.lock:
                self.refused += 1
            return "451 4.3.0 Busy, try again later"
        hdr = self.parser.parsebytes(raw)
        mid = str(hdr.get("Message-ID", "")).strip()
        with self.lock:
            self.received.append((time.time(), mid, str(hdr["Subject"])))
        return "250 OK"


# ---------------------------------------------------------------- the daemon

def _pdeathsig():
    """The daemon dies with this script, even if it is killed."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except OSError:
        pass


def _child_setup(nofile):
    """preexec_fn: _pdeathsig, and the limit on open files (soft and
    hard: the flood must be more than it)."""
    def setup():
        _pdeathsig()
        if nofile:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
    return setup


class Lifetime:
    """One planwatch process: its log, samples and events."""

    def __init__(self, n, proc, path):
        self.n = n
        self.proc = proc
        self.path = path
        self.start = time.time()
        self.end = None
        self.how_ended = None       # "kill", "term", "died"
        self.rc = None
        self.samples = []           # (t, rss_kib, fds)
        self.hups = []              # times SIGHUP was sent
        self.reloads = []           # times "reload: ... loaded" was seen
        self.reload_errors = 0
        self.ready = None           # time the status endpoint answered
        self.stopped_line = None
        self.queued = 0             # "alerts: N message(s) queued" lines
        self.levels = collections.Counter()
        self.kinds = collections.Counter()   # (level, normalised) -> n
        self.examples = {}
        self.sanitizer = []
        self.lock = threading.Lock()


NORMALISE = [
    (re.compile(r"pw\.[0-9a-f]{32}@[\w.]+"), "<message>"),
    (re.compile(r"\b[fi]\d+\b"), "<id>"),
    (re.compile(r"/[\w./-]+"), "<path>"),
    (re.compile(r"'[^']*'"), "'…'"),
    (re.compile(r"\"[^\"]*\""), '"…"'),
    (re.compile(r"\b0x[0-9a-f]+\b"), "0x#"),
    (re.compile(r"(server said )(\d{3})"), r"\1<\2>"),
    (re.compile(r"(?<![<\d])\d+(\.\d+)?(e[-+]?\d+)?"), "#"),
]


def normalise(msg):
    for rx, rep in NORMALISE:
        msg = rx.sub(rep, msg)
    return msg[:160]


LINE = re.compile(r"^planwatch: (error|warn|warning|info|debug): (.*)$")


def read_log(lt, pipe):
    """Copies the daemon's stderr to its log with times; notes events."""
    with open(lt.path, "a", encoding="utf-8", errors="replace") as out:
        for raw in iter(pipe.readline, b""):
            text = raw.decode("utf-8", "replace").rstrip("\n")
            now = time.time()
            out.write("%.3f %s\n" % (now, text))
            if SANITIZER.search(text):
                lt.sanitizer.append(text)
            m = LINE.match(text)
            if not m:
                continue
            level, msg = m.group(1), m.group(2)
            with lt.lock:
                lt.levels[level] += 1
                if level in ("error", "warn", "warning"):
                    key = (level, normalise(msg))
                    lt.kinds[key] += 1
                    lt.examples.setdefault(key, msg[:300])
                if msg.startswith("reload: ") and msg.endswith(" loaded"):
                    lt.reloads.append(now)
                elif msg.startswith("reload: ") and "has errors" in msg:
                    lt.reload_errors += 1
                elif msg.startswith("alerts: ") and "queued" in msg:
                    lt.queued += 1
                elif msg.startswith("stopping: "):
                    lt.stopped_line = msg
        out.flush()


# ---------------------------------------------------------------- flood

class Flood:
    """Clients that hold the daemon's HTTP port (issue 15): each sends the
    start of a request, then a byte a second, and connects again when the
    daemon closes it.  A thread; bounded by stop() and by an hour."""

    START = b"GET /api/v1/status HTTP/1.1\r\nHost: soak\r\nX-Slow: "

    def __init__(self, port, n):
        self.port, self.n = port, n
        self.stop_event = threading.Event()
        self.connects = self.closed = self.peak = self.up = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start(self):
        self.started = time.time()
        self.thread.start()

    def stop(self):
        self.stop_event.set()
        self.thread.join(30)
        self.stopped = time.time()

    def _open(self, sel, i, now):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        if s.connect_ex(("127.0.0.1", self.port)) not in (
                0, errno.EINPROGRESS):
            s.close()
            return
        self.connects += 1
        sel.register(s, selectors.EVENT_WRITE, [i, False, now])

    def _drop(self, sel, s, data, by_daemon):
        sel.unregister(s)
        s.close()
        if data[1]:
            self.up -= 1
        if by_daemon:
            self.closed += 1

    def _event(self, sel, s, data, mask, now):
        if not data[1]:
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                self._drop(sel, s, data, False)
                return
            try:
                s.send(self.START)
            except OSError:
                self._drop(sel, s, data, False)
                return
            data[1], data[2] = True, now
            self.up += 1
            self.peak = max(self.peak, self.up)
            sel.modify(s, selectors.EVENT_READ, data)
            return
        try:
            gone = s.recv(4096) == b""
        except BlockingIOError:
            gone = False
        except OSError:
            gone = True
        if gone:
            self._drop(sel, s, data, True)

    def _tick(self, sel, now):
        for key in list(sel.get_map().values()):
            s, data = key.fileobj, key.data
            if not data[1] and now - data[2] > 5:
                self._drop(sel, s, data, False)   # its SYN was dropped
            elif data[1] and now - data[2] >= 1:
                data[2] = now
                try:
                    s.send(b"a")
                except OSError:
                    self._drop(sel, s, data, True)

    def run(self):
        sel = selectors.DefaultSelector()
        end = time.time() + 3600
        while not self.stop_event.is_set() and time.time() < end:
            now = time.time()
            for i in range(self.n - len(sel.get_map())):
                self._open(sel, i, now)
            for key, mask in sel.select(0.1):
                self._event(sel, key.fileobj, key.data, mask, now)
            self._tick(sel, now)
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()


def metrics(port, timeout=5):
    """GET /metrics: {family: value} of the unlabelled series, or None."""
    try:
        with socket.create_connection(("127.0.0.1", port),
                                      timeout=timeout) as s:
            s.sendall(b"GET /metrics HTTP/1.0\r\n\r\n")
            data = b""
            while True:
                b = s.recv(65536)
                if not b:
                    break
                data += b
    except OSError:
        return None
    out = {}
    for line in data.decode("utf-8", "replace").splitlines():
        m = re.match(r"^([a-z_]+) (\S+)$", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


# ---------------------------------------------------------------- the soak

class Soak:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.rng_smtp = random.Random(args.seed + 1)
        self.rng_lock = threading.Lock()
        self.faults_on = True
        self.mutate_on = True
        self.stop_event = threading.Event()
        self.http = Stats()
        self.faults = dict((k, v * args.fault_scale)
                           for k, v in FAULTS.items())
        self.dir = tempfile.mkdtemp(prefix="planwatch-soak-")
        self.conf = os.path.join(self.dir, "planwatch.yaml")
        for d in ("data", "graphs", "state", "logs"):
            os.makedirs(os.path.join(self.dir, d))
        self.feeds = {}
        self.next_id = args.collectors
        for i in range(args.collectors):
            self.feeds[i] = Feed(i, self.rng)
        self.present = set(self.feeds)
        self.removed_last = set()
        self.interval = {i: INTERVALS[i % len(INTERVALS)] for i in self.feeds}
        self.floor = {i: 100 for i in self.feeds if i % FLOOR_EVERY == 0}
        self.lifetimes = []
        self.proc = None
        self.kills = 0
        self.hups = 0
        self.config_changes = collections.Counter()
        self.notes = []
        self.failures = []
        self.summary = collections.OrderedDict()
        self.flood = None
        self.flood_result = None
        self.counters = []          # (t, requests, received, refused)

    # ---- feed server

    def pick(self):
        with self.rng_lock:
            return self.rng.random(), self.rng.random(), self.rng.randint(
                1, 1 << 30)

    def serve(self, h, feed):
        r, r2, n = self.pick()
        kind = "valid"
        if self.faults_on:
            acc = 0.0
            for k, p in self.faults.items():
                acc += p
                if r < acc:
                    kind = k
                    break
        self.http.add(kind)
        if kind == "valid":
            with feed.lock:
                if self.mutate_on:
                    with self.rng_lock:
                        feed.mutate(self.rng, self.http)
                body, etag = feed.body, feed.etag
            if h.headers.get("If-None-Match") == etag:
                self.http.add("not_modified")
                h.send_response(304)
                h.send_header("ETag", etag)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            h.reply(200, body, extra=(("ETag", etag),))
            return
        with feed.lock:
            body = feed.body
        h.close_connection = True
        if kind == "http_500":
            h.reply(500, b"internal error\n", "text/plain")
        elif kind == "http_503_retry_after":
            h.reply(503, b"busy\n", "text/plain",
                    (("Retry-After", str(5 + n % 10)),))
        elif kind == "reset":
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    b"\x01\x00\x00\x00\x00\x00\x00\x00")
        elif kind == "stall_headers":
            self.stop_event.wait(STALL)
        elif kind == "stall_body":
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body[:len(body) // 2])
            h.wfile.flush()
            self.stop_event.wait(STALL)
        elif kind == "garbage":
            g = bytes(random.Random(n).getrandbits(8)
                      for _ in range(1 + n % 2048))
            h.reply(200, g)
        elif kind == "truncated_json":
            h.reply(200, body[:max(1, int(len(body) * r2) - 1)])
        elif kind == "short_body":
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body[:max(1, int(len(body) * r2) - 1)])
        elif kind == "bad_value":
            doc = json.loads(body)
            doc["data"][n % len(doc["data"])]["value"] = "n/a"
            h.reply(200, json.dumps(doc).encode())
        elif kind == "bad_shape":
            h.reply(200, b'{"data": {"year": "2020", "value": 1}}')

    # ---- configuration

    def write_config(self, final=False):
        a = self.args
        ids = sorted(self.feeds) if final else sorted(self.present)
        lines = [
            "# written by tests/soak/soak.py",
            "data_dir: data", "graph_dir: graphs", "state_dir: state",
            "log_level: info", "locale: en",
            "listen: 127.0.0.1:%d" % self.web_port,
            "group_wait: %s" % a.group_wait,
            "graphs: %s" % ("true" if a.graphs else "false"),
            "max_transfers: 32", "max_per_host: 32",
            "http_max_connections: %d" % FLOOD_CAP,
            "http_header_timeout: %ds" % FLOOD_HEADER_TIMEOUT,
            "smtp:", "  transport: smtp",
            "  url: smtp://127.0.0.1:%d" % self.smtp_port,
            "  from: planwatch@soak.example",
            "  timeout: 10s", "  retry_initial: 5s", "  retry_max: 30s",
            "routes:",
            "  - {to: [office@soak.example], severity: [warning, critical]}",
            "collectors:",
        ]
        for i in ids:
            iv = FINAL_INTERVAL if final else "%ds" % self.interval[i]
            lines.append(
                '  - {id: f%d, url: "http://127.0.0.1:%d/f%d.json", '
                "format: json, interval: %s, jitter: %ds, timeout: %ds, "
                "retry_initial: 5s, retry_max: 20s}"
                % (i, self.http_port, i, iv, JITTER, COLLECTOR_TIMEOUT))
        lines.append("indicators:")
        for i in ids:
            t = ""
            if i in self.floor:
                t = (", targets: [{id: floor, kind: floor, value: %d}]"
                     % self.floor[i])
            lines.append(
                '  - {id: i%d, name: "soak %d", unit: u, frequency: annual, '
                "collector: f%d, selector: {observations: /data, "
                "period: /year, value: /value}%s}" % (i, i, i, t))
        tmp = self.conf + ".tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.rename(tmp, self.conf)

    def change_config(self):
        """One reload's worth of change (docs/reliability.md)."""
        rng = self.rng
        with self.rng_lock:
            # back: the ones removed last time; out: a handful of others
            self.present |= self.removed_last
            self.config_changes["re-added"] += len(self.removed_last)
            out = set(rng.sample(sorted(self.present), 8))
            self.present -= out
            self.removed_last = out
            self.config_changes["removed"] += len(out)
            for _ in range(2):
                i = self.next_id
                self.next_id += 1
                self.feeds[i] = Feed(i, rng)
                self.interval[i] = INTERVALS[i % len(INTERVALS)]
                if i % FLOOR_EVERY == 0:
                    self.floor[i] = 100
                self.present.add(i)
                self.config_changes["added (new)"] += 1
            for i in rng.sample(sorted(self.present), 20):
                self.interval[i] = rng.choice(
                    [v for v in INTERVALS if v != self.interval[i]])
                self.config_changes["interval changed"] += 1
            for i in rng.sample(sorted(self.floor), 3):
                self.floor[i] = 95 if self.floor[i] == 100 else 100
                self.config_changes["floor changed"] += 1
        self.write_config()

    # ---- the process

    def start(self):
        n = len(self.lifetimes)
        path = os.path.join(self.dir, "logs", "planwatch-%d.log" % n)
        env = dict(os.environ)
        env.setdefault("TZ", "UTC")
        proc = subprocess.Popen(
            [self.args.binary, "-c", self.conf, "run"], cwd=self.dir,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env=env,
            preexec_fn=_child_setup(self.args.nofile))
        lt = Lifetime(n, proc, path)
        t = threading.Thread(target=read_log, args=(lt, proc.stderr),
                             daemon=True)
        t.start()
        lt.reader = t
        self.lifetimes.append(lt)
        self.proc = proc
        deadline = time.time() + 60
        while time.time() < deadline:
            if proc.poll() is not None:
                break
            if self.status() is not None:
                lt.ready = time.time()
                break
            time.sleep(0.2)
        if lt.ready is None:
            self.failures.append("lifetime %d: planwatch did not come up "
                                 "(exit %s), see %s" % (n, proc.poll(), path))
        return lt

    def status(self):
        try:
            with socket.create_connection(("127.0.0.1", self.web_port),
                                          timeout=5) as s:
                s.sendall(b"GET /api/v1/status HTTP/1.0\r\n"
                          b"Host: 127.0.0.1\r\n\r\n")
                data = b""
                while True:
                    b = s.recv(65536)
                    if not b:
                        break
                    data += b
            head, _, body = data.partition(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.") or b" 200 " not in head[:16]:
                return None
            return json.loads(body)
        except (OSError, ValueError):
            return None

    def end(self, how, sig, wait):
        lt = self.lifetimes[-1]
        lt.how_ended = how
        lt.signal_sent = time.time()
        try:
            lt.proc.send_signal(sig)
        except ProcessLookupError:
            pass
        try:
            lt.rc = lt.proc.wait(wait)
        except subprocess.TimeoutExpired:
            self.failures.append("lifetime %d: did not end within %d s of "
                                 "signal %d; killed" % (lt.n, wait, sig))
            lt.proc.kill()
            lt.rc = lt.proc.wait()
        lt.end = time.time()
        lt.reader.join(10)
        self.proc = None
        return lt

    def sample(self):
        self.counters.append(self.counts_now())
        lt = self.lifetimes[-1]
        pid = lt.proc.pid
        try:
            with open("/proc/%d/status" % pid) as f:
                rss = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
            fds = len(os.listdir("/proc/%d/fd" % pid))
        except (OSError, AttributeError):
            return
        lt.samples.append((time.time(), rss, fds))

    def check_alive(self):
        lt = self.lifetimes[-1]
        rc = lt.proc.poll()
        if rc is None:
            return
        self.flood_finish("planwatch died")
        lt.rc, lt.end, lt.how_ended = rc, time.time(), "died"
        lt.reader.join(10)
        self.failures.append("lifetime %d: planwatch exited by itself "
                             "(status %s); restarted" % (lt.n, rc))
        self.start()

    # ---- the flood

    def counts_now(self):
        c = self.http.snapshot()
        with self.sink.lock:
            return (time.time(), c["requests"], len(self.sink.received),
                    self.sink.refused)

    def healthz(self):
        try:
            with socket.create_connection(("127.0.0.1", self.web_port),
                                          timeout=2) as s:
                s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
                return s.recv(64).startswith(b"HTTP/1.0 200")
        except OSError:
            return False

    def flood_begin(self):
        a = self.args
        self.flood = Flood(self.web_port, a.flood_connections)
        self.flood_from = self.counts_now()
        self.flood.start()
        log("flood: %d clients on the HTTP port (http_max_connections "
            "%d, planwatch limited to %s open files)" % (
                a.flood_connections, FLOOD_CAP, a.nofile or "its"))

    def flood_finish(self, why=None):
        """Ends the flood (if on): its counts, /healthz, /metrics."""
        f = self.flood
        if f is None or self.flood_result is not None:
            return
        upto = self.counts_now()
        f.stop()
        t = time.time()
        ok = False
        while not ok and time.time() - t < 30:
            ok = self.healthz()
            if not ok:
                time.sleep(0.2)
        r = collections.OrderedDict(
            connections=self.args.flood_connections,
            seconds=round(f.stopped - f.started, 1),
            ended_by=why or "its time", connects=f.connects,
            peak_connected=f.peak, closed_by_daemon=f.closed,
            healthz_after_s=round(time.time() - t, 1) if ok else None)
        d = upto[0] - self.flood_from[0]
        r["fetches"] = upto[1] - self.flood_from[1]
        r["fetches_expected"] = round(d * sum(
            1.0 / self.interval[i] for i in self.present))
        r["mail_accepted"] = upto[2] - self.flood_from[2]
        r["mail_refused_451"] = upto[3] - self.flood_from[3]
        m = metrics(self.web_port) or {}
        for k in ("connections_max", "connections_full_total",
                  "header_timeouts_total", "accept_errors_total",
                  "connections_accepted_total"):
            v = m.get("planwatch_http_" + k)
            r["metrics_" + k] = int(v) if v is not None else None
        r["window"] = (self.flood_from[0], upto[0])
        self.flood_result = r
        log("flood: ended (%s) after %.0f s: %d connects, %d at most, %d "
            "closed by planwatch, %d fetches (%d expected), /healthz %s" % (
                r["ended_by"], r["seconds"], f.connects, f.peak, f.closed,
                r["fetches"], r["fetches_expected"],
                "after %.1f s" % r["healthz_after_s"] if ok
                else "did not answer"))

    # ---- phases

    def run(self):
        a = self.args
        self.http_server = FeedServer(("127.0.0.1", 0), FeedHandler)
        self.http_server.soak = self
        self.http_port = self.http_server.server_address[1]
        threading.Thread(target=self.http_server.serve_forever,
                         daemon=True).start()
        self.sink = Sink(self)
        self.smtp_port = free_port()
        self.smtp = Controller(self.sink, hostname="127.0.0.1",
                               port=self.smtp_port)
        self.smtp.start()
        self.web_port = free_port()
        self.write_config()
        log("%d collectors, %.1f min of faults, SIGHUP every %.2f min, "
            "SIGKILL every %.2f min, in %s" % (
                a.collectors, a.minutes, a.hup_every, a.kill_every,
                self.dir))
        self.start()
        t0 = time.time()
        self.t0 = t0
        end = t0 + a.minutes * 60
        next_sample = t0
        next_hup = t0 + a.hup_every * 60
        next_kill = t0 + a.kill_every * 60 if a.kill_every > 0 else None
        next_report = t0 + 60
        flood_at = flood_end = None
        if a.flood_connections > 0:
            flood_at = t0 + a.flood_at * 60
            flood_end = min(flood_at + a.flood_minutes * 60, end - 10)
        while time.time() < end:
            now = time.time()
            if flood_at is not None and self.flood is None and \
                    flood_at <= now < flood_end:
                self.flood_begin()
            if flood_end is not None and now >= flood_end:
                self.flood_finish()
            if now >= next_sample:
                self.sample()
                next_sample += a.sample_every
            if next_kill is not None and now >= next_kill:
                next_kill += a.kill_every * 60
                if next_kill >= end - 1:
                    next_kill = None
                self.flood_finish("a SIGKILL was due")
                self.end("kill", signal.SIGKILL, 30)
                self.kills += 1
                self.change_config()
                lt = self.start()
                log("SIGKILL %d; restarted (up after %.1f s)" % (
                    self.kills, (lt.ready or time.time()) - lt.start))
                if abs(next_hup - now) < 20:
                    next_hup += a.hup_every * 60
            elif now >= next_hup:
                next_hup += a.hup_every * 60
                self.change_config()
                self.lifetimes[-1].hups.append(time.time())
                self.proc.send_signal(signal.SIGHUP)
                self.hups += 1
            if now >= next_report:
                next_report += 60
                c = self.http.snapshot()
                log("%4.1f min: %d requests, %d valid, %d messages "
                    "accepted, %d refused, RSS %s KiB, %s fds" % (
                        (now - t0) / 60, c["requests"], c["valid"],
                        len(self.sink.received), self.sink.refused,
                        self.lifetimes[-1].samples[-1][1]
                        if self.lifetimes[-1].samples else "?",
                        self.lifetimes[-1].samples[-1][2]
                        if self.lifetimes[-1].samples else "?"))
            self.check_alive()
            time.sleep(0.5)
        self.flood_finish()
        self.fault_end = time.time()
        self.final_phase()
        self.checks()

    def final_phase(self):
        """Faults off; every collector once; the outbox delivered."""
        # SIGTERM under load: stalls and retries in flight must end
        # within stop_timeout and the exit status be 0.
        log("SIGTERM under faults; then faults off and one cycle of "
            "every collector")
        lt = self.end("term", signal.SIGTERM, 60)
        self.note_term(lt)
        self.faults_on = False
        self.mutate_on = False
        self.stop_event.set()
        self.write_config(final=True)
        lt = self.start()
        t_start = lt.start
        deadline = time.time() + self.args.final_bound
        quiet_since = None
        ok = False
        last = None
        while time.time() < deadline:
            self.sample()
            st = self.status()
            if st is None:
                time.sleep(1)
                continue
            colls = st["collectors"]
            fetched = sum(1 for c in colls.values()
                          if c["last_success"] >= int(t_start)
                          and not c["busy"])
            q = st["queues"]
            ob = st["outbox"]
            pending = len([n for n in os.listdir(
                os.path.join(self.dir, "state", "outbox"))
                if n.endswith(".json")]) if os.path.isdir(
                os.path.join(self.dir, "state", "outbox")) else 0
            idle = (fetched == len(colls) and q["transfers"] == 0
                    and q["worker_jobs"] == 0 and ob["queued"] == 0
                    and ob["sending"] == 0 and pending == 0
                    and st.get("refreshing", 0) == 0
                    and st.get("catching_up", 0) == 0)
            state = (fetched, len(self.sink.received), pending)
            if state != last:
                log("final cycle: %d/%d collectors fetched, outbox %d, "
                    "%d messages arrived" % (fetched, len(colls), pending,
                                             len(self.sink.received)))
                last = state
            if idle:
                if quiet_since is None:
                    quiet_since = time.time()
                # group_wait, the evaluation and a delivery: a while of
                # nothing new after everything was fetched.
                if time.time() - quiet_since >= self.args.settle:
                    ok = True
                    break
            else:
                quiet_since = None
            time.sleep(1)
        self.final_cycle_seconds = time.time() - t_start
        if not ok:
            self.failures.append(
                "final cycle: not quiet within %d s (see status above)"
                % self.args.final_bound)
        lt = self.end("term", signal.SIGTERM, 60)
        self.note_term(lt)

    def note_term(self, lt):
        if lt.rc != 0:
            self.failures.append("lifetime %d: SIGTERM exit status %s "
                                 "(0 expected)" % (lt.n, lt.rc))
        if lt.stopped_line is None:
            self.failures.append("lifetime %d: no 'stopping:' line after "
                                 "SIGTERM" % lt.n)
        log("SIGTERM: exit %s after %.1f s (%s)" % (
            lt.rc, lt.end - lt.signal_sent, lt.stopped_line))

    # ---- checks

    def checks(self):
        results = collections.OrderedDict()
        results["journals"] = self.check_journals()
        results["archives"] = self.check_archives()
        results["eval"] = self.check_eval()
        results["mail"] = self.check_mail()
        results["resources"] = self.check_resources()
        results["logs"] = self.check_logs()
        results["lifecycle"] = self.check_lifecycle()
        results["flood"] = self.check_flood()
        self.results = results

    def fail(self, check, msg):
        self.failures.append("%s: %s" % (check, msg))

    def check_journals(self):
        bad = 0
        records = revisions = torn = 0
        self.journal_values = {}
        for i, feed in sorted(self.feeds.items()):
            path = os.path.join(self.dir, "data", "i%d.journal" % i)
            try:
                with open(path, "rb") as f:
                    lines = f.read().split(b"\n")
            except OSError as e:
                self.fail("journals", "i%d: %s" % (i, e))
                bad += 1
                continue
            last_line = lines.pop()   # b"" when the file ends in \n
            if last_line:
                torn += 1
            cur = {}
            problems = []
            for n, line in enumerate(lines, 1):
                if n == 1:
                    if json.loads(line).get("planwatch_journal") != 2:
                        problems.append("line 1: bad header")
                    continue
                body, sep, tail = line.rpartition(b',"crc":"')
                if not sep or "%08x" % zlib.crc32(body) != tail[:8].decode():
                    if n == len(lines):
                        torn += 1
                        continue
                    problems.append("line %d: bad checksum" % n)
                    continue
                rec = json.loads(line)
                records += 1
                p, v = rec["period"], rec["value"]
                if "replaced" in rec:
                    revisions += 1
                    if cur.get(p) != rec["replaced"]:
                        problems.append(
                            "line %d: %s replaced %r but the value was %r"
                            % (n, p, rec["replaced"], cur.get(p)))
                if (p, v) not in feed.history:
                    problems.append("line %d: %s = %r was never served"
                                    % (n, p, v))
                cur[p] = v
            truth = {str(y): v for y, v in feed.values.items()}
            if cur != truth:
                diff = sorted(set(cur.items()) ^ set(truth.items()))[:4]
                problems.append("current values differ from the last "
                                "document served: %s" % diff)
            self.journal_values[i] = cur
            if problems:
                bad += 1
                self.fail("journals", "i%d: %s" % (i, "; ".join(
                    problems[:3])))
        return {"journals": len(self.feeds), "bad": bad,
                "records": records, "revisions": revisions,
                "torn_tails": torn}

    def check_archives(self):
        cmds, want = [], []
        for i, cur in sorted(self.journal_values.items()):
            rrd = os.path.join(self.dir, "data", "i%d.rrd" % i)
            for p, v in sorted(cur.items()):
                # the row ending at 00:00 UTC on 2 July covers 1 July
                t = calendar.timegm((int(p), 7, 2, 0, 0, 0))
                cmds.append("fetch %s AVERAGE -r 86400 -s %d -e %d\n"
                            % (rrd, t - 86400, t))
                want.append((i, p, v, t))
        proc = subprocess.run(["rrdtool", "-"], input="".join(cmds),
                              capture_output=True, text=True)
        blocks, cur = [], []
        for line in proc.stdout.splitlines():
            if line.startswith("OK ") or line.startswith("ERROR"):
                blocks.append((line, cur))
                cur = []
            else:
                cur.append(line)
        bad = set()
        checked = 0
        if len(blocks) != len(want):
            self.fail("archives", "rrdtool answered %d of %d fetches: %s"
                      % (len(blocks), len(want), proc.stderr[:300]))
        for (i, p, v, t), (status, rows) in zip(want, blocks):
            got = None
            for r in rows:
                m = re.match(r"\s*(\d+):\s+(\S+)", r)
                if m and int(m.group(1)) == t:
                    got = float(m.group(2))
            checked += 1
            if status.startswith("ERROR") or got is None or not (
                    abs(got - v) <= 1e-9 * max(1.0, abs(v))):
                if i not in bad:
                    self.fail("archives", "i%d %s: journal %r, archive %s"
                              % (i, p, v, got if got is not None
                                 else status))
                bad.add(i)
        return {"archives": len(self.journal_values), "values": checked,
                "bad": len(bad)}

    def check_eval(self):
        proc = subprocess.run(
            [self.args.binary, "-c", self.conf, "eval", "--json"],
            cwd=self.dir, capture_output=True, text=True)
        errs = [l for l in proc.stderr.splitlines() if "error" in l]
        if proc.returncode != 0 or errs:
            self.fail("eval", "exit %d, %s" % (proc.returncode, errs[:3]))
        try:
            self.eval_doc = json.loads(proc.stdout)
        except ValueError:
            self.eval_doc = None
            self.fail("eval", "eval --json is not JSON")
        return {"exit": proc.returncode, "error_lines": len(errs)}

    def check_mail(self):
        counts = collections.Counter(m for _, m, _ in self.sink.received)
        dups = {m: n for m, n in counts.items() if n > 1}
        ndup = sum(n - 1 for n in dups.values())
        outbox = os.path.join(self.dir, "state", "outbox")
        pending = sorted(n for n in os.listdir(outbox)
                         if n.endswith(".json")) if os.path.isdir(
            outbox) else []
        sent_ids = set()
        sentdir = os.path.join(outbox, "sent")
        if os.path.isdir(sentdir):
            for n in os.listdir(sentdir):
                with open(os.path.join(sentdir, n)) as f:
                    sent_ids.add(json.load(f)["message_id"])
        missing = sent_ids - set(counts)
        unrecorded = set(counts) - sent_ids
        if ndup > self.kills:
            self.fail("mail", "%d duplicate deliveries (%d SIGKILLs): %s"
                      % (ndup, self.kills, list(dups.items())[:5]))
        if pending:
            self.fail("mail", "outbox not empty: %s" % pending[:5])
        if missing:
            self.fail("mail", "%d in sent/ never arrived: %s"
                      % (len(missing), sorted(missing)[:3]))
        if unrecorded:
            self.fail("mail", "%d arrived but are not in sent/: %s"
                      % (len(unrecorded), sorted(unrecorded)[:3]))
        if not counts:
            self.fail("mail", "no message arrived at all")
        book = self.check_book()
        return {"arrived": len(self.sink.received), "distinct": len(counts),
                "refused_451": self.sink.refused, "duplicates": ndup,
                "duplicate_ids": len(dups), "outbox_left": len(pending),
                "in_sent": len(sent_ids), **book}

    def check_book(self):
        """The alert book agrees with the final judgement."""
        path = os.path.join(self.dir, "state", "alerts.json")
        try:
            with open(path) as f:
                book = json.load(f)
        except (OSError, ValueError) as e:
            self.fail("mail", "alerts.json: %s" % e)
            return {}
        pairs = self.final_pairs()
        if pairs is None:
            return {"book_pairs": len(book)}
        disagree = []
        for key, status in sorted(pairs.items()):
            entry = book.get(key)
            notified = entry.get("notified") if isinstance(
                entry, dict) else entry
            problem = status in PROBLEMS
            if problem and notified != status:
                disagree.append("%s: judged %s, notified %s"
                                % (key, status, notified))
        if disagree:
            self.fail("mail", "alert book behind the judgement: %s"
                      % disagree[:5])
        return {"book_pairs": len(book), "judged_pairs": len(pairs),
                "book_disagrees": len(disagree),
                "final_statuses": dict(collections.Counter(pairs.values()))}

    def final_pairs(self):
        """indicator/target -> status, from `eval --json`."""
        doc = self.eval_doc
        if not isinstance(doc, dict):
            return None
        pairs = {}
        for ind in doc.get("indicators", []):
            for t in ind.get("targets", []):
                pairs["%s/%s" % (ind["id"], t["id"])] = t["status"]
        return pairs

    def check_resources(self):
        """Within each lifetime: end vs. after warm-up (docs/reliability.md).

        Warm-up: at least --warmup seconds, and until 30 s after the first
        reload was applied (a reload holds two configurations at once and
        sets the high-water mark of the heap), at most half the lifetime.
        Windows of max(30 s, a sixth of the lifetime) right after warm-up
        (base) and at the end (last).  RSS: the median of last may exceed
        the median of base by --rss-tolerance plus --rss-slack-kib.  File
        descriptors: the minimum of last may exceed the minimum of base by
        --fd-tolerance (transfers in flight and kept-alive connections come
        and go, up to max_transfers + max_per_host; a leaked descriptor
        raises the floor).
        """
        a = self.args
        out = []
        for lt in self.lifetimes:
            s = lt.samples
            if not s:
                continue
            t0 = s[0][0]
            span = s[-1][0] - t0
            row = collections.OrderedDict(
                lifetime=lt.n, ended=lt.how_ended,
                minutes=round(span / 60, 1), samples=len(s),
                rss_kib_first=s[0][1], rss_kib_last=s[-1][1],
                rss_kib_max=max(x[1] for x in s),
                fds_first=s[0][2], fds_last=s[-1][2],
                fds_max=max(x[2] for x in s))
            out.append(row)
            row["series"] = [[round(x[0] - t0), x[1], x[2]] for x in s]
            if span < a.min_lifetime:
                row["judged"] = False
                continue
            warm = a.warmup
            applied = [r for r in lt.reloads if r > t0]
            if applied:
                warm = max(warm, applied[0] - t0 + 30)
            warm = min(warm, span / 2)
            win = max(30.0, span / 6)
            base = [x for x in s if t0 + warm <= x[0] <= t0 + warm + win]
            last = [x for x in s if x[0] >= s[-1][0] - win]
            if len(base) < 3 or len(last) < 3:
                row["judged"] = False
                continue

            def median(v):
                v = sorted(v)
                return v[len(v) // 2]
            b_rss = median(x[1] for x in base)
            l_rss = median(x[1] for x in last)
            b_fd, l_fd = min(x[2] for x in base), min(x[2] for x in last)
            row.update(judged=True, warmup_s=round(warm),
                       rss_kib_base=b_rss, rss_kib_end=l_rss,
                       fds_base=b_fd, fds_end=l_fd)
            if l_rss > b_rss * (1 + a.rss_tolerance) + a.rss_slack_kib:
                self.fail("resources", "lifetime %d: RSS %d KiB after "
                          "warm-up, %d KiB at the end" % (lt.n, b_rss, l_rss))
            if l_fd > b_fd + a.fd_tolerance:
                self.fail("resources", "lifetime %d: %d fds after warm-up, "
                          "%d at the end" % (lt.n, b_fd, l_fd))
        if not any(r.get("judged") for r in out):
            self.notes.append("resources: no lifetime was long enough "
                              "(%d s) to judge" % a.min_lifetime)
        return {"lifetimes": out}

    def check_logs(self):
        kinds = collections.Counter()
        levels = collections.Counter()
        examples = {}
        sanitizer = []
        for lt in self.lifetimes:
            kinds.update(lt.kinds)
            levels.update(lt.levels)
            for k, v in lt.examples.items():
                examples.setdefault(k, v)
            sanitizer += lt.sanitizer
        if sanitizer:
            self.fail("logs", "sanitizer: %s" % sanitizer[:3])
        unexpected = []
        for (level, kind), n in kinds.items():
            if level != "error":
                continue
            if not any(re.search(p, kind) for p, _ in EXPECTED_ERRORS):
                unexpected.append((n, kind, examples[(level, kind)]))
        for n, kind, ex in sorted(unexpected, reverse=True):
            self.fail("logs", "unexpected error line (%d×): %s" % (n, ex))
        self.log_kinds = kinds
        self.log_examples = examples
        return {"levels": dict(levels), "kinds": len(kinds),
                "unexpected_error_kinds": len(unexpected)}

    def log_window(self, t0, t1):
        """Bytes and lines the daemon logged from t0 to t1, and those of
        its lines that are the HTTP server's (\"http: \")."""
        size = lines = http = 0
        for lt in self.lifetimes:
            try:
                with open(lt.path, encoding="utf-8", errors="replace") as f:
                    for line in f:
                        t, _, text = line.partition(" ")
                        try:
                            t = float(t)
                        except ValueError:
                            continue
                        if t0 <= t < t1:
                            size += len(text)
                            lines += 1
                            http += ": http: " in text
            except OSError:
                pass
        return size, lines, http

    def check_flood(self):
        """The daemon under the flood (docs/reliability.md)."""
        r = self.flood_result
        if r is None:
            self.notes.append("flood: none (--flood-connections 0, or the "
                              "run too short)")
            return {}
        t0, t1 = r.pop("window")
        d = t1 - t0
        during = self.log_window(t0, t1)
        before = self.log_window(t0 - d, t0)
        r["log_bytes_during"], r["log_lines_during"] = during[:2]
        r["log_bytes_before"], r["log_lines_before"] = before[:2]
        r["log_http_lines_during"] = during[2]
        fail = lambda msg: self.fail("flood", msg)
        if r["peak_connected"] <= FLOOD_CAP:
            fail("at most %d clients connected: not past the cap of %d"
                 % (r["peak_connected"], FLOOD_CAP))
        if r["metrics_accept_errors_total"] is None:
            fail("/metrics did not answer after the flood")
        elif r["metrics_accept_errors_total"] > 0:
            fail("%d accept() failures" % r["metrics_accept_errors_total"])
        if r["metrics_connections_full_total"] == 0:
            fail("the cap was never reached")
        if d > FLOOD_HEADER_TIMEOUT + 5 and (
                r["closed_by_daemon"] == 0 or
                r["metrics_header_timeouts_total"] == 0):
            fail("no slow client closed at the header deadline")
        if r["healthz_after_s"] is None:
            fail("/healthz did not answer within 30 s of the flood's end")
        if r["fetches"] < 0.5 * r["fetches_expected"]:
            fail("%d fetches during the flood, %d expected"
                 % (r["fetches"], r["fetches_expected"]))
        # The log is mostly a line per fetch: its growth is judged per
        # fetch, against as long a time before the flood.
        early = [c for c in self.counters if c[0] <= t0 - d]
        first = early[-1] if early else (self.counters or [None])[0]
        fetched_before = max(1, self.flood_from[1] - first[1]) \
            if first is not None else 1
        r["fetches_before"] = fetched_before
        allowed = 2 * before[0] * max(1.0, r["fetches"] / fetched_before)
        if during[0] > allowed + 32768:
            fail("the log grew by %d bytes during the flood (%d fetches), "
                 "%d in as long before it (%d fetches)" % (
                     during[0], r["fetches"], before[0], fetched_before))
        if during[2] > 4 * (d / 60) + 4:
            fail("%d lines of http: in %.0f s" % (during[2], d))
        return r

    def check_lifecycle(self):
        applied, waits, never = 0, [], []
        for lt in self.lifetimes:
            for t in lt.hups:
                after = [r for r in lt.reloads if r >= t]
                if after:
                    applied += 1
                    waits.append(after[0] - t)
                elif (lt.end or time.time()) - t > self.args.reload_bound:
                    never.append((lt.n, round(lt.end - t)))
            if lt.reload_errors:
                self.fail("lifecycle", "lifetime %d: %d reload(s) refused "
                          "the configuration" % (lt.n, lt.reload_errors))
        late = [w for w in waits if w > self.args.reload_bound]
        if never:
            self.fail("lifecycle", "%d SIGHUP(s) never applied although "
                      "the process lived %s s longer" % (len(never), [
                          w for _, w in never][:10]))
        if late:
            self.fail("lifecycle", "%d reload(s) applied later than %d s "
                      "(max %.0f s)" % (len(late), self.args.reload_bound,
                                        max(late)))
        ups = [lt.ready - lt.start for lt in self.lifetimes if lt.ready]
        return {"sighups": self.hups, "reloads_applied": applied,
                "reload_wait_s": {
                    "median": round(sorted(waits)[len(waits) // 2], 1)
                    if waits else None,
                    "max": round(max(waits), 1) if waits else None},
                "sighups_never_applied": len(never),
                "kills": self.kills, "starts": len(self.lifetimes),
                "evaluations_that_queued_mail": sum(
                    lt.queued for lt in self.lifetimes),
                "start_to_ready_s_max": round(max(ups), 1) if ups else None}

    # ---- report

    def report(self):
        c = self.http.snapshot()
        faults = {k: c[k] for k in FAULTS if c[k]}
        s = collections.OrderedDict()
        s["duration_min"] = round((self.fault_end - self.t0) / 60, 1)
        s["final_cycle_s"] = round(self.final_cycle_seconds, 1)
        s["collectors"] = {"initial": self.args.collectors,
                           "at_end": len(self.feeds),
                           "config_changes": dict(self.config_changes)}
        s["requests"] = c["requests"]
        s["valid_documents"] = c["valid"]
        s["not_modified_304"] = c["not_modified"]
        s["revisions_served"] = c["revision"]
        s["new_years_served"] = c["new_year"]
        s["faults"] = faults
        s["faults_total"] = sum(faults.values())
        n = max(1, len(self.feeds))
        s["fetches_per_collector"] = round(c["requests"] / n, 1)
        s.update(self.results)
        s["error_and_warning_kinds"] = [
            "%6d %s: %s" % (v, k[0], k[1]) for k, v in
            self.log_kinds.most_common()]
        s["notes"] = self.notes
        s["failures"] = self.failures
        s["verdict"] = "PASS" if not self.failures else "FAIL"
        s["dir"] = self.dir
        return s

    def cleanup(self):
        self.stop_event.set()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        try:
            self.smtp.stop()
        except Exception:
            pass
        try:
            self.http_server.shutdown()
            self.http_server.server_close()
        except Exception:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--minutes", type=float, default=5)
    ap.add_argument("--collectors", type=int, default=1000)
    ap.add_argument("--kill-every", type=float, default=None,
                    help="minutes; default min(10, minutes/2); 0: never")
    ap.add_argument("--hup-every", type=float, default=1)
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary directory")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--fault-scale", type=float, default=1.0)
    ap.add_argument("--group-wait", default="1s")
    ap.add_argument("--graphs", action="store_true",
                    help="draw charts (graphs: true)")
    ap.add_argument("--sample-every", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=120)
    ap.add_argument("--min-lifetime", type=float, default=120)
    ap.add_argument("--rss-tolerance", type=float, default=0.25)
    ap.add_argument("--rss-slack-kib", type=int, default=4096)
    ap.add_argument("--fd-tolerance", type=int, default=20)
    ap.add_argument("--reload-bound", type=float, default=30)
    ap.add_argument("--final-bound", type=float, default=300)
    ap.add_argument("--settle", type=float, default=15)
    ap.add_argument("--json", help="also write the summary there")
    ap.add_argument("--flood-connections", type=int, default=600,
                    help="clients in the flood; 0: no flood")
    ap.add_argument("--flood-at", type=float, default=None,
                    help="minutes; default a quarter of --minutes")
    ap.add_argument("--flood-minutes", type=float, default=None,
                    help="default min(2, a fifth of --minutes)")
    ap.add_argument("--nofile", type=int, default=512,
                    help="planwatch's limit on open files; 0: this one's")
    a = ap.parse_args()
    a.binary = os.path.abspath(a.binary)
    if a.flood_at is None:
        a.flood_at = a.minutes / 4
    if a.flood_minutes is None:
        a.flood_minutes = min(2.0, a.minutes / 5)
    # The flood's clients need descriptors of their own.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if a.kill_every is None:
        a.kill_every = min(10.0, a.minutes / 2)
    if a.seed is None:
        a.seed = random.randrange(1 << 30)
    soak = Soak(a)
    ok = False

    def on_signal(sig, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_signal)
    try:
        soak.run()
        summary = soak.report()
        summary["seed"] = a.seed
        if a.json:
            with open(a.json, "w") as f:
                json.dump(summary, f, indent=1, ensure_ascii=False)
                f.write("\n")
        for row in summary["resources"]["lifetimes"]:
            row.pop("series", None)   # in --json only
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        ok = not soak.failures
        print("soak: %s (%d failure(s))" % ("PASS" if ok else "FAIL",
                                              len(soak.failures)))
    except KeyboardInterrupt:
        print("soak: interrupted")
    finally:
        soak.cleanup()
        if a.keep or not ok:
            print("soak: kept %s" % soak.dir)
        else:
            shutil.rmtree(soak.dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
