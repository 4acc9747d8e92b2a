import Foundation
import Testing
import TUIKit

/// The repository's Themes directory, found from this file's path.
let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes").path

@Suite("Themes")
struct ThemeTests {
    @Test("a theme file maps roles to colors and attributes")
    func parsesStyles() throws {
        let theme = try Theme.parse(
            text: """
                # comment
                title = bright-yellow on blue, bold, underline   # trailing comment

                input-focused=black on cyan
                hint = on color(236)
                selection = reverse
                json_key = color(208), dim
                statusOK = Green
                """, source: "mine.theme")
        #expect(theme.name == "mine")
        #expect(theme[.title] == Style(foreground: .brightYellow, background: .blue, attributes: [.bold, .underline]))
        #expect(theme[.inputFocused] == Style(foreground: .black, background: .cyan))
        #expect(theme[.hint] == Style(background: .indexed(236)))
        #expect(theme[.selection] == Style(attributes: .reverse))
        #expect(theme[.jsonKey] == Style(foreground: .indexed(208), attributes: .dim))
        #expect(theme[.statusOK] == Style(foreground: .green))
        #expect(theme[.error] == Theme.monochrome[.error], "roles left out keep their monochrome look")
    }

    @Test(
        "errors name the line and what is wrong",
        arguments: [
            ("title = bold\nbogus = red", 2, "unknown role 'bogus'"),
            ("\n\ntitle = purpel", 3, "unknown color 'purpel'"),
            ("title = red, blod", 1, "unknown attribute 'blod'"),
            ("# ok\ntitle red", 2, "missing '='"),
            ("title = red\ntitle = blue", 2, "already set on line 1"),
            ("title =", 1, "missing style"),
            ("= red", 1, "missing role"),
            ("title = red on", 1, "cannot read colors"),
            ("title = color(300)", 1, "unknown color 'color(300)'"),
            ("title = red purple", 1, "unknown color 'purple'"),
        ] as [(String, Int, String)])
    func errorsNameTheLine(text: String, line: Int, message: String) {
        do {
            _ = try Theme.parse(text: text, source: "Themes/bad.theme")
            Issue.record("expected an error for \(text.debugDescription)")
        } catch {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("Themes/bad.theme:\(line): "))
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("every theme file in Themes/ parses to its built-in twin", arguments: ["default", "high-contrast", "monochrome"])
    func themeFilesParse(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, searchDirectories: [themesDirectory])
        #expect(theme.name == name)
        #expect(theme == Theme.builtIns[name])
        let text = try String(contentsOfFile: "\(themesDirectory)/\(name).theme", encoding: .utf8)
        for role in StyleRole.allCases {
            #expect(text.contains("\n\(role.themeName) "), "\(name).theme sets \(role.themeName) explicitly")
        }
    }

    @Test("every .theme file in Themes/ parses")
    func allThemeFilesParse() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter { $0.hasSuffix(".theme") }
        #expect(files.count >= 3)
        for file in files {
            #expect(throws: Never.self) { try Theme.loadFile(atPath: "\(themesDirectory)/\(file)") }
        }
    }

    @Test("the monochrome theme uses attributes only, and every role still looks distinct from normal where it matters")
    func monochromeHasNoColor() {
        #expect(!Theme.monochrome.usesColor)
        #expect(Theme.default.usesColor)
        for role: StyleRole in [.title, .inputFocused, .selection, .statusFailed, .highlight, .error, .footerKey, .input] {
            #expect(!Theme.monochrome[role].attributes.isEmpty, "\(role)")
        }
    }

    @Test("load finds names in search directories, reads paths, and falls back to built-ins")
    func loading() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "title = red\n".write(toFile: "\(directory)/red.theme", atomically: true, encoding: .utf8)
        try "title = bold\nerror = nope\n".write(toFile: "\(directory)/broken.theme", atomically: true, encoding: .utf8)

        #expect(try Theme.load(nameOrPath: "red", searchDirectories: ["/nonexistent", directory])[.title].foreground == .red)
        #expect(try Theme.load(nameOrPath: "\(directory)/red.theme", searchDirectories: [])[.title].foreground == .red)
        #expect(try Theme.load(nameOrPath: "monochrome", searchDirectories: [directory]) == .monochrome)
        #expect(throws: ThemeError.invalidLine(source: "\(directory)/broken.theme", line: 2, problem: .unknownColor("nope"))) {
            try Theme.load(nameOrPath: "broken", searchDirectories: [directory])
        }
        #expect(throws: ThemeError.notFound(name: "missing", searched: ["\(directory)/missing.theme"])) {
            try Theme.load(nameOrPath: "missing", searchDirectories: [directory])
        }
        #expect(throws: ThemeError.invalidName("my theme!")) { try Theme.load(nameOrPath: "my theme!", searchDirectories: [directory]) }
        #expect(throws: ThemeError.notFound(name: "/no/such.theme", searched: ["/no/such.theme"])) {
            try Theme.load(nameOrPath: "/no/such.theme", searchDirectories: [])
        }
    }

    @Test("a theme written back as text parses to the same theme")
    func roundTrip() throws {
        for theme in [Theme.default, .highContrast, .monochrome] {
            let parsed = try Theme.parse(text: theme.themeFileText(), source: theme.name + ".theme")
            #expect(parsed == theme)
        }
    }

    @Test("colors beyond the palette fall back to the nearest basic color")
    func colorApproximation() {
        #expect(TerminalColor.brightRed.approximated(paletteSize: 8) == (1, true))
        #expect(TerminalColor.brightRed.approximated(paletteSize: 16) == (9, false))
        #expect(TerminalColor.indexed(196).approximated(paletteSize: 256) == (196, false))
        #expect(TerminalColor.indexed(196).approximated(paletteSize: 8).index == 1)
        #expect(TerminalColor.indexed(21).approximated(paletteSize: 16).index == 4)
        #expect(TerminalColor.indexed(255).approximated(paletteSize: 8).index == 7)
        #expect(TerminalColor.default.approximated(paletteSize: 8) == (-1, false))
        #expect(TerminalColor.brightBlack.approximated(paletteSize: 8) == (-1, false), "gray never becomes black")
    }
}
