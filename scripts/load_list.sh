#!/bin/bash
# Load an official list file (or set) from disk into pg_screen with one call.
#
#   scripts/load_list.sh [-d DBNAME] [--published YYYY-MM-DD] FORMAT PATH [SOURCE] [csv|jsonl]
#
#   FORMAT   PATH                                    loader
#   ofac     directory with sdn.csv add.csv alt.csv  screen.load_ofac (source OFAC-SDN)
#            [sdn_comments.csv] (Latin-1)
#   ofac-cons directory with cons_prim.csv ...       screen.load_ofac (source OFAC-CONS)
#   un       consolidated.xml                        screen.load_un
#   bis      dpl.txt                                 screen.load_bis_dpl
#   eu       the EU FSF XML (xmlFullSanctionsList_1_1)  screen.load_eu
#   uk       ConList.csv                             screen.load_uk
#   internal list.csv | list.jsonl, then SOURCE      screen.load_internal (SOURCE must exist in
#            and optionally the format (csv)         screen.list_source)
#
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGDATABASE) or -d.
# Prints the version id; a byte-identical file prints the current version id and a NOTICE.
# The whole load is one transaction: on error nothing changes and psql exits non-zero.
set -euo pipefail
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
db=(); published=""; args=()
while [ $# -gt 0 ]; do          # options may come before or after the arguments
    case "$1" in
        -d) db=(-d "$2"); shift 2 ;;
        --published) published="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- "${args[@]+"${args[@]}"}"
[ $# -ge 2 ] || usage
fmt="$1"; path="$2"; src="${3:-}"; ifmt="${4:-csv}"
[ -e "$path" ] || { echo "load_list.sh: $path: no such file or directory" >&2; exit 1; }
pub="NULL"; [ -n "$published" ] && pub="'$published'::date"
need() { [ -f "$1" ] || { echo "load_list.sh: missing $1" >&2; exit 1; }; }
opt() { [ -f "$1" ] && echo "$1" || echo ""; }
export LL_A="" LL_B="" LL_C="" LL_D=""
case "$fmt" in
    ofac|ofac-cons)
        if [ "$fmt" = ofac ]; then p=""; m=sdn; s=OFAC-SDN; c=sdn_comments; else p=cons_; m=cons_prim; s=OFAC-CONS; c=cons_comments; fi
        need "$path/$m.csv"
        LL_A="$path/$m.csv"; LL_B=$(opt "$path/${p}add.csv"); LL_C=$(opt "$path/${p}alt.csv"); LL_D=$(opt "$path/$c.csv")
        # OFAC legacy CSV is Latin-1: convert to UTF-8 on the way in
        rd() { echo "\\set $1 \`[ -n \"\$$2\" ] && iconv -f latin1 -t utf8 \"\$$2\" || echo '@@none@@'\`"; }
        script="$(rd a LL_A)
$(rd b LL_B)
$(rd c LL_C)
$(rd d LL_D)
SELECT screen.load_ofac(:'a', nullif(:'b', '@@none@@'), nullif(:'c', '@@none@@'), nullif(:'d', '@@none@@'),
                        source => '${src:-$s}', published => $pub);" ;;
    un|bis|eu|uk)
        need "$path"; LL_A="$path"
        f=$(case "$fmt" in un) echo load_un;; bis) echo load_bis_dpl;; eu) echo load_eu;; uk) echo load_uk;; esac)
        script="\\set a \`cat \"\$LL_A\"\`
SELECT screen.$f(:'a', published => $pub${src:+, source => '$src'});" ;;
    internal)
        need "$path"; LL_A="$path"; [ -n "$src" ] || { echo "load_list.sh: internal needs a SOURCE" >&2; exit 2; }
        script="\\set a \`cat \"\$LL_A\"\`
SELECT screen.load_internal('$src', :'a', '$ifmt', published => $pub, file => '$(basename "$path")');" ;;
    *) usage ;;
esac
printf '%s\n' "$script" | psql -X -q -At -v ON_ERROR_STOP=1 "${db[@]}"
