extension Theme {
    /// Attributes only, no color: used when `NO_COLOR` is set, `--no-color` is given, or the
    /// terminal has no colors. Every role stays distinguishable by bold, underline, reverse
    /// and dim, and status marks carry their meaning in their glyphs.
    public static let monochrome = Theme(name: "monochrome", styles: monochromeStyles)

    /// The default color theme; the same as `Themes/default.theme`.
    public static let `default` = Theme(
        name: "default",
        styles: [
            .normal: Style(),
            .title: Style(foreground: .cyan, attributes: .bold),
            .label: Style(),
            .input: Style(attributes: .underline),
            .inputFocused: Style(foreground: .black, background: .cyan),
            .secret: Style(foreground: .magenta),
            .placeholder: Style(foreground: .brightBlack),
            .hint: Style(foreground: .brightBlack),
            .border: Style(foreground: .blue),
            .selection: Style(foreground: .white, background: .blue, attributes: .bold),
            .statusOK: Style(foreground: .green, attributes: .bold),
            .statusFailed: Style(foreground: .red, attributes: .bold),
            .statusRunning: Style(foreground: .yellow, attributes: .bold),
            .statusPending: Style(foreground: .brightBlack),
            .statusSkipped: Style(foreground: .brightBlack),
            .captured: Style(foreground: .cyan),
            .jsonKey: Style(foreground: .blue, attributes: .bold),
            .jsonString: Style(foreground: .green),
            .jsonNumber: Style(foreground: .magenta),
            .jsonLiteral: Style(foreground: .yellow),
            .highlight: Style(foreground: .black, background: .yellow),
            .warning: Style(foreground: .yellow, attributes: .bold),
            .error: Style(foreground: .red, attributes: .bold),
            .footerKey: Style(foreground: .cyan, attributes: .bold),
            .footerText: Style(),
        ])

    /// Bright colors on black with heavy attributes; the same as `Themes/high-contrast.theme`.
    public static let highContrast = Theme(
        name: "high-contrast",
        styles: [
            .normal: Style(foreground: .brightWhite, background: .black),
            .title: Style(foreground: .brightYellow, background: .black, attributes: [.bold, .underline]),
            .label: Style(foreground: .brightWhite, background: .black, attributes: .bold),
            .input: Style(foreground: .brightWhite, background: .black, attributes: .underline),
            .inputFocused: Style(foreground: .black, background: .brightYellow, attributes: .bold),
            .secret: Style(foreground: .brightMagenta, background: .black, attributes: .bold),
            .placeholder: Style(foreground: .white, background: .black, attributes: .underline),
            .hint: Style(foreground: .white, background: .black),
            .border: Style(foreground: .brightWhite, background: .black),
            .selection: Style(foreground: .black, background: .brightWhite, attributes: .bold),
            .statusOK: Style(foreground: .brightGreen, background: .black, attributes: .bold),
            .statusFailed: Style(foreground: .brightRed, background: .black, attributes: .bold),
            .statusRunning: Style(foreground: .brightYellow, background: .black, attributes: .bold),
            .statusPending: Style(foreground: .white, background: .black),
            .statusSkipped: Style(foreground: .white, background: .black),
            .captured: Style(foreground: .brightCyan, background: .black, attributes: .bold),
            .jsonKey: Style(foreground: .brightCyan, background: .black, attributes: .bold),
            .jsonString: Style(foreground: .brightGreen, background: .black),
            .jsonNumber: Style(foreground: .brightMagenta, background: .black),
            .jsonLiteral: Style(foreground: .brightYellow, background: .black),
            .highlight: Style(foreground: .black, background: .brightYellow, attributes: .bold),
            .warning: Style(foreground: .brightYellow, background: .black, attributes: .bold),
            .error: Style(foreground: .brightWhite, background: .red, attributes: .bold),
            .footerKey: Style(foreground: .black, background: .brightWhite, attributes: .bold),
            .footerText: Style(foreground: .brightWhite, background: .black),
        ])

    /// The built-in themes by name.
    public static let builtIns: [String: Theme] = [
        "default": .default, "monochrome": .monochrome, "high-contrast": .highContrast,
    ]

    static let monochromeStyles: [StyleRole: Style] = [
        .normal: Style(),
        .title: Style(attributes: .bold),
        .label: Style(),
        .input: Style(attributes: .underline),
        .inputFocused: Style(attributes: .reverse),
        .secret: Style(attributes: .dim),
        .placeholder: Style(attributes: .dim),
        .hint: Style(attributes: .dim),
        .border: Style(),
        .selection: Style(attributes: .reverse),
        .statusOK: Style(attributes: .bold),
        .statusFailed: Style(attributes: [.bold, .underline]),
        .statusRunning: Style(attributes: .bold),
        .statusPending: Style(attributes: .dim),
        .statusSkipped: Style(attributes: .dim),
        .captured: Style(attributes: .underline),
        .jsonKey: Style(attributes: .bold),
        .jsonString: Style(),
        .jsonNumber: Style(),
        .jsonLiteral: Style(attributes: .underline),
        .highlight: Style(attributes: [.bold, .underline]),
        .warning: Style(attributes: .bold),
        .error: Style(attributes: [.bold, .reverse]),
        .footerKey: Style(attributes: .bold),
        .footerText: Style(),
    ]
}
