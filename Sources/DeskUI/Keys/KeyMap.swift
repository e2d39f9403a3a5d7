// Every controller's key table, with the config's `[keys]` overrides applied and checked.
struct KeyMap: Sendable {
    private(set) var controllers: [ControllerID: Controller]
    // Overrides that were ignored or that took a key from another action, for a flash at start.
    let warnings: [String]
    // The keys that would cancel when not read-only: pressing one in read-only mode explains why nothing happens.
    let refusedInReadOnly: Set<Key>

    // Actions whose key must never also confirm: the second press of a trigger key must not say yes.
    static let triggerActions: [Action] = [.cancel, .cancelAll, .panic]

    init(readOnly: Bool, overrides: [String: String] = [:]) {
        var warnings: [String] = []
        var fullMain = MainController.make(readOnly: false)
        var tables: [ControllerID: Controller] = [
            .main: MainController.make(readOnly: readOnly),
            .mainFilter: FilterInputController.make(),
            .confirm: ConfirmController.make(),
            .panic: PanicController.make(),
            .typedConfirm: TypedConfirmController.make(),
            .detail: DetailController.make(),
            .history: HistoryController.make(),
            .historyFilter: HistoryFilterController.make(),
            .help: HelpController.make(),
            .smallTerminal: SmallTerminalController.make(),
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
            for id in ControllerID.allCases {
                guard var controller = tables[id], controller.textInput == nil,
                      controller.binding(for: action) != nil else { continue }
                used = true
                Self.rebind(&controller, action: action, to: key, warnings: &warnings)
                tables[id] = controller
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

        controllers = tables
        self.warnings = warnings
        refusedInReadOnly = readOnly
            ? Set(Self.triggerActions.compactMap { fullMain.binding(for: $0) }.flatMap(\.keys))
            : []
    }

    subscript(id: ControllerID) -> Controller { controllers[id]! }

    // Makes `key` the first key of `action`, taking it away from any other binding of the same table.
    private static func rebind(_ controller: inout Controller, action: Action, to key: Key, warnings: inout [String]) {
        for index in controller.bindings.indices where controller.bindings[index].action != action {
            if controller.bindings[index].keys.contains(key) {
                controller.bindings[index].keys.removeAll { $0 == key }
                warnings.append("key \(key) now means \(action.rawValue) (was \(controller.bindings[index].action.rawValue) in \(controller.id.title))")
            }
        }
        guard let index = controller.bindings.firstIndex(where: { $0.action == action }) else { return }
        var keys = controller.bindings[index].keys
        if keys.isEmpty { keys = [key] } else { keys[0] = key }
        var unique: [Key] = []
        for k in keys where !unique.contains(k) { unique.append(k) }
        controller.bindings[index].keys = unique
    }
}
