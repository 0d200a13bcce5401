#!/usr/bin/python3
"""A real SMTP server for planwatch's integration tests (aiosmtpd).

Listens on 127.0.0.1 on a free port, prints "PORT <n>" on stdout once it
accepts connections, and writes every message it receives to OUTDIR as
<n>.eml, with the envelope in <n>.env (MAIL FROM, then one RCPT per line).
Stops on SIGTERM or when its stdin closes, so it never outlives the test.
With SINK_REFUSE_FIRST=n in its environment, the first n messages get a
temporary failure (451) instead, as a busy server would answer.
Run it with /usr/bin/python3: Debian's python3-aiosmtpd belongs there.
"""
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.refuse = int(os.environ.get("SINK_REFUSE_FIRST", "0") or 0)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
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
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".env.tmp", base + ".env")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    outdir = sys.argv[1]
    port = free_port()
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
