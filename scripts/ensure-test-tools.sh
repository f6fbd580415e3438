#!/usr/bin/env bash
# Install what the tests drive, from Debian, if missing: Chromium (Playwright drives
# /usr/bin/chromium and never downloads a browser), Japanese fonts for its screenshots, and
# poppler-utils (pdftotext, pdftoppm) to read the generated PDF back, and LibreOffice Impress and Calc
# to render the council deck and the import layouts as a city's PC without Microsoft Office would
# (tests/reports/test_deck_accessibility.py, tests/imports/test_layout_pictures.py).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
dpkg -s libreoffice-impress >/dev/null 2>&1 || missing+=(libreoffice-impress)
dpkg -s libreoffice-calc >/dev/null 2>&1 || missing+=(libreoffice-calc)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing from Debian: ${missing[*]}…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
