import Registry
import Rules

extension RulesEngine {
    /// The rules an agency judges a year of `people` (their 公民身份号码) by: with their earlier years
    /// (学时台账) in its registry, and those only a `--ledger` file holds (`LedgerFile.merge`; a file
    /// contradicting the registry is refused). The stamp (`StampJob`) reads its ledger here as its run
    /// begins, and the service's check, render and pages for an agency read it here too, so that what an
    /// agency sees before it stamps is what its stamp issues. Only these people's years are read: a
    /// city's registry holds every agency's people.
    public static func agency(_ registry: any Registry, people: [String], ledgerFile: (ledger: Ledger, name: String)? = nil,
                              policy: Policy = .xuzhou2007) throws(RegistryError) -> RulesEngine {
        var ledger = try registry.ledger(of: people)
        if let ledgerFile { ledger = try LedgerFile.merge(file: ledgerFile.ledger, name: ledgerFile.name, into: ledger) }
        return RulesEngine(policy: policy, ledger: ledger)
    }
}
