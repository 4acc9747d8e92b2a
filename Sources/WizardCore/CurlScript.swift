import Foundation
import PingOneAPI

/// `p1wizard export curl`: a run's workflow as a POSIX shell script of curl commands, generated
/// from the workflow's step definitions; it knows no particular step.
///
/// How: each step's request is built by the step's own `build`, in a context where every input,
/// secret and capture the script keeps in a shell variable is a sentinel (see
/// `CurlScript+Placeholders.swift`); the sentinels found in the request become variables
/// (`CurlScript+Render.swift`), and each capture's declared ``CaptureSource`` becomes the jq or
/// shell that captures it again from the answer (`CurlScript+Captures.swift`). The variable names
/// and the `export` block of the secrets the operator sets derive from the workflow's inputs and
/// captures. An input whose value becomes a JSON member name (the attribute to update) is written
/// as the run had it. Steps that page (`_links.next`) read only their first page; a value found by
/// searching a list is taken from the run when the first page does not hold it; lookups after a
/// lost answer are not reproduced. A value that names what a step creates (``StepDefinition/namedBy``)
/// gets `$SUFFIX` appended, so the script can run again beside the run's resources.
///
/// Guarantees: no secret (the worker secret and token, the application secret, the user's
/// password, the code, the user's token, nor a Basic credential made from them) is ever an
/// argument of a program the script starts, where any local user could read it in
/// `/proc/PID/cmdline`: secrets live in shell variables and exported environment variables; jq
/// reads them with `env.NAME` or from its standard input, base64 and tr from theirs, and curl
/// reads every header from a 0600 file (`-K`) and the body from another (`@file`), in a 0700
/// `mktemp -d` directory; a step that would put a secret in its URL is refused. An error answer
/// is printed with its secret members and every known secret masked by jq; a body that is not
/// JSON is described (size and type), never printed. IDs the run found are filled in
/// (shell-quoted, comments included, so no data can end a comment); IDs the script captures are
/// checked to be UUIDs before they go into a URL. Redirects are never followed; cookies are kept
/// in a jar file; the script runs with `set -euf` and `umask 077`.
public enum CurlScript {
    /// `s` as one single-quoted shell word.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// `s` for a comment line: control characters, line separators and bidirectional controls
    /// made visible (so no data can end the comment), then quoted.
    static func comment(_ s: String) -> String { quote(SafeText.visible(s)) }

    /// The script for `journal`, for the workflow it was read as.
    public static func make(from journal: Journal) -> String {
        make(workflow: (try? journal.resolvedWorkflow()) ?? Workflows.default, journal: journal)
    }

    /// The script for `journal`'s run of `workflow`.
    public static func make(workflow: Workflow, journal: Journal) -> String {
        // A first pass finds the inputs that shape a JSON body (a member name); the second writes
        // those as the run had them.
        var literal: Set<InputField> = []
        var (placeholders, steps) = renderSteps(workflow, journal, literal: literal)
        let shaping = steps.reduce(into: Set<InputField>()) { $0.formUnion($1.request.memberNames) }
        if !shaping.isEmpty {
            literal = shaping
            (placeholders, steps) = renderSteps(workflow, journal, literal: literal)
        }
        return assemble(workflow, journal, placeholders, steps)
    }

    /// One step as the script sends it.
    struct ScriptStep {
        let step: Step
        var request = RenderedRequest()
        var captures: [String] = []
        var refusal: String?
    }

    static func renderSteps(_ workflow: Workflow, _ journal: Journal, literal: Set<InputField>)
        -> (Placeholders, [ScriptStep])
    {
        let placeholders = placeholders(workflow: workflow, journal: journal, literal: literal)
        var steps: [ScriptStep] = []
        for step in workflow.steps {
            var scripted = ScriptStep(step: step)
            let refusal = step.definition.expectedRefusal
            let expect = refusal.map { $0.status / 100 } ?? (step.definition.captureSources.values.contains { $0.isInRedirect } ? 3 : 2)
            do throws(StepFailure) {
                let request = try step.definition.build(placeholders.context(for: step))
                do throws(Unreplayable) {
                    scripted.request = try render(request, placeholders, expect: expect)
                    if let refusal { scripted.request.lines.append("refused \(refusal.status) \(quote(refusal.error))") }
                } catch {
                    scripted.refusal = error.reason
                }
            } catch {
                scripted.refusal = "its request cannot be built: " + error.summary
            }
            steps.append(scripted)
        }
        // What later steps need decides which secrets are captured.
        var needed: Set<Variable> = []
        for index in steps.indices.reversed() {
            let (lines, used) = captureLines(steps[index].step, placeholders, needed: needed, inputs: journal.inputs)
            steps[index].captures = lines
            steps[index].request.used.formUnion(used)
            needed.formUnion(steps[index].request.used)
        }
        return (placeholders, steps)
    }
}
