import Foundation
import PingOneAPI

// What a step captures, as the shell lines that capture it again from the answer the script got:
// each ``CaptureSource`` becomes a jq program or a read of the Location header or the cookie jar.

extension CurlScript {
    /// The lines that capture `step`'s values after its answer, for the variables `needed` later.
    /// A secret nothing needs is not captured (the ID token); an ID is always captured and checked
    /// to be a UUID, so it may go into a URL.
    static func captureLines(_ step: Step, _ placeholders: Placeholders, needed: Set<Variable>,
                             inputs: RunInputs) -> (lines: [String], used: Set<Variable>) {
        var lines: [String] = []
        var used: Set<Variable> = []
        for key in step.definition.captures.sorted() {
            guard let variable = placeholders.sentinels.first(where: { $0.variable.origin == .capture(key) })?.variable,
                  !variable.isSecret || needed.contains(variable) else { continue }
            let name = variable.name
            guard let source = step.definition.captureSources[key] else {
                if variable.isSecret {
                    lines.append("fail " + comment("step \(step.rawValue): the script cannot capture the \(key.label): its source is not declared"))
                    continue
                }
                lines.append("# \(comment(key.label)) is not captured again (its source is not declared): the run's value is used")
                continue
            }
            let what = "step \(step.rawValue): no \(key.label) (\(source.description(inputs: inputs)))"
                + (variable.isID ? " that is a PingOne ID" : "") + " in the answer"
            let stop = " || fail " + comment(what)
            // jq keeps a value that is a string (and a PingOne ID, for an ID).
            let keep = variable.isID ? "strings | select(test($re))" : "strings | select(length > 0)"
            let jqRun = "jq -er --arg re \"$UUID_RE\" "
            switch source {
            case .member(let path):
                let getPath = "getpath(\(JSONValue.array(path.map(JSONValue.string)).compactText))"
                lines.append("\(name)=$(\(jqRun)\(quote("\(getPath) | \(keep)")) \"$TMP/out\")\(stop)")
            case .firstNamed(let list, let itemName, let member):
                let program = "first((._embedded[\(json(list))] // [])[] | select(.name == \(json(itemName))) "
                    + "| getpath([\(json(member))]) | strings)"
                lines += searchLines(name, "jq -r \(quote(program)) \"$TMP/out\"", firstOnly: true, variable: variable, stop: stop)
            case .eachNamed(let list, let input, let member):
                let names: String
                if let inputVariable = placeholders.sentinels.first(where: { $0.variable.origin == .input(input) })?.variable {
                    names = "\"$\(inputVariable.name)\""
                    used.insert(inputVariable)
                } else {
                    names = quote(inputs.values(of: input).joined(separator: " "))
                }
                let program = "[(._embedded[\(json(list))] // [])[] | select(.name as $n | $names | split(\" \") | index([$n])) "
                    + "| getpath([\(json(member))]) | strings] | join(\" \")"
                lines += searchLines(name, "jq -r --arg names \(names) \(quote(program)) \"$TMP/out\"", firstOnly: false,
                                     variable: variable, stop: stop)
            case .locationQuery(let parameter):
                guard parameter.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    lines.append("fail " + comment("step \(step.rawValue): the script cannot read the parameter \(parameter)"))
                    continue
                }
                lines.append("\(name)=$(location_query \(parameter))")
                lines.append((variable.isID ? "is_id \"$\(name)\"" : "[ -n \"$\(name)\" ]") + stop)
            case .cookie(let cookie):
                lines.append("\(name)=$(jar_cookie \(quote(cookie)))")
                lines.append((variable.isID ? "is_id \"$\(name)\"" : "[ -n \"$\(name)\" ]") + stop)
            }
            lines.append("export \(name)")
        }
        return (lines, used)
    }

    /// A search of a list that may run over pages: `page` (a command printing what one page holds)
    /// runs on each page, following `_links.next` under `$API` (at most 100 pages) until the
    /// value is found (`firstOnly`) or the list ends; when nothing is found the run's value,
    /// filled in at the top, stays. Each ID is then checked to be a UUID.
    static func searchLines(_ name: String, _ page: String, firstOnly: Bool, variable: Variable, stop: String) -> [String] {
        var lines = ["found=", "pages=1", "while :; do", "  page=$(\(page))\(stop)", "  found=\"$found $page\""]
        if firstOnly { lines.append("  [ -z \"$page\" ] || break") }
        lines += ["  more \"$pages\" || break", "  pages=$((pages + 1))", "done", "set -- $found",
                  "[ \"$#\" -eq 0 ] || \(name)=$*    # otherwise the run's value, filled in above",
                  "[ -n \"$\(name)\" ]\(stop)"]
        if variable.isID { lines.append("for id in $\(name); do is_id \"$id\"\(stop); done") }
        return lines
    }

    /// `text` as a JSON (and jq) string literal.
    static func json(_ text: String) -> String { JSONValue.string(text).compactText }
}
