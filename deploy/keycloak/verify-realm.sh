#!/usr/bin/env bash
# Checks the tokens issued by the LOCAL realm (elkarlan-realm-local.json).
# Usage: verify-realm.sh [BASE_URL]   (default http://127.0.0.1:8180)
# Needs only bash, curl, grep, sed, tr, base64. Exits non-zero on the first failure.
# With ADMIN_USER/ADMIN_PASSWORD (default admin/admin, master realm) it also creates a throw-away
# company user through the admin API, checks that it can use the password grant, and deletes it;
# set SKIP_ADMIN=1 to skip that part.
set -u

BASE_URL="${1:-http://127.0.0.1:8180}"
BASE_URL="${BASE_URL%/}"
REALM=elkarlan
ISSUER="http://127.0.0.1:8180/realms/${REALM}"
TOKEN_URL="${BASE_URL}/realms/${REALM}/protocol/openid-connect/token"
ADMIN_USER="${ADMIN_USER:-admin}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"

failures=0
ok()   { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; failures=$((failures + 1)); }

# value of a top-level string field of a flat JSON object (enough for token responses)
json_field() { printf '%s' "$2" | tr -d '\n' | grep -o "\"$1\" *: *\"[^\"]*\"" | head -n1 | sed 's/^[^:]*: *"//; s/"$//'; }

# payload (middle part) of a JWT, base64url-decoded
jwt_payload() {
  local p
  p=$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="${p}="; done
  printf '%s' "$p" | base64 -d 2>/dev/null
}

# array claim as one line, e.g. "elkarlan-api","account"  (or a single string value)
claim_aud()   { printf '%s' "$1" | grep -o '"aud" *: *\(\[[^]]*\]\|"[^"]*"\)' | head -n1; }
claim_roles() { printf '%s' "$1" | grep -o '"realm_access" *: *{ *"roles" *: *\[[^]]*\]' | head -n1; }
claim_iss()   { json_field iss "$1"; }

# check_token LABEL PAYLOAD MUST_HAVE_ROLE [MUST_NOT_HAVE_ROLE...]
check_token() {
  local label=$1 payload=$2 want=$3; shift 3
  local iss aud roles r
  iss=$(claim_iss "$payload"); aud=$(claim_aud "$payload"); roles=$(claim_roles "$payload")
  if [ "$iss" = "$ISSUER" ]; then ok "$label: iss=$iss"; else fail "$label: iss='$iss', expected $ISSUER"; fi
  if printf '%s' "$aud" | grep -q '"elkarlan-api"'; then ok "$label: aud contains elkarlan-api"; else fail "$label: aud lacks elkarlan-api ($aud)"; fi
  if printf '%s' "$roles" | grep -q "\"$want\""; then ok "$label: realm_access.roles contains $want"; else fail "$label: realm_access.roles lacks $want ($roles)"; fi
  for r in "$@"; do
    if printf '%s' "$roles" | grep -q "\"$r\""; then fail "$label: realm_access.roles must not contain $r ($roles)"; else ok "$label: realm_access.roles has no $r"; fi
  done
}

password_token() { # user password -> access token (empty on failure)
  local resp
  resp=$(curl -s -X POST "$TOKEN_URL" -d grant_type=password -d client_id=web \
    --data-urlencode "username=$1" --data-urlencode "password=$2")
  json_field access_token "$resp"
  [ -n "$(json_field access_token "$resp")" ] || printf 'token response for %s: %s\n' "$1" "$resp" >&2
}

curl -s -f -o /dev/null "${BASE_URL}/realms/${REALM}/.well-known/openid-configuration" \
  || { fail "realm ${REALM} not reachable at ${BASE_URL}"; exit 1; }
ok "realm ${REALM} reachable at ${BASE_URL}"

# 1. demo users, password grant on the public client web
t=$(password_token demo-company demo)
if [ -n "$t" ]; then ok "password grant demo-company"; check_token demo-company "$(jwt_payload "$t")" company organizer partner admin
else fail "password grant demo-company"; fi

t=$(password_token demo-organizer demo)
if [ -n "$t" ]; then ok "password grant demo-organizer"; check_token demo-organizer "$(jwt_payload "$t")" organizer company partner admin
else fail "password grant demo-organizer"; fi

t=$(password_token demo-admin demo)
if [ -n "$t" ]; then ok "password grant demo-admin"; check_token demo-admin "$(jwt_payload "$t")" admin partner
else fail "password grant demo-admin"; fi

# 2. partner-demo, client credentials
resp=$(curl -s -X POST "$TOKEN_URL" -d grant_type=client_credentials -d client_id=partner-demo -d client_secret=partner-demo-secret)
t=$(json_field access_token "$resp")
if [ -n "$t" ]; then ok "client_credentials partner-demo"; check_token partner-demo "$(jwt_payload "$t")" partner company organizer admin
else fail "client_credentials partner-demo: $resp"; fi

# 3. issuer fixed whatever Host header a request carries
host=$(printf '%s' "$BASE_URL" | sed 's#^[a-z]*://##; s#/.*##')
iss=$(json_field issuer "$(curl -s -H "Host: localhost.elkarlan.test" "${BASE_URL}/realms/${REALM}/.well-known/openid-configuration")")
if [ "$iss" = "$ISSUER" ]; then ok "issuer fixed for a foreign Host header"; else fail "issuer with foreign Host header: '$iss' (server at $host)"; fi

# 4. a user created through the admin API can use the password grant at once
if [ "${SKIP_ADMIN:-0}" != "1" ]; then
  resp=$(curl -s -X POST "${BASE_URL}/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$ADMIN_USER" --data-urlencode "password=$ADMIN_PASSWORD")
  at=$(json_field access_token "$resp")
  if [ -z "$at" ]; then
    fail "admin token (master realm, $ADMIN_USER): $resp"
  else
    ADMIN="${BASE_URL}/admin/realms/${REALM}"
    uname="verify-$(date +%s)-$$"
    pw="Verify-${RANDOM}-Pass-1"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$ADMIN/users" -H "Authorization: Bearer $at" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$uname\",\"enabled\":true,\"email\":\"$uname@elkarlan.local\",\"emailVerified\":true,\"firstName\":\"Verify\",\"lastName\":\"Script\",\"credentials\":[{\"type\":\"password\",\"value\":\"$pw\",\"temporary\":false}]}")
    uid=$(curl -s -H "Authorization: Bearer $at" "$ADMIN/users?username=$uname&exact=true" | grep -o '"id" *: *"[^"]*"' | head -n1 | sed 's/.*: *"//; s/"$//')
    role=$(curl -s -H "Authorization: Bearer $at" "$ADMIN/roles/company")
    if [ "$code" = 201 ] && [ -n "$uid" ]; then
      ok "admin API created user $uname"
      code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$ADMIN/users/$uid/role-mappings/realm" -H "Authorization: Bearer $at" -H 'Content-Type: application/json' -d "[$role]")
      [ "$code" = 204 ] && ok "role company assigned" || fail "assign role company: HTTP $code"
      t=$(password_token "$uname" "$pw")
      if [ -n "$t" ]; then ok "password grant for the new user"; check_token "$uname" "$(jwt_payload "$t")" company organizer partner admin
      else fail "password grant for the user created through the admin API"; fi
      curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $at" "$ADMIN/users/$uid"
    else
      fail "admin API user creation: HTTP $code"
    fi
  fi
fi

if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
echo "all checks passed"
