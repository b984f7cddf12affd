import Records
import Testing

@Suite("how a person is named in reports")
struct PersonSubjectTests {
    @Test func nameAndIDNumber() {
        let person = Person(idNumber: "320302198001011239", name: "张卫东", level: .intermediate, activities: [])
        #expect(person.subject == "张卫东（320302198001011239）")
    }

    /// A person the loader refused may lack either.
    @Test func whatARefusedRecordLacks() {
        #expect(Person.subject(name: nil, idNumber: "320302198001011239") == "（无姓名）（320302198001011239）")
        #expect(Person.subject(name: "张卫东", idNumber: nil) == "张卫东（无身份号码）")
    }
}
