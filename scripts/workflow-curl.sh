#!/usr/bin/env bash
# The same 15 requests as `p1wizard run`, with curl and jq: the baseline of scripts/bench-headless.sh.
# Usage: workflow-curl.sh API_PATH AUTH_PATH ENV_ID CLIENT_ID SECRET_FILE
set -euo pipefail
api=$1 auth=$2 env=$3 client=$4 secret=$(cat "$5")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
jar="$work/cookies"
suffix="$(date +%s%N)-$$"
redirect="https://www.example.com"
password="Bench-Passw0rd-$suffix"
enc() { jq -rn --arg v "$1" '$v|@uri'; }

# 0 worker token
basic=$(printf '%s:%s' "$(enc "$client")" "$(enc "$secret")" | base64 -w0)
token=$(curl -sf -X POST "$auth/$env/as/token" -H "Authorization: Basic $basic" \
  -H 'Content-Type: application/x-www-form-urlencoded' -d grant_type=client_credentials | jq -er .access_token)
bearer=(-H "Authorization: Bearer $token")
# 1 application
app=$(curl -sf -X POST "$api/environments/$env/applications" "${bearer[@]}" -H 'Content-Type: application/json' -d "$(jq -n \
  --arg name "curl-app-$suffix" --arg r "$redirect" '{name:$name, enabled:true, type:"WEB_APP", protocol:"OPENID_CONNECT",
  grantTypes:["AUTHORIZATION_CODE"], responseTypes:["CODE"], tokenEndpointAuthMethod:"CLIENT_SECRET_BASIC",
  redirectUris:[$r], postLogoutRedirectUris:[$r]}')" | jq -er .id)
# 2 secret
appsecret=$(curl -sf "$api/environments/$env/applications/$app/secret" "${bearer[@]}" | jq -er .secret)
# 3 resources, every page
url="$api/environments/$env/resources"; resource=""
while [ -n "$url" ] && [ -z "$resource" ]; do
  page=$(curl -sf "$url" "${bearer[@]}")
  resource=$(jq -r '._embedded.resources[] | select(.name=="PingOne API" and .type=="PINGONE_API") | .id' <<<"$page")
  url=$(jq -r '._links.next.href // empty' <<<"$page")
done
# 4 scopes, every page
url="$api/environments/$env/resources/$resource/scopes"; scope=""
while [ -n "$url" ]; do
  page=$(curl -sf "$url" "${bearer[@]}")
  found=$(jq -r '._embedded.scopes[] | select(.name=="p1:update:user") | .id' <<<"$page")
  [ -n "$found" ] && scope=$found
  url=$(jq -r '._links.next.href // empty' <<<"$page")
done
# 5 grant
curl -sf -X POST "$api/environments/$env/applications/$app/grants" "${bearer[@]}" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg r "$resource" --arg s "$scope" '{resource:{id:$r}, scopes:[{id:$s}]}')" | jq -er .id >/dev/null
# 6 population
pop=$(curl -sf -X POST "$api/environments/$env/populations" "${bearer[@]}" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg n "curl-pop-$suffix" '{name:$n, description:"bench"}')" | jq -er .id)
# 7 user
user=$(curl -sf -X POST "$api/environments/$env/users" "${bearer[@]}" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg u "curl-user-$suffix" --arg p "$pop" '{username:$u, email:($u+"@example.com"), name:{given:"Ada",family:"Lovelace"}, population:{id:$p}}')" | jq -er .id)
# 8 password
curl -sf -X PUT "$api/environments/$env/users/$user/password" "${bearer[@]}" \
  -H 'Content-Type: application/vnd.pingidentity.password.set+json' \
  -d "$(jq -n --arg v "$password" '{value:$v, forceChange:false}')" >/dev/null
# 9 authorize (no redirect following)
location=$(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{redirect_url}' \
  "$auth/$env/as/authorize?response_type=code&client_id=$app&redirect_uri=$(enc "$redirect")&scope=p1%3Aupdate%3Auser")
flow=${location##*flowId=}
# 10 flow
curl -sf -c "$jar" -b "$jar" "$auth/$env/flows/$flow" | jq -er .status >/dev/null
# 11 username/password
curl -sf -c "$jar" -b "$jar" -X POST "$auth/$env/flows/$flow" \
  -H 'Content-Type: application/vnd.pingidentity.usernamePassword.check+json' \
  -d "$(jq -n --arg u "curl-user-$suffix" --arg p "$password" '{username:$u, password:$p}')" | jq -er .status >/dev/null
# 12 resume
back=$(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{redirect_url}' "$auth/$env/as/resume?flowId=$flow")
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$back")
# 13 token
appbasic=$(printf '%s:%s' "$(enc "$app")" "$(enc "$appsecret")" | base64 -w0)
usertoken=$(curl -sf -X POST "$auth/$env/as/token" -H "Authorization: Basic $appbasic" \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" | jq -er .access_token)
# 14 update with the user's own token
given=$(curl -sf -X PATCH "$api/environments/$env/users/$user" -H "Authorization: Bearer $usertoken" \
  -H 'Content-Type: application/json' -d '{"name":{"given":"Augusta"}}' | jq -er .name.given)
[ "$given" = "Augusta" ]
