#!/bin/sh
# Creates (or brings up to date) Temporal's two PostgreSQL databases, as Temporal's own compose examples do for
# the postgres12 plugin. Every step is idempotent: `create` and `setup-schema` leave existing ones alone and
# `update-schema` applies only missing versions, so this runs on every `docker compose up`.
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
PORT="${DB_PORT:-5432}"
SCHEMA=/etc/temporal/schema/postgresql/v12

until nc -z "$POSTGRES_SEEDS" "$PORT"; do sleep 1; done
for db in temporal visibility; do
  name=$([ "$db" = temporal ] && echo temporal || echo temporal_visibility)
  sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$PORT" -u "$POSTGRES_USER" --db "$name" "$@"; }
  sql create
  sql setup-schema -v 0.0
  sql update-schema -d "$SCHEMA/$db/versioned"
done
echo 'Temporal schema ready'
