import NIOConcurrencyHelpers
import NIOCore

/// Notices that a client has closed its side of the connection. Hummingbird allows half-closed
/// connections, so the channel stays active after the client leaves and only this event tells;
/// a request at work reads the flag between people and stops.
final class ClientWatch: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    private let closed = NIOLockedValueBox(false)

    var clientLeft: Bool { closed.withLockedValue { $0 } }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { closed.withLockedValue { $0 = true } }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed.withLockedValue { $0 = true }
        context.fireChannelInactive()
    }

    /// The watch of a connection's pipeline; nil if it has none (never in this service).
    static func of(_ channel: any Channel) async -> ClientWatch? {
        try? await channel.pipeline.handler(type: ClientWatch.self).get()
    }
}
