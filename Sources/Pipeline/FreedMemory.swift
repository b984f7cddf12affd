import CMallocTrim

/// Memory the process freed but glibc's allocator still holds.
///
/// Loading a large records file decodes and checks every person on several threads; what that
/// frees stays in those threads' malloc arenas, which the run's own threads do not reuse, so a run
/// of 30,000 people started some 5 MB above one of 1,000 and never came down (issue 18, point 4:
/// memory flat in the number of people). The same holds between a stamp run's rendering and its
/// commit. Giving it back costs a walk over the arenas, about a millisecond, at each such step.
enum FreedMemory {
    /// Returns the freed pages of every arena to the system (malloc_trim(3)).
    static func giveBack() { _ = malloc_trim(0) }
}
