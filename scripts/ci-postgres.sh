#!/usr/bin/env bash
# PostgreSQL 15 for the test suite on a fresh Debian machine: installs it, starts the cluster,
# creates a superuser role for the current login and the test database. Safe to run twice.
# Afterwards: export DATABASE_URL=postgres:///declass_test
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql/15/main ]; then
  apt-get update -qq
  apt-get install -y -qq postgresql-15
fi
# Start the cluster unless it already runs.
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start

login="$(id -un)"
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '${login}'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE \\\"${login}\\\" SUPERUSER LOGIN\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'declass_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O \"${login}\" declass_test"
echo "PostgreSQL ready: export DATABASE_URL=postgres:///declass_test"
