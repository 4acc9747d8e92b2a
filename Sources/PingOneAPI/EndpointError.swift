/// Why an endpoint override was refused; ``message`` says what to fix. Safe to print.
public enum EndpointError: Error, Sendable, Hashable {
    /// Plain `http` was given for a host that is not loopback.
    case httpNotAllowed(EndpointSetting, host: String)
    /// A scheme other than `https` (or `http` on loopback) was given.
    case unsupportedScheme(EndpointSetting, scheme: String)
    /// The value could not be read as a URL or host name.
    case malformed(EndpointSetting, input: String)
    /// The URL carries a query or fragment, which a base URL cannot have.
    case queryOrFragment(EndpointSetting)
    /// The URL carries a user name or password.
    case credentialsInURL(EndpointSetting)

    /// One line that says what is wrong and what to do instead.
    public var message: String {
        switch self {
        case .httpNotAllowed(let setting, let host):
            "\(setting.label): http is only allowed for loopback hosts (127.0.0.1, ::1, localhost); "
                + "use https://\(SafeText.visible(host))"
        case .unsupportedScheme(let setting, let scheme):
            "\(setting.label): the scheme \"\(SafeText.visible(scheme))\" is not supported; "
                + "use https, for example \(setting.example)"
        case .malformed(let setting, let input):
            "\(setting.label): \"\(SafeText.visible(String(input.prefix(80))))\" is not a URL or host name; "
                + "expected for example \(setting.example)"
        case .queryOrFragment(let setting):
            "\(setting.label): a base URL cannot have a query (?) or fragment (#); remove it"
        case .credentialsInURL(let setting):
            "\(setting.label): a base URL cannot carry a user name or password; remove the part before @"
        }
    }
}

extension EndpointError: CustomStringConvertible {
    /// The ``message``.
    public var description: String { message }
}
