/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator whose sequence is fixed by its
/// definition, so a spot-check sample drawn from a seed is the same on every machine and every
/// Swift version (the standard library's generators promise neither).
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound, without modulo bias (values in the incomplete last block are redrawn).
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0)
        let n = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % n)
        while true {
            let value = next()
            if value < limit { return Int(value % n) }
        }
    }
}
