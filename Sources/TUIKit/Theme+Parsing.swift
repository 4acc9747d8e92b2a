extension Theme {
    /// Parses a theme file's text (format in `Themes/README.md`). `source` names the file in
    /// error messages; the theme is named after it, without directory and `.theme`.
    public static func parse(text: String, source: String) throws(ThemeError) -> Theme {
        var styles: [StyleRole: Style] = [:]
        var firstLine: [StyleRole: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let content = line.trimmingSpaces()
            if content.isEmpty { continue }
            func fail(_ problem: ThemeProblem) -> ThemeError {
                .invalidLine(source: source, line: lineNumber, problem: problem)
            }
            guard let equals = content.firstIndex(of: "=") else { throw fail(.missingEquals) }
            let roleName = content[..<equals].trimmingSpaces()
            let value = content[content.index(after: equals)...].trimmingSpaces()
            guard !roleName.isEmpty else { throw fail(.missingRole) }
            guard let role = StyleRole(themeName: roleName) else { throw fail(.unknownRole(roleName)) }
            if let earlier = firstLine[role] { throw fail(.duplicateRole(roleName, firstLine: earlier)) }
            guard !value.isEmpty else { throw fail(.missingValue) }
            switch parseStyle(value) {
            case .success(let style):
                styles[role] = style
                firstLine[role] = lineNumber
            case .failure(let problem):
                throw fail(problem)
            }
        }
        return Theme(name: themeName(fromSource: source), styles: styles)
    }

    static func themeName(fromSource source: String) -> String {
        var name = Substring(source)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if name.hasSuffix(".theme") { name = name.dropLast(".theme".count) }
        return String(name)
    }

    /// Parses `FG [on BG] [, attribute]...` or `attribute [, attribute]...`.
    static func parseStyle(_ value: String) -> Result<Style, ThemeProblem> {
        var style = Style()
        let items = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        for (position, item) in items.enumerated() {
            if let attribute = Attributes(themeName: item) {
                style.attributes.insert(attribute)
                continue
            }
            guard position == 0 else {
                return .failure(.unknownAttribute(item))
            }
            switch parseColors(item) {
            case .success(let colors):
                style.foreground = colors.foreground
                style.background = colors.background
            case .failure(let problem):
                return .failure(problem)
            }
        }
        return .success(style)
    }

    static func parseColors(_ text: String) -> Result<(foreground: TerminalColor, background: TerminalColor), ThemeProblem> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func color(_ word: String) -> Result<TerminalColor, ThemeProblem> {
            if let color = TerminalColor(themeName: word) { return .success(color) }
            return .failure(.unknownColor(word))
        }
        switch words.count {
        case 1:
            return color(words[0]).map { ($0, .default) }
        case 2 where words[0].lowercased() == "on":
            return color(words[1]).map { (.default, $0) }
        case 3 where words[1].lowercased() == "on":
            return color(words[0]).flatMap { foreground in color(words[2]).map { (foreground, $0) } }
        default:
            if words.count == 2, words[1].lowercased() != "on", TerminalColor(themeName: words[0]) != nil,
                TerminalColor(themeName: words[1]) == nil, Attributes(themeName: words[1]) == nil
            {
                return .failure(.unknownColor(words[1]))
            }
            return .failure(.malformedColors(text))
        }
    }
}
