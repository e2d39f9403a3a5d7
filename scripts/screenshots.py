#!/usr/bin/env python3
"""Drives the real gdesk in tmux and renders what it shows to PNG files. Run through scripts/screenshots.

The exchange is gdesk's own simulated one (`gdesk exchange --scenario`), with extra latency on two keys so a panic
can be caught in flight. The screen is tmux's: `capture-pane -e -p -N` gives it with its SGR escapes, pyte replays
them into a grid of cells, and Pillow draws each cell with DejaVu Sans Mono (bold, reverse, underline; 16, 256 and
24-bit colours). Everything lives in a temporary directory (config, history, state), so every run starts the same.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import pyte
import pyte.graphics
from PIL import Image, ImageDraw, ImageFont

COLUMNS, ROWS = 120, 32
SMALL = (50, 12)

# ----------------------------------------------------------------------------------------------------------------
# Rendering


class Screen(pyte.Screen):
    """pyte's screen with every colour kept as RGB: SGR 90-97 and 100-107 are bright colours (pyte turns them into
    bold), 38/48 take 256-colour and 24-bit forms."""

    XTERM = pyte.graphics.FG_BG_256  # "rrggbb" for each of the 256 xterm colours

    def select_graphic_rendition(self, *attrs, **_):
        attrs = list(attrs) or [0]
        new = {}
        i = 0
        while i < len(attrs):
            a = attrs[i]
            i += 1
            if a == 0:
                new.update(fg="default", bg="default", bold=False, italics=False, underscore=False,
                           strikethrough=False, reverse=False)
            elif a in (1, 3, 4, 7, 9):
                new[{1: "bold", 3: "italics", 4: "underscore", 7: "reverse", 9: "strikethrough"}[a]] = True
            elif a in (22, 23, 24, 27, 29):
                new[{22: "bold", 23: "italics", 24: "underscore", 27: "reverse", 29: "strikethrough"}[a]] = False
            elif 30 <= a <= 37:
                new["fg"] = self.XTERM[a - 30]
            elif 40 <= a <= 47:
                new["bg"] = self.XTERM[a - 40]
            elif 90 <= a <= 97:
                new["fg"] = self.XTERM[a - 90 + 8]
            elif 100 <= a <= 107:
                new["bg"] = self.XTERM[a - 100 + 8]
            elif a == 39:
                new["fg"] = "default"
            elif a == 49:
                new["bg"] = "default"
            elif a in (38, 48) and i < len(attrs):
                key = "fg" if a == 38 else "bg"
                if attrs[i] == 5 and i + 1 < len(attrs):
                    new[key] = self.XTERM[attrs[i + 1] % 256]
                    i += 2
                elif attrs[i] == 2 and i + 3 < len(attrs):
                    new[key] = "%02x%02x%02x" % tuple(min(255, v) for v in attrs[i + 1:i + 4])
                    i += 4
        self.cursor.attrs = self.cursor.attrs._replace(**new)


# Box-drawing characters drawn as lines through the cell's centre, so borders join without seams:
# (up, down, left, right).
BOX = {
    "─": (0, 0, 1, 1), "│": (1, 1, 0, 0), "┌": (0, 1, 0, 1), "┐": (0, 1, 1, 0), "└": (1, 0, 0, 1),
    "┘": (1, 0, 1, 0), "├": (1, 1, 0, 1), "┤": (1, 1, 1, 0), "┬": (0, 1, 1, 1), "┴": (1, 0, 1, 1),
    "┼": (1, 1, 1, 1), "╭": (0, 1, 0, 1), "╮": (0, 1, 1, 0), "╰": (1, 0, 0, 1), "╯": (1, 0, 1, 0),
}

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
             "/usr/local/share/fonts", os.path.expanduser("~/.local/share/fonts"), "/Library/Fonts",
             os.path.expanduser("~/Library/Fonts")]


def font_file(name):
    for directory in FONT_DIRS:
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    if shutil.which("fc-match"):
        path = subprocess.run(["fc-match", "-f", "%{file}", name.rsplit(".", 1)[0]], capture_output=True,
                              text=True).stdout.strip()
        if path.endswith(name):
            return path
    sys.exit(f"screenshots: font {name} not found (Debian: apt-get install fonts-dejavu-core)")


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


class Renderer:
    """A screen captured with escapes, drawn cell by cell."""

    def __init__(self, size=16, padding=14):
        self.regular = ImageFont.truetype(font_file("DejaVuSansMono.ttf"), size)
        self.bold = ImageFont.truetype(font_file("DejaVuSansMono-Bold.ttf"), size)
        self.ascent, descent = self.regular.getmetrics()
        self.cell_width = round(self.regular.getlength("M"))
        self.cell_height = self.ascent + descent
        self.padding = padding

    def render(self, captured, columns, rows, path, foreground, background):
        screen = Screen(columns, rows)
        lines = captured.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        pyte.Stream(screen).feed("\r\n".join(lines[:rows]))

        w, h, pad = self.cell_width, self.cell_height, self.padding
        image = Image.new("RGB", (columns * w + 2 * pad, rows * h + 2 * pad), rgb(background))
        draw = ImageDraw.Draw(image)

        def colours(cell):
            fg = foreground if cell.fg == "default" else cell.fg
            bg = background if cell.bg == "default" else cell.bg
            return (bg, fg) if cell.reverse else (fg, bg)

        # Backgrounds first, then text: a glyph that reaches into the next cell is not painted over.
        for y in range(rows):
            for x in range(columns):
                fg, bg = colours(screen.buffer[y][x])
                if bg != background:
                    x0, y0 = pad + x * w, pad + y * h
                    draw.rectangle([x0, y0, x0 + w - 1, y0 + h - 1], fill=rgb(bg))
        for y in range(rows):
            for x in range(columns):
                cell = screen.buffer[y][x]
                fg, _ = colours(cell)
                x0, y0 = pad + x * w, pad + y * h
                if cell.data in BOX:
                    up, down, left, right = BOX[cell.data]
                    cx, cy = x0 + w // 2, y0 + h // 2
                    if left:
                        draw.line([(x0, cy), (cx, cy)], fill=rgb(fg))
                    if right:
                        draw.line([(cx, cy), (x0 + w - 1, cy)], fill=rgb(fg))
                    if up:
                        draw.line([(cx, y0), (cx, cy)], fill=rgb(fg))
                    if down:
                        draw.line([(cx, cy), (cx, y0 + h - 1)], fill=rgb(fg))
                elif cell.data.strip():
                    draw.text((x0, y0), cell.data, font=self.bold if cell.bold else self.regular, fill=rgb(fg))
                if cell.underscore:
                    draw.line([(x0, y0 + self.ascent + 1), (x0 + w - 1, y0 + self.ascent + 1)], fill=rgb(fg))
        image.save(path, optimize=True)


# Page colours behind the terminal's "default": a dark terminal, and a light one for the light theme.
DARK = ("d0d0d0", "1c1c1c")
LIGHT = ("1c1c1c", "fafafa")

# ----------------------------------------------------------------------------------------------------------------
# tmux


def terminal_type():
    """A 256-colour TERM without back-colour erase: curses then writes coloured blanks as cells instead of erasing
    with a colour, and capture-pane, which stops at the last cell written on a line, misses nothing."""
    for name in ("tmux-256color", "screen-256color"):
        if subprocess.run(["infocmp", name], capture_output=True).returncode == 0:
            return name
    return "screen-256color"


SGR = re.compile(r"\x1b\[[0-9;:]*m")


class Tmux:
    """A tmux server of its own running one command in one detached pane."""

    def __init__(self, name, command, environment, directory, columns, rows):
        self.socket = f"gdesk-shots-{os.getpid()}-{name}"
        self.socket_path = ""
        line = "exec env -i " + " ".join(shlex.quote(f"{k}={v}") for k, v in sorted(environment.items())) + " " \
            + " ".join(shlex.quote(part) for part in command)
        self.run("set-option", "-g", "default-terminal", environment["TERM"], ";", "set-option", "-g", "status", "off",
                 ";", "new-session", "-d", "-s", "desk", "-x", columns, "-y", rows, "-c", directory, line)
        self.socket_path = self.run("display-message", "-p", "-t", "desk", "#{socket_path}").strip()

    def run(self, *arguments):
        result = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *map(str, arguments)],
                                capture_output=True, encoding="utf-8", errors="replace")
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(map(str, arguments))}: {result.stderr.strip()}")
        return result.stdout

    def send(self, *keys):
        """Each key in its own send-keys: curses reads Escape followed at once by a key as Alt+key."""
        for key in keys:
            self.run("send-keys", "-t", "desk", key)

    def type(self, text):
        self.run("send-keys", "-t", "desk", "-l", text)

    def resize(self, columns, rows):
        self.run("resize-window", "-t", "desk", "-x", columns, "-y", rows)

    def capture(self):
        """The screen with its escapes, and as plain text."""
        captured = self.run("capture-pane", "-e", "-p", "-N", "-t", "desk")
        return captured, SGR.sub("", captured)

    def wait(self, what, predicate=None, timeout=20):
        """Polls every 20 ms until `predicate` holds (by default: `what` is on screen) and the screen has stopped
        changing (two captures alike, so no half-painted frame), and returns the escaped capture."""
        predicate = predicate or (lambda text: what in text)
        deadline = time.monotonic() + timeout
        previous = None
        while True:
            captured, text = self.capture()
            if predicate(text) and captured == previous:
                return captured
            previous = captured if predicate(text) else None
            if time.monotonic() > deadline:
                sys.exit(f"screenshots: timed out waiting for {what}; the screen was:\n{text}")
            time.sleep(0.02)

    def close(self):
        try:
            self.run("kill-server")
        except RuntimeError:
            pass
        if self.socket_path and os.path.exists(self.socket_path):
            os.unlink(self.socket_path)


def line_with(text, screen):
    return next((line for line in screen.split("\n") if text in line), "")


# ----------------------------------------------------------------------------------------------------------------
# The desk the screenshots show


SESSIONS = [
    # name, API key, environment, extra config lines
    ("mm-bot-1", "account-mmb1Qh7Lx2Ka", "production", []),
    ("mm-bot-2", "account-mmb2Vt9Rw3Hk", "production", ["require_heartbeat = true"]),
    ("arb-master", "master-arbZc4Nq8Lp4", "production", ['accounts = ["primary", "desk-2", "desk-3"]']),
    ("hedger", "account-hdgPe6Ys5Vn1", "sandbox", ["allow_cancel_all = true"]),
    ("auditor", "account-audBm3Jf2Rt6", "sandbox", []),
]


def scenario():
    secrets = {key: f"shot-secret-{name}-{index:02d}x7Q" for index, (name, key, _, _) in enumerate(SESSIONS)}
    key = {name: api for name, api, _, _ in SESSIONS}
    orders, next_id = [], [73_340_000_000]

    def add(api_key, account, count, symbol, filled=0, cancelled=0):
        for index in range(count):
            next_id[0] += 1_117
            behaviour = "rejectFilled" if index < filled else "rejectAlreadyCancelled" if index < filled + cancelled \
                else "cancel"
            orders.append({"id": next_id[0], "apiKey": api_key, "account": account, "symbol": symbol,
                           "side": "buy" if index % 2 == 0 else "sell", "price": "%.2f" % (100 + index * 0.25),
                           "amount": "0.5", "onCancel": behaviour})

    add(key["mm-bot-1"], "primary", 12, "btcusd", filled=2)
    add(key["mm-bot-2"], "primary", 6, "ethusd")
    add(key["arb-master"], "primary", 4, "btcusd")
    add(key["arb-master"], "desk-2", 5, "solusd", cancelled=1)
    add(key["arb-master"], "desk-3", 3, "ethbtc", filled=1)
    add(key["hedger"], "primary", 3, "btcusd", cancelled=1)
    orders.append({"id": 9_007_199_254_740_993, "apiKey": key["mm-bot-1"], "symbol": "btcusd", "price": "99.50",
                   "amount": "0.25"})
    keys = []
    for name, api_key, _, _ in SESSIONS:
        entry = {"apiKey": api_key, "secret": secrets[api_key]}
        if name == "arb-master":
            entry["accounts"] = [{"name": n} for n in ("primary", "desk-2", "desk-3")]
        if name == "mm-bot-2":
            entry["requireHeartbeat"] = True
        if name == "auditor":
            entry["roles"] = {"isTrader": False, "isAuditor": True}
        keys.append(entry)
    plan = {
        "keys": keys, "orders": orders, "latencyMilliseconds": 40,
        "rateLimit": {"requestsPerSecond": 100, "burst": 50},
        # Slow answers on two keys, so the panic is still in flight when it is photographed.
        "faults": {key["arb-master"]: {"fault": {"latency": 2500}}, key["mm-bot-2"]: {"fault": {"latency": 1500}}},
        "heartbeatTimeoutSeconds": 3600,
    }
    return plan, secrets


def write_config(path, url):
    text = "request_timeout_ms = 6000\ncancel_deadline_ms = 12000\n"
    for name, api_key, environment, extra in SESSIONS:
        text += f'\n[[session]]\nname = "{name}"\napi_key = "{api_key}"\n' \
                f'secret_env = "{secret_variable(name)}"\nenvironment = "{environment}"\nurl = "{url}"\n'
        text += "".join(line + "\n" for line in extra)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        file.write(text)


def secret_variable(name):
    return "GDESK_SHOT_" + name.upper().replace("-", "_")


# ----------------------------------------------------------------------------------------------------------------
# The shots


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gdesk", required=True, help="the gdesk executable")
    parser.add_argument("--out", default="screenshots", help="where the PNG files go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (config, history, log)")
    options = parser.parse_args()
    gdesk = os.path.abspath(options.gdesk)
    out = os.path.abspath(options.out)
    os.makedirs(out, exist_ok=True)
    if not shutil.which("tmux"):
        sys.exit("screenshots: tmux is not installed (scripts/setup --screenshots installs it)")

    home = tempfile.mkdtemp(prefix="gdesk-shots-")
    renderer = Renderer()
    exchange = None
    panes = []
    try:
        plan, secrets = scenario()
        scenario_path = os.path.join(home, "scenario.json")
        with open(scenario_path, "w") as file:
            json.dump(plan, file, indent=1)
        exchange = subprocess.Popen([gdesk, "exchange", "--scenario", scenario_path, "--port", "0"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = exchange.stdout.readline()
        match = re.search(r"listening on (http://\S+)", first)
        if not match:
            sys.exit(f"screenshots: the simulated exchange did not start: {first}{exchange.stderr.read()}")
        write_config(os.path.join(home, ".config", "gdesk", "config.toml"), match.group(1))

        environment = {
            "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "XDG_STATE_HOME": os.path.join(home, ".local", "state"), "USER": "operator", "LANG": "C.UTF-8",
            "TZ": "UTC", "PATH": "/usr/bin:/bin", "TERM": terminal_type(),
        }
        for name, api_key, _, _ in SESSIONS:
            environment[secret_variable(name)] = secrets[api_key]

        def shot(tmux, name, what, predicate=None, size=(COLUMNS, ROWS), page=DARK):
            captured = tmux.wait(what, predicate)
            path = os.path.join(out, name)
            renderer.render(captured, size[0], size[1], path, *page)
            print(f"screenshots: {os.path.relpath(path)}")

        def gone(text):
            return lambda screen: text not in screen

        desk = Tmux("desk", [gdesk], environment, home, COLUMNS, ROWS)
        panes.append(desk)
        desk.wait("the desk", lambda s: "auditor" in s and "TARGET" in s)

        # The list after a pre-flight (roles filled in), once its message has gone.
        desk.send("r")
        desk.wait("the pre-flight to finish", lambda s: "checking" not in s and "Trader" in s)
        shot(desk, "main.png", "the pre-flight message to go", lambda s: "pre-flight" not in s and "Trader" in s)

        # Help for the list.
        desk.send("?")
        shot(desk, "help.png", "help", lambda s: "Keys:" in s)
        desk.send("Escape")
        desk.wait("help to close", gone("Keys:"))

        # The cancel dialog for a production target: what will be sent, No focused. Then No.
        desk.send("c")
        shot(desk, "cancel-dialog.png", "the cancel dialog", lambda s: "Cancel session orders on mm-bot-1?" in s)
        desk.send("n")
        desk.wait("the dialog to close", gone("Cancel session orders on"))

        # Panic: type yes, Enter; photographed while two slow keys are still out, then when all are back.
        desk.wait("the \"aborted\" message to go", gone("aborted"))
        desk.send("!")
        desk.wait("the panic dialog", lambda s: "PANIC: cancel session orders on" in s)
        desk.type("yes")
        desk.send("Enter")
        shot(desk, "panic-in-progress.png", "the panic in flight",
             lambda s: "PANIC in flight" in s and "PANIC IN FLIGHT" in s and " ok " in line_with("mm-bot-1", s)
             and " ok " in line_with("hedger", s) and "MissingRole" in s and "sent" in line_with("desk-2", s))
        shot(desk, "panic-results.png", "the panic results", lambda s: "PANIC done:" in s and "IN FLIGHT" not in s)

        # mm-bot-1's reject history: its entry, both rejected orders explained.
        desk.send("h")
        desk.wait("mm-bot-1's history", lambda s: "history › mm-bot-1" in s and "end of history" in s)
        desk.send("Enter")
        desk.wait("the history entry", lambda s: "history entry" in s and "e explains" in s)
        desk.send("e")
        desk.wait("the first explanation", lambda s: s.count("already filled") == 1)
        desk.send("j")
        desk.send("e")
        shot(desk, "history-explain.png", "both explanations", lambda s: s.count("already filled") == 2)
        desk.send("Escape")
        desk.wait("the history list", gone("history entry"))
        desk.send("Escape")
        desk.wait("the list", lambda s: "history" not in line_with("gdesk", s) and "auditor" in s)

        # Too small a terminal, then back.
        desk.resize(*SMALL)
        shot(desk, "small-terminal.png", "the enlarge screen", lambda s: "Enlarge to" in s, size=SMALL)
        desk.resize(COLUMNS, ROWS)
        desk.wait("the list again", lambda s: "auditor" in s and "Enlarge" not in s)
        desk.send("q")

        # The light theme, on the same history: the panic's results are the last ones.
        light = Tmux("light", [gdesk, "--theme", "light"], environment, home, COLUMNS, ROWS)
        panes.append(light)
        shot(light, "light-theme.png", "the desk in the light theme",
             lambda s: "auditor" in s and " ok " in line_with("mm-bot-1", s), page=LIGHT)
        light.send("q")
    finally:
        for pane in panes:
            pane.close()
        if exchange:
            exchange.terminate()
            try:
                exchange.wait(timeout=10)
            except subprocess.TimeoutExpired:
                exchange.kill()
        if options.keep:
            print(f"screenshots: kept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
