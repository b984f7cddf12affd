/// A Double for a C `int` argument of Cairo or Pango, clamped (NaN as 0) instead of trapping: sizes
/// come from templates and `--dpi` from the command line, and no value of theirs may end the process.
func cInt(_ value: Double) -> Int32 {
    guard value.isFinite else { return value > 0 ? .max : (value < 0 ? .min : 0) }
    return Int32(max(Double(Int32.min), min(Double(Int32.max), value.rounded(.towardZero))))
}
