import Records

extension Person {
    /// The person as the unit's own (unstamped) documents show them: the agency's examination (`audit`,
    /// an override included) reaches paper only through the agency's stamp.
    public var asTheUnitShows: Person {
        var shown = self
        shown.audit = nil
        return shown
    }
}
