import NIOCore
import PostgresNIO

/// One use of a registry connection (a read, or a transaction), on the calling thread: the registry's
/// interface is synchronous, as GRDB's is, and the calling thread is never one of NIO's.
///
/// Every wait for the server ends by a time limit of cedocs's own, whatever postgres-nio does: a server
/// stopped at the wrong moment once left a spot check waiting 15 s for an answer that never came,
/// although its connection had been closed under it (test-cluster.sh, PostgreSQL stopped under load).
struct PostgresSession {
    let connection: PostgresConnection
    /// Where the whole use must have ended (a read's), or nil: then each statement has `statementLimit`.
    let deadline: NIODeadline?
    /// The URL without its password, named in errors.
    let location: String

    /// The longest one statement of a transaction may wait for its answer, a lock held by another
    /// process's stamp included (a stamp's whole transaction records 1,000 people in about a second).
    static let statementLimit = TimeAmount.seconds(30)

    /// Runs `query` and waits for all its rows.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        let limit = NIODeadline.now() + Self.statementLimit
        return try connection.query(query, logger: PostgresConnections.logger)
            .wait(until: deadline.map { min($0, limit) } ?? limit, location: location).rows
    }

    /// Runs a statement whose rows, if any, say nothing.
    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }
}

extension EventLoopFuture {
    /// The future's value, or, once `deadline` has passed, a RegistryError that says the database did not
    /// answer (unavailable: the service answers 503 with Retry-After). The caller drops the connection.
    func wait(until deadline: NIODeadline, location: String) throws -> Value {
        let answer = eventLoop.makePromise(of: Value.self)
        let timer = eventLoop.scheduleTask(deadline: deadline) {
            answer.fail(RegistryError("审验登记库 \(location) 没有按时应答", unavailable: true))
        }
        // Whichever comes first completes `answer`; NIO ignores the later completion.
        cascade(to: answer)
        answer.futureResult.whenComplete { _ in timer.cancel() }
        return try answer.futureResult.wait()
    }
}
