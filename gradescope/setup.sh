#!/usr/bin/env bash
# nnlab's Gradescope autograder, step 1: Gradescope runs this once, as root, when it builds the
# autograder image. The autograder zip (this file, run_autograder and the course) is unpacked
# in /autograder/source. Installs Python and bubblewrap (full sandbox isolation, where the
# container allows it), then the course into its own virtual environment.
# The root is $NNLAB_AUTOGRADER_ROOT (default /autograder), so the recipe can be tried anywhere.
set -euo pipefail
ROOT="${NNLAB_AUTOGRADER_ROOT:-/autograder}"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -q
    apt-get install -y -q python3 python3-venv python3-pip bubblewrap
fi
python3 -m venv "$ROOT/nnlab-venv"
"$ROOT/nnlab-venv/bin/pip" install -q -e "$ROOT/source"
