#!/usr/bin/env bash
# OssNet.Sdk build entry point.
#   ./build.sh prereq   check (and on Debian 12 as root, install) the native prerequisite of TorchSharp
#   ./build.sh build    restore and build the solution (Release)
#   ./build.sh test     run every test project; prints "N passed, N failed[, N skipped]" last
#   ./build.sh demo     run the quick-start sample on the built-in synthetic data
#   ./build.sh pack     produce the NuGet packages into artifacts/packages
# Extra arguments after the command are passed to the underlying dotnet call.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration="${CONFIGURATION:-Release}"

# TorchSharp 0.107's native shim (libLibTorchSharp.so) was built with GCC 13+ and needs a libstdc++ that
# exports GLIBCXX_3.4.32. Debian 12 ships GCC 12's libstdc++; Debian 13 ("trixie") has it.
glibcxx_ok() {
  local lib
  for lib in /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -e "$lib" ] && grep -qa 'GLIBCXX_3.4.32' "$lib" && return 0
  done
  return 1
}

prereq() {
  if [ "$(uname -s)" != "Linux" ] || glibcxx_ok; then
    return 0
  fi
  local id="" version=""
  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    . /etc/os-release
    id="${ID:-}" version="${VERSION_ID:-}"
  fi
  if [ "$id" = "debian" ] && [ "$version" = "12" ] && [ "$(id -u)" = "0" ]; then
    echo "build.sh: libstdc++ lacks GLIBCXX_3.4.32 (needed by TorchSharp 0.107); installing libstdc++6 from Debian 13 behind a low apt pin" >&2
    cat > /etc/apt/sources.list.d/ossnet-trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    # Priority 100: nothing is taken from trixie unless asked for with -t trixie (or needed by what was).
    cat > /etc/apt/preferences.d/ossnet-trixie-low <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
    # Unrelated third-party sources may be unreachable; the install below is what must succeed.
    apt-get update -qq || echo "build.sh: apt-get update reported errors; trying the install anyway" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie --no-install-recommends libstdc++6 >/dev/null
    if glibcxx_ok; then
      echo "build.sh: libstdc++ now provides GLIBCXX_3.4.32" >&2
      return 0
    fi
    echo "build.sh: the install finished but GLIBCXX_3.4.32 is still missing" >&2
    exit 1
  fi
  cat >&2 <<MSG
build.sh: TorchSharp 0.107 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer); this system's lacks it.
  Ubuntu 24.04+, Debian 13+, Fedora 39+ have it. On Debian 12, run this script as root and it installs
  libstdc++6 from Debian 13 behind an apt pin of priority 100 (see docs/getting-started.md).
  On Ubuntu 22.04: sudo add-apt-repository ppa:ubuntu-toolchain-r/test && sudo apt-get install libstdc++6
MSG
  exit 1
}

build() {
  dotnet build OssNet.Sdk.sln -c "$configuration" "$@"
}

run_tests() {
  # libtorch's OpenMP threads otherwise spin-wait between ops, which starves the other test process on a 2-core box.
  export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  local results_dir="artifacts/test-results"
  rm -rf "$results_dir"
  mkdir -p "$results_dir"
  build -warnaserror
  local status=0
  # Slow tests (Category=Slow) stay out of the default run; OSSNET_TEST_ALL=1 includes them.
  local filter=(--filter-not-trait "Category=Slow")
  [ "${OSSNET_TEST_ALL:-0}" = "1" ] && filter=()
  dotnet test --solution OssNet.Sdk.sln -c "$configuration" --no-build \
    --results-directory "$results_dir" --report-xunit-trx "${filter[@]}" "$@" || status=$?
  python3 scripts/summarize-trx.py "$results_dir" || status=1
  return $status
}

cmd="${1:-build}"
shift || true
case "$cmd" in
  prereq) prereq ;;
  build) prereq; build "$@" ;;
  test) prereq; run_tests "$@" ;;
  demo) prereq; export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"; dotnet run --project samples/OssNet.Samples.QuickStart -c "$configuration" -- "$@" ;;
  pack) dotnet pack OssNet.Sdk.sln -c "$configuration" -o artifacts/packages "$@" ;;
  *) echo "usage: ./build.sh [prereq|build|test|demo|pack] [dotnet args…]" >&2; exit 2 ;;
esac
