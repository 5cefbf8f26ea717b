#!/usr/bin/env python3
"""Runs the README's admin-API walkthrough and checks that every step prints what the README shows.

The walkthrough is the part of README.md between `<!-- walkthrough:start -->` and `<!-- walkthrough:end -->`.
Every ```sh block there is run, in order, in one bash process (so variables set by one step are seen by the
next), with API and TOKEN from the environment. A ```json block right after a ```sh block is that step's expected
output: both are parsed as JSON and must be equal. A ```text block is compared as text (whitespace at the ends
ignored). Prints 'ok - step N' or 'not ok - step N' with a diff; exits 1 when any step differs or fails.

Usage: readme_walkthrough.py README.md   (API and TOKEN must be set)
"""
import json
import os
import re
import subprocess
import sys

START, END = "<!-- walkthrough:start -->", "<!-- walkthrough:end -->"
FENCE = re.compile(r"^```(\w*)\s*$")
MARK = "@@walkthrough-step-end@@"


def blocks(markdown):
    """Yields (language, text) for every fenced block between the markers."""
    try:
        part = markdown[markdown.index(START) + len(START):markdown.index(END)]
    except ValueError:
        sys.exit("readme_walkthrough: README has no walkthrough markers")
    lang, lines = None, []
    for line in part.splitlines():
        m = FENCE.match(line)
        if lang is None and m:
            lang, lines = m.group(1) or "text", []
        elif lang is not None and line.strip() == "```":
            yield lang, "\n".join(lines)
            lang = None
        elif lang is not None:
            lines.append(line)


def steps(markdown):
    result, pending = [], None
    for lang, text in blocks(markdown):
        if lang == "sh":
            if pending:
                result.append(pending)
            pending = {"command": text, "lang": None, "expected": None}
        elif pending is not None and pending["expected"] is None:
            pending["lang"], pending["expected"] = lang, text
            result.append(pending)
            pending = None
    if pending:
        result.append(pending)
    return result


def main():
    for var in ("API", "TOKEN"):
        if not os.environ.get(var):
            sys.exit(f"readme_walkthrough: {var} is not set")
    with open(sys.argv[1], encoding="utf-8") as f:
        todo = steps(f.read())
    if not todo:
        sys.exit("readme_walkthrough: the walkthrough has no steps")
    script = "set -euo pipefail\n" + "".join(
        f"{s['command']}\nprintf '\\n%s\\n' '{MARK}'\n" for s in todo)
    run = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    outputs = run.stdout.split(MARK + "\n")
    failed = 0
    for n, step in enumerate(todo, 1):
        first = step["command"].strip().splitlines()[0]
        if n > len(outputs) - 1:
            print(f"not ok - step {n}: did not finish ({first})\n{run.stderr}")
            failed += 1
            continue
        actual = outputs[n - 1].strip()
        if step["expected"] is None:
            print(f"ok - step {n}: {first}")
            continue
        if step["lang"] == "json":
            try:
                same = json.loads(actual) == json.loads(step["expected"])
            except json.JSONDecodeError as e:
                same = False
                actual += f"\n(not JSON: {e})"
        else:
            same = actual == step["expected"].strip()
        if same:
            print(f"ok - step {n}: {first}")
        else:
            failed += 1
            print(f"not ok - step {n}: {first}\n--- README shows:\n{step['expected']}\n--- got:\n{actual}")
    if run.returncode != 0:
        print(f"not ok - the walkthrough exited with {run.returncode}\n{run.stderr}")
        failed += 1
    print(f"walkthrough: {len(todo) - failed if failed <= len(todo) else 0}/{len(todo)} steps as the README shows")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
