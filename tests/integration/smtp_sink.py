#!/usr/bin/python3
"""A real SMTP server for planwatch's integration tests (aiosmtpd).

Listens on 127.0.0.1 on a free port, prints "PORT <n>" on stdout once it
accepts connections, and writes every message it receives to OUTDIR as
<n>.eml, with the envelope in <n>.env (MAIL FROM, then one RCPT per line).
Each message is also parsed with Python's email package, as a mail client
would read it, into <n>.txt (the text/plain part, decoded), <n>.html (the
text/html part, decoded, when there is one), <n>.subject (the decoded
Subject) and <n>.mime (its structure, one part per line, indented by
depth: content type, charset, transfer encoding, Content-ID, and for
images the byte count and whether they are PNG), so that tests check what
a reader sees, not how it was encoded.
Stops on SIGTERM or when its stdin closes, so it never outlives the test.
With SINK_REFUSE_FIRST=n in its environment, the first n messages get a
temporary failure (451) instead, as a busy server would answer.  With
SINK_AUTH=user:password, AUTH (PLAIN or LOGIN, allowed without TLS on
loopback) is required and only that pair is accepted.  With
SINK_DROP_AFTER_DATA=1, every message is read to its end and the
connection is then dropped without a reply (a server that dies at the
worst moment); each such attempt appends its time to OUTDIR/attempts.
With SINK_KILL_PIDFILE=path and SINK_KILL_AT=when, the first message
kills (SIGKILL) the process whose id is in path: when "before-store", as
the message arrives, before it is stored; when "accept", once it is
stored, before the reply (the worst case for a client: the server has the
message, the client never hears so); when "after-reply:MS", MS
milliseconds after the reply.  With SINK_HOLD_REPLY=S, the reply to the
end of every message is held S seconds (a server slow to commit).  Every
reply appends "<n> <time>" to
OUTDIR/replies, the time taken just before the 250 goes out.
Run it with /usr/bin/python3: Debian's python3-aiosmtpd belongs there.
"""
import asyncio
import email
import email.policy
import os
import signal
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def describe(part, depth, out):
    """Appends the structure of part to out, one line per part."""
    line = "  " * depth + part.get_content_type()
    if part.get_content_charset():
        line += " charset=" + part.get_content_charset()
    if part["Content-Transfer-Encoding"]:
        line += " cte=" + part["Content-Transfer-Encoding"].lower()
    if part["Content-ID"]:
        line += " cid=" + part["Content-ID"]
    if part.get_content_disposition():
        line += " disposition=" + part.get_content_disposition()
    if part.get_content_maintype() == "image":
        data = part.get_payload(decode=True) or b""
        line += " bytes=%d png=%s" % (
            len(data), data.startswith(b"\x89PNG\r\n\x1a\n"))
    out.append(line)
    if part.is_multipart():
        for sub in part.iter_parts():
            describe(sub, depth + 1, out)


def write_views(base, raw):
    """The message as a mail client reads it (see the module's text)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    views = {".subject": str(msg["Subject"] or ""), ".mime": ""}
    lines = []
    describe(msg, 0, lines)
    views[".mime"] = "\n".join(lines) + "\n"
    # A text part's lines end in CRLF on the wire (RFC 2046); a mail
    # client shows them as lines: the views end them in LF.
    for part in msg.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and ".txt" not in views:
            views[".txt"] = part.get_content().replace("\r\n", "\n")
        elif kind == "text/html" and ".html" not in views:
            views[".html"] = part.get_content().replace("\r\n", "\n")
    for ext, text in views.items():
        with open(base + ext + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.rename(base + ext + ".tmp", base + ext)


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.refuse = int(os.environ.get("SINK_REFUSE_FIRST", "0") or 0)
        self.drop = os.environ.get("SINK_DROP_AFTER_DATA", "") == "1"
        self.kill_pidfile = os.environ.get("SINK_KILL_PIDFILE", "")
        self.kill_at = os.environ.get("SINK_KILL_AT", "")
        self.lock = threading.Lock()
        self.hold = float(os.environ.get("SINK_HOLD_REPLY", "0") or 0)

    def kill_client(self, when):
        """SIGKILLs the client once, if the configured moment is when."""
        if not self.kill_pidfile or not self.kill_at.startswith(when):
            return False
        with open(self.kill_pidfile) as f:
            pid = int(f.read().split()[0])
        self.kill_pidfile = ""
        os.kill(pid, signal.SIGKILL)
        return True

    async def handle_DATA(self, server, session, envelope):
        if self.drop:
            with open(os.path.join(self.outdir, "attempts"), "a") as f:
                f.write("%.3f\n" % time.time())
            server.transport.abort()
            return "421 4.3.0 (never sent: the connection is gone)"
        if self.kill_client("before-store"):
            return "451 4.3.0 (never heard: the client is gone)"
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 4.3.0 Busy, try again later"
            self.count += 1
            n = self.count
        base = os.path.join(self.outdir, "%d" % n)
        with open(base + ".env.tmp", "w") as f:
            f.write(envelope.mail_from + "\n")
            for r in envelope.rcpt_tos:
                f.write(r + "\n")
        raw = envelope.original_content or envelope.content
        with open(base + ".eml.tmp", "wb") as f:
            f.write(raw)
        write_views(base, raw)
        os.rename(base + ".env.tmp", base + ".env")
        os.rename(base + ".eml.tmp", base + ".eml")
        self.kill_client("accept")
        if self.kill_pidfile and self.kill_at.startswith("after-reply:"):
            ms = int(self.kill_at.split(":")[1])
            threading.Timer(ms / 1000.0, self.kill_client,
                            args=("after-reply",)).start()
        if self.hold > 0:
            await asyncio.sleep(self.hold)
        with open(os.path.join(self.outdir, "replies"), "a") as f:
            f.write("%d %.6f\n" % (n, time.time()))
        return "250 OK"


class Authenticator:
    """Accepts the one user:password pair it was given."""

    def __init__(self, pair):
        self.user, _, self.password = pair.partition(":")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == self.user
              and auth_data.password.decode() == self.password)
        # handled=False: aiosmtpd answers 535 itself (True would leave
        # the client waiting for a reply that never comes).
        return AuthResult(success=ok, handled=False)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    outdir = sys.argv[1]
    port = free_port()
    auth = os.environ.get("SINK_AUTH", "")
    if auth:
        ctl = Controller(Sink(outdir), hostname="127.0.0.1", port=port,
                         authenticator=Authenticator(auth),
                         auth_required=True, auth_require_tls=False)
    else:
        ctl = Controller(Sink(outdir), hostname="127.0.0.1", port=port)
    ctl.start()
    print("PORT %d" % port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()),
                     daemon=True).start()
    done.wait()
    # Stop, but never outlive the test: a session left open by a client
    # must not keep the server (and the test's teardown) waiting.
    threading.Timer(2.0, lambda: os._exit(0)).start()
    ctl.stop()
    os._exit(0)


if __name__ == "__main__":
    main()
