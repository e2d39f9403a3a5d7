import DeskCore

// One line of the target list: a master key's session heading, or a target.
enum ListRow: Sendable, Equatable {
    // Where a subaccount sits under its session heading, for the tree glyphs.
    enum Position: Sendable, Equatable {
        case standalone
        case inGroup
        case lastInGroup
    }

    case group(session: String, first: TargetInfo)
    case target(TargetInfo, Position)

    var target: TargetInfo? {
        if case .target(let info, _) = self { return info }
        return nil
    }
}
