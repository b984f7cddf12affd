import Mustache

/// The pages clerks use in a browser (issue 17), rendered on the server: each page's template inside
/// one frame (header, sign-out, the style sheet). Values are HTML-escaped by Mustache; only the frame
/// takes the page's own HTML unescaped (`{{{body}}}`). Plain HTML forms: no script is needed.
public struct WebPages: Sendable {
    /// Every page there is; its template is `PageTemplates.text(of:)`.
    public enum Page: String, Sendable, CaseIterable {
        case signIn = "sign-in"
        case unit
        case agency
        case submission
        case verify
        case message
        /// The stamp's page, written as the stamp goes: its head, a line per few people, its outcome.
        case stamping
        case stampProgress = "stamp-progress"
        case stamped
        /// An agency's search of its issued results.
        case search
    }

    /// What the frame shows around every page.
    public struct Frame: Sendable {
        /// The page's title (in the tab and as its heading's words).
        public var title: String
        /// Who is signed in; nil on the public pages and the sign-in page.
        public var signedInAs: String?
        /// The session's CSRF token for the sign-out form.
        public var csrf: String?

        public init(title: String, signedInAs: String? = nil, csrf: String? = nil) {
            self.title = title
            self.signedInAs = signedInAs
            self.csrf = csrf
        }
    }

    private let library: MustacheLibrary

    /// Parses every template; a broken one is a defect of this build, found by the first test to start a service.
    public init() {
        var library = MustacheLibrary()
        do {
            try library.register(PageTemplates.frame, named: "frame")
            try library.register(PageTemplates.peopleTable, named: "people-table")
            for page in Page.allCases { try library.register(PageTemplates.text(of: page), named: page.rawValue) }
        } catch {
            preconditionFailure("页面模板无法解析：\(error)")
        }
        self.library = library
    }

    /// The whole document: `content`'s fields fill the page's template (Mustache reads them by name
    /// through reflection), the frame goes around it.
    public func render(_ page: Page, _ content: Any, frame: Frame) -> String {
        let body = fragment(page, content)
        return library.render(FrameContent(frame, body: body), withTemplate: "frame") ?? body
    }

    /// A page's own HTML without the frame: a piece of a page written as work goes on.
    public func fragment(_ page: Page, _ content: Any) -> String {
        library.render(content, withTemplate: page.rawValue) ?? ""
    }

    /// The frame of a page written in pieces: everything before the page's own HTML, and everything after.
    public func frame(_ frame: Frame) -> (head: String, tail: String) {
        let marker = "\u{1}page\u{1}"
        let whole = library.render(FrameContent(frame, body: marker), withTemplate: "frame") ?? marker
        guard let split = whole.range(of: marker) else { return (whole, "") }
        return (String(whole[..<split.lowerBound]), String(whole[split.upperBound...]))
    }

    private struct FrameContent {
        var title: String
        var signedInAs: String?
        var csrf: String?
        var style: String
        var body: String

        init(_ frame: Frame, body: String) {
            title = frame.title
            signedInAs = frame.signedInAs
            csrf = frame.csrf
            style = PageStyle.css
            self.body = body
        }
    }
}
