import Registry
import Rules

extension RulesEngine {
    /// The rules an agency judges a year by: with the earlier years (学时台账) of its registry, and those
    /// only a `--ledger` file holds (`LedgerFile.merge`; a file contradicting the registry is refused).
    /// The stamp (`StampJob`) reads its ledger here as its run begins, and the service's check, render
    /// and pages for an agency read it here too, so that what an agency sees before it stamps is what its
    /// stamp issues.
    public static func agency(_ registry: any Registry, ledgerFile: (ledger: Ledger, name: String)? = nil,
                              policy: Policy = .xuzhou2007) throws(RegistryError) -> RulesEngine {
        var ledger = try registry.ledger()
        if let ledgerFile { ledger = try LedgerFile.merge(file: ledgerFile.ledger, name: ledgerFile.name, into: ledger) }
        return RulesEngine(policy: policy, ledger: ledger)
    }
}
