import Archiving
import Documents

extension SpotCheckList {
    /// The list of a draw from an archive's stamped results (`SpotCheck.draw`).
    public init(_ groups: [SpotCheck.Group], rate: SampleRate, seed: UInt64) {
        self.init(groups: groups.map { group in
            SpotCheckList.Group(agency: group.agency, agencyName: group.agencyName, year: group.year,
                                population: group.population, drawn: group.drawn.map { entry in
                                    // Drawn only from entries that carry a result.
                                    let result = entry.origin.result!
                                    return SpotCheckList.Drawn(serial: result.serial, maskedName: result.maskedName,
                                                               maskedID: result.maskedID, unit: entry.origin.unit ?? "",
                                                               verdict: result.verdict)
                                })
        }, rate: rate.description, seed: seed)
    }
}
