#!/usr/bin/env bash
# Books a patient's whole series on the sample clinic through the API, then moves one session and
# shows the chair schedule. Start the app first (README: run), then: bash samples/book-series.sh
# Needs curl and jq. BASE overrides the address (default http://localhost:5080), EARLIEST the first
# day to look from (default: a week from today). The script signs in as STAFF_USER with
# STAFF_PASSWORD (default: the sample clinic's front desk, which exists when the app runs in
# Development, as the README's run command does) and sends the bearer token with every request.
set -euo pipefail
BASE=${BASE:-http://localhost:5080}
STAFF_USER=${STAFF_USER:-frontdesk@sample.clinic}
STAFF_PASSWORD=${STAFF_PASSWORD:-sample-clinic-2026}
sign_in=$(jq -n --arg u "$STAFF_USER" --arg p "$STAFF_PASSWORD" '{userName: $u, password: $p}')
token=$(curl -sS -H 'content-type: application/json' -X POST "$BASE/account/token" -d "$sign_in" | jq -r '.accessToken // empty')
if [ -z "$token" ]; then
  echo "Could not sign in as $STAFF_USER (set STAFF_USER and STAFF_PASSWORD)." >&2
  exit 1
fi
json() { curl -sS -H 'content-type: application/json' -H "Authorization: Bearer $token" "$@"; }

clinic=$(json "$BASE/clinics" | jq -r '.[0].id')
patient=$(json "$BASE/clinics/$clinic/patients?search=Avery" | jq -r '.[0].id')
protocol=$(json "$BASE/clinics/$clinic/protocols" | jq -r '.[] | select(.name | startswith("Depression")) | .id')
earliest=${EARLIEST:-$(date -d '+7 days' +%F)}
echo "Clinic $clinic, patient $patient (Avery Sample), depression protocol $protocol, earliest $earliest"

echo; echo "1. Proposals for the whole series (writes nothing):"
request="{\"patientId\":\"$patient\",\"protocolId\":\"$protocol\",\"earliestDate\":\"$earliest\",\"boosters\":2}"
json -X POST "$BASE/series/proposals" -d "$request" \
  | jq -r '.proposals[] | "  #\(.rank) cost \(.cost): \(.sessions | map(.start[5:16] + " " + .chairName) | join(", "))", (.reasons[] | "      - " + .)'

echo; echo "2. Book the best proposal:"
series=$(json -X POST "$BASE/series" -d "$request")
echo "$series" | jq -r '"  series \(.id)", (.sessions[] | "  session \(.ordinal) (\(.phase)) \(.start) -> observation ends \(.observationEnd), status \(.status)")'
session=$(echo "$series" | jq -r '.sessions[1].id')
start=$(echo "$series" | jq -r '.sessions[1].start')

echo; echo "3. Move session 2 one hour later:"
hour=${start:11:2}
later=$(printf '%sT%02d:%s' "${start:0:10}" $((10#$hour + 1)) "${start:14:2}")
json -X POST "$BASE/sessions/$session/move" -d "{\"start\":\"$later\",\"reason\":\"Patient asked for later\"}" \
  | jq -r 'if .status == "booked" then "  moved to \(.start)" else "  refused: \(.detail)" end'

echo; echo "4. The same chair and time for another patient is refused:"
other=$(json "$BASE/clinics/$clinic/patients?search=Jordan" | jq -r '.[0].id')
chair=$(echo "$series" | jq -r '.sessions[0].chairId')
first=$(echo "$series" | jq -r '.sessions[0].start')
json -X POST "$BASE/series" -d "{\"patientId\":\"$other\",\"protocolId\":\"$protocol\",\"sessions\":[{\"chairId\":\"$chair\",\"start\":\"$first\"}]}" \
  | jq -r '"  \(.status) \(.title): \(.detail)"'

echo; echo "5. Chair schedule for the first session's day:"
day=${first:0:10}
json "$BASE/clinics/$clinic/schedule?from=$day&to=$day" \
  | jq -r '.chairs[] | select(.blocks | length > 0) | "  \(.name): \(.blocks | map("\(.kind) \(.start[11:16])-\(.end[11:16])") | join(", "))"'

echo; echo "6. Audit trail of session 2:"
json "$BASE/audit/$session" | jq -r '.[] | "  \(.at) \(.actor) \(.action): \(.details) \(.reason // "")"'

echo; echo "7. Reminders of session 2 (planned again by the move; sent by the dispatcher when due):"
json "$BASE/sessions/$session/messages" \
  | jq -r '.[] | "  \(.kind) \(.status)\(if .reason then " (\(.reason))" else "" end) due \(.dueAt // "-")"'

echo; echo "8. The clinic's reminder policy (the defaults until one is saved):"
json "$BASE/clinics/$clinic/reminder-policy" \
  | jq -r '"  sender \"\(.policy.senderName)\", quiet hours outside \(.policy.quietHours.sendFrom)-\(.policy.quietHours.sendUntil), SMS caps \(.policy.smsCaps.perDay)/day \(.policy.smsCaps.perWeek)/week"'
