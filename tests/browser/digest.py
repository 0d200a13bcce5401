#!/usr/bin/python3
"""Browser test of the alert digest as leadership receives it: the
shipped plan (etc/) is run once with transport smtp against the SMTP
sink (tests/integration/smtp_sink.py), the message is read with Python's
email package as a mail client would, and its HTML part, with every
cid: chart written next to it, is shown in Debian's headless Chromium
(chromedriver's WebDriver API, through dashboard.py's helpers).

The shipped example is then run as shipped, delivering into a Maildir:
its message must be the same MIME tree, with the same charts by
Content-ID, as the one SMTP delivered (one composer for every transport,
daemon/notify/mime_message.c).

Checks: multipart/mixed > multipart/related > (multipart/alternative >
text/plain, text/html; both UTF-8), then the charts as image/png parts
with Content-ID <chart.<indicator>@planwatch>; the Subject ("[planwatch]
… 项目标需关注 …"), Message-ID, Date, From (the configured sender) and To;
every cid: the HTML names has its PNG part and every PNG part is named;
each chart is drawn at 2x (its IHDR: twice the chart's logical size,
the narrow drawing's 400 x 320 for a plan chart,
160 x 40 for a sparkline, and at least twice the width= its <img> shows
it at), sharp on high-density screens and when a client zooms;
in the browser, every image loaded at a phone's width (412 px) and at a
desktop's, and nothing is wider than the phone's screen.  Screenshots
digest-phone.png and digest-desktop.png (the whole page) and the text
part, digest.txt, are left in SCREENSHOT_DIR to look at.

Usage: digest.py PLANWATCH ETC_DIR SCREENSHOT_DIR
Everything runs on 127.0.0.1 in a temporary directory, and is stopped
and removed at the end.  Exits 77 (skipped) only when Chromium cannot
start here, as dashboard.py decides.
"""
import base64
import email
import email.policy
import glob
import html.parser
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import dashboard  # noqa: E402  (definitions only; main() is guarded)

SINK = os.path.join(os.path.dirname(HERE), "integration", "smtp_sink.py")
PNG = b"\x89PNG\r\n\x1a\n"
PHONE = (412, 915)     # a common Android phone's CSS viewport
DESKTOP = (1280, 900)
MAX_SHOT_HEIGHT = 30000


def fail(why):
    raise SystemExit("digest: " + why)


def yaml_scalar(text):
    """The value of a plain or quoted one-line YAML scalar."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def configure(etc, work, port):
    """Copies etc/ into work/etc with SMTP delivery to the sink and the
    directories under work/var; returns (configuration, from, from_name).
    The rest (routes, locale, the plan) stays as shipped."""
    dst = os.path.join(work, "etc")
    shutil.copytree(etc, dst)
    conf = os.path.join(dst, "planwatch.yaml")
    with open(conf, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, sender, sender_name, i = [], None, None, 0
    dirs = {"data_dir": "data", "graph_dir": "graphs", "state_dir": "state"}
    seen = set()
    while i < len(lines):
        line = lines[i]
        key = line.split(":", 1)[0] if re.match(r"^\w+:", line) else None
        if key in dirs:
            out.append("%s: %s" % (key, json.dumps(
                os.path.join(work, "var", dirs[key]))))
            seen.add(key)
        elif key == "smtp":
            # The block: the indented lines that follow.
            block = []
            while i + 1 < len(lines) and re.match(r"^\s+\S", lines[i + 1]):
                i += 1
                block.append(lines[i])
            kept = [b for b in block
                    if re.match(r"^\s+(from|from_name):", b)]
            for b in kept:
                k, v = b.strip().split(":", 1)
                if k == "from":
                    sender = yaml_scalar(v)
                else:
                    sender_name = yaml_scalar(v)
            out += ["smtp:", "  transport: smtp",
                    "  url: smtp://127.0.0.1:%d" % port] + kept
        else:
            out.append(line)
        i += 1
    for key in dirs:
        if key not in seen:
            out.append("%s: %s" % (key, json.dumps(
                os.path.join(work, "var", dirs[key]))))
    if not sender:
        fail("no smtp.from in the shipped %s" % conf)
    with open(conf, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return conf, sender, sender_name


def start_sink(work):
    """The SMTP sink on 127.0.0.1, writing to work/mail; (process, port)."""
    mail = os.path.join(work, "mail")
    os.mkdir(mail)
    err = open(os.path.join(work, "sink.log"), "w")
    proc = subprocess.Popen(["/usr/bin/python3", SINK, mail],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=err)
    err.close()
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    line = proc.stdout.readline().decode() if ready else ""
    m = re.match(r"PORT (\d+)", line)
    if not m:
        with open(os.path.join(work, "sink.log")) as f:
            fail("the SMTP sink did not start: %r %s" % (line, f.read()))
    return proc, int(m.group(1)), mail


def stop(proc):
    if proc.poll() is None:
        if proc.stdin:
            try:
                proc.stdin.close()
            except OSError:
                pass
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs = []
        self.attrs = []  # each <img>'s attributes

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.srcs.append(dict(attrs).get("src") or "")
            self.attrs.append(dict(attrs))


# The e-mail's plan chart is the narrow drawing (graphs/chart.h,
# CHART_NARROW_WIDTH x CHART_NARROW_HEIGHT): a mail column is 600 px at
# most and a phone's 360; the dashboard's 800 px chart would shrink its
# words to 5 px there.
MAIL_CHART = (400, 320)


def chart_size(conf):
    """The logical size of a mail's plan chart: the narrow drawing's,
    whatever graph_width and graph_height the configuration sets."""
    del conf
    return MAIL_CHART


def png_size(data):
    """A PNG's pixel (width, height), from its IHDR chunk."""
    if data[:8] != PNG or data[12:16] != b"IHDR":
        return None
    return (int.from_bytes(data[16:20], "big"),
            int.from_bytes(data[20:24], "big"))


def check_2x(name, page, pngs, chart):
    """Each cid: image of the HTML is drawn at twice its logical size
    (chart: the plan chart's (width, height); a sparkline's is 160 x 40)
    and at least twice the width= it is shown at.  Returns a line per
    chart: cid, pixels, shown width."""
    imgs = Images()
    imgs.feed(page)
    seen = []
    for a in imgs.attrs:
        src = a.get("src") or ""
        if src[:4].lower() != "cid:":
            continue
        cid = urllib.parse.unquote(src[4:])
        logical = (chart if cid.startswith("chart.") else
                   (160, 40) if cid.startswith("spark.") else None)
        if logical is None:
            fail("%s: <%s>: neither a plan chart (chart.) nor a sparkline "
                 "(spark.): its logical size is unknown" % (name, cid))
        px = png_size(pngs[cid])
        if px != (2 * logical[0], 2 * logical[1]):
            fail("%s: <%s> is %s px, not 2x its %d x %d chart"
                 % (name, cid, px, logical[0], logical[1]))
        shown = a.get("width") or ""
        if not shown.isdigit() or px[0] < 2 * int(shown):
            fail("%s: <%s> (%d px wide) is shown at width=%r: not a 2x "
                 "image there" % (name, cid, px[0], shown))
        seen.append("%s %dx%d at width=%s" % (cid, px[0], px[1], shown))
    return seen


def check_message(path, sender, sender_name):
    """Checks one received message; (text, html, {cid: png}, subject)."""
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    name = os.path.basename(path)
    try:
        with open(path[:-len(".eml")] + ".mime") as f:
            tree = f.read()
    except OSError:
        tree = "(no .mime view)"

    def bad(why):
        fail("%s: %s; its structure:\n%s" % (name, why, tree))

    def kinds(part):
        return [p.get_content_type() for p in part.iter_parts()]

    for h in ("Message-ID", "Date", "From", "To"):
        if not str(msg[h] or "").strip():
            bad("no %s header" % h)
    if msg["Date"].datetime is None:
        bad("Date %r does not parse" % str(msg["Date"]))
    addrs = msg["From"].addresses
    if (len(addrs) != 1 or addrs[0].addr_spec != sender or
            (sender_name and addrs[0].display_name != sender_name)):
        bad("From is %r, not %s <%s>" % (str(msg["From"]), sender_name,
                                          sender))
    subject = str(msg["Subject"] or "")
    if not subject.startswith("[planwatch] ") or "项目标需关注" not in subject:
        bad("Subject %r: not \"[planwatch] …项目标需关注…\"" % subject)

    if msg.get_content_type() != "multipart/mixed":
        bad("not multipart/mixed")
    if kinds(msg) != ["multipart/related"]:
        bad("multipart/mixed holds %s, not one multipart/related"
            % kinds(msg))
    related = next(msg.iter_parts())
    inner = list(related.iter_parts())
    if (not inner or inner[0].get_content_type() != "multipart/alternative"
            or any(p.get_content_type() != "image/png" for p in inner[1:])):
        bad("multipart/related holds %s, not multipart/alternative then "
            "image/png parts" % kinds(related))
    alternative = inner[0]
    if kinds(alternative) != ["text/plain", "text/html"]:
        bad("multipart/alternative holds %s, not text/plain, text/html"
            % kinds(alternative))
    plain, rich = alternative.iter_parts()
    for p in (plain, rich):
        if p.get_content_charset() != "utf-8":
            bad("%s has charset %r, not utf-8"
                % (p.get_content_type(), p.get_content_charset()))
    text, page = plain.get_content(), rich.get_content()

    pngs = {}
    for p in inner[1:]:
        cid = str(p["Content-ID"] or "").strip()
        if not re.match(r"^<chart\.[^@<>\s]+@planwatch>$", cid):
            bad("an image/png part has Content-ID %r, not "
                "<chart.<indicator>@planwatch>" % cid)
        cid = cid[1:-1]
        if cid in pngs:
            bad("two image/png parts have Content-ID <%s>" % cid)
        data = p.get_payload(decode=True) or b""
        if not data.startswith(PNG):
            bad("the part <%s> is not a PNG (%d bytes)" % (cid, len(data)))
        pngs[cid] = data

    imgs = Images()
    imgs.feed(page)
    cids = [urllib.parse.unquote(s[4:]) for s in imgs.srcs
            if s[:4].lower() == "cid:"]
    if len(cids) < 2:
        bad("the HTML shows %d cid: images, not at least 2: %s"
            % (len(cids), imgs.srcs))
    missing = sorted(set(cids) - set(pngs))
    if missing:
        bad("the HTML names cid:s no part has: %s" % missing)
    unused = sorted(set(pngs) - set(cids))
    if unused:
        bad("image/png parts the HTML does not show (clients list them as "
            "attachments): %s" % unused)
    return text, page, pngs, subject


def write_page(page, pngs, where):
    """The HTML with each cid: URL replaced by a PNG file next to it;
    written with a BOM, as the part's charset (utf-8) says."""
    os.makedirs(where)
    names = {}
    for i, (cid, data) in enumerate(sorted(pngs.items())):
        names[cid] = "%02d-%s.png" % (i, re.sub(r"[^\w.-]", "_", cid))
        with open(os.path.join(where, names[cid]), "wb") as f:
            f.write(data)

    def local(m):
        cid = urllib.parse.unquote(m.group(3))
        return m.group(1) + m.group(2) + names.get(cid, m.group(3)) + \
            m.group(2)
    page = re.sub(r"""(\bsrc\s*=\s*)(["'])cid:([^"']*)\2""", local, page,
                  flags=re.I)
    path = os.path.join(where, "digest.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\ufeff" + page)
    return path


def size(s, width, height):
    dashboard.http("POST", s + "/window/rect",
                   {"width": width, "height": height})


def shoot(s, url, width, height, out, phone):
    """Loads url in a window width wide, checks the images (and, for a
    phone, the width), saves the whole page as out."""
    size(s, width, height)
    dashboard.http("POST", s + "/url", {"url": url})
    # Phones' scrollbars overlay the page; headless Chromium's would take
    # 15 px of its width (and show as a grey band in the screenshot).
    dashboard.script(s, "const st = document.createElement('style');"
                        "st.textContent = 'html{scrollbar-width:none}';"
                        "document.head.appendChild(st);")
    inner = dashboard.script(s, "return document.documentElement"
                                ".clientWidth;")
    if phone and inner > width:
        fail("Chromium's viewport is %d px wide, not %d: the phone's width "
             "cannot be tried" % (inner, width))
    imgs = dashboard.script(s, "return [...document.images].map(i => "
                               "[i.getAttribute('src'), i.complete ? "
                               "i.naturalWidth : 0]);")
    broken = [src for src, w in imgs if not w]
    if broken:
        fail("at %d px, images not loaded: %s" % (width, broken))
    if phone:
        over = dashboard.script(s, """
            // The viewport less any scrollbar: <= window.innerWidth.
            const d = document.documentElement, w = d.clientWidth;
            if (d.scrollWidth <= w + 1) return null;
            const wide = [...document.body.querySelectorAll('*')]
              .filter(e => e.getBoundingClientRect().right > w + 1 ||
                           e.scrollWidth > e.clientWidth + 1)
              .slice(0, 5).map(e => e.tagName + ' ' +
                Math.round(e.getBoundingClientRect().right) + 'px: ' +
                (e.textContent || e.getAttribute('src') || '')
                  .trim().slice(0, 60));
            return [d.scrollWidth, w, wide];""")
        if over:
            fail("at %d px the page scrolls sideways: %d px wide for a %d "
                 "px screen; too wide: %s" % (width, over[0], over[1],
                                              over[2]))
    # The whole page: the window as tall as the document.
    full = dashboard.script(s, "return [document.documentElement"
                               ".scrollHeight, window.outerHeight - "
                               "window.innerHeight];")
    size(s, width, min(MAX_SHOT_HEIGHT, max(height, full[0] + full[1])))
    shot = dashboard.http("GET", s + "/screenshot")["value"]
    with open(out, "wb") as f:
        f.write(base64.b64decode(shot))
    return len(imgs), inner


def structure(path):
    """The message's MIME tree as (content type, Content-ID) in walk
    order, and its subject."""
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    return ([(p.get_content_type(), str(p.get("Content-ID") or ""))
             for p in msg.walk()], str(msg["Subject"] or ""))


def maildir_message(binary, etc, work):
    """Runs `planwatch once` on the shipped example as shipped (Maildir
    delivery) in work/maildir; the path of its one message."""
    root = os.path.join(work, "maildir")
    shutil.copytree(etc, os.path.join(root, "etc"))
    log = os.path.join(root, "planwatch.log")
    with open(log, "w") as f:
        rc = subprocess.run([binary, "-c", os.path.join(root, "etc",
                                                        "planwatch.yaml"),
                             "once"], stdout=f, stderr=subprocess.STDOUT,
                            timeout=300).returncode
    got = glob.glob(os.path.join(root, "var", "mail", "new", "*"))
    if rc not in (0, 1) or len(got) != 1:
        with open(log, encoding="utf-8", errors="replace") as f:
            fail("Maildir delivery: exit %s, %d message(s); its log:\n%s"
                 % (rc, len(got), f.read()))
    return got[0]


def same_message(smtp_path, maildir_path):
    """SMTP and Maildir deliver one message: the same MIME tree, the same
    charts by Content-ID, the same subject."""
    a, b = structure(smtp_path), structure(maildir_path)
    if a != b:
        fail("SMTP and Maildir messages differ:\n  smtp:    %r\n  maildir: %r"
             % (a, b))
    if not any(t == "image/png" for t, _ in a[0]):
        fail("the Maildir message carries no chart: %r" % (a[0],))
    return len(a[0])


def main():
    binary, etc, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
    work = tempfile.mkdtemp(prefix="planwatch-digest.")
    procs = []
    try:
        sink, port, mail = start_sink(work)
        procs.append(sink)
        conf, sender, sender_name = configure(etc, work, port)
        log = os.path.join(work, "planwatch.log")
        with open(log, "w") as f:
            try:
                rc = subprocess.run([binary, "-c", conf, "once"], stdout=f,
                                    stderr=subprocess.STDOUT,
                                    timeout=300).returncode
            except subprocess.TimeoutExpired:
                rc = "killed after 300 s"

        def log_text():
            with open(log, encoding="utf-8", errors="replace") as f:
                return f.read()
        if rc not in (0, 1):
            fail("planwatch once: exit status %s; its log:\n%s"
                 % (rc, log_text()))
        # Each view is written before the .eml, and all before the
        # server's 250: a delivered message is complete here.
        emls = sorted(glob.glob(os.path.join(mail, "*.eml")),
                      key=lambda p: int(os.path.basename(p)[:-4]))
        if not emls:
            fail("no message reached the SMTP sink (planwatch exited %s); "
                 "its log:\n%s" % (rc, log_text()))
        try:
            checked = [check_message(p, sender, sender_name) for p in emls]
        except SystemExit as e:
            fail("%s\nplanwatch's log:\n%s" % (str(e)[len("digest: "):],
                                                log_text()))
        chart = chart_size(conf)
        drawn = [check_2x(os.path.basename(p), c[1], c[2], chart)
                 for p, c in zip(emls, checked)]
        box = maildir_message(binary, etc, work)
        check_message(box, sender, sender_name)
        parts = same_message(emls[0], box)
        text, page, pngs, subject = checked[0]
        os.makedirs(outdir, exist_ok=True)
        with open(os.path.join(outdir, "digest.txt"), "w",
                  encoding="utf-8") as f:
            f.write(text)
        url = "file://" + urllib.parse.quote(
            write_page(page, pngs, os.path.join(work, "page")))

        dport = dashboard.free_port()
        driver = subprocess.Popen(["/usr/bin/chromedriver",
                                   "--port=%d" % dport],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        procs.append(driver)
        wd = "http://127.0.0.1:%d" % dport
        dashboard.wait_for("chromedriver", lambda: dashboard._ready(wd), 30)
        s = wd + "/session/" + dashboard.new_session(wd)
        try:
            n, phone = shoot(s, url, PHONE[0], PHONE[1],
                             os.path.join(outdir, "digest-phone.png"), True)
            _, desk = shoot(s, url, DESKTOP[0], DESKTOP[1],
                            os.path.join(outdir, "digest-desktop.png"),
                            False)
        finally:
            dashboard.http("DELETE", s)
        print("digest: SMTP and Maildir deliver the same message (%d "
              "MIME parts)" % parts)
        print("digest: %d message(s); %r shows %d images of %d charts "
              "inline, all loaded at %d px (no sideways scrolling) and at "
              "%d px; drawn at 2x: %s; screenshots and digest.txt in %s"
              % (len(emls), subject, n, len(pngs), phone, desk,
                 "; ".join(drawn[0]), outdir))
    finally:
        for p in reversed(procs):
            stop(p)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
