# Shared by scripts/test and scripts/run: install what is missing, configure, build.
# Sourced, not run. Every step says what it does; nothing is installed that is already there.

TRADEHOST_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian 12 packages the build and the tests need (DESIGN.md "Dependencies").
TRADEHOST_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-url1.81-dev libyaml-cpp-dev libtomlplusplus-dev nlohmann-json3-dev libsimdjson-dev
  libspdlog-dev libfmt-dev libssl-dev zlib1g-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)

th_log() { printf '[tradehost] %s\n' "$*" >&2; }

th_ensure_deps() {
  local missing=()
  local pkg
  for pkg in "${TRADEHOST_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  th_log "installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      th_log "error: packages missing and not root: run as root, or install: ${missing[*]}"
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# th_build <build-dir> [cmake options...]: configure once, then build incrementally.
th_build() {
  local dir="$1"
  shift
  # ccache: share hits between clones in different folders (CI clones afresh each run).
  export CCACHE_BASEDIR="$TRADEHOST_ROOT"
  export CCACHE_NOHASHDIR=true
  if [ ! -f "$dir/build.ninja" ]; then
    th_log "configuring $dir"
    cmake -S "$TRADEHOST_ROOT" -B "$dir" -G Ninja -DTRADEHOST_WERROR=ON "$@" >/dev/null
  fi
  th_log "building $dir"
  cmake --build "$dir" -j "$(nproc)"
}
