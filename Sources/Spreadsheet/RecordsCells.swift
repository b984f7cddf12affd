import Records

/// The records' values under the layout's keys, as JSON: what the template writes in each column when
/// it is filled from records (`cedocs template xlsx --from records.json`). The inverse of the import,
/// key for key, so a filled template imports to the same records.
enum RecordsCells {
    static func unit(_ key: String, _ unit: EmployerUnit, year: Int) -> OrderedJSON? {
        switch key {
        case "unit.name": .string(unit.name)
        case "unit.nature": .string(unit.nature.rawValue)
        case "unit.authority": .string(unit.authority)
        case "unit.district": unit.district.map(OrderedJSON.string)
        case "year": .number(String(year))
        case "unit.credit_code": unit.creditCode.map(OrderedJSON.string)
        case "unit.contact": unit.contact.map(OrderedJSON.string)
        case "unit.appointment_cycle.first_year": unit.appointmentCycle.map { .number(String($0.firstYear)) }
        case "unit.appointment_cycle.years": unit.appointmentCycle.map { .number(String($0.years)) }
        default: nil
        }
    }

    static func person(_ key: String, _ person: Person) -> OrderedJSON? {
        switch key {
        case "id_number": .string(person.idNumber)
        case "name": .string(person.name)
        case "gender": person.gender.map { .string($0.rawValue) }
        case "birth": person.birth.map { .string($0.description) }
        case "title": person.title.map(OrderedJSON.string)
        case "level": .string(person.level.rawValue)
        case "education": person.education.map(OrderedJSON.string)
        case "major": person.major.map(OrderedJSON.string)
        case "field": person.field.map(OrderedJSON.string)
        case "purpose": person.purpose.map { .string($0.rawValue) }
        case "certificate_no": person.certificateNo.map(OrderedJSON.string)
        case "photo": person.photo.map(OrderedJSON.string)
        case "audit.agency": person.audit.map { .string($0.agency) }
        case "audit.date": person.audit.map { .string($0.date.description) }
        case "audit.override": person.audit?.overrideFail == true ? .string("fail") : nil
        case "audit.remarks": person.audit?.remarks.map(OrderedJSON.string)
        // The person's cycle as read (the unit's when the record gives none): it imports to the same records.
        case "appointment_cycle.first_year": person.appointmentCycle.map { .number(String($0.firstYear)) }
        case "appointment_cycle.years": person.appointmentCycle.map { .number(String($0.years)) }
        default: nil
        }
    }

    static func activity(_ key: String, _ activity: Activity) -> OrderedJSON? {
        let p = activity.params
        switch key {
        case "start": return .string(activity.start.description)
        case "end": return .string(activity.end.description)
        case "content": return .string(activity.content)
        case "form": return activity.form.map(OrderedJSON.string)
        case "subject": return .string(activity.subject.rawValue)
        case "kind": return .string(activity.kind.rawValue)
        case "hours": return activity.hours.map(number)
        case "assessment": return activity.assessment.map(OrderedJSON.string)
        case "provider": return activity.provider.map(OrderedJSON.string)
        case "evidence": return activity.evidence.map(OrderedJSON.string)
        case "params.days": return p.days.map { .number(String($0)) }
        case "params.months": return p.months.map(number)
        case "params.scope": return p.scope.map(OrderedJSON.string)
        case "params.abroad": return p.abroad.map(OrderedJSON.bool)
        case "params.courses": return p.courses.map { .number(String($0)) }
        case "params.level": return p.level.map(OrderedJSON.string)
        case "params.grade": return p.grade.map { .number(String($0)) }
        case "params.rank": return p.rank.map { .number(String($0)) }
        case "params.chars": return p.chars.map { .number(String($0)) }
        case "params.taught_hours": return p.taughtHours.map(number)
        case "params.approved_hours": return p.approvedHours.map(number)
        case "params.variant": return p.variant.map(OrderedJSON.string)
        case _ where key.hasPrefix("params."):
            switch p.other[String(key.dropFirst("params.".count))] {
            case .string(let text)?: return .string(text)
            case .bool(let value)?: return .bool(value)
            case .number(let value)?: return number(value)
            default: return nil
            }
        default: return nil
        }
    }

    static func number(_ value: Double) -> OrderedJSON {
        .number(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)")
    }
}
