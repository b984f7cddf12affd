import Foundation
import NIOConcurrencyHelpers

/// A browser's sign-in (issue 17: 2), kept on the server: the browser holds only the session's random
/// id in a cookie, never the token. The token's SHA-256 is kept so that the caller is looked up again at
/// every request (a token removed by a reload ends its sessions at once).
struct WebSession: Sendable {
    /// The cookie's value: 32 random bytes, base64url.
    let id: String
    /// The hidden field of every form of this session: a form posted without it, or from another
    /// site, is refused.
    let csrf: String
    let token: [UInt8]
    /// Past this instant without a request, the session is over.
    var expires: ContinuousClock.Instant
    /// The records last uploaded on the unit's page, checked, and the file's name: its downloads are
    /// drawn from them, and they are what the unit submits.
    var upload: RecordsInput.Body?
    var uploadName: String?
}

/// Every open session, in memory: a restart signs everyone out (nothing of a token is ever written).
final class WebSessions: Sendable {
    let lifetime: Duration
    private let sessions = NIOLockedValueBox<[String: WebSession]>([:])

    init(minutes: Double) {
        lifetime = .milliseconds(Int64(minutes * 60_000))
    }

    /// A new session for the token with this digest; the expired ones are dropped on the way.
    func open(token: [UInt8]) -> WebSession {
        let now = ContinuousClock.now
        let session = WebSession(id: TokenDigest.newToken(), csrf: TokenDigest.newToken(), token: token,
                                 expires: now + lifetime, upload: nil, uploadName: nil)
        sessions.withLockedValue { sessions in
            sessions = sessions.filter { $0.value.expires > now }
            sessions[session.id] = session
        }
        return session
    }

    /// The session of this id if it is still open, its time renewed; nil (and forgotten) once expired.
    func session(_ id: String) -> WebSession? {
        let now = ContinuousClock.now
        return sessions.withLockedValue { sessions in
            guard var session = sessions[id] else { return nil }
            guard session.expires > now else {
                sessions[id] = nil
                return nil
            }
            session.expires = now + lifetime
            sessions[id] = session
            return session
        }
    }

    func close(_ id: String) {
        _ = sessions.withLockedValue { $0.removeValue(forKey: id) }
    }

    func keep(_ upload: RecordsInput.Body, named name: String, in id: String) {
        sessions.withLockedValue {
            $0[id]?.upload = upload
            $0[id]?.uploadName = name
        }
    }
}
