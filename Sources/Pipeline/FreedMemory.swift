import CMallocTrim
import Foundation

/// Memory the process freed but glibc's allocator still holds (issue 18, point 4: memory flat in the
/// number of people).
public enum FreedMemory {
    /// At most one malloc arena per core, set as the process starts. glibc makes up to eight per core,
    /// one for each thread that allocates while the others hold theirs, and an arena keeps what its
    /// threads freed: a stamp run of 30,000 people, whose commit and placing run on threads of their
    /// own, peaked 4 MB higher with them. No more threads work at once than there are cores, so they
    /// seldom wait for an arena (a run of 1,000 people took as long either way).
    public static func oneArenaPerCore() {
        _ = mallopt(cedocs_m_arena_max, Int32(max(1, ProcessInfo.processInfo.activeProcessorCount)))
    }

    /// Returns the freed pages of every arena to the system (malloc_trim(3)). Loading a large records
    /// file decodes and checks every person on several threads, and what that frees stays in their
    /// arenas: a run of 30,000 people started some 5 MB above one of 1,000 and never came down. The
    /// same holds between a stamp run's rendering and its commit. Giving it back costs a walk over the
    /// arenas, about a millisecond, at each such step.
    static func giveBack() { _ = malloc_trim(0) }
}
