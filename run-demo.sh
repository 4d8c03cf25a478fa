#!/usr/bin/env bash
# Builds the provider JAR and starts Keycloak 26.7.0 (the official distribution from Maven Central, no Docker)
# with Deepfake Guard and the demo realm on http://localhost:8080, dev database, embedded scorer.
set -euo pipefail

KEYCLOAK_VERSION=26.7.0
PORT="${DFG_DEMO_PORT:-8080}"
ROOT="$(cd "$(dirname "$0")" && pwd)"
DEMO="$ROOT/.demo"
KC="$DEMO/keycloak-$KEYCLOAK_VERSION"

cd "$ROOT"
mvn -B -q -DskipTests -pl provider,realm-examples -am package
mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
    -DoutputDirectory="$DEMO" -Dmdep.overWriteIfNewer=true
if [ ! -x "$KC/bin/kc.sh" ]; then
    tar -xzf "$DEMO/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" -C "$DEMO"
fi
rm -f "$KC"/providers/deepfake-guard-keycloak-*.jar
cp provider/target/deepfake-guard-keycloak-*.jar "$KC/providers/"
mkdir -p "$KC/data/import"
cp realm-examples/src/main/realms/*.json "$KC/data/import/"

cat <<INFO

  Deepfake Guard demo
  -------------------
  Sign in:       http://localhost:$PORT/realms/deepfake-guard-demo/account/
                 alice / alice, carol / carol (has an OTP app), bob / bob (always stepped up)
  Admin realm:   http://localhost:$PORT/admin/deepfake-guard-admin/console/   ann / ann (+ OTP)
  Helpdesk:      http://localhost:$PORT/realms/deepfake-guard-demo/deepfake-guard-helpdesk/
                 agent helen / helen, approver arthur / arthur (docs/helpdesk.md)
  Metrics:       http://localhost:9000/metrics (dfg_* meters; monitoring/ has the dashboard and alert rules)
  Keycloak:      http://localhost:$PORT/admin/   admin / admin
  The audit trail signs with a generated development key here (see docs/audit.md for a real keystore).
  Stop with Ctrl+C. Data lives in $KC/data (delete it to start afresh).

INFO

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
exec "$KC/bin/kc.sh" start-dev --http-port="$PORT" --import-realm --metrics-enabled=true
