/// `CheckReport` lives in its own small module (so that the fuzz target needs only Records and Rules);
/// the callers of Pipeline keep finding it here.
@_exported import Reports
