#!/usr/bin/env bash
# The personal report of real fphc-1 scans (demo-seeded), read page by page with
# pdftotext: tips instead of question texts, band texts per theme without
# repeats, the comparison group in words, and a near-empty scan that says why.
. "$(dirname "$0")/lib.sh"
new_db
"$FPHC_BIN" demo init >/dev/null 2>&1
"$FPHC_BIN" demo seed --companies 30 --scans-per-company 1 --seed 5 --quiet >/dev/null 2>&1
psql_owner "DELETE FROM answers WHERE scan_id = 2 AND item_key NOT IN ('s01', 's02')" >/dev/null
"$FPHC_BIN" rescore >/dev/null 2>&1
"$FPHC_BIN" benchmarks refresh >/dev/null 2>&1
quiet() { "$@" 2> >(grep -v "begincidrange" >&2); }
page() { quiet pdftotext -layout -f "$2" -l "$2" "$1" -; }
pages() { quiet pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
"$FPHC_BIN" report 1 -o "$WORK/real.pdf" --created 1764806400; expect_eq "real scan renders" 0 "$?"
"$FPHC_BIN" report 2 -o "$WORK/empty.pdf" --created 1764806400; expect_eq "near-empty scan renders" 0 "$?"
all=$(quiet pdftotext -layout "$WORK/real.pdf" - | tr -s ' \n' ' ')
expect_contains "real: the peer group in words" "Vergelijkingsgroep: bedrijven met 10–49 fte" "$all"
expect_not_contains "real: no 'branchegenoten' for a size-class group" "ranchegenoten" "$all"
expect_contains "real: a theme's band text" "Uw personeelsbeleid hoort bij uw bedrijfsplan en medewerkers kennen de doelen." "$all"
expect_contains "real: tips under 'Wat uw score omhoog brengt'" "Wat uw score omhoog brengt → " "$all"
# every scored item's question text never appears after an arrow; no question marks there
movers=$(quiet pdftotext -layout "$WORK/real.pdf" - | grep '→')
expect_not_contains "real: no question as a tip" "?" "$movers"
expect_not_contains "real: no 'meerdere antwoorden' as a tip" "meerdere antwoorden" "$movers"
expect_not_contains "real: no reversed statement as a tip" "werkdruk is bij ons vaak te hoog" "$movers"
n=$(pages "$WORK/real.pdf"); dup=""
for i in $(seq 1 "$n"); do
  d=$(page "$WORK/real.pdf" "$i" | tr -s ' \n' ' ' | python3 -c "
import re, sys
t = sys.stdin.read()
s = [x.strip() for x in re.split(r'(?<=[.!])\s', t) if len(x.strip()) > 40]
print(' | '.join(sorted({x for x in s if s.count(x) > 1})))")
  [ -n "$d" ] && dup="$dup page $i: $d"
done
expect_eq "real: no sentence repeats on a page" "" "$dup"
rep=""
for i in $(seq 1 "$n"); do
  c=$(page "$WORK/real.pdf" "$i" | grep -c "adviseur bespreekt")
  [ "$c" -gt 1 ] && rep="$rep page $i ($c)"
done
expect_eq "real: 'no advice' is said once per page at most" "" "$rep"
# a theme's tips stay on the page of its bar: no page starts with a tip
split=""
for i in $(seq 2 "$n"); do
  first=$(page "$WORK/real.pdf" "$i" | grep -v '^\s*$' | sed -n 2p)
  case "$first" in *→*|*"Wat uw score omhoog"*) split="$split $i" ;; esac
done
expect_eq "real: no page starts with a theme's tips" "" "$split"
e=$(quiet pdftotext -layout "$WORK/empty.pdf" - | tr -s ' \n' ' ')
expect_contains "near-empty: says why there are no scores" "Er zijn te weinig vragen beantwoord om de thema's een score te geven." "$e"
expect_not_contains "near-empty: no claim about the lowest colour" "laagste kleur" "$e"
expect_not_contains "near-empty: no truncated chart label" "…" "$e"
expect_eq "near-empty: the explanation once" 1 "$(quiet pdftotext "$WORK/empty.pdf" - | tr -s ' \n' ' ' | grep -o "te weinig vragen beantwoord" | wc -l)"
expect_contains "near-empty: the all-participants group in words" "alle deelnemers" "$e"
