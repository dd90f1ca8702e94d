# shellcheck shell=bash
# Throw-away PostgreSQL cluster for tests (CI and local use).
#
#   In CI (.ci/run) or an interactive shell:
#       source .ci/postgres.sh
#       pg_start          # prints and exports DATABASE_URL, sets PG_CI_DIR
#       ...               # run tests
#       pg_stop           # stops the server and deletes the cluster
#
#   As a command:
#       eval "$(bash .ci/postgres.sh start)"   # prints `export DATABASE_URL=...` lines
#       bash .ci/postgres.sh stop [DIR]        # DIR defaults to $PG_CI_DIR
#
# The cluster lives in a fresh temp dir (/tmp/partnership-review-pg.XXXXXX), uses trust
# authentication, listens on 127.0.0.1 only, on a free port, with its socket inside the temp dir.
# It never touches a system cluster (such as Debian's 5432 "main").
#
# Where the binaries come from: $PG_BINDIR if set, else the newest /usr/lib/postgresql/*/bin
# (Debian), else initdb/pg_ctl on PATH. If none is found, `apt-get install postgresql` is run
# (as root, or through `sudo -n` for a non-root user), with Debian's automatic "main" cluster
# creation disabled for that install.
#
# As root, initdb/pg_ctl run as the unprivileged `postgres` user (initdb refuses root); as a
# non-root user they run as that user, who owns the temp dir.
#
# Knobs: PG_BINDIR, PG_CI_DB (default partnership_review_test), PG_CI_TMPDIR (default /tmp),
#        PG_CI_USER (OS user for the server when root, default postgres).
#
# This file is sourced: it must not change shell options and must never `exit`.

_pgci_say() { printf '[postgres] %s\n' "$*" >&2; }

# Run a command as the OS user that owns the cluster.
_pgci_as_owner() {
  if [ "$(id -u)" != 0 ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "${PG_CI_USER:-postgres}" -- "$@"
  elif command -v setpriv >/dev/null 2>&1; then
    local u="${PG_CI_USER:-postgres}"
    setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --init-groups -- "$@"
  else
    su -s /bin/sh "${PG_CI_USER:-postgres}" -c "$(printf '%q ' "$@")"
  fi
}

# Run a command as root (for apt-get): directly when root, else through passwordless sudo.
_pgci_as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    _pgci_say "need root to run: $*  (not root, and no passwordless sudo)"
    return 1
  fi
}

# Print the directory that holds initdb and pg_ctl, or fail.
pg_find_bindir() {
  local d
  if [ -n "${PG_BINDIR:-}" ]; then
    if [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ]; then
      printf '%s\n' "$PG_BINDIR"; return 0
    fi
    _pgci_say "PG_BINDIR=$PG_BINDIR has no initdb/pg_ctl"; return 1
  fi
  # Debian: version-specific folders, not on PATH. Newest version first.
  # shellcheck disable=SC2012  # the version folders have plain names
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      printf '%s\n' "$d"; return 0
    fi
  done
  # Other systems (Homebrew, PGDG RPMs with PATH set, ...).
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    d=$(dirname "$(command -v pg_ctl)")
    printf '%s\n' "$d"; return 0
  fi
  return 1
}

# Install Debian's postgresql package if initdb/pg_ctl are missing.
pg_ensure_installed() {
  if pg_find_bindir >/dev/null; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    _pgci_say "initdb/pg_ctl not found and apt-get is not available: install PostgreSQL or set PG_BINDIR"
    return 1
  fi
  _pgci_say "initdb/pg_ctl not found: installing Debian's postgresql package"
  local dropin=/etc/postgresql-common/createcluster.d/zz-partnership-review-ci.conf
  local before rc=0
  before=$(pg_lsclusters -h 2>/dev/null || true)
  # Tell postgresql-common not to create (and start) its default 5432 "main" cluster:
  # we only want the binaries. Removed again after the install.
  _pgci_as_root mkdir -p /etc/postgresql-common/createcluster.d || return 1
  printf '%s\n' '# temporary, written by partnership-review .ci/postgres.sh during apt-get install' \
    'create_main_cluster = false' | _pgci_as_root tee "$dropin" >/dev/null || return 1

  _pgci_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || _pgci_say "apt-get update failed; trying the install anyway"
  _pgci_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Use-Pty=0 postgresql || rc=$?
  _pgci_as_root rm -f "$dropin" || true
  _pgci_as_root rmdir /etc/postgresql-common/createcluster.d 2>/dev/null || true

  # Belt and braces: if the package still started a cluster of its own, stop it.
  local ver name port status rest
  while read -r ver name port status rest; do
    [ "$status" = online ] || continue
    if ! grep -q "^${ver}[[:space:]]\+${name}[[:space:]]" <<<"$before"; then
      _pgci_say "stopping cluster $ver/$name (port $port) auto-created by the package"
      _pgci_as_root pg_ctlcluster "$ver" "$name" stop || true
    fi
  done < <(pg_lsclusters -h 2>/dev/null || true)

  if [ "$rc" != 0 ]; then _pgci_say "apt-get install postgresql failed (exit $rc)"; return 1; fi
  pg_find_bindir >/dev/null || { _pgci_say "postgresql installed but initdb/pg_ctl still not found"; return 1; }
}

# Print a TCP port on 127.0.0.1 that is free right now.
_pgci_free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});' && return 0
  fi
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then printf '%s\n' "$p"; return 0; fi
  done
  return 1
}

# Start a fresh cluster. Sets PG_CI_DIR, PG_CI_PORT, PG_CI_URL; exports DATABASE_URL.
pg_start() {
  if [ -n "${PG_CI_DIR:-}" ] && [ -f "$PG_CI_DIR/data/postmaster.pid" ]; then
    _pgci_say "already running in $PG_CI_DIR (DATABASE_URL=$PG_CI_URL); run pg_stop first"
    return 1
  fi
  pg_ensure_installed || return 1
  local bindir dir user db port attempt
  bindir=$(pg_find_bindir) || return 1
  db=${PG_CI_DB:-partnership_review_test}

  if [ "$(id -u)" = 0 ]; then
    user=${PG_CI_USER:-postgres}
    if ! id -u "$user" >/dev/null 2>&1; then
      _pgci_say "creating system user $user"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$user" || return 1
    fi
  fi

  dir=$(mktemp -d "${PG_CI_TMPDIR:-/tmp}/partnership-review-pg.XXXXXX") || return 1
  : >"$dir/.partnership-review-pg"   # marker: pg_stop only deletes dirs that carry it
  printf 'BINDIR=%q\n' "$bindir" >"$dir/env"
  mkdir "$dir/sock" || return 1
  if [ "$(id -u)" = 0 ]; then chown -R "$user:" "$dir" || return 1; fi
  chmod 700 "$dir" || return 1
  PG_CI_DIR=$dir

  _pgci_say "initdb ($("$bindir/pg_ctl" --version)) in $dir/data"
  if ! (cd "$dir" && _pgci_as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
          --no-locale -E UTF8 --no-sync >"$dir/initdb.log" 2>&1); then
    cat "$dir/initdb.log" >&2
    _pgci_say "initdb failed"
    pg_stop; return 1
  fi
  # Throw-away data: trade durability for speed.
  cat >>"$dir/data/postgresql.conf" <<EOF

# added by .ci/postgres.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF

  for attempt in 1 2 3; do
    port=$(_pgci_free_port) || { _pgci_say "no free port found"; pg_stop; return 1; }
    if (cd "$dir" && _pgci_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
          -o "-p $port" start >/dev/null); then
      break
    fi
    _pgci_say "start on port $port failed (attempt $attempt); server log:"
    tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
    port=
  done
  if [ -z "$port" ]; then pg_stop; return 1; fi
  printf 'PORT=%q\n' "$port" >>"$dir/env"

  if ! "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "create database \"$db\"" </dev/null; then
    _pgci_say "could not create database $db"
    pg_stop; return 1
  fi

  PG_CI_PORT=$port
  PG_CI_URL="postgres://postgres@127.0.0.1:$port/$db"
  export PG_CI_DIR PG_CI_PORT PG_CI_URL
  export DATABASE_URL=$PG_CI_URL
  _pgci_say "running: DATABASE_URL=$PG_CI_URL (data and log in $dir)"
  printf 'export PG_CI_DIR=%q\nexport DATABASE_URL=%q\n' "$dir" "$PG_CI_URL"
}

# Stop the server and delete the cluster. Argument: cluster dir (default $PG_CI_DIR).
# Safe to call more than once, and quiet when there is nothing to do.
pg_stop() {
  local dir=${1:-${PG_CI_DIR:-}}
  [ -n "$dir" ] || return 0
  if [ ! -d "$dir" ]; then
    [ "$dir" = "${PG_CI_DIR:-}" ] && unset PG_CI_DIR PG_CI_PORT PG_CI_URL
    return 0
  fi
  if [ ! -f "$dir/.partnership-review-pg" ]; then
    _pgci_say "$dir is not a cluster made by pg_start; not touching it"
    return 1
  fi
  local BINDIR="" PORT="" pid rc=0
  # shellcheck disable=SC1091
  . "$dir/env" 2>/dev/null || true
  if [ -f "$dir/data/postmaster.pid" ]; then
    if [ -n "$BINDIR" ] && (cd "$dir" && _pgci_as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1); then
      _pgci_say "stopped server on port ${PORT:-?}"
    else
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        _pgci_say "pg_ctl stop failed; sending SIGQUIT to postmaster $pid"
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; rc=1; fi
      fi
    fi
  fi
  rm -rf "$dir" || rc=1
  if [ "$dir" = "${PG_CI_DIR:-}" ]; then
    [ "${DATABASE_URL:-}" = "${PG_CI_URL:-}" ] && unset DATABASE_URL
    unset PG_CI_DIR PG_CI_PORT PG_CI_URL
  fi
  return "$rc"
}

# Executed (not sourced): subcommands.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    start) pg_start ;;
    stop) pg_stop "${2:-}" ;;
    *) echo "usage: bash $0 start | stop [DIR]   (or: source $0; pg_start; ...; pg_stop)" >&2; exit 2 ;;
  esac
fi
