#!/usr/bin/env bash
# Prints the path of a Python 3.12 or newer for the project's venv (the Microsoft 365 Agents
# SDK, which carries Teams, needs 3.12). PYTHON, when set, is tried first. Where none is
# installed and the machine is Debian-like (Debian 12 ships 3.11), CPython 3.13 is built once
# from Debian's own source package into ~/.cache/kaizen-bot and reused after that.
set -euo pipefail

usable() {
  "$1" -c 'import sys, venv, ensurepip, sqlite3, ssl; sys.exit(sys.version_info < (3, 12))' \
    >/dev/null 2>&1
}

for candidate in "${PYTHON:-}" python3 python3.14 python3.13 python3.12; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null && usable "$candidate"; then
    command -v "$candidate"
    exit 0
  fi
done

home="${XDG_CACHE_HOME:-$HOME/.cache}/kaizen-bot/python3.13"
if usable "$home/bin/python3.13"; then
  echo "$home/bin/python3.13"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "Kaizen Bot needs Python 3.12 or newer (the Teams SDK requires it): install one," \
    "or name it with PYTHON=/path/to/python3.12" >&2
  exit 1
fi

echo "No Python 3.12+ here: building CPython 3.13 from Debian's source package into $home" \
  "(once, about 3 minutes)" >&2
needed=(gcc make libssl-dev libsqlite3-dev libffi-dev zlib1g-dev libbz2-dev liblzma-dev uuid-dev)
missing=()
for package in "${needed[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "To build it, first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
  "http://deb.debian.org/debian trixie main" >"$work/sources.list"
apt=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$work/lists" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
(
  cd "$work"
  apt-get "${apt[@]}" -qq update
  apt-get "${apt[@]}" -qq source --download-only python3.13 2>/dev/null
  tar -xf python3.13_*.orig.tar.xz
  cd Python-3.13.*/
  ./configure --prefix="$home" --without-ensurepip -q >build.log 2>&1
  make -j"$(nproc)" -s >>build.log 2>&1
  make -s altinstall >>build.log 2>&1
) >&2 || { echo "building Python 3.13 failed (log: $work/Python-3.13.*/build.log)" >&2; trap - EXIT; exit 1; }
usable "$home/bin/python3.13"
echo "$home/bin/python3.13"
