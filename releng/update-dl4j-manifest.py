#!/usr/bin/env python3
"""Regenerates META-INF/MANIFEST.MF of the DL4J runtime bundle from the jars in its lib/ folder.

Bundle-ClassPath lists every jar; Export-Package lists the packages of the APIs VAEScope uses.
Run after changing the jar list in bundles/org.vaescope.dl4j.runtime/pom.xml and building that
module once (its build copies the jars into lib/).
"""
import pathlib
import re
import zipfile

BUNDLE = pathlib.Path(__file__).resolve().parent.parent / "bundles" / "org.vaescope.dl4j.runtime"
HEADER = {
    "Manifest-Version": "1.0",
    "Bundle-ManifestVersion": "2",
    "Bundle-Name": "VAEScope DL4J/ND4J runtime",
    "Bundle-SymbolicName": "org.vaescope.dl4j.runtime",
    "Bundle-Version": "0.1.0.qualifier",
    "Bundle-Vendor": "VAEScope",
    "Bundle-RequiredExecutionEnvironment": "JavaSE-17",
    "Automatic-Module-Name": "org.vaescope.dl4j.runtime",
}
VALID_PACKAGE = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
# Only the APIs VAEScope programs against are exported; the libraries they use stay private to
# the bundle so they cannot clash with other copies (commons-io, slf4j ...) in the same IDE.
EXPORTED_ROOTS = ("org.nd4j", "org.deeplearning4j", "org.bytedeco", "io.jhdf")


def packages(jar):
    with zipfile.ZipFile(jar) as z:
        for name in z.namelist():
            if name.endswith(".class") and "/" in name and not name.startswith("META-INF/"):
                package = name.rsplit("/", 1)[0].replace("/", ".")
                if VALID_PACKAGE.match(package) and package.startswith(EXPORTED_ROOTS):
                    yield package


def wrap(line):
    """Manifest lines hold at most 72 bytes; longer ones continue after a leading space."""
    out = [line[:72]]
    rest = line[72:]
    while rest:
        out.append(" " + rest[:71])
        rest = rest[71:]
    return out


def main():
    jars = sorted(p.name for p in (BUNDLE / "lib").glob("*.jar"))
    if not jars:
        raise SystemExit("no jars in " + str(BUNDLE / "lib") + ": build the module first")
    exported = sorted({p for jar in jars for p in packages(BUNDLE / "lib" / jar)})
    entries = dict(HEADER)
    entries["Bundle-ClassPath"] = ",\n ".join(["."] + ["lib/" + j for j in jars])
    entries["Export-Package"] = ",\n ".join(exported)
    lines = []
    for key, value in entries.items():
        for i, part in enumerate((key + ": " + value).split("\n")):
            lines.extend(wrap(part))
    (BUNDLE / "META-INF" / "MANIFEST.MF").write_text("\n".join(lines) + "\n")
    print(f"{len(jars)} jars, {len(exported)} exported packages")


if __name__ == "__main__":
    main()
