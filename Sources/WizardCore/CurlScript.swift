import Foundation
import PingOneAPI

/// `p1wizard export curl`: the run's 15 requests as a POSIX shell script of curl commands.
/// Secrets are environment variables (listed in an `export` block at the top) and never appear
/// on a command line: curl reads headers that carry them from its standard input (`-K -`) and
/// bodies from a 0600 temporary file. IDs the run found (environment, worker, PingOne API
/// resource, scopes) are filled in; what the script creates it captures with jq as it goes.
/// Redirects are never followed; cookies are kept in a jar file.
public enum CurlScript {
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The script for `journal`.
    public static func make(from journal: Journal) -> String {
        let i = journal.inputs
        let endpoints = (try? i.endpoints()) ?? Endpoints(region: i.region)
        let resourceID = journal.captures.first { $0.key == .resourceID }?.values.first ?? ""
        let scopeIDs = journal.captures.first { $0.key == .scopeIDs }?.values ?? []
        let patch = JSONValue.object(i.attributePatch).compactText
        let tokenAuth = i.workerAuthMethod
        let pkceNote = i.pkce ? "\n# This run used PKCE: the script sends the same code_challenge as a plain request would not; it does not." : ""
        return """
            #!/bin/sh
            # The requests of p1wizard run \(journal.runID), as curl commands (p1wizard export curl).
            # Needs curl and jq. Redirects are never followed (no -L): the 302s of steps 9 and 12 are read.
            # Cookies live in a jar file. Secrets come from these variables and never appear in a
            # command line (curl reads them from stdin or a 0600 file):
            export PINGONE_CLIENT_SECRET="${PINGONE_CLIENT_SECRET:?set PINGONE_CLIENT_SECRET to the worker client secret}"
            export P1WIZARD_USER_PASSWORD="${P1WIZARD_USER_PASSWORD:?set P1WIZARD_USER_PASSWORD to the user password (8 to 255 characters)}"\(pkceNote)
            set -eu
            umask 077

            API=\(quote(endpoints.apiBase.absoluteString))
            AUTH=\(quote(endpoints.authBase.absoluteString))
            ENV_ID=\(quote(i.environmentID))
            ADMIN_ENV_ID=\(quote(i.effectiveAdminEnvironmentID))
            CLIENT_ID=\(quote(i.workerClientID))
            RESOURCE_ID=\(quote(resourceID))    # the PingOne API resource, found in step 3 of the run
            SCOPE_IDS=\(quote(scopeIDs.joined(separator: " ")))    # \(i.scopes.joined(separator: " ")), found in step 4
            SUFFIX="${SUFFIX:-}"    # appended to names, to run the script again in the same environment
            APP_NAME=\(quote(i.appName))"$SUFFIX"
            REDIRECT_URI=\(quote(i.redirectURI))
            SCOPES=\(quote(i.scopes.joined(separator: " ")))
            POPULATION_NAME=\(quote(i.populationName))"$SUFFIX"
            USERNAME=\(quote(i.username))"$SUFFIX"
            EMAIL=\(quote(i.email))
            GIVEN_NAME=\(quote(i.givenName))
            FAMILY_NAME=\(quote(i.familyName))
            PATCH=\(quote(patch))

            TMP=$(mktemp -d)
            trap 'rm -rf "$TMP"' EXIT
            JAR="$TMP/cookies"
            : >"$JAR"

            # call METHOD URL AUTHORIZATION CONTENT-TYPE BODY: prints the response body; stops on an error status.
            # An empty AUTHORIZATION sends none; an empty CONTENT-TYPE sends no body.
            call() {
              c_method=$1 c_url=$2 c_type=$4
              printf '%s' "$5" >"$TMP/body"
              if [ -n "$3" ]; then printf 'header = "Authorization: %s"\n' "$3" >"$TMP/auth"; else : >"$TMP/auth"; fi
              if [ -n "$c_type" ]; then
                code=$(curl -sS -K "$TMP/auth" -X "$c_method" "$c_url" -H 'Accept: application/json' -H "Content-Type: $c_type" \
                  --data-binary @"$TMP/body" -b "$JAR" -c "$JAR" -o "$TMP/out" -w '%{http_code}') || { echo "no answer from $c_url" >&2; exit 4; }
              else
                code=$(curl -sS -K "$TMP/auth" -X "$c_method" "$c_url" -H 'Accept: application/json' \
                  -b "$JAR" -c "$JAR" -o "$TMP/out" -w '%{http_code}') || { echo "no answer from $c_url" >&2; exit 4; }
              fi
              case "$code" in
                2??) cat "$TMP/out" ;;
                *) echo "HTTP $code from $c_method $c_url: $(cat "$TMP/out")" >&2; exit 3 ;;
              esac
            }
            # location URL: the Location of a 302, not followed.
            location() {
              curl -sS -o /dev/null -b "$JAR" -c "$JAR" -w '%{http_code} %{redirect_url}' "$1"
            }
            enc() { jq -rn --arg v "$1" '$v|@uri'; }
            basic() { printf 'Basic %s' "$(printf '%s:%s' "$(enc "$1")" "$(enc "$2")" | base64 | tr -d '\\n')"; }

            echo '0 Get a worker token' >&2
            TOKEN=$(call POST "$AUTH/$ADMIN_ENV_ID/as/token" "\(tokenAuth == .clientSecretBasic ? "$(basic \"$CLIENT_ID\" \"$PINGONE_CLIENT_SECRET\")" : "")" application/x-www-form-urlencoded \\
              "grant_type=client_credentials\(tokenAuth == .clientSecretPost ? "&client_id=$(enc \"$CLIENT_ID\")&client_secret=$(enc \"$PINGONE_CLIENT_SECRET\")" : "")" | jq -er .access_token)
            echo '1 Create the application' >&2
            APP_ID=$(call POST "$API/environments/$ENV_ID/applications" "Bearer $TOKEN" application/json "$(jq -n --arg n "$APP_NAME" --arg r "$REDIRECT_URI" \\
              '{name:$n, enabled:true, type:"WEB_APP", protocol:"OPENID_CONNECT", grantTypes:["AUTHORIZATION_CODE"], responseTypes:["CODE"],
                tokenEndpointAuthMethod:"CLIENT_SECRET_BASIC", redirectUris:[$r], postLogoutRedirectUris:[$r]}')" | jq -er .id)
            echo '2 Read the application secret' >&2
            APP_SECRET=$(call GET "$API/environments/$ENV_ID/applications/$APP_ID/secret" "Bearer $TOKEN" "" "" | jq -er .secret)
            echo '3 The PingOne API resource (from the run)' >&2
            call GET "$API/environments/$ENV_ID/resources/$RESOURCE_ID" "Bearer $TOKEN" "" "" | jq -er '.name' >/dev/null
            echo '4 The scopes (from the run)' >&2
            call GET "$API/environments/$ENV_ID/resources/$RESOURCE_ID/scopes" "Bearer $TOKEN" "" "" >/dev/null
            echo '5 Grant the scopes' >&2
            call POST "$API/environments/$ENV_ID/applications/$APP_ID/grants" "Bearer $TOKEN" application/json \\
              "$(jq -n --arg r "$RESOURCE_ID" --arg s "$SCOPE_IDS" '{resource:{id:$r}, scopes:($s|split(" ")|map({id:.}))}')" | jq -er .id >/dev/null
            echo '6 Create the population' >&2
            POPULATION_ID=$(call POST "$API/environments/$ENV_ID/populations" "Bearer $TOKEN" application/json \\
              "$(jq -n --arg n "$POPULATION_NAME" '{name:$n}')" | jq -er .id)
            echo '7 Create the user' >&2
            USER_ID=$(call POST "$API/environments/$ENV_ID/users" "Bearer $TOKEN" application/json "$(jq -n --arg u "$USERNAME" --arg e "$EMAIL" \\
              --arg g "$GIVEN_NAME" --arg f "$FAMILY_NAME" --arg p "$POPULATION_ID" '{username:$u, email:$e, name:{given:$g, family:$f}, population:{id:$p}}')" | jq -er .id)
            echo '8 Set the password' >&2
            call PUT "$API/environments/$ENV_ID/users/$USER_ID/password" "Bearer $TOKEN" application/vnd.pingidentity.password.set+json \\
              "$(jq -n --arg v "$P1WIZARD_USER_PASSWORD" '{value:$v, forceChange:false}')" >/dev/null
            echo '9 Authorize (302, not followed)' >&2
            set -- $(location "$AUTH/$ENV_ID/as/authorize?response_type=code&client_id=$APP_ID&redirect_uri=$(enc "$REDIRECT_URI")&scope=$(enc "$SCOPES")")
            [ "$1" = 302 ] || { echo "authorize answered $1, not 302" >&2; exit 3; }
            FLOW_ID=$(printf '%s' "$2" | sed -n 's/.*[?&]flowId=\\([^&]*\\).*/\\1/p')
            echo '10 Read the flow' >&2
            call GET "$AUTH/$ENV_ID/flows/$FLOW_ID" "" "" "" | jq -er .status >/dev/null
            echo '11 Check the username and password' >&2
            call POST "$AUTH/$ENV_ID/flows/$FLOW_ID" "" application/vnd.pingidentity.usernamePassword.check+json \\
              "$(jq -n --arg u "$USERNAME" --arg p "$P1WIZARD_USER_PASSWORD" '{username:$u, password:$p}')" | jq -er .status >/dev/null
            echo '12 Resume (302 to the redirect URI, not followed)' >&2
            set -- $(location "$AUTH/$ENV_ID/as/resume?flowId=$FLOW_ID")
            CODE=$(printf '%s' "$2" | sed -n 's/.*[?&]code=\\([^&]*\\).*/\\1/p')
            [ -n "$CODE" ] || { echo "resume gave no code (was the ST cookie sent?)" >&2; exit 3; }
            echo '13 Exchange the code' >&2
            USER_TOKEN=$(call POST "$AUTH/$ENV_ID/as/token" "$(basic "$APP_ID" "$APP_SECRET")" application/x-www-form-urlencoded \\
              "grant_type=authorization_code&code=$(enc "$CODE")&redirect_uri=$(enc "$REDIRECT_URI")" | jq -er .access_token)
            echo '14 Update the user with the user token' >&2
            call PATCH "$API/environments/$ENV_ID/users/$USER_ID" "Bearer $USER_TOKEN" application/json "$PATCH" >/dev/null
            echo "done: application $APP_ID, population $POPULATION_ID, user $USER_ID" >&2

            """
    }
}
