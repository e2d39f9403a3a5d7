import DeskCore

// The lines that restate exactly what a cancel will act on: session, account, key, environment.
enum TargetFacts {
    static func lines(_ target: TargetInfo, labelWidth: Int = 13) -> [DialogLine] {
        func row(_ label: String, _ value: [Segment]) -> DialogLine {
            .text([Segment(TextFit.pad(label, to: labelWidth), .dialog)] + value)
        }
        let account = target.id.account.map { [Segment($0, .dialog, [.bold])] }
            ?? [Segment("the key's own account", .dialog)]
        let environment: [Segment] = target.environment == .production
            ? [Segment("PRODUCTION", .production), Segment("  (PROD: real orders)", .dialog)]
            : [Segment("sandbox", .sandbox), Segment("  (sbx)", .dialog)]
        return [
            row("Session", [Segment(target.id.session, .dialog, [.bold])]),
            row("Account", account),
            row("API key", [Segment(target.maskedKey + (target.isMaster ? "  (master key)" : ""), .dialog)]),
            row("Environment", environment),
        ]
    }
}
