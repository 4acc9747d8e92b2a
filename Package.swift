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
        // What a terminal would act on and how it is made visible: the one rule shared by the screen
        // and every printed line. Depends on nothing.
        .target(name: "TerminalText", swiftSettings: strict),
        // Typed PingOne requests and responses, the Secret type, the HTTP transport. Foundation only.
        .target(name: "PingOneAPI", dependencies: ["TerminalText"], swiftSettings: strict),
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
        // The only module that sees curses: a system library target for ncursesw.
        .systemLibrary(
            name: "CNCursesW", path: "Sources/CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]),
        // The cell buffer, style roles, themes, text width, keys and widgets; no curses, no workflow.
        .target(name: "TUIKit", dependencies: ["TerminalText"], swiftSettings: strict),
        // setrlimit(RLIMIT_CORE) and prctl(PR_SET_DUMPABLE) for the executable's start (prctl is variadic: C).
        .target(name: "CProcessHardening"),
        // Paints a ScreenBuffer with ncurses and reads keys; nothing else imports CNCursesW.
        .target(name: "NCursesTerminal", dependencies: ["CNCursesW", "TUIKit"], swiftSettings: strict),
        // The wizard's screens: the engine's state rendered with TUIKit; no curses.
        .target(name: "WizardTUI", dependencies: ["WizardCore", "PingOneAPI", "TUIKit"], swiftSettings: strict),
        // Fakes, tmux driving and screen assertions shared by the test targets.
        .target(name: "TestSupport", dependencies: ["TUIKit"], path: "Tests/TestSupport", swiftSettings: strict),
        // The engine against the in-process simulator, shared by the engine and end-to-end tests.
        .target(
            name: "EngineTestSupport", dependencies: ["PingOneAPI", "PingOneSimulator", "WizardCore"],
            path: "Tests/EngineTestSupport", swiftSettings: strict),
        .executableTarget(
            name: "p1wizard",
            dependencies: [
                "PingOneAPI", "WizardCore", "PingOneSimulator", "TUIKit", "WizardTUI", "NCursesTerminal", "CProcessHardening",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PingOneAPITests", dependencies: ["PingOneAPI", "EngineTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "WizardCoreTests", dependencies: ["WizardCore", "PingOneAPI", "PingOneSimulator", "EngineTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PingOneSimulatorTests", dependencies: ["PingOneSimulator"], swiftSettings: strict),
        .testTarget(name: "TUIKitTests", dependencies: ["TUIKit", "TerminalText", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "WizardTUITests",
            dependencies: ["WizardTUI", "TUIKit", "TestSupport", "WizardCore", "PingOneAPI", "PingOneSimulator", "EngineTestSupport"],
            exclude: ["Snapshots"], swiftSettings: strict),
        // Proof that a workflow is data: a workflow defined only here walked by `run`'s and `plain`'s
        // loops (the executable's module, imported with @testable).
        .testTarget(
            name: "WorkflowAsDataTests",
            dependencies: [
                "p1wizard", "PingOneAPI", "WizardCore", "PingOneSimulator", "EngineTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PingOneSimulator", "PingOneAPI", "WizardCore", "EngineTestSupport", "TestSupport"],
            exclude: ["Fixtures"],  // read through #filePath, not bundled
            swiftSettings: strict),
    ]
)
