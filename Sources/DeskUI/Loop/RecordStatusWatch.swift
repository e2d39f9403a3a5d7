import DeskCore

// Asks the service once a second whether the history takes records, and posts the answer when it changes.
enum RecordStatusWatch {
    static func run(service: any DeskService, initial: RecordStatus, post: @Sendable (AppEvent) -> Void) async {
        var last = initial
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let status = await service.recordStatus()
            if status != last {
                post(.recordStatus(status))
                last = status
            }
        }
    }
}
