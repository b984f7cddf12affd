import Archiving
import Documents
import Registry
import Stamping

extension SpotCheckList {
    /// The city office's (市职称办) spot check of registered results across agencies: in each agency, its
    /// person results of `year` in force (a superseded one is no longer anyone's result), ordered by serial,
    /// drawn as an archive's are (`SpotCheck.places`): the same registry, rate and seed give the same
    /// sample from any process, and the same as `cedocs sample` on an archive holding the same results.
    public init(results: [IssuedResult], year: Int, rate: SampleRate, seed: UInt64) {
        let inForce = results.filter { $0.supersededBy == nil && $0.signed.content.kind == .person && $0.serial.year == year }
        let agencies = Dictionary(grouping: inForce) { $0.serial.agency }
        self.init(groups: agencies.keys.sorted().map { agency in
            let members = agencies[agency]!.sorted { $0.serial.sequence < $1.serial.sequence }
            let drawn = SpotCheck.places(members.count, rate: rate, seed: seed, agency: agency, year: year).map { members[$0] }
            return Group(agency: agency, agencyName: members[0].signed.content["agency_name"] ?? agency, year: year,
                         population: members.count, drawn: drawn.map { result in
                             let content = result.signed.content
                             return Drawn(serial: result.serial.description, maskedName: Masking.name(content["person_name"] ?? ""),
                                          maskedID: Masking.idNumber(content["person_id"] ?? ""), unit: content["unit"] ?? "",
                                          verdict: content["verdict"] ?? "")
                         })
        }, rate: rate.description, seed: seed)
    }
}
