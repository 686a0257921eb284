#!/usr/bin/env bash
# Make sure the Debian packages the build and tests use are installed:
#   chromium          browser tests (Debian's build; never a browser download)
#   default-jre-headless  runs the Nu HTML Checker (vnu.jar from npm)
#   nodejs, npm       installs the pinned npm packages (iframe-worker shim, vnu-jar)
# Usage: tools/ensure-system-packages.sh [build|test]   (build needs only node and npm)
set -euo pipefail
want=(nodejs:/usr/bin/node npm:/usr/bin/npm)
if [ "${1:-test}" = "test" ]; then
  want+=(chromium:/usr/bin/chromium default-jre-headless:/usr/bin/java)
fi
missing=()
for pair in "${want[@]}"; do
  package="${pair%%:*}"; program="${pair#*:}"
  if ! [ -x "$program" ] && ! command -v "$(basename "$program")" >/dev/null 2>&1; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Missing ${missing[*]} and this user cannot install packages: run 'apt-get install ${missing[*]}' as root." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
