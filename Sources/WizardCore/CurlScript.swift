import Foundation
import PingOneAPI

/// `p1wizard export curl`: the run's 15 requests as a POSIX shell script of curl commands.
///
/// No secret (the worker secret and token, the application secret, the user's password, the
/// code, the user's token, nor a Basic credential made from them) is ever an argument of a
/// program the script starts, where any local user could read it in `/proc/PID/cmdline`: secrets
/// live in shell variables and exported environment variables; jq reads them with `env.NAME` or
/// from its standard input, base64 and tr from theirs, and curl reads the Authorization header
/// from a 0600 file (`-K`) and bodies from another (`@file`), in a 0700 `mktemp -d` directory.
/// An error answer is printed with its secret members and every known secret masked by jq; a
/// body that is not JSON is described (size and type), never printed. IDs the run found are
/// filled in (shell-quoted, comments included); IDs the script captures are checked to be UUIDs
/// before they go into a URL. Redirects are never followed; cookies are kept in a jar file.
public enum CurlScript {
    /// `s` as one single-quoted shell word.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// `s` for a comment line: control characters, line separators and bidirectional controls
    /// made visible (so no data can end the comment), then quoted.
    static func comment(_ s: String) -> String { quote(SafeText.visible(s)) }

    /// The jq filter that masks a JSON body for a message: the values of secret members, every
    /// secret the script knows (from the environment) and anything shaped like a JWT.
    static let maskFilter = #"""
        def secretkeys: ["access_token", "id_token", "refresh_token", "secret", "client_secret", "password", "value", "code", "code_verifier", "token"];
        def known: [env.PINGONE_CLIENT_SECRET, env.P1WIZARD_USER_PASSWORD, env.TOKEN, env.APP_SECRET, env.CODE, env.USER_TOKEN] | map(select(type == "string" and length >= 4));
        def scrub: if type == "string" then (reduce known[] as $s (.; split($s) | join("<secret>"))) | gsub("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.?[A-Za-z0-9_-]*"; "<secret>") else . end;
        walk(if type == "object" then with_entries(if (.key | ascii_downcase) as $k | secretkeys | index([$k]) then .value = "<secret>" else .key |= scrub end) else scrub end)
        """#

    /// The script for `journal`.
    public static func make(from journal: Journal) -> String {
        let i = journal.inputs
        let endpoints = (try? i.endpoints()) ?? Endpoints(region: i.region)
        let resourceID = journal.captures.first { $0.key == .resourceID }?.values.first ?? ""
        let scopeIDs = journal.captures.first { $0.key == .scopeIDs }?.values ?? []
        let patch = JSONValue.object(i.attributePatch).compactText
        let tokenAuth = i.workerAuthMethod
        let pkceNote = i.pkce ? "\n# The run used PKCE (S256); this script's application does not require it and sends no code_challenge." : ""
        let workerAuthorization = tokenAuth == .clientSecretBasic ? #""$(basic "$CLIENT_ID" "$PINGONE_CLIENT_SECRET")""# : #""""#
        let workerForm = tokenAuth == .clientSecretPost ? #"&client_id=$(enc "$CLIENT_ID")&client_secret=$(enc "$PINGONE_CLIENT_SECRET")"# : ""
        return #"""
            #!/bin/sh
            # The requests of p1wizard run \#(comment(journal.runID)), as curl commands (p1wizard export curl).
            # Needs curl and jq. Redirects are never followed (no -L): the 302s of steps 9 and 12 are read.
            # Cookies live in a jar file. Secrets come from these variables and never appear in a
            # command line (jq reads them from the environment or stdin, curl from 0600 files):
            export PINGONE_CLIENT_SECRET="${PINGONE_CLIENT_SECRET:?set PINGONE_CLIENT_SECRET to the worker client secret}"
            export P1WIZARD_USER_PASSWORD="${P1WIZARD_USER_PASSWORD:?set P1WIZARD_USER_PASSWORD to the user password (8 to 255 characters)}"\#(pkceNote)
            set -euf
            umask 077

            API=\#(quote(endpoints.apiBase.absoluteString))
            AUTH=\#(quote(endpoints.authBase.absoluteString))
            ENV_ID=\#(quote(i.environmentID))
            ADMIN_ENV_ID=\#(quote(i.effectiveAdminEnvironmentID))
            CLIENT_ID=\#(quote(i.workerClientID))
            RESOURCE_ID=\#(quote(resourceID))    # the PingOne API resource, found in step 3 of the run
            SCOPE_IDS=\#(quote(scopeIDs.joined(separator: " ")))    # the scopes \#(comment(i.scopes.joined(separator: " "))), found in step 4
            SUFFIX="${SUFFIX:-}"    # appended to names, to run the script again in the same environment
            APP_NAME=\#(quote(i.appName))"$SUFFIX"
            REDIRECT_URI=\#(quote(i.redirectURI))
            SCOPES=\#(quote(i.scopes.joined(separator: " ")))
            POPULATION_NAME=\#(quote(i.populationName))"$SUFFIX"
            USERNAME=\#(quote(i.username))"$SUFFIX"
            EMAIL=\#(quote(i.email))
            GIVEN_NAME=\#(quote(i.givenName))
            FAMILY_NAME=\#(quote(i.familyName))
            PATCH=\#(quote(patch))
            UUID_RE='^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'
            MASK=\#(quote(maskFilter))

            TMP=$(mktemp -d)
            trap 'rm -rf "$TMP"' EXIT
            JAR="$TMP/cookies"
            : >"$JAR"

            # header CREDENTIALS: curl's configuration line for the Authorization header (written to a
            # 0600 file, never an argument); a credential that could end the line is refused.
            header() {
              case "$1" in *[!A-Za-z0-9._~+/=\ -]*) echo "refusing a credential with unexpected characters" >&2; exit 3 ;; esac
              printf 'header = "Authorization: %s"\n' "$1"
            }
            # shown FILE TYPE: a response body for a message. JSON is printed with its secret members,
            # the known secrets and anything like a JWT masked; any other body is described, never shown.
            shown() {
              if jq -e . "$1" >/dev/null 2>&1 && jq -ac "$MASK" "$1" 2>/dev/null; then :; else
                printf '(a body of %s bytes of type "%s" that is not JSON; not shown)\n' "$(wc -c <"$1" | tr -cd '0-9')" \
                  "$(printf '%s' "$2" | tr -cd 'A-Za-z0-9/.+;=_ -' | head -c 100)"
              fi
            }
            # call METHOD URL AUTHORIZATION CONTENT-TYPE BODY: prints the response body; stops on an error status.
            # An empty AUTHORIZATION sends none; an empty CONTENT-TYPE sends no body.
            call() {
              c_method=$1 c_url=$2 c_type=$4
              printf '%s' "$5" >"$TMP/body"
              if [ -n "$3" ]; then header "$3" >"$TMP/auth"; else : >"$TMP/auth"; fi
              if [ -n "$c_type" ]; then
                c_result=$(curl -sS -K "$TMP/auth" -X "$c_method" "$c_url" -H 'Accept: application/json' -H "Content-Type: $c_type" \
                  --data-binary @"$TMP/body" -b "$JAR" -c "$JAR" -o "$TMP/out" -w '%{http_code} %{content_type}') || { echo "no answer from $c_url" >&2; exit 4; }
              else
                c_result=$(curl -sS -K "$TMP/auth" -X "$c_method" "$c_url" -H 'Accept: application/json' \
                  -b "$JAR" -c "$JAR" -o "$TMP/out" -w '%{http_code} %{content_type}') || { echo "no answer from $c_url" >&2; exit 4; }
              fi
              case "${c_result%% *}" in
                2??) cat "$TMP/out" ;;
                *) echo "HTTP ${c_result%% *} from $c_method $c_url:" >&2; shown "$TMP/out" "${c_result#* }" >&2; exit 3 ;;
              esac
            }
            # location URL: the Location of a 302, not followed.
            location() {
              curl -sS -o /dev/null -b "$JAR" -c "$JAR" -w '%{http_code} %{redirect_url}' "$1"
            }
            # id_of: the "id" of the JSON on stdin when it is a PingOne ID (a UUID); anything else stops the script.
            id_of() { jq -er --arg re "$UUID_RE" '.id | select(type == "string" and test($re))' || { echo "the answer has no PingOne ID" >&2; exit 3; }; }
            # enc VALUE: VALUE percent-encoded; jq reads it from stdin, so it is never an argument.
            enc() { printf '%s' "$1" | jq -sRr @uri; }
            # basic ID SECRET: an HTTP Basic credential; base64 reads it from stdin.
            basic() { printf 'Basic %s' "$(printf '%s:%s' "$(enc "$1")" "$(enc "$2")" | base64 | tr -d '\n')"; }

            echo '0 Get a worker token' >&2
            TOKEN=$(call POST "$AUTH/$ADMIN_ENV_ID/as/token" \#(workerAuthorization) application/x-www-form-urlencoded \
              "grant_type=client_credentials\#(workerForm)" | jq -er .access_token)
            export TOKEN
            echo '1 Create the application' >&2
            APP_ID=$(call POST "$API/environments/$ENV_ID/applications" "Bearer $TOKEN" application/json "$(jq -n --arg n "$APP_NAME" --arg r "$REDIRECT_URI" \
              '{name:$n, enabled:true, type:"WEB_APP", protocol:"OPENID_CONNECT", grantTypes:["AUTHORIZATION_CODE"], responseTypes:["CODE"],
                tokenEndpointAuthMethod:"CLIENT_SECRET_BASIC", redirectUris:[$r], postLogoutRedirectUris:[$r]}')" | id_of)
            echo '2 Read the application secret' >&2
            APP_SECRET=$(call GET "$API/environments/$ENV_ID/applications/$APP_ID/secret" "Bearer $TOKEN" "" "" | jq -er .secret)
            export APP_SECRET
            echo '3 The PingOne API resource (from the run)' >&2
            call GET "$API/environments/$ENV_ID/resources/$RESOURCE_ID" "Bearer $TOKEN" "" "" | jq -er '.name' >/dev/null
            echo '4 The scopes (from the run)' >&2
            call GET "$API/environments/$ENV_ID/resources/$RESOURCE_ID/scopes" "Bearer $TOKEN" "" "" >/dev/null
            echo '5 Grant the scopes' >&2
            call POST "$API/environments/$ENV_ID/applications/$APP_ID/grants" "Bearer $TOKEN" application/json \
              "$(jq -n --arg r "$RESOURCE_ID" --arg s "$SCOPE_IDS" '{resource:{id:$r}, scopes:($s|split(" ")|map({id:.}))}')" | id_of >/dev/null
            echo '6 Create the population' >&2
            POPULATION_ID=$(call POST "$API/environments/$ENV_ID/populations" "Bearer $TOKEN" application/json \
              "$(jq -n --arg n "$POPULATION_NAME" '{name:$n}')" | id_of)
            echo '7 Create the user' >&2
            USER_ID=$(call POST "$API/environments/$ENV_ID/users" "Bearer $TOKEN" application/json "$(jq -n --arg u "$USERNAME" --arg e "$EMAIL" \
              --arg g "$GIVEN_NAME" --arg f "$FAMILY_NAME" --arg p "$POPULATION_ID" '{username:$u, email:$e, name:{given:$g, family:$f}, population:{id:$p}}')" | id_of)
            echo '8 Set the password' >&2
            call PUT "$API/environments/$ENV_ID/users/$USER_ID/password" "Bearer $TOKEN" application/vnd.pingidentity.password.set+json \
              "$(jq -n '{value:env.P1WIZARD_USER_PASSWORD, forceChange:false}')" >/dev/null
            echo '9 Authorize (302, not followed)' >&2
            set -- $(location "$AUTH/$ENV_ID/as/authorize?response_type=code&client_id=$APP_ID&redirect_uri=$(enc "$REDIRECT_URI")&scope=$(enc "$SCOPES")")
            [ "${1:-}" = 302 ] || { echo "authorize answered ${1:-nothing}, not 302" >&2; exit 3; }
            FLOW_ID=$(printf '%s' "${2:-}" | sed -n 's/.*[?&]flowId=\([^&]*\).*/\1/p')
            case "$FLOW_ID" in ''|*[!0-9A-Fa-f-]*) echo "authorize gave no flow ID" >&2; exit 3 ;; esac
            echo '10 Read the flow' >&2
            call GET "$AUTH/$ENV_ID/flows/$FLOW_ID" "" "" "" | jq -er .status >/dev/null
            echo '11 Check the username and password' >&2
            call POST "$AUTH/$ENV_ID/flows/$FLOW_ID" "" application/vnd.pingidentity.usernamePassword.check+json \
              "$(jq -n --arg u "$USERNAME" '{username:$u, password:env.P1WIZARD_USER_PASSWORD}')" | jq -er .status >/dev/null
            echo '12 Resume (302 to the redirect URI, not followed)' >&2
            set -- $(location "$AUTH/$ENV_ID/as/resume?flowId=$FLOW_ID")
            CODE=$(printf '%s' "${2:-}" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
            [ -n "$CODE" ] || { echo "resume gave no code (was the ST cookie sent?)" >&2; exit 3; }
            export CODE
            echo '13 Exchange the code' >&2
            USER_TOKEN=$(call POST "$AUTH/$ENV_ID/as/token" "$(basic "$APP_ID" "$APP_SECRET")" application/x-www-form-urlencoded \
              "grant_type=authorization_code&code=$(enc "$CODE")&redirect_uri=$(enc "$REDIRECT_URI")" | jq -er .access_token)
            export USER_TOKEN
            echo '14 Update the user with the user token' >&2
            call PATCH "$API/environments/$ENV_ID/users/$USER_ID" "Bearer $USER_TOKEN" application/json "$PATCH" >/dev/null
            echo "done: application $APP_ID, population $POPULATION_ID, user $USER_ID" >&2

            """#
    }
}
