// Every key table, with the config's `[keys]` overrides applied and checked.
struct KeyMap: Sendable {
    private(set) var tables: [KeyTableID: KeyTable]
    // Overrides that were ignored or that took a key from another action, for a flash at start.
    let warnings: [String]
    // The keys that would cancel when not read-only: pressing one in read-only mode explains why nothing happens.
    let refusedInReadOnly: Set<Key>

    // Actions whose key must never also confirm: the second press of a trigger key must not say yes.
    static let triggerActions: [Action] = [.cancel, .cancelAll, .panic]

    init(readOnly: Bool, overrides: [String: String] = [:]) {
        var warnings: [String] = []
        var fullMain = KeyTable.main(readOnly: false)
        var tables: [KeyTableID: KeyTable] = [
            .main: .main(readOnly: readOnly),
            .mainFilter: .targetFilter(),
            .confirm: .confirm(),
            .panic: .panic(),
            .typedConfirm: .typedConfirm(),
            .detail: .detail(),
            .history: .history(),
            .historyFilter: .historyFilter(),
            .help: .help(),
            .smallTerminal: .smallTerminal(),
            .firstRun: .firstRun(),
        ]

        // Parse and check the overrides before touching any table.
        var accepted: [(Action, Key)] = []
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let action = Action(rawValue: name) else {
                warnings.append("keys.\(name): unknown action (ignored)")
                continue
            }
            guard let key = Key(parsing: text) else {
                warnings.append("keys.\(name) = \"\(text)\": not a key (ignored)")
                continue
            }
            accepted.append((action, key))
        }
        // The confirm key first (it may not be Enter, nor any key that opens a cancel dialog), then the trigger keys
        // against the confirm key that results: pressing a trigger twice must never confirm.
        let triggerKeys = Self.triggerActions.compactMap { fullMain.binding(for: $0)?.keys.first }
            + accepted.filter { Self.triggerActions.contains($0.0) }.map(\.1)
        accepted.removeAll { action, key in
            guard action == .confirm else { return false }
            if key == .enter {
                warnings.append("keys.confirm = Enter is refused: Enter presses the focused button, which is No (ignored)")
                return true
            }
            if triggerKeys.contains(key) {
                warnings.append("keys.confirm = \(key) is refused: it opens a cancel dialog (ignored)")
                return true
            }
            return false
        }
        let confirmKey = accepted.first { $0.0 == .confirm }?.1 ?? .char("y")
        accepted.removeAll { action, key in
            guard Self.triggerActions.contains(action), key == confirmKey else { return false }
            warnings.append("keys.\(action.rawValue) = \(key) is refused: it is the confirm key (ignored)")
            return true
        }

        for (action, key) in accepted {
            var used = false
            for id in KeyTableID.allCases {
                // A character key would be typed into a text field before its table is looked at: such tables keep theirs.
                guard var table = tables[id], table.field == nil || key.typedCharacter == nil,
                      table.binding(for: action) != nil else { continue }
                used = true
                Self.rebind(&table, action: action, to: key, warnings: &warnings)
                tables[id] = table
            }
            if fullMain.binding(for: action) != nil {
                var scratch: [String] = []
                Self.rebind(&fullMain, action: action, to: key, warnings: &scratch)
                used = true
            }
            if !used {
                warnings.append("keys.\(action.rawValue): no screen has this action\(readOnly ? " in read-only mode" : "") (ignored)")
            }
        }

        // Help texts that name a key of another table ("{confirm.confirm} confirms") name the key it has now.
        for id in tables.keys {
            for index in tables[id]!.bindings.indices {
                tables[id]!.bindings[index].help = Self.resolveKeyNames(tables[id]!.bindings[index].help, in: tables)
            }
        }
        self.tables = tables
        self.warnings = warnings
        refusedInReadOnly = readOnly
            ? Set(Self.triggerActions.compactMap { fullMain.binding(for: $0) }.flatMap(\.keys))
            : []
    }

    subscript(id: KeyTableID) -> KeyTable { tables[id]! }

    // The tables as the config would leave them untouched, for measuring screens that do not depend on key names.
    static let standard = KeyMap(readOnly: false)

    // Replaces each "{table.action}" in `text` with the first key of that action in that table.
    private static func resolveKeyNames(_ text: String, in tables: [KeyTableID: KeyTable]) -> String {
        var result = text
        while let open = result.firstIndex(of: "{"), let close = result[open...].firstIndex(of: "}") {
            let name = result[result.index(after: open)..<close].split(separator: ".")
            var replacement = "?"
            if name.count == 2, let id = KeyTableID(rawValue: String(name[0])), let action = Action(rawValue: String(name[1])) {
                replacement = tables[id]?.keyName(action) ?? "?"
            }
            result.replaceSubrange(open...close, with: replacement)
        }
        return result
    }

    // Makes `key` the first key of `action`, taking it away from any other binding of the same table.
    private static func rebind(_ table: inout KeyTable, action: Action, to key: Key, warnings: inout [String]) {
        for index in table.bindings.indices where table.bindings[index].action != action {
            if table.bindings[index].keys.contains(key) {
                table.bindings[index].keys.removeAll { $0 == key }
                warnings.append("key \(key) now means \(action.rawValue) (was \(table.bindings[index].action.rawValue) in \(table.id.title))")
            }
        }
        guard let index = table.bindings.firstIndex(where: { $0.action == action }) else { return }
        var keys = table.bindings[index].keys
        if keys.isEmpty { keys = [key] } else { keys[0] = key }
        var unique: [Key] = []
        for k in keys where !unique.contains(k) { unique.append(k) }
        table.bindings[index].keys = unique
    }
}
