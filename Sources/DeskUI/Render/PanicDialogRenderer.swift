import DeskCore
import GeminiClient

// The panic dialog: how many targets by environment, which ones, and a field where "yes" must be typed.
enum PanicDialogRenderer {
    static func draw(into grid: inout ScreenGrid, panic: PanicState, keys: KeyTable) {
        let width = min(72, grid.width - 4)
        let inner = width - 4
        let prod = panic.targets.filter { $0.environment == .production }.count
        let sandbox = panic.targets.count - prod

        var head: [DialogLine] = [
            .plain("POST " + CancelEndpoint.session.path + " for each target, all at once", .dialog, [.bold]),
        ]
        var mix: [Segment] = []
        if prod > 0 { mix.append(Segment("\(prod) PROD", .production)) }
        if prod > 0, sandbox > 0 { mix.append(Segment(" · ", .dialog)) }
        if sandbox > 0 { mix.append(Segment("\(sandbox) sbx", .sandbox)) }
        head.append(.text(mix))
        if panic.filter.isEmpty {
            head.append(.plain("Every target: \(DisplayText.plural(panic.targets.count, "target")).", .dialog))
        } else {
            head += DialogLine.wrapped(
                "Only the \(panic.targets.count) of \(panic.totalTargets) targets matching the filter \"\(panic.filter)\".",
                width: inner, role: .dialogTitle)
        }
        head.append(.blank)

        let submit = keys.keyName(.submit)
        let abort = keys.keyName(.abort)
        var tail: [DialogLine] = [.blank, .plain("Type yes and press \(submit) to confirm. \(abort) aborts.", .dialog, [.bold])]
        tail.append(.text([Segment("> ", .dialog), Segment(TextFit.pad(panic.typed + "▏", to: 12), .selection)]))
        if panic.refused { tail.append(.plain("type yes (the whole word) to confirm; \(abort) aborts", .flashWarn)) }

        let maxHeight = grid.height - 2
        let room = max(1, maxHeight - 2 - head.count - tail.count)
        var list: [DialogLine] = []
        let shown = panic.targets.count <= room ? panic.targets.count : max(0, room - 1)
        let nameWidth = min(36, panic.targets.map { DisplayWidth.of($0.id.description) }.max() ?? 10)
        for target in panic.targets.prefix(shown) {
            let (env, role) = DisplayText.environment(target.environment)
            list.append(.text([Segment(TextFit.pad(env, to: 4), role), Segment("  ", .dialog),
                               Segment(TextFit.pad(target.id.description, to: nameWidth), .dialog),
                               Segment("  " + target.maskedKey, .dialog)]))
        }
        if shown < panic.targets.count {
            list.append(.plain("… and \(panic.targets.count - shown) more", .dialog))
        }

        let lines = head + list + tail
        let title = "PANIC: cancel session orders on \(DisplayText.plural(panic.targets.count, "target"))"
        let box = DialogBox.draw(into: &grid, width: width, height: lines.count + 2, title: title, titleRole: .danger)
        for (index, line) in lines.enumerated() {
            box.put(line.segments, line: index, into: &grid)
        }
    }
}
