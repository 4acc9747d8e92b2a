// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "p1wizard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "p1wizard", targets: ["p1wizard"]),
        .library(name: "PingOneAPI", targets: ["PingOneAPI"]),
        .library(name: "WizardCore", targets: ["WizardCore"]),
        .library(name: "PingOneSimulator", targets: ["PingOneSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Typed PingOne requests and responses, the Secret type, the HTTP transport. Foundation only.
        .target(name: "PingOneAPI", swiftSettings: strict),
        // The workflow: steps, pure state machine, captures, transcript, redaction, retry policy.
        .target(name: "WizardCore", dependencies: ["PingOneAPI"], swiftSettings: strict),
        // An in-memory PingOne behind a pure request -> response function, served over loopback.
        .target(
            name: "PingOneSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "p1wizard",
            dependencies: [
                "PingOneAPI", "WizardCore", "PingOneSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PingOneAPITests", dependencies: ["PingOneAPI"], swiftSettings: strict),
        .testTarget(name: "WizardCoreTests", dependencies: ["WizardCore", "PingOneAPI"], swiftSettings: strict),
        .testTarget(
            name: "PingOneSimulatorTests", dependencies: ["PingOneSimulator"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests", dependencies: ["PingOneSimulator", "PingOneAPI"], swiftSettings: strict),
    ]
)
