import DeskCore

// The rows of the target list: targets matching the filter, a master key's accounts grouped under a heading.
enum TargetList {
    // Whether `target` matches every word of `filter` (case-insensitive, against "session/account", PROD/sbx and the environment).
    static func matches(_ target: TargetInfo, filter: String) -> Bool {
        let words = filter.lowercased().split(separator: " ")
        guard !words.isEmpty else { return true }
        let haystack = "\(target.id.description) \(target.environment.marker) \(target.environment.rawValue)".lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }

    static func targets(_ targets: [TargetInfo], filter: String) -> [TargetInfo] {
        targets.filter { matches($0, filter: filter) }
    }

    static func rows(_ targets: [TargetInfo], filter: String) -> [ListRow] {
        let shown = self.targets(targets, filter: filter)
        var rows: [ListRow] = []
        var index = 0
        while index < shown.count {
            let target = shown[index]
            guard target.id.account != nil else {
                rows.append(.target(target, .standalone))
                index += 1
                continue
            }
            var end = index
            while end + 1 < shown.count, shown[end + 1].id.account != nil, shown[end + 1].id.session == target.id.session {
                end += 1
            }
            rows.append(.group(session: target.id.session, first: target))
            for member in index...end {
                rows.append(.target(shown[member], member == end ? .lastInGroup : .inGroup))
            }
            index = end + 1
        }
        return rows
    }
}
