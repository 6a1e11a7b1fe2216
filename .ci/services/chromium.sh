#!/usr/bin/env bash
# Debian's headless-capable Chromium for the browser tests (tests/test_html_browser.py).
#
# Installs the package `chromium` when no chromium is on PATH; does nothing otherwise
# (idempotent). Safe to source (as .ci/run does) or to run:
#
#   source .ci/services/chromium.sh
#   bash .ci/services/chromium.sh

# Runs in a subshell: its `set -e` stays inside, whether this file is sourced or run.
_iku_chromium_install() (
    set -euo pipefail
    if command -v chromium >/dev/null 2>&1; then
        echo "chromium.sh: $(command -v chromium) is installed" >&2
        return 0
    fi
    sudo=""
    if [ "$(id -u)" != "0" ]; then
        sudo="sudo"
    fi
    echo "chromium.sh: installing chromium from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
    echo "chromium.sh: installed $(command -v chromium)" >&2
)

_iku_chromium_install
