import Foundation
import PingOneAPI

// The script's text: the header and its `export` block, the variables the run filled in, the
// shell functions every step uses, then the steps.

extension CurlScript {
    static func assemble(_ workflow: Workflow, _ journal: Journal, _ placeholders: Placeholders, _ steps: [ScriptStep]) -> String {
        let inputs = journal.inputs
        let used = steps.reduce(into: Set(placeholders.hosts)) { $0.formUnion($1.request.used) }
        let variables = placeholders.sentinels.map(\.variable).filter(used.contains)
        var text = """
            #!/bin/sh
            # The requests of p1wizard run \(comment(journal.runID)), as curl commands (p1wizard export curl), generated
            # from the steps of the workflow \(comment(workflow.title)).
            # Needs curl and jq. Redirects are never followed (no -L): a redirect's Location is read.
            # Cookies live in a jar file. Secrets come from these variables and never appear in a
            # command line (jq reads them from the environment or stdin, curl from 0600 files):

            """
        for variable in variables where variable.isSecret {
            guard case .input(let field) = variable.origin else { continue }
            let name = variable.name
            text += "export \(name)=\"${\(name):?set \(name) to the \(field.label.lowercased())}\"\n"
        }
        if inputs.pkce {
            text += "# The run used PKCE (S256); this script's application does not require it and sends no code_challenge.\n"
        }
        text += "set -euf\numask 077\n\n"
        if variables.contains(where: { $0.origin == .generated }) {
            // RFC 7636: a verifier of 32 random bytes, base64url (43 characters), and its S256 challenge.
            // The verifier only passes through pipes (printf is the shell's own), never an argv.
            text += "CODE_VERIFIER=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\\n')    # PKCE (S256), made afresh\n"
            text += "CODE_CHALLENGE=$(printf '%s' \"$CODE_VERIFIER\" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\\n')\n"
            text += "export CODE_VERIFIER CODE_CHALLENGE\n"
        }

        // The hosts (from this command line), the run's inputs, and the IDs the run found by searching a list.
        var exported: [String] = []
        for variable in variables where !variable.isSecret {
            switch variable.origin {
            case .generated: continue
            case .host(let api):
                text += "\(variable.name)=\(quote((api ? placeholders.realAPI : placeholders.realAuth)))\n"
            case .input(let field):
                if workflow.definitions.contains(where: { $0.namedBy == field }), !text.contains("\nSUFFIX=") {
                    text += "SUFFIX=\"${SUFFIX:-}\"    # appended to the names of what the script creates, to run it again beside the run's\n"
                }
                let suffix = workflow.definitions.contains { $0.namedBy == field } ? "\"$SUFFIX\"" : ""
                text += "\(variable.name)=\(quote(inputs.value(of: field)))\(suffix)\n"
            case .capture(let key):
                guard let producer = workflow.producer(of: key) else {
                    text += "\(variable.name)=\(quote(saved(key, journal)))    # the run's \(comment(key.label))\n"
                    exported.append(variable.name)
                    continue
                }
                let source = producer.definition.captureSources[key]
                guard source?.searchesList ?? true else { continue }
                let how = source.map { "by \(comment($0.description(inputs: inputs)))" } ?? "(its source is not declared)"
                text += "\(variable.name)=\(quote(saved(key, journal)))    # found by step \(producer.rawValue) of the run \(how); "
                    + "found again unless the list does not hold it\n"
            }
            exported.append(variable.name)
        }
        text += "UUID_RE='^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'\n"
        text += "MASK=" + quote(maskFilter(workflow, placeholders)) + "\n"
        if !exported.isEmpty { text += "export " + exported.joined(separator: " ") + "\n" }
        text += "\n" + functions

        for scripted in steps {
            text += "\necho \(comment("\(scripted.step.rawValue) \(scripted.step.definition.title)")) >&2\n"
            if let refusal = scripted.refusal {
                text += "fail \(comment("step \(scripted.step.rawValue) cannot be sent by this script: \(refusal)"))\n"
                continue
            }
            text += (scripted.request.lines + scripted.captures).joined(separator: "\n") + "\n"
        }
        text += "echo \"done: \(done(steps, placeholders))\" >&2\n"
        return text
    }

    /// The run's values of `key`, space-separated.
    static func saved(_ key: CaptureKey, _ journal: Journal) -> String {
        journal.captures.first { $0.key == key }?.values.joined(separator: " ") ?? ""
    }

    /// What the script created, for its last line: each created kind and its ID.
    static func done(_ steps: [ScriptStep], _ placeholders: Placeholders) -> String {
        var made: [String] = []
        for scripted in steps where scripted.refusal == nil {
            guard let kind = scripted.step.definition.creates,
                  let key = scripted.step.definition.captures.sorted().first(where: { !$0.isSecret }),
                  let variable = placeholders.sentinels.first(where: { $0.variable.origin == .capture(key) })?.variable
            else { continue }
            made.append("\(kind.rawValue) ${\(variable.name)}")
        }
        return made.isEmpty ? "every request answered" : made.joined(separator: ", ")
    }

    /// The jq filter that masks a JSON body for a message: the values of secret members, every
    /// secret the script knows (from the environment) and anything shaped like a JWT.
    static func maskFilter(_ workflow: Workflow, _ placeholders: Placeholders) -> String {
        var members = ["access_token", "id_token", "refresh_token", "secret", "client_secret", "password", "value", "code",
                       "code_verifier", "token"]
        for definition in workflow.definitions {
            for (key, source) in definition.captureSources where key.isSecret {
                if case .member(let path) = source, let last = path.last?.lowercased(), !members.contains(last) { members.append(last) }
            }
        }
        let known = placeholders.sentinels.map(\.variable).filter(\.isSecret).map { "env.\($0.name)" }
        return """
            def secretkeys: \(JSONValue.array(members.map(JSONValue.string)).compactText);
            def known: [\(known.joined(separator: ", "))] | map(select(type == "string" and length >= 4));
            def scrub: if type == "string" then (reduce known[] as $s (.; split($s) | join("<secret>"))) | gsub("eyJ[A-Za-z0-9_-]+\\\\.[A-Za-z0-9_-]+\\\\.?[A-Za-z0-9_-]*"; "<secret>") else . end;
            walk(if type == "object" then with_entries(if (.key | ascii_downcase) as $k | secretkeys | index([$k]) then .value = "<secret>" else .key |= scrub end) else scrub end)
            """
    }

    /// The shell functions every step uses.
    static let functions = #"""
        TMP=$(mktemp -d)
        trap 'rm -rf "$TMP"' EXIT
        JAR="$TMP/cookies"
        : >"$JAR"

        # fail MESSAGE: stops the script (exit 3).
        fail() { echo "$1" >&2; exit 3; }
        # begin: a new request, with no header and no body yet.
        begin() { : >"$TMP/config"; HAS_BODY=; }
        # hdr 'NAME: VALUE': a request header, written to curl's 0600 configuration file, never an
        # argument; a value that could end the line is refused.
        hdr() {
          case "$1" in *[!A-Za-z0-9._~+/=:\ -]*) fail "refusing a header with unexpected characters" ;; esac
          printf 'header = "%s"\n' "$1" >>"$TMP/config"
        }
        # json_body PROGRAM: the request body, made by jq from PROGRAM (which reads values from the environment).
        json_body() { jq -nc "$1" >"$TMP/body" || fail "cannot make the request body"; HAS_BODY=1; }
        # text_body TEXT: the request body as it is (printf is the shell's own).
        text_body() { printf '%s' "$1" >"$TMP/body"; HAS_BODY=1; }
        # shown FILE TYPE: a response body for a message. JSON is printed with its secret members,
        # the known secrets and anything like a JWT masked; any other body is described, never shown.
        shown() {
          if jq -e . "$1" >/dev/null 2>&1 && jq -ac "$MASK" "$1" 2>/dev/null; then :; else
            printf '(a body of %s bytes of type "%s" that is not JSON; not shown)\n' "$(wc -c <"$1" | tr -cd '0-9')" \
              "$(printf '%s' "$2" | tr -cd 'A-Za-z0-9/.+;=_ -' | head -c 100)"
          fi
        }
        # content_type: the Content-Type of the last answer.
        content_type() { tr -d '\r' <"$TMP/head" | sed -n 's/^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]: *//p' | head -n 1; }
        # send METHOD URL EXPECTED: sends the request (headers from the configuration file, the body
        # file if there is one, cookies from and to the jar; redirects not followed). The answer is
        # in $TMP/out and its headers in $TMP/head; a status other than EXPECTEDxx stops the script.
        send() {
          s_method=$1 s_url=$2 s_expected=$3
          set -- -sS -K "$TMP/config" -X "$s_method" -b "$JAR" -c "$JAR" -D "$TMP/head" -o "$TMP/out" -w '%{http_code}'
          if [ -n "$HAS_BODY" ]; then set -- "$@" --data-binary "@$TMP/body"; fi
          s_status=$(curl "$@" "$s_url") || { echo "no answer from $s_method $s_url" >&2; exit 4; }
          case "$s_status" in
            "$s_expected"??) ;;
            *) echo "HTTP $s_status from $s_method $s_url:" >&2; shown "$TMP/out" "$(content_type)" >&2; exit 3 ;;
          esac
        }
        # refused STATUS ERROR: the last answer must be the OAuth error ERROR with STATUS (a step that
        # shows a refusal); anything else stops the script.
        refused() {
          if [ "$s_status" != "$1" ] || ! jq -e --arg e "$2" '.error == $e' "$TMP/out" >/dev/null 2>&1; then
            echo "expected $1 $2 from $s_method $s_url, got HTTP $s_status:" >&2; shown "$TMP/out" "$(content_type)" >&2; exit 3
          fi
          echo "refused as expected: $1 $2" >&2
        }
        # more PAGES: sends the next page of the last answer's list with the same headers; false when
        # there is none. A next page outside $API (where the worker token may go) or past 100 pages stops.
        more() {
          m_next=$(jq -r '._links.next.href // empty | strings' "$TMP/out" 2>/dev/null | head -n 1)
          [ -n "$m_next" ] || return 1
          case "$m_next" in "$API"/*) ;; *) fail "refusing a next page outside $API" ;; esac
          [ "$1" -lt 100 ] || fail "the list runs past 100 pages"
          HAS_BODY=
          send GET "$m_next" 2
        }
        # location_query NAME: the parameter NAME of the last answer's Location (read, not followed).
        location_query() { tr -d '\r' <"$TMP/head" | sed -n "s/^[Ll][Oo][Cc][Aa][Tt][Ii][Oo][Nn]:.*[?&]$1=\([^&#]*\).*/\1/p" | head -n 1; }
        # jar_cookie NAME: the value of the cookie NAME in the jar.
        jar_cookie() { jq -Rr --arg n "$1" 'split("\t") | select(length == 7 and .[5] == $n) | .[6]' "$JAR" | head -n 1; }
        # is_id VALUE: whether VALUE is a PingOne ID (a UUID); jq reads it from stdin.
        is_id() { printf '%s' "$1" | jq -eR --arg re "$UUID_RE" 'select(test($re))' >/dev/null 2>&1; }
        # enc VALUE: VALUE form-encoded; jq reads it from stdin, so it is never an argument.
        enc() { printf '%s' "$1" | jq -sRr @uri; }
        # seg VALUE: VALUE as one URL path segment (never empty, never . or ..).
        seg() {
          case "$1" in '') printf '%%20' ;; *[!.]*) enc "$1" ;; *) printf '%s' "$1" | sed 's/\./%2E/g' ;; esac
        }
        # b64 TEXT: TEXT in base64 (a Basic credential); base64 reads it from stdin.
        b64() { printf '%s' "$1" | base64 | tr -d '\n'; }

        """#
}
