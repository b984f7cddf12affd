import Bytes
import Testing

@Suite("hex")
struct HexTests {
    @Test func lowerCaseTwoDigitsAByte() {
        #expect(Hex.lower([0x00, 0x0a, 0xff, 0x7f]) == "000aff7f")
        #expect(Hex.lower([]) == "")
    }

    @Test func parsesEitherCaseBackToTheBytes() {
        let bytes: [UInt8] = Array(0...255)
        #expect(Hex.bytes(Hex.lower(bytes)) == bytes)
        #expect(Hex.bytes("0AfF") == [0x0a, 0xff])
        #expect(Hex.bytes("") == [])
    }

    @Test(arguments: ["abc", "0g", "0x12", " 12", "１２"])
    func refusesWhatIsNotHex(_ text: String) {
        #expect(Hex.bytes(text) == nil)
    }
}

@Suite("base64url")
struct Base64URLTests {
    /// RFC 4648 §10's vectors, without padding.
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
                      ("foobar", "Zm9vYmFy")])
    func rfcVectors(_ plain: String, _ encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func urlSafeAlphabet() {
        // 0xfb 0xff is `+/8=` in plain base64.
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
    }

    @Test(arguments: ["+/8", "Zg==", "Zm 9v", "Z"])
    func refusesOtherAlphabetsAndPadding(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
