#!/usr/bin/env bash
# Installs the Debian packages the browser tests need when they are missing: chromium (never a downloaded
# browser build) and poppler-utils (pdftoppm renders the generated PDF reports in the report tests).
set -euo pipefail
missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! command -v pdftoppm >/dev/null 2>&1; then missing+=(poppler-utils); fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "missing: ${missing[*]}: installing Debian's packages with apt-get" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Another apt process (unattended upgrades, a parallel install) may hold the dpkg lock: wait for it.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
command -v chromium >/dev/null
command -v pdftoppm >/dev/null
