/// How far a batch has got, reported from the collecting thread after each person (进度).
public struct BatchProgress: Sendable {
    /// People collected so far, of `total`.
    public var done: Int
    public var total: Int
    /// Pages and files written so far, files skipped as unchanged, documents failed.
    public var pages: Int
    public var written: Int
    public var unchanged: Int
    public var failures: Int
}
