#!/usr/bin/env python3
"""Every test binary built once, then run by name (`make test`, scripts/test-all.sh).

`build [--lint]` builds every test target of the workspace in one cargo invocation (one feature
set: selecting a few test targets of the core makes cargo resolve its dev-dependencies apart and
compile about fifty crates a second time) and writes target/test-binaries.json. With `--lint`,
clippy's lints run on the workspace's own crates while they are built (`-D warnings`, as
`cargo clippy --all-targets` would): clippy-driver as cargo's workspace wrapper, so the
dependencies are compiled once for the tests instead of once more in check mode for clippy.

`run NAME... [-- ARGS]` runs the named test binaries (a test target's name, or a crate's name for
its unit tests) from their package's folder, as `cargo test` would, and fails when any fails.
"""

import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INDEX = os.path.join(ROOT, "target", "test-binaries.json")
# clippy's separator between the arguments it passes to clippy-driver.
HACKERY = "__CLIPPY_HACKERY__"


def build(lint):
    env = dict(os.environ)
    if lint:
        driver = subprocess.run(
            ["rustup", "which", "clippy-driver"], capture_output=True, text=True
        ).stdout.strip() or shutil.which("clippy-driver")
        if not driver:
            print("waba-remover: clippy-driver not found (rustup component add clippy)", file=sys.stderr)
            return 1
        env["RUSTC_WORKSPACE_WRAPPER"] = driver
        env["CLIPPY_ARGS"] = HACKERY.join(["-D", "warnings"]) + HACKERY
    cmd = [
        "cargo", "test", "--locked", "--workspace", "--all-targets", "--no-run",
        "--message-format=json-render-diagnostics",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    found = []
    for line in proc.stdout:
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("reason") != "compiler-artifact":
            continue
        exe = msg.get("executable")
        if not exe or not msg.get("profile", {}).get("test"):
            continue
        target = msg["target"]
        found.append({
            "name": target["name"].replace("-", "_"),
            "kind": target["kind"],
            "package_dir": os.path.dirname(msg["manifest_path"]),
            "executable": exe,
        })
    code = proc.wait()
    if code == 0:
        os.makedirs(os.path.dirname(INDEX), exist_ok=True)
        with open(INDEX, "w") as f:
            json.dump(found, f, indent=1)
        print(f"waba-remover: {len(found)} test binaries built (index: target/test-binaries.json)")
    return code


def run(names, args):
    try:
        with open(INDEX) as f:
            index = json.load(f)
    except (OSError, ValueError):
        print("waba-remover: no test binaries yet: run `scripts/test-binaries.py build` first", file=sys.stderr)
        return 1
    failed = 0
    for name in names:
        key = name.replace("-", "_")
        # A crate's unit tests are its lib's test binary; a test target is itself.
        hits = [b for b in index if b["name"] == key and ("lib" in b["kind"] or "test" in b["kind"])]
        if not hits:
            print(f"waba-remover: no test binary named {name}", file=sys.stderr)
            failed = 1
            continue
        for b in hits:
            env = dict(os.environ, CARGO_MANIFEST_DIR=b["package_dir"])
            print(f"     Running {os.path.relpath(b['executable'], ROOT)} ({name})", flush=True)
            if subprocess.call([b["executable"], *args], cwd=b["package_dir"], env=env) != 0:
                failed = 1
    return failed


def main(argv):
    if argv[:1] == ["build"]:
        return build("--lint" in argv[1:])
    if argv[:1] == ["run"] and len(argv) > 1:
        rest = argv[1:]
        if "--" in rest:
            i = rest.index("--")
            return run(rest[:i], rest[i + 1:])
        return run(rest, [])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
