import Foundation

/// Finds cedocs' data folders (`templates/`, `fonts/`) at run time, so templates can be edited without
/// a rebuild: `$CEDOCS_HOME`, else the folders beside the executable or up to four levels above it
/// (the checkout when run from `.build/release/`), else the current directory. The executable is the
/// one the kernel runs (`/proc/self/exe`, every symlink resolved), not `argv[0]`: run as `cedocs` from
/// PATH, through /usr/local/bin/cedocs, it is still the checkout's `.build/release/cedocs`.
public struct Resources: Sendable {
    public let templates: URL
    public let fonts: URL

    public init(templates: URL, fonts: URL) {
        self.templates = templates
        self.fonts = fonts
    }

    public struct NotFound: Error, CustomStringConvertible {
        public var searched: [String]
        public var description: String {
            "找不到 cedocs 的 templates/ 和 fonts/ 目录（已查找：\(searched.joined(separator: "、"))）。"
                + "请设置环境变量 CEDOCS_HOME 指向 cedocs 的目录。"
        }
    }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(NotFound) -> Resources {
        var candidates: [URL] = []
        if let home = environment["CEDOCS_HOME"], !home.isEmpty { candidates.append(URL(fileURLWithPath: home)) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for candidate in candidates {
            let templates = candidate.appendingPathComponent("templates")
            let fonts = candidate.appendingPathComponent("fonts")
            if FileManager.default.fileExists(atPath: templates.appendingPathComponent("registration.yaml").path),
               FileManager.default.fileExists(atPath: fonts.appendingPathComponent("fonts.conf").path) {
                return Resources(templates: templates, fonts: fonts)
            }
        }
        throw NotFound(searched: candidates.map(\.path))
    }
}
