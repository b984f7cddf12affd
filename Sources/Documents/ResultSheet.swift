import Layout
import Records
import Rules

extension DocumentBuilder {
    /// The name of the verification QR code in a result sheet's data, as `templates/result.yaml` names it.
    public static let verificationCode = "verification"

    /// 审验结果 sheet of a person an agency has examined and stamps: the facts its signature covers,
    /// the seal, and the QR code (`code`, the encoded verification URL) with the serial and the check
    /// code printed under it.
    public func result(_ person: Person, _ assessment: PersonAssessment, stamp: AgencyStamp, checkCode: String,
                       verifyBase: String, code: QRMatrix) -> DocumentData {
        var fields = personFields(person, assessment)
        fields["agency.name"] = person.audit?.agency ?? ""
        fields["result.verdict"] = assessment.verdict.word
        fields["stamp.serial"] = stamp.serial
        fields["stamp.check"] = checkCode
        fields["stamp.verify_base"] = verifyBase
        return DocumentData(fields: fields, codes: [Self.verificationCode: code], subject: person.subject,
                            metadata: metadata(.result, about: person)).stamped(stamp)
    }
}
