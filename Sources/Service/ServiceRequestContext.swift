import Hummingbird
import NIOCore

/// The request context: Hummingbird's own, plus the connection, so that long work can see that its
/// client has gone and stop.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
