#!/usr/bin/python3
"""Checks that the documentation links only files inside the repository, and files that exist.

    /usr/bin/python3 scripts/check-doc-links.py [file ...]
    (default: README.md, BENCHMARKS.md, EXPERIMENTS.md, docs/*.md, notebooks/README.md, the markdown
    cells of notebooks/*.ipynb and the comments of conf/*)

For every Markdown link or image `[text](target)` that is not a URL: the target, relative to the file,
must exist inside the repository, and a `#fragment` must name a heading of the target Markdown file
(GitHub's anchors). For every path in backticks that starts with a top-level entry of the repository
(`docs/...`, `scripts/...`, `lrpo-core/...`) or with `../`: it must exist, unless it has a placeholder
(`*`, `<`, `{`, `$`) or names a build output (`target/`, `lrpo-out/`, `.cache/`).
Exit status 0 when everything resolves, 1 otherwise.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
CODE = re.compile(r"`([^`\s]+)`")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
GENERATED = ("target/", "lrpo-out/", ".cache/")


def text_of(path):
    with open(path, encoding="utf-8") as fh:
        if path.endswith(".ipynb"):
            cells = json.load(fh).get("cells", [])
            return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        if path.endswith(".md"):
            return fh.read()
        return "\n".join(line for line in fh if line.lstrip().startswith("#"))


def anchors(md_path):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    with open(md_path, encoding="utf-8") as fh:
        text = FENCE.sub("", fh.read())
    seen, found = {}, set()
    for m in re.finditer(r"^#{1,6}\s+(.*?)\s*#*\s*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def inside(path):
    return os.path.realpath(path).startswith(ROOT + os.sep)


def problems(path):
    found = []
    text = text_of(path)
    base = os.path.dirname(os.path.abspath(path))
    for m in LINK.finditer(FENCE.sub("", text)):
        target = m.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            continue
        file_part, _, fragment = target.partition("#")
        dest = os.path.normpath(os.path.join(base, file_part)) if file_part else os.path.abspath(path)
        if not inside(dest):
            found.append(f"link {target}: outside the repository")
        elif not os.path.exists(dest):
            found.append(f"link {target}: no such file")
        elif fragment and dest.endswith(".md") and fragment not in anchors(dest):
            found.append(f"link {target}: no heading #{fragment} in {os.path.relpath(dest, ROOT)}")
    tops = tuple(e + "/" for e in os.listdir(ROOT) if not e.startswith(".git")) + (".ci/", "../")
    for m in CODE.finditer(text):
        ref = m.group(1).rstrip(".,;:")
        if not ref.startswith(tops) or any(c in ref for c in "*<>{}$[") or ref.startswith(GENERATED):
            continue
        ref = ref.split(":")[0]
        dest = os.path.normpath(os.path.join(base if ref.startswith("../") else ROOT, ref))
        if not inside(dest):
            found.append(f"`{m.group(1)}`: outside the repository")
        elif not os.path.exists(dest) and "/target/" not in ref:
            found.append(f"`{m.group(1)}`: no such file")
    return found


def main(args):
    os.chdir(ROOT)
    files = args or (["README.md", "BENCHMARKS.md", "EXPERIMENTS.md", "notebooks/README.md"]
                     + sorted(glob.glob("docs/*.md")) + sorted(glob.glob("notebooks/*.ipynb"))
                     + sorted(glob.glob("conf/*")))
    bad = 0
    for f in files:
        for p in problems(f):
            print(f"{f}: {p}")
            bad += 1
    print(f"{len(files)} files checked, {bad} broken references", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
