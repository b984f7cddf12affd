import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// The request context: Hummingbird's own, plus the connection, so that long work can see that its
/// client has gone and stop, and the name of the token that asked, for the request's log line.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// Shared by every copy of this request's context: set where the token is checked, read by
    /// ServiceMiddleware once the answer is made.
    let tokenName = NIOLockedValueBox<String?>(nil)

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
