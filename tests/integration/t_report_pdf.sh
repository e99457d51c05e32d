#!/usr/bin/env bash
# t_report_pdf.sh: black-box checks of `fphc report` PDFs with qpdf and poppler.
# Prints TAP; exits non-zero when a check fails. Usage: tests/integration/t_report_pdf.sh [BIN]
set -u
bin=${1:-${FPHC_BIN:-bin/fphc}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "# $2"; }
check() { # check DESCRIPTION COMMAND...
  local d=$1; shift
  if "$@" >"$tmp/out" 2>&1; then ok "$d"; else not_ok "$d" "$(head -c 400 "$tmp/out" | tr '\n' ' ')"; fi
}
# poppler's harmless warning about libharu's ToUnicode maps is dropped.
quiet() { "$@" 2> >(grep -v "begincidrange" >&2); }

# Every page has ink: a greyscale page whose pixels are all (near) white is blank.
pages_have_ink() {
  local pdf=$1 stem=$tmp/page
  rm -f "$stem"-*.pgm
  quiet pdftoppm -gray -r 20 "$pdf" "$stem" || return 1
  /usr/bin/python3 - "$stem"-*.pgm <<'PY'
import sys
def ink(path):
    data = open(path, 'rb').read()
    # binary PGM: "P5" width height maxval, each as a token, then the pixels
    parts = data.split(maxsplit=4)
    return any(b < 200 for b in parts[4])
pages = sys.argv[1:]
bad = [p for p in pages if not ink(p)]
if bad:
    print("blank pages:", bad)
sys.exit(1 if bad or not pages else 0)
PY
}

text_has() { # text_has PDF STRING...
  local pdf=$1; shift
  quiet pdftotext -layout "$pdf" "$tmp/text.txt" || return 1
  tr -s ' \n' ' ' <"$tmp/text.txt" >"$tmp/flat.txt"
  local s missing=0
  for s in "$@"; do
    grep -qF -- "$s" "$tmp/flat.txt" || { echo "missing: $s"; missing=1; }
  done
  return $missing
}

fonts_embedded() {
  quiet pdffonts "$1" >"$tmp/fonts" || return 1
  grep -q "DejaVuSans" "$tmp/fonts" || return 1
  ! awk 'NR > 2 && $(NF-4) != "yes"' "$tmp/fonts" | grep -q .
}

render() { # render NAME ARGS...
  local name=$1; shift
  check "$name: renders" "$bin" report "$@" -o "$tmp/$name.pdf"
  [ -s "$tmp/$name.pdf" ] || return 0
  check "$name: qpdf --check" qpdf --check "$tmp/$name.pdf"
  check "$name: fonts embedded" fonts_embedded "$tmp/$name.pdf"
  check "$name: no blank page" pages_have_ink "$tmp/$name.pdf"
}

render demo --demo
check "demo: a scan of fphc-1 through the real engine: its pillars, themes, tips and scores" text_has "$tmp/demo.pdf" \
  "Van der Linden Metaalbewerking B.V." "Persoonlijk rapport" \
  "Strategie & Bedrijf" "Flexibiliteit & Wendbaarheid" "Flexibiliteit in op- en afschalen" \
  "Employability en Duurzame inzetbaarheid" "HR en bedrijfsstrategie" "Strategische personeelsplanning" \
  "Digitalisering en technologie" "Positie op de arbeidsmarkt" "Coachend leidinggeven" \
  "Gewenst gedrag en cultuur" "Onbewuste vooroordelen" "Wendbaar werken" "Flexibel op- en afschalen" \
  "Samenwerken met flexwerkers en andere werkgevers" "Mobiliteit" "Talentontwikkeling" \
  "Duurzame inzetbaarheid" "Inclusieve arbeidsmarkt" "Versie vragenlijst: fphc-1 (demo)" "fphc-score/1" \
  "85 · Toekomstbestendig" "50 · Op weg" "25 · Aandachtspunt" "10 · Aandachtspunt" \
  "Spreek met elke medewerker één keer per jaar af wat die wil leren." \
  "inclusief herontwerp van functies" "Werkgeversservicepunt (WSP)" \
  "Ontwikkelgesprekken voeren met alle" "Vacatures eerst intern publiceren" \
  "sector C Industrie (23 bedrijven" "pagina 1 van" "€ 195"
check "demo: none of the invented themes of the old fictional questionnaire" bash -c \
  "! grep -qE 'fphc-2025|Innovatie en verandervermogen|Samenwerking in de regio|Vitaliteit en gezondheid' '$tmp/flat.txt'"
check "demo: raw HTML in advice is dropped" bash -c "! grep -q 'alert(1)' '$tmp/flat.txt'"
pages=$(quiet pdfinfo "$tmp/demo.pdf" | awk '/^Pages:/ {print $2}')
check "demo: 7-10 pages (has ${pages:-?})" test "${pages:-0}" -ge 7 -a "${pages:-0}" -le 10
size=$(stat -c %s "$tmp/demo.pdf" 2>/dev/null || echo 0)
check "demo: at most 150 KB (is $size bytes)" test "$size" -le 153600
"$bin" report --demo -o "$tmp/demo2.pdf" >/dev/null 2>&1
check "demo: byte-identical when rendered twice" cmp "$tmp/demo.pdf" "$tmp/demo2.pdf"

render draft --demo --draft
check "draft: CONCEPT on every page" bash -c "
  n=\$(pdfinfo '$tmp/draft.pdf' 2>/dev/null | awk '/^Pages:/ {print \$2}')
  for i in \$(seq 1 \$n); do pdftotext -raw -f \$i -l \$i '$tmp/draft.pdf' - 2>/dev/null | tr -d ' \\n' | grep -q CONCEPT || exit 1; done"

render english --demo --lang en
check "english: fixed texts in English" text_has "$tmp/english.pdf" "Personal report" \
  "How to read this report" "page 1 of" "Strategy & business" "HR and business strategy" "Future-proof"

render edge --demo-edge
check "edge: long name, long word and 40 actions present" text_has "$tmp/edge.pdf" \
  "Coöperatieve Vereniging" "Actie 40:" "arbeidsmarktcommunicatiewerkgeversbeleidsp"

render sparse --demo-sparse
check "sparse: says there is no comparison and which theme lacks answers" text_has \
  "$tmp/sparse.pdf" "nog geen vergelijking: te weinig bedrijven" "onvoldoende antwoorden"
check "sparse: no actions section" bash -c "! grep -q 'Afspraken' '$tmp/flat.txt'"
check "sparse: says why there is no overall score, and per unscored pillar what to do" text_has "$tmp/sparse.pdf" \
  "Er is nog geen totaalscore, want niet elke pijler heeft genoeg antwoorden" \
  "Voor deze pijler zijn te weinig vragen beantwoord" "Coachend leidinggeven" "vul de ontbrekende vragen aan"
sparse_pages=$(quiet pdfinfo "$tmp/sparse.pdf" | awk '/^Pages:/ {print $2}')
check "sparse: an unscored pillar shares a page instead of leaving one nearly empty (${sparse_pages:-?} pages)" \
  test "${sparse_pages:-99}" -le 7

render brief --demo --brief
check "brief: 1-2 pages" bash -c "p=\$(pdfinfo '$tmp/brief.pdf' 2>/dev/null | awk '/^Pages:/ {print \$2}'); [ \"\$p\" -ge 1 ] && [ \"\$p\" -le 2 ]"
check "brief: profile, open answers and previous actions" text_has "$tmp/brief.pdf" \
  "Gespreksvoorbereiding" "Genoeg vakmensen vinden" "Verzuimbeleid herzien" "Notities"

check "report SCAN_ID without a reachable database says so" bash -c \
  "! DATABASE_URL='host=$tmp/nowhere dbname=none' '$bin' report 42 -o '$tmp/x.pdf' 2>'$tmp/err' && grep -q 'database' '$tmp/err'"
check "report without arguments is a usage error (exit 2)" bash -c \
  "'$bin' report >/dev/null 2>&1; [ \$? -eq 2 ]"

echo "1..$n"
[ "$failed" -eq 0 ]
