import Foundation
import Pipeline

/// A batch's progress for the person waiting (进度): on a terminal, a bar redrawn at most ten times a
/// second with counts, rate and time left; without one (CI, a pipe), a plain line every five
/// seconds. Both on standard error, so standard output stays the run's result. Called from the
/// batch's collecting thread; throttled here so it never slows the batch.
final class ProgressDisplay {
    private let terminal = isatty(STDERR_FILENO) == 1
    private let started = DispatchTime.now().uptimeNanoseconds
    private var last: UInt64 = 0
    private var drawn = false

    private var interval: UInt64 { terminal ? 100_000_000 : 5_000_000_000 }

    func update(_ progress: BatchProgress) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - last >= interval || (terminal && progress.done == progress.total) else { return }
        if last == 0 && !terminal && now - started < interval { return }
        last = now
        let seconds = Double(now - started) / 1e9
        let rate = seconds > 0 ? Double(progress.done) / seconds : 0
        let left = rate > 0 ? Int(exactly: (Double(progress.total - progress.done) / rate).rounded(.up)) : nil
        let counts = "\(progress.done)/\(progress.total) 人  \(progress.pages) 页" + String(format: "  %.1f 人/秒", rate)
            + (progress.unchanged > 0 ? "  未变跳过 \(progress.unchanged)" : "")
            + (progress.failures > 0 ? "  失败 \(progress.failures)" : "")
        if terminal {
            let width = 24
            let filled = progress.total > 0 ? width * progress.done / progress.total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write("\r\u{1B}[K[\(bar)] \(counts)  剩余 \(left.map(Self.clock) ?? "--:--")")
            drawn = true
        } else {
            let percent = progress.total > 0 ? 100 * progress.done / progress.total : 100
            write("进度：\(counts)（\(percent)%），预计剩余 \(left.map(Self.clock) ?? "未知")\n")
        }
    }

    /// Ends the bar's line, so that what follows starts on its own.
    func finish() {
        if drawn { write("\n") }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// 1:05, 1:02:03
    static func clock(_ seconds: Int) -> String {
        seconds >= 3600 ? String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
            : String(format: "%d:%02d", seconds / 60, seconds % 60)
    }
}
