#!/usr/bin/env python3
"""Writes docs/api.md: every public type of the exported, non-internal packages of the bundles that
have an API, with the first sentence of its documentation. ArchitectureTest checks the engine
bundles' part of the list against their class files. Run from the repository root after an API change."""
import re
from pathlib import Path

BUNDLES = ["org.vaescope.script", "org.vaescope.metrics", "org.vaescope.core", "org.vaescope.ui",
           "org.vaescope.ui.script"]
DECLARATION = re.compile(r"^public\s+(?:(?:final|abstract|sealed|non-sealed|static)\s+)*"
                         r"(class|interface|record|enum|@interface)\s+(\w+)", re.M)
HEADER = """# Public API

What other bundles may use: every exported, non-internal package of the VAEScope bundles, with each
public type and the first sentence of its documentation. Packages named `internal` are exported
`x-internal` (or `x-friends` for the bundles that need them) and are not part of the API.
`ArchitectureTest` checks that every exported package exists, that only `internal` packages are
marked so, and that this list names exactly the public types of the engine bundles' API packages.
Written by `releng/api/api-list.py`; run it after an API change.
"""


def exported_packages(bundle):
    manifest = Path("bundles", bundle, "META-INF", "MANIFEST.MF").read_text()
    header = re.search(r"^Export-Package:(.*?)(?=^\S)", manifest + "\nEnd:", re.M | re.S)
    if not header:
        return []
    clauses = re.sub(r"\n ", "", header.group(1))
    packages = [c.split(";")[0].strip() for c in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", clauses)]
    return sorted(p for p in packages if p and ".internal" not in p)


def first_sentence(source, name):
    match = re.search(r"/\*\*(.*?)\*/\s*(?:@\w+(?:\([^)]*\))?\s*)*public[^{]*?\b" + name + r"\b", source, re.S)
    if not match:
        return "(undocumented)"
    text = re.sub(r"^\s*\*\s?", "", match.group(1), flags=re.M)
    text = " ".join(text.split()).split(" @")[0]
    end = re.search(r"(?<!\bal)(?<!e\.g)(?<!i\.e)\.(?=\s+[A-Z<{]|\s*$)", text)
    return text[: end.start() + 1] if end else text


def public_types(bundle, package):
    folder = Path("bundles", bundle, "src", *package.split("."))
    types = []
    for java in sorted(folder.glob("*.java")):
        source = java.read_text()
        for kind, name in DECLARATION.findall(source):
            if name == java.stem:
                types.append((name, kind, first_sentence(source, name)))
    return types


def main():
    out = [HEADER]
    for bundle in BUNDLES:
        packages = [(p, public_types(bundle, p)) for p in exported_packages(bundle)]
        count = sum(len(t) for _, t in packages)
        out.append(f"## {bundle}: {len(packages)} packages, {count} public types\n")
        for package, types in packages:
            out.append(f"### `{package}` ({len(types)})\n")
            out.extend(f"- `{name}` ({kind}): {sentence}" for name, kind, sentence in types)
            out.append("")
    Path("docs", "api.md").write_text("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
