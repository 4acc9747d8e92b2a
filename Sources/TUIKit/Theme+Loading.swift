import Foundation

extension Theme {
    /// Loads a theme by name or path.
    ///
    /// - A value containing `/` or ending in `.theme` is a path and is read as is.
    /// - Otherwise it is a name: the first `<dir>/<name>.theme` found in `searchDirectories`
    ///   wins; when no file matches, a built-in theme of that name (`default`, `monochrome`,
    ///   `high-contrast`) is returned, so the program works without its Themes directory.
    public static func load(nameOrPath: String, searchDirectories: [String]) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try loadFile(atPath: nameOrPath)
        }
        let allowed = nameOrPath.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard allowed, !nameOrPath.isEmpty else { throw .invalidName(nameOrPath) }
        var searched: [String] = []
        for directory in searchDirectories {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + nameOrPath + ".theme"
            searched.append(path)
            if FileManager.default.fileExists(atPath: path) {
                return try loadFile(atPath: path)
            }
        }
        if let builtIn = builtIns[nameOrPath] { return builtIn }
        throw .notFound(name: nameOrPath, searched: searched)
    }

    /// Reads and parses one theme file.
    public static func loadFile(atPath path: String) throws(ThemeError) -> Theme {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .notFound(name: path, searched: [path])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text: text, source: path)
    }
}
