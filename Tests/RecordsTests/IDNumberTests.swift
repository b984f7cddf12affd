import Testing
@testable import Records

@Suite("公民身份号码 (GB 11643)")
struct IDNumberTests {
    @Test(arguments: ["11010519491231002X", "320302198001011239", "32032219720330345X", "320303199107152348"])
    func knownGoodNumbersAreValid(id: String) {
        #expect(IDNumber.validate(id) == nil)
        #expect(IDNumber.checkCharacter(for: String(id.prefix(17))) == id.last)
    }

    @Test func wrongCheckCharacterSaysWhichIsExpected() {
        let problem = IDNumber.validate("32030219800101123X")
        #expect(problem == .wrongCheckCharacter(found: "X", expected: "9"))
        #expect(problem?.message(for: "32030219800101123X") == "公民身份号码 32030219800101123X 的校验码应为 9")
    }

    @Test func birthDateThatDoesNotExist() {
        // 1980-02-30, with a check character that is right for these 17 digits.
        #expect(IDNumber.checkCharacter(for: "32030219800230123") == "8")
        #expect(IDNumber.validate("320302198002301238") == .birthDateNotReal("19800230"))
        #expect(IDNumber.birthDate("320302198002301238") == nil)
    }

    @Test func birthDateOutOfRange() {
        let future = "320302203001011231"
        let latest = CalendarDate(year: 2016, month: 12, day: 31)!
        guard case .birthDateInFuture(let d, latest)? = IDNumber.validate(future, latestBirth: latest) else {
            Issue.record("expected a birth date in the future"); return
        }
        #expect(d == CalendarDate(year: 2030, month: 1, day: 1))
        #expect(IDNumber.validate("320302189912311234") == .birthDateTooEarly(CalendarDate(year: 1899, month: 12, day: 31)!))
    }

    @Test func lengthAndCharacters() {
        #expect(IDNumber.validate("32030219800101123") == .wrongLength(17))
        #expect(IDNumber.validate("3203021980010112399") == .wrongLength(19))
        #expect(IDNumber.validate("") == .wrongLength(0))
        #expect(IDNumber.validate("3203A2198001011239") == .invalidCharacter("A", position: 5))
        #expect(IDNumber.validate("32030219800101123Y") == .invalidCharacter("Y", position: 18))
        #expect(IDNumber.validate("3203021980010112X9") == .invalidCharacter("X", position: 17))
        #expect(IDNumber.validate("320302198001011239 ") == .invalidCharacter(" ", position: 19))
        #expect(IDNumber.validate("320302198001011239 ")?.message(for: "320302198001011239 ")
                == "公民身份号码 320302198001011239  第 19 位是空格，请删除")
        // Full-width digits look right on screen but are not digits of the number.
        #expect(IDNumber.validate("３20302198001011239") == .invalidCharacter("３", position: 1))
        #expect(IDNumber.checkCharacter(for: "3203021980010112") == nil)
        #expect(IDNumber.checkCharacter(for: "3203021980010112A") == nil)
    }

    @Test func lowercaseXIsNormalisedAndAccepted() {
        #expect(IDNumber.normalise("11010519491231002x") == "11010519491231002X")
        #expect(IDNumber.normalise(" 1x ") == " 1X ")
        #expect(IDNumber.validate("11010519491231002x") == nil)
    }

    @Test func genderAndBirthFromTheNumber() {
        #expect(IDNumber.gender("320302198001011239") == .male)     // 17th digit 3
        #expect(IDNumber.gender("320303199107152348") == .female)   // 17th digit 4
        #expect(IDNumber.gender("11010519491231002X") == .female)   // 17th digit 2
        #expect(IDNumber.birthDate("11010519491231002X") == CalendarDate(year: 1949, month: 12, day: 31))
        #expect(IDNumber.gender("123") == nil)
    }
}

@Suite("统一社会信用代码 (GB 32100)")
struct CreditCodeTests {
    @Test(arguments: ["91330100799655058B", "9144030071526726XG", "91110000600037341L"])
    func knownGoodCodesAreValid(code: String) {
        #expect(CreditCode.validate(code) == nil)
    }

    @Test func badCodes() {
        #expect(CreditCode.validate("91330100799655058A") == .wrongCheckCharacter(found: "A", expected: "B"))
        #expect(CreditCode.validate("9133010079965505") == .wrongLength(16))
        #expect(CreditCode.validate("91330100799655O58B") == .invalidCharacter("O", position: 15))
        #expect(CreditCode.validate("9133A100799655058B") == .invalidCharacter("A", position: 5))
        #expect(CreditCode.validate("91330100799655058b") == nil)  // lowercase accepted, normalised
    }
}
