#!/usr/bin/env python3
"""Loads a page in headless Chromium and checks that it renders cleanly.

Fails (exit 1) on any console error or warning, uncaught exception or failed
resource load, and on any required element that is missing or has no size; writes
a full-page screenshot either way. Chromium is driven over its DevTools pipe
(--remote-debugging-pipe), so nothing but the Python standard library is needed.
Exit 77 (CTest's "skipped") when Chromium is not installed.

  render_check.py PAGE.html SCREENSHOT.png '#output' '.attention-map' ...

Selectors are CSS: '#id' for an element id, '.class' for every element of a class
(at least one must exist, and each must be drawn with a non-zero size).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT_SECONDS = 60
# Flags for a machine without network: without them Chromium keeps trying to reach
# update, sync and field-trial services.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-pipe", "--hide-scrollbars", "--force-device-scale-factor=1",
]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One Chromium process and its DevTools pipe: fd 3 carries commands to it, fd 4
    its answers and events, each a JSON object ended by a NUL byte."""

    def __init__(self, executable, profile):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # The child sees the pipe ends as fds 3 and 4, as --remote-debugging-pipe expects.
        # Copies first: a pipe end may itself be fd 3 or 4, and dup2 onto itself would
        # leave it close-on-exec. close_fds would close 3 and 4 after this runs.
        def child_fds():
            commands, answers = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(commands, 3)
            os.dup2(answers, 4)
        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, "--user-data-dir=" + profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=child_fds)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT_SECONDS

    def _read_message(self):
        while b"\0" not in self.buffer:
            if time.monotonic() > self.deadline:
                raise TimeoutError("no answer from Chromium within %d s" % TIMEOUT_SECONDS)
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        """Sends one command and returns its result; events met meanwhile are kept."""
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.to_browser, json.dumps(command).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method):
        for event in self.events:
            if event.get("method") == method:
                return
        while True:
            message = self._read_message()
            self.events.append(message)
            if message.get("method") == method:
                return

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def problems_in(events):
    """Console errors and warnings, uncaught exceptions and failed loads."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning",
                                                                           "assert"):
            text = " ".join(str(arg.get("value", arg.get("description", "")))
                            for arg in params.get("args", []))
            found.append("console.%s: %s" % (params["type"], text))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            description = details.get("exception", {}).get("description", details.get("text"))
            found.append("uncaught exception: %s" % description)
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") in ("error", "warning"):
                found.append("%s %s: %s %s" % (entry.get("source"), entry["level"],
                                               entry.get("text"), entry.get("url", "")))
    return found


# Counts the elements a selector matches and those drawn with no size.
MEASURE = """(() => {
  const all = Array.from(document.querySelectorAll(%s));
  const empty = all.filter(e => { const r = e.getBoundingClientRect();
                                  return r.width <= 0 || r.height <= 0; });
  return JSON.stringify({count: all.length, empty: empty.length});
})()"""


def main(argv):
    if len(argv) < 3:
        print("usage: render_check.py PAGE.html SCREENSHOT.png [SELECTOR ...]", file=sys.stderr)
        return 2
    page, screenshot, selectors = os.path.abspath(argv[1]), argv[2], argv[3:]
    executable = find_chromium()
    if not executable:
        print("chromium is not installed (apt-get install chromium): render check skipped")
        return 77
    if not os.path.isfile(page):
        print("no such page: %s" % page)
        return 1
    started = time.monotonic()
    profile = tempfile.mkdtemp(prefix="render-check-")
    browser = Browser(executable, profile)
    failures = []
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            browser.send(domain + ".enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        browser.send("Page.navigate", {"url": "file://" + page}, session=session)
        browser.wait_for("Page.loadEventFired")
        # A round trip after the load lets late console messages arrive first.
        browser.send("Runtime.evaluate", {"expression": "document.readyState"}, session=session)
        for selector in selectors:
            result = browser.send("Runtime.evaluate",
                                  {"expression": MEASURE % json.dumps(selector),
                                   "returnByValue": True}, session=session)
            measured = json.loads(result["result"]["value"])
            if measured["count"] == 0:
                failures.append("missing element: %s" % selector)
            elif measured["empty"]:
                failures.append("%s: %d of %d elements drawn with no size"
                                % (selector, measured["empty"], measured["count"]))
        metrics = browser.send("Page.getLayoutMetrics", session=session)
        height = int(metrics["cssContentSize"]["height"])
        shot = browser.send("Page.captureScreenshot",
                            {"format": "png", "captureBeyondViewport": True,
                             "clip": {"x": 0, "y": 0, "width": 1280, "height": max(height, 1),
                                      "scale": 1}}, session=session)
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        with open(screenshot, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        failures = problems_in(browser.events) + failures
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    elapsed = time.monotonic() - started
    for failure in failures:
        print("render check: %s: %s" % (argv[1], failure))
    print("render check: %s: %d selectors, screenshot %s (%d px tall), %.2f s: %s"
          % (os.path.basename(page), len(selectors), screenshot, height, elapsed,
             "FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
