#!/bin/sh
# Once the server answers: the namespace the suite runs in, and the search attributes every procedure writes.
# Keep the list in step with SEARCH_ATTRIBUTES in libs/contracts/src/procedures.ts (tests/unit/deploy.spec.ts checks it).
set -eu
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
SEARCH_ATTRIBUTES='ProcedureType=Keyword EstateId=Keyword JurisdictionCode=Keyword Stage=Keyword DueAt=Datetime'

until temporal operator cluster health >/dev/null 2>&1; do sleep 2; done
temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$NAMESPACE" --retention 720h
# A namespace just created takes a moment to reach every service's cache.
until temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; do sleep 2; done

existing=$(temporal operator search-attribute list --namespace "$NAMESPACE")
for attribute in $SEARCH_ATTRIBUTES; do
  name=${attribute%%=*}
  type=${attribute##*=}
  if echo "$existing" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type"
  fi
done
echo "Namespace $NAMESPACE ready"
