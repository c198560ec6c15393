#!/usr/bin/env bash
# Debian packages the test suite needs: chromium + CJK fonts for the browser tests,
# a PostgreSQL server for the throw-away cluster, LibreOffice (Writer and Calc, no GUI) and
# poppler-utils for the PDFs of circulars and ledgers and the tests that read them as printed. Idempotent; does nothing (and asks no
# registry) when all is present, so `make test` stays fast on a machine that has them.
set -euo pipefail

pg_server_present() {
    # Look for the real server binaries: /usr/local/bin/pg_ctl may be a symlink or wrapper
    # left by the machine image, which says nothing about whether a server is installed.
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        [[ -x $bin/postgres && -x $bin/initdb && -x $bin/pg_ctl ]] && return 0
    done
    return 1
}

deb_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

missing=()
declare -A why=(
    [chromium]="headless browser for tests/browser (/usr/bin/chromium)"
    [fonts-noto-cjk]="CJK glyphs, else screenshots show boxes instead of Chinese"
    [postgresql]="server for the throw-away test cluster (scripts/pg-throwaway.sh)"
    [nginx]="the shipped deploy/nginx files run for real in tests/deploy/test_nginx_drill.py"
    [openssl]="the nginx drill's throw-away TLS certificate"
    [libreoffice-writer-nogui]="soffice --convert-to pdf for circulars (taizhang/exports/pdf.py)"
    [libreoffice-calc-nogui]="the same for the ledger's .xlsx"
    [poppler-utils]="pdftotext/pdftoppm: the tests read the PDFs as printed"
    [fonts-crosextra-carlito]="Calibri's metrics, so LibreOffice prints .xlsx column widths as Excel does"
)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
deb_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
pg_server_present || missing+=(postgresql)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v openssl >/dev/null || missing+=(openssl)
# The fonts a GB/T 9704 circular names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) are not in Debian:
# taizhang/exports/fonts.conf maps them to fonts-noto-cjk for LibreOffice.
for pkg in libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito; do
    deb_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    echo "system-deps: chromium, fonts-noto-cjk, postgresql, nginx, openssl, libreoffice, poppler-utils, carlito already present"
    exit 0
fi

if ((EUID != 0)); then
    echo "system-deps: missing ${missing[*]}; as root run:" >&2
    echo "  apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

for pkg in "${missing[@]}"; do echo "system-deps: installing $pkg — ${why[$pkg]}"; done
export DEBIAN_FRONTEND=noninteractive
# CI has no stdin and a fresh machine may hold stale package lists: update once, quietly.
apt-get update -qq
# No recommends: chromium's pull in udev/upower/etc. that a headless run never uses.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

# Fail here, not half-way through the test run, if apt did not deliver what we need.
[[ -x /usr/bin/chromium ]] || { echo "system-deps: /usr/bin/chromium still missing" >&2; exit 1; }
pg_server_present || { echo "system-deps: no server under /usr/lib/postgresql/*/bin" >&2; exit 1; }
[[ -x /usr/sbin/nginx ]] || { echo "system-deps: /usr/sbin/nginx still missing" >&2; exit 1; }
command -v soffice >/dev/null || { echo "system-deps: soffice still missing" >&2; exit 1; }
echo "system-deps: done"
