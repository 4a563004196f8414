import Hummingbird
import NIOCore

/// Hummingbird's request context with the peer's address, which `AccessGuard` checks against
/// `http.allowed_networks` (nil on a Unix socket, where the file's permissions decide).
struct ListenerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
