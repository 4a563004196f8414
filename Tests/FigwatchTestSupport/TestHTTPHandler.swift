import NIOCore
import NIOHTTP1
import NIOPosix

/// One connection of the test server: records each request and plays its route.
final class TestHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: TestServerState
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var unanswered: [InFlight] = []

    init(state: TestServerState) { self.state = state }

    func channelActive(context: ChannelHandlerContext) {
        state.opened(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.closed(context.channel)
        unanswered.forEach { $0.end() }
        unanswered.removeAll()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var chunk):
            // Request bodies are kept (webhook tests read them), up to a bound.
            if body.count < 1 << 20, let bytes = chunk.readBytes(length: chunk.readableBytes) { body += bytes }
        case .end:
            guard let head else { return }
            self.head = nil
            let request = TestRequest(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let (route, token) = state.received(request)
            unanswered.removeAll { $0 === token }
            unanswered.append(token)
            TestResponder(channel: context.channel, keepAlive: head.isKeepAlive, token: token)
                .play(route.behavior, for: request)
        }
    }
}

/// Writes one response through the channel (safe from any thread), fault by fault.
struct TestResponder: Sendable {
    let channel: Channel
    let keepAlive: Bool
    let token: InFlight

    func play(_ behavior: TestRoute.Behavior, for request: TestRequest) {
        switch behavior {
        case .respond(let status, let headers, let body):
            let hasBody = status != 204 && status != 304 && !(100..<200).contains(status)
            writeHead(status, headers, contentLength: hasBody ? body.readableBytes : nil)
            if body.readableBytes > 0, hasBody { writeBody(body) }
            end()
        case .drip(let headers, let body, let chunk, let every):
            writeHead(200, headers, contentLength: body.readableBytes)
            drip(body, chunk: chunk, every: every)
        case .cut(let headers, var body, let after, let reset):
            writeHead(200, headers, contentLength: body.readableBytes)
            let sent = body.readSlice(length: min(after, body.readableBytes)) ?? ByteBuffer()
            let channel = self.channel
            channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(sent))).whenComplete { _ in
                if reset {
                    // SO_LINGER 0: close() sends RST instead of FIN.
                    guard let socket = channel as? SocketOptionProvider else { return channel.close(promise: nil) }
                    socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
                } else {
                    channel.close(promise: nil)
                }
            }
        case .stallAfterHeaders(let contentLength):
            writeHead(200, [], contentLength: contentLength)
        case .endless(let chunk):
            writeHead(200, [("Content-Type", "text/html")], contentLength: nil)
            endless(ByteBuffer(bytes: TestRoute.pattern(count: chunk)))
        case .unsized(let headers, let body):
            writeHead(200, headers, contentLength: nil)
            writeBody(body)
            end()
        case .dynamic(let respond):
            play(respond(request).behavior, for: request)
        case .delayed(let delay, let next):
            channel.eventLoop.scheduleTask(in: TimeAmount(delay)) { play(next, for: request) }
        }
    }

    private func writeHead(_ status: Int, _ headers: [(String, String)], contentLength: Int?) {
        var fields = HTTPHeaders(headers)
        if let contentLength, !fields.contains(name: "Content-Length") {
            fields.add(name: "Content-Length", value: String(contentLength))
        }
        if !keepAlive { fields.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields)
        channel.writeAndFlush(HTTPServerResponsePart.head(head), promise: nil)
    }

    private func writeBody(_ body: ByteBuffer) {
        channel.write(HTTPServerResponsePart.body(.byteBuffer(body)), promise: nil)
    }

    private func end() {
        let (channel, keepAlive, token) = (self.channel, self.keepAlive, self.token)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            token.end()
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    private func drip(_ body: ByteBuffer, chunk: Int, every: Duration) {
        channel.eventLoop.scheduleTask(in: TimeAmount(every)) {
            guard channel.isActive else { return }
            var rest = body
            let piece = rest.readSlice(length: min(chunk, rest.readableBytes)) ?? ByteBuffer()
            channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(piece)), promise: nil)
            if rest.readableBytes == 0 { end() } else { drip(rest, chunk: chunk, every: every) }
        }
    }

    private func endless(_ chunk: ByteBuffer) {
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(chunk))).whenSuccess {
            endless(chunk)
        }
    }
}
