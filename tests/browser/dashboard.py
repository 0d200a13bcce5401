#!/usr/bin/python3
"""Browser test of the dashboard: Debian's headless Chromium, driven
through chromedriver's WebDriver HTTP API (standard library only), loads
the pages a running `planwatch run` serves for the shipped plan.

Checks: every indicator of the configuration is linked from the
dashboard, every indicator page's chart image loaded (naturalWidth > 0),
and the dashboard is saved as a screenshot (a test artefact to look at).

Usage: dashboard.py PLANWATCH ETC_DIR SCREENSHOT_DIR
Everything runs on 127.0.0.1 and is stopped at the end.
"""
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))

# --disable-dev-shm-usage: containers and chroots often have no /dev/shm.
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--no-zygote",
               "--disable-quic", "--no-first-run",
               "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               "--window-size=1200,1600"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def http(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise SystemExit("browser: %s %s: %s %s" % (
            method, url, e.code, e.read()[:2000].decode(errors="replace")))


def wait_for(what, fn, seconds):
    end = time.time() + seconds
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    raise SystemExit("browser: timed out waiting for " + what)


def start_planwatch(binary, etc, work):
    shutil.copytree(etc, os.path.join(work, "etc"))
    # One test indicator with a target still ahead, for the projection.
    shutil.copy(os.path.join(HERE, "vision.yaml"),
                os.path.join(work, "etc", "conf.d", "99-test-vision.yaml"))
    shutil.copy(os.path.join(HERE, "vision.json"),
                os.path.join(work, "etc", "feeds", "test-vision.json"))
    conf = os.path.join(work, "etc", "planwatch.yaml")
    with open(conf, "a") as f:
        f.write('\nlisten: "127.0.0.1:0"\ngroup_wait: 1s\n')
    log = open(os.path.join(work, "planwatch.log"), "w")
    proc = subprocess.Popen([binary, "-c", conf, "run"], stderr=log)

    def port():
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)",
                      open(log.name).read())
        return int(m.group(1)) if m else None
    return proc, wait_for("planwatch's port", port, 30), conf


def indicator_ids(base):
    doc = http("GET", base + "/api/v1/indicators")
    return [i["id"] for i in doc["indicators"]], doc


def main():
    binary, etc, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
    work = tempfile.mkdtemp(prefix="planwatch-browser.")
    procs = []
    try:
        pw, port, _ = start_planwatch(binary, etc, work)
        procs.append(pw)
        base = "http://127.0.0.1:%d" % port
        ids, _ = indicator_ids(base)
        # Every indicator stored and drawn before the browser looks.
        wait_for("every indicator's data", lambda: all(
            i["observations"] > 0 for i in indicator_ids(base)[1]
            ["indicators"]), 240)
        # The sparkline is the last of an indicator's views drawn.
        wait_for("every chart", lambda: all(os.path.exists(os.path.join(
            work, "var", "graphs", i + ".spark.png")) for i in ids), 240)

        dport = free_port()
        driver = subprocess.Popen(["/usr/bin/chromedriver",
                                   "--port=%d" % dport],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        procs.append(driver)
        wd = "http://127.0.0.1:%d" % dport
        wait_for("chromedriver", lambda: _ready(wd), 30)
        sess = new_session(wd)
        s = wd + "/session/" + sess
        try:
            check_pages(s, base, ids, outdir)
        finally:
            http("DELETE", s)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


SKIP = 77  # ctest's SKIP_RETURN_CODE for this test


def new_session(wd):
    """A Chromium session; a machine where Chromium cannot start at all
    (some chroots lack what its renderer needs) skips the test, loudly,
    rather than failing it or passing it."""
    try:
        return http("POST", wd + "/session", {"capabilities": {
            "alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": CHROME_ARGS}}}})["value"]["sessionId"]
    except SystemExit as e:
        if "session not created" in str(e):
            print("browser: SKIPPED: Chromium cannot start here: %s"
                  % str(e)[:300])
            raise SystemExit(SKIP)
        raise


def _ready(wd):
    try:
        return http("GET", wd + "/status", timeout=2)["value"]["ready"]
    except OSError:
        return False


def script(s, code):
    return http("POST", s + "/execute/sync",
                {"script": code, "args": []})["value"]


def check_pages(s, base, ids, outdir):
    http("POST", s + "/url", {"url": base + "/"})
    links = script(s, "return [...document.querySelectorAll('a')]"
                      ".map(a => a.getAttribute('href'));")
    missing = [i for i in ids if "/indicator/" + i not in links]
    if missing:
        raise SystemExit("browser: not on the dashboard: %s" % missing)
    sparks = script(s, "return [...document.images].map(i => "
                       "[i.getAttribute('src'), i.complete ? i.naturalWidth"
                       " : 0]);")
    broken = [src for src, w in sparks if not w]
    if len(sparks) < len(ids) or broken:
        raise SystemExit("browser: %d sparklines for %d indicators, not "
                         "loaded: %s" % (len(sparks), len(ids), broken))
    shot = http("GET", s + "/screenshot")["value"]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "dashboard.png"), "wb") as f:
        f.write(base64.b64decode(shot))
    for i in ids:
        http("POST", s + "/url", {"url": base + "/indicator/" + i})
        widths = script(s, "return [...document.images].map(i => "
                           "i.complete ? i.naturalWidth : 0);")
        if len(widths) != 2 or not all(widths):
            raise SystemExit("browser: the plan and history charts of %s "
                             "did not load: %s" % (i, widths))
    # The page kept as the artefact: the first indicator with a reach
    # target, whose charts have a planned path, a target and a deadline.
    doc = indicator_ids(base)[1]
    reach = [i["id"] for i in doc["indicators"]
             if any(t["kind"] == "reach" for t in i["targets"])]
    http("POST", s + "/url", {"url": base + "/indicator/" +
                              (reach[0] if reach else ids[0])})
    shot = http("GET", s + "/screenshot")["value"]
    with open(os.path.join(outdir, "indicator.png"), "wb") as f:
        f.write(base64.b64decode(shot))
    # The test indicator's deadline is ahead: its chart has a projection.
    http("POST", s + "/url", {"url": base + "/indicator/test_vision"})
    shot = http("GET", s + "/screenshot")["value"]
    with open(os.path.join(outdir, "indicator-projection.png"), "wb") as f:
        f.write(base64.b64decode(shot))
    print("browser: %d indicators linked, %d sparklines and %d charts "
          "loaded; screenshots in %s"
          % (len(ids), len(sparks), 2 * len(ids), outdir))


if __name__ == "__main__":
    main()
