# Shared by the fake gpiod tools (test/support/fake-gpio-tools.ts puts this folder first on PATH).
# State lives in $FAKE_GPIO_DIR: "chips" (name and line count per line), "names" (NAME chip offset per line),
# "log" (one line per event: <ns> <pid> <tool> <event> <chip> <offset> <value> <detail>), "held-<chip>-<offset>"
# (pid of the process holding a line, as the kernel tracks requests), "edges-<chip>-<offset>" (edges to play).
# FAKE_GPIOD_VERSION selects the command line of libgpiod 1.6 (1) or 2.x (2, default).
set -u
: "${FAKE_GPIO_DIR:?FAKE_GPIO_DIR must be set}"
FAKE_GPIOD_VERSION=${FAKE_GPIOD_VERSION:-2}
tool=$(basename "$0")

die() {
  echo "$tool: $*" >&2
  exit 1
}

log() {
  printf '%s %s %s %s\n' "$(date +%s%N)" "$$" "$tool" "$*" >> "$FAKE_GPIO_DIR/log"
}

version_flag() {
  for arg in "$@"; do
    case "$arg" in
      -v|--version)
        if [ "$FAKE_GPIOD_VERSION" = 1 ]; then echo "$tool (libgpiod) v1.6.3"; else echo "$tool (libgpiod) v2.1.3"; fi
        exit 0 ;;
    esac
  done
}

check_chip() {
  grep -q "^$1 " "$FAKE_GPIO_DIR/chips" 2>/dev/null || {
    if [ "$FAKE_GPIOD_VERSION" = 1 ]; then die "error opening gpiochip '$1': No such file or directory"; else die "cannot find GPIO chip character device '$1'"; fi
  }
  count=$(grep "^$1 " "$FAKE_GPIO_DIR/chips" | cut -d' ' -f2)
  [ "$2" -lt "$count" ] 2>/dev/null || die "offset $2 out of range on chip '$1'"
}

# resolve_line CHIP ID -> sets chip and offset (v2: ID is an offset when CHIP is given and ID is numeric, else a name)
resolve_line() {
  case "$2" in
    *[!0-9]*|'')
      found=$(grep "^$2 " "$FAKE_GPIO_DIR/names" 2>/dev/null | head -n1)
      [ -n "$found" ] || die "cannot find line '$2'"
      chip=$(echo "$found" | cut -d' ' -f2)
      offset=$(echo "$found" | cut -d' ' -f3)
      [ -z "$1" ] || [ "$1" = "$chip" ] || die "cannot find line '$2' on chip '$1'" ;;
    *)
      [ -n "$1" ] || die "cannot find line '$2'"
      chip=$1
      offset=$2 ;;
  esac
}

# acquire CHIP OFFSET: refuse a line a live process holds, like the kernel (EBUSY), else record this process.
acquire() {
  held="$FAKE_GPIO_DIR/held-$1-$2"
  if [ -f "$held" ]; then
    holder=$(cat "$held")
    if [ "$holder" != "$$" ] && kill -0 "$holder" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$holder/stat" 2>/dev/null; then
      if [ "$FAKE_GPIOD_VERSION" = 1 ]; then die "error setting the GPIO line values: Device or resource busy"; else die "unable to request lines on chip '/dev/$1': Device or resource busy"; fi
    fi
  fi
  echo "$$" > "$held"
}
