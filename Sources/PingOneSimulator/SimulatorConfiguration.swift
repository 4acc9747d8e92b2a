import Foundation

/// What the simulator is seeded with. Everything left nil is generated from the seed.
public struct SimulatorConfiguration: Sendable {
    /// The management API base the simulator advertises (`apiPath`), e.g. `http://127.0.0.1:8080/v1`.
    public var apiBase: String = "http://127.0.0.1/v1"
    /// The auth base the simulator advertises (`authPath`), e.g. `http://127.0.0.1:8080`.
    public var authBase: String = "http://127.0.0.1"
    /// The target environment's ID.
    public var environmentID: String?
    /// The environment the worker application lives in; the target environment if nil.
    public var adminEnvironmentID: String?
    /// The worker application's client ID.
    public var workerClientID: String?
    /// The worker application's client secret.
    public var workerClientSecret: String?
    /// How the worker authenticates at the token endpoint: `CLIENT_SECRET_BASIC` or `CLIENT_SECRET_POST`.
    public var workerAuthMethod: String = "CLIENT_SECRET_BASIC"
    /// Whether the worker holds the roles it needs on the target environment (false: every
    /// management call answers 403 INSUFFICIENT_PERMISSIONS).
    public var workerHasRoles: Bool = true
    /// Items per page of a list when the client gives no `limit`. Small, so paging is exercised:
    /// the `PingOne API` resource is never on the first page.
    public var pageSize: Int = 2
    /// Access token lifetime in seconds.
    public var tokenLifetime: Int = 3600
    /// Authorization code lifetime in seconds.
    public var codeLifetime: Int = 60
    /// Sign-on flow lifetime in seconds.
    public var flowLifetime: Int = 900
    /// Seed of the generator for IDs and secrets; random if nil.
    public var seed: UInt64?
    /// Faults to inject.
    public var faults: [Fault] = []

    public init() {}
}

/// SplitMix64: a small, fast, seedable generator, so a seeded simulator is reproducible.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &self) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }

    mutating func token(length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &self)] })
    }
}
