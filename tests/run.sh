#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine with the .NET 10 SDK:
# installs what the tests need when it is missing, builds with warnings as errors, runs all test
# projects, and ends with one summary line ("tests: N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }

if ! need dotnet; then
  echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
  exit 1
fi
# Tools the tests drive; installed from Debian's packages when missing (root or sudo).
apt_install() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null || $sudo apt-get install -y -qq --no-install-recommends "$@"
}
# samples/book-series.sh (run by SampleScriptTests) needs curl and jq.
for tool in curl jq; do
  need "$tool" || apt_install "$tool"
done
# ReminderDeliveryTests run a real SMTP server: aiosmtpd, from Debian's python3-aiosmtpd. The test
# fixture also tries /usr/bin/python3, as the python3 on the PATH may be a pyenv or venv one.
if ! python3 -c "import aiosmtpd" >/dev/null 2>&1 && ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  apt_install python3-aiosmtpd
fi

# The browser tests (tests/Scheduler.Web.Tests/Browser) drive Debian's Chromium through Playwright;
# Playwright's own browser download is never used. CHROMIUM_PATH points elsewhere if needed.
if [ -z "${CHROMIUM_PATH:-}" ] && ! [ -x /usr/bin/chromium ]; then
  apt_install chromium || apt_install chromium
fi
# The web project's build installs its front-end libraries with npm (package-lock.json).
need npm || apt_install nodejs npm

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build Scheduler.sln -c Release -warnaserror -nologo -v quiet

log=$(mktemp)
status=0
dotnet test Scheduler.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
