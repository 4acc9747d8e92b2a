import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes
import NIOPosix
import Synchronization

/// Serves a ``PingOneSimulator`` over HTTP on loopback with Hummingbird. Everything the
/// simulator decides (faults included) comes from its pure core; this adapter only carries bytes,
/// sleeps when told to delay, and breaks the connection when told to drop it.
public final class SimulatorServer: Sendable {
    /// The simulator being served.
    public let simulator: PingOneSimulator
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    /// The port the server listens on (known once ``start(port:log:)`` returns).
    public let port: Int
    /// The management API base, e.g. `http://127.0.0.1:8080/v1`.
    public var apiBase: String { "http://127.0.0.1:\(port)/v1" }
    /// The auth base, e.g. `http://127.0.0.1:8080`.
    public var authBase: String { "http://127.0.0.1:\(port)" }

    private init(simulator: PingOneSimulator, port: Int) {
        self.simulator = simulator
        self.port = port
    }

    /// Starts serving on `127.0.0.1:port` (0 picks a free port) and returns once listening.
    /// `log` receives one line per request: method, path, status, duration. Never bodies.
    public static func start(
        simulator: PingOneSimulator, port: Int = 0, log: (@Sendable (String) -> Void)? = nil
    ) async throws -> SimulatorServer {
        let bound = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await Self.respond(to: request, simulator: simulator, log: log)
        }
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionDropHandler()])),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                bound.continuation.yield(channel.localAddress?.port ?? 0)
                bound.continuation.finish()
            },
            logger: Logger(label: "p1wizard.simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await app.run() }
        var actualPort = 0
        for await p in bound.stream { actualPort = p }
        guard actualPort > 0 else {
            task.cancel()
            _ = try await task.value
            throw SimulatorServerError.couldNotBind(port: port)
        }
        let server = SimulatorServer(simulator: simulator, port: actualPort)
        simulator.setBases(apiBase: server.apiBase, authBase: server.authBase)
        server.task.withLock { $0 = task }
        return server
    }

    /// Stops the server and waits until it has closed its socket.
    public func stop() async {
        let running = task.withLock { t -> Task<Void, any Error>? in
            defer { t = nil }
            return t
        }
        running?.cancel()
        _ = try? await running?.value
    }

    /// Runs until the task is cancelled.
    public func wait() async {
        let running = task.withLock { $0 }
        _ = try? await running?.value
    }

    private static func respond(
        to request: Request, simulator: PingOneSimulator, log: (@Sendable (String) -> Void)?
    ) async throws -> Response {
        let started = ContinuousClock.now
        let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let simRequest = SimRequest(
            method: request.method.rawValue,
            target: request.head.path ?? "/",
            headers: request.headers.map { ($0.name.rawName, $0.value) },
            body: Data(buffer.readableBytesView))
        let answer = simulator.handle(simRequest)
        if case .delayed(let seconds) = answer.delivery {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        }
        if let log {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let status = answer.delivery == .dropConnection ? "dropped" : String(answer.status)
            log(String(format: "%@ %@ %@ %.1fms", simRequest.method, simRequest.path, status, ms))
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        if answer.delivery == .dropConnection {
            fields.append(HTTPField(name: ConnectionDropHandler.marker, value: "1"))
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status == 0 ? 500 : answer.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// Why the server could not start.
public enum SimulatorServerError: Error, CustomStringConvertible {
    case couldNotBind(port: Int)

    public var description: String {
        switch self {
        case .couldNotBind(let port): "the simulator could not listen on 127.0.0.1:\(port)"
        }
    }
}

/// Closes the connection with a reset instead of writing a response that carries the drop marker.
final class ConnectionDropHandler: ChannelDuplexHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let marker = HTTPField.Name("X-P1Sim-Drop-Connection")!

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .head(let head) = part, head.headerFields[Self.marker] != nil {
            promise?.fail(ChannelError.ioOnClosedChannel)
            let channel = context.channel
            if let provider = channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        context.write(data, promise: promise)
    }
}
