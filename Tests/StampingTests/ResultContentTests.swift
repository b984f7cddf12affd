import Testing
@testable import Stamping

@Suite("The canonical content that is signed")
struct ResultContentTests {
    @Test("a person's result signs exactly this text")
    func canonicalText() {
        let a = String(repeating: "a", count: 64)
        let b = String(repeating: "b", count: 64)
        #expect(content().text == """
            cedocs-result/1
            serial=XZPX-2016-000123
            agency=XZPX
            agency_name=徐州市职业技术培训中心
            year=2016
            person_id=320302198001011239
            person_name=张卫东
            unit=徐州市第一人民医院
            hours_public=24
            hours_professional=50
            hours_total=74
            hours_required=72
            verdict=合格
            reasons=
            date=2017-02-10
            registration_sha256=\(a)
            certificate_sha256=\(b)

            """)
    }

    @Test("read back from its text, byte for byte; line breaks in a value are escaped")
    func roundTrip() throws {
        let original = content(name: "张\\卫\n东")
        #expect(original.text.contains("person_name=张\\\\卫\\n东\n"))
        let parsed = try #require(ResultContent(text: original.text))
        #expect(parsed == original)
        #expect(parsed["person_name"] == "张\\卫\n东")
        #expect(ResultContent(text: original.text + "extra=1") == nil)
        #expect(ResultContent(text: "cedocs-result/9\nserial=x\n") == nil)
    }

    @Test("the same name in another Unicode form is another content")
    func bytesNotCharacters() {
        // é composed and decomposed are equal Strings but sign different bytes.
        #expect(content(name: "\u{E9}") != content(name: "e\u{301}"))
    }
}
