import Testing

/// The fault tests, one at a time: each holds its thread for seconds while the real binary runs, and
/// the service's async tests need the same few threads (two on CI) to answer in time.
@Suite("issue 20: failed writes and full disks", .serialized)
struct FaultSuite {}
