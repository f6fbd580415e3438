#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 with trust auth and a database `test`.
# Start the machine's cluster if it is stopped; install one from Debian if there is none.
set -euo pipefail
HOST=127.0.0.1 PORT=5432
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

answers() { command -v pg_isready >/dev/null && pg_isready -q -h "$HOST" -p "$PORT"; }

if ! answers; then
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "Installing PostgreSQL from Debian…"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    echo "no PostgreSQL cluster found under /etc/postgresql" >&2
    exit 1
  fi
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Local test databases only: trust connections from this machine, as the CI machine has it.
  if ! grep -q "shinchoku-test" "$hba"; then
    $sudo sed -i '1i host all all 127.0.0.1/32 trust # shinchoku-test\nhost all all ::1/128 trust # shinchoku-test\nlocal all all trust # shinchoku-test' "$hba"
  fi
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start || $sudo pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do answers && break; sleep 1; done
fi
answers || { echo "PostgreSQL does not answer on $HOST:$PORT" >&2; exit 1; }
if ! psql -h "$HOST" -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='test'" | grep -q 1; then
  psql -h "$HOST" -p "$PORT" -U postgres -c "create database test" >/dev/null
fi
