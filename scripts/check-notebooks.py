#!/usr/bin/python3
"""Checks that committed notebooks are clean: no outputs, no execution counts, the `python3` kernel and no
machine-specific metadata (only `kernelspec` and `language_info.name` at notebook level, nothing per cell).

    /usr/bin/python3 scripts/check-notebooks.py [notebook.ipynb ...]   (default: notebooks/*.ipynb)

Strip outputs with `jupyter nbconvert --clear-output --inplace notebooks/*.ipynb`; that leaves the
metadata nbconvert wrote on execution (e.g. `language_info.version`), which this script reports.
Exit status 0 when every notebook is clean, 1 otherwise.
"""
import glob
import json
import os
import sys


def problems(path):
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    found = []
    meta = nb.get("metadata", {})
    if meta.get("kernelspec", {}).get("name") != "python3":
        found.append(f"kernelspec.name is {meta.get('kernelspec', {}).get('name')!r}, expected 'python3'")
    extra = sorted(set(meta) - {"kernelspec", "language_info"})
    if extra:
        found.append("notebook metadata has " + ", ".join(extra))
    extra_lang = sorted(set(meta.get("language_info", {})) - {"name"})
    if extra_lang:
        found.append("language_info has " + ", ".join(extra_lang))
    for i, cell in enumerate(nb.get("cells", [])):
        where = f"cell {i} ({cell.get('id', 'no id')})"
        if cell.get("metadata"):
            found.append(f"{where}: metadata {sorted(cell['metadata'])}")
        if cell.get("cell_type") == "code":
            if cell.get("outputs"):
                found.append(f"{where}: {len(cell['outputs'])} output(s)")
            if cell.get("execution_count") is not None:
                found.append(f"{where}: execution_count {cell['execution_count']}")
    return found


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = argv or sorted(glob.glob(os.path.join(root, "notebooks", "*.ipynb")))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    dirty = 0
    for path in paths:
        found = problems(path)
        print(f"{path}: {'clean' if not found else 'NOT clean'}")
        for p in found:
            print("  " + p)
        dirty += bool(found)
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
