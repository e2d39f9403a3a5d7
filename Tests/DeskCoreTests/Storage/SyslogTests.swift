import Foundation
import GeminiClient
import Testing
import TestSupport
@testable import DeskCore

@Suite struct SyslogTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    let intent = CancelRecord.intent(
        target: TargetID(session: "group", account: "desk-2"), endpoint: .all, environment: .production,
        operatorIdentity: OperatorIdentity(user: "ops", host: "desk-7", sshClient: "10.0.0.9"),
        time: Date(timeIntervalSince1970: 1_700_000_000))

    @Test func headerAndStructuredDataFollowRFC5424() throws {
        let message = SyslogMessage(severity: .notice, time: Date(timeIntervalSince1970: 1_700_000_000.5), hostname: "desk 7",
                                    processID: 42, messageID: "cancel.intent", structuredDataID: "gdesk@32473",
                                    parameters: [("session", "a\"b\\c]d"), ("account", "")], text: "hello")
        let text = message.rendered()
        #expect(text == #"<13>1 2023-11-14T22:13:20.500Z desk_7 gdesk 42 cancel.intent [gdesk@32473 session="a\"b\\c\]d" account=""] hello"#)
        let parsed = try #require(ParsedSyslog(text))
        #expect(parsed.parameters["session"] == "a\"b\\c]d")
    }

    @Test func controlCharactersNeverEndTheRecord() throws {
        let message = SyslogMessage(severity: .warning, hostname: "h", messageID: "m", structuredDataID: "x@1",
                                    parameters: [("reason", "a\nb\u{1B}[31m")], text: "two\nlines\r")
        let text = message.rendered()
        #expect(!text.contains("\n") && !text.contains("\r") && !text.contains("\u{1B}"))
        #expect(ParsedSyslog(text)?.parameters["reason"] == "a b [31m")
    }

    @Test func theSizeIsBoundedTheTextCutFirstThenTheLongestValues() throws {
        let ids = (0..<2000).map { String(UInt64.max - UInt64($0)) }.joined(separator: " ")
        let message = SyslogMessage(severity: .notice, hostname: "h", messageID: "m", structuredDataID: "x@1",
                                    parameters: [("session", "s"), ("ids", ids), ("quote", String(repeating: "\"]é", count: 400))],
                                    text: String(repeating: "ü", count: 3000))
        for limit in [480, 1024, 2048] {
            let text = message.rendered(limit: limit)
            #expect(text.utf8.count <= limit, "limit \(limit): \(text.utf8.count) bytes")
            let parsed = try #require(ParsedSyslog(text), "limit \(limit) must still parse")
            #expect(parsed.parameters["session"] == "s")
            #expect(parsed.parameters["ids"]?.hasSuffix("..") == true)
        }
        // Short messages are left whole.
        let small = SyslogMessage(severity: .notice, hostname: "h", messageID: "m", structuredDataID: "x@1",
                                  parameters: [("a", "b")], text: "whole")
        #expect(small.rendered().hasSuffix("] whole"))
    }

    @Test func auditRecordsArriveAtARealSocketWithEveryField() throws {
        let receiver = try SyslogReceiver(directory: directory.path)
        let audit = SyslogAudit(sender: SyslogSender(socketPath: receiver.path))
        #expect(audit.intent(intent, record: .journal(path: "/run/user/0/gdesk/journal")) == .sent)
        let settled = intent.settled(by: CancelReport(account: "desk-2", outcome: .ok,
                                                      details: CancelDetails(cancelled: [UInt64.max, 5], rejected: [9]),
                                                      message: "fine", attempts: 2, latency: .milliseconds(87)))
        #expect(audit.outcome(settled, record: .history) == .sent)

        let firstText = try #require(receiver.receive())
        let first = try #require(ParsedSyslog(firstText))
        #expect(first.priority == 13 && first.version == 1 && first.appName == "gdesk" && first.messageID == "cancel.intent")
        #expect(first.processID == String(getpid()) && first.hostname == "desk-7" && first.sdID == "gdesk@32473")
        #expect(first.parameters == [
            "event": "intent", "key": intent.key!.uuidString.lowercased(), "operator": "ops", "host": "desk-7",
            "ssh_client": "10.0.0.9", "session": "group", "account": "desk-2", "endpoint": "/v1/order/cancel/all",
            "environment": "production", "attempts": "0", "record": "journal:/run/user/0/gdesk/journal"])

        let secondText = try #require(receiver.receive())
        let second = try #require(ParsedSyslog(secondText))
        #expect(second.messageID == "cancel.outcome" && second.priority == 13)
        #expect(second.parameters["outcome"] == "ok" && second.parameters["cancelled"] == "2" && second.parameters["rejected"] == "1")
        #expect(second.parameters["cancelled_ids"] == "18446744073709551615 5" && second.parameters["rejected_ids"] == "9")
        #expect(second.parameters["attempts"] == "2" && second.parameters["latency_ms"] == "87" && second.parameters["record"] == "history")
        #expect(second.parameters["key"] == first.parameters["key"])
        #expect(second.text.contains("group/desk-2 ok") && second.text.contains("fine"))
    }

    @Test func aFailedOutcomeIsAWarning() throws {
        let receiver = try SyslogReceiver(directory: directory.path)
        let audit = SyslogAudit(sender: SyslogSender(socketPath: receiver.path))
        var unknown = intent.settled(by: CancelReport(account: "desk-2", outcome: .unknown, attempts: 3, latency: .seconds(2)))
        unknown.reason = "NoAnswer"
        audit.outcome(unknown, record: .history)
        let text = try #require(receiver.receive())
        let parsed = try #require(ParsedSyslog(text))
        #expect(parsed.priority == 8 + 4)
        #expect(parsed.parameters["outcome"] == "unknown" && parsed.parameters["reason"] == "NoAnswer")
    }

    @Test func aMissingSocketIsReportedNotThrownAndNeverWaits() {
        let audit = SyslogAudit(sender: SyslogSender(socketPath: directory.path + "/nobody-listens"))
        let started = ContinuousClock.now
        let delivery = audit.intent(intent, record: .history)
        #expect(ContinuousClock.now - started < .seconds(1))
        guard case .failed(let why) = delivery else {
            Issue.record("sent to a socket that does not exist")
            return
        }
        #expect(why.contains("nobody-listens"))
        #expect(audit.lastProblem == why)
    }

    @Test func aReceiverThatDoesNotReadCostsDroppedMessagesNotTime() throws {
        let receiver = try SyslogReceiver(directory: directory.path)
        let sender = SyslogSender(socketPath: receiver.path, patience: .milliseconds(200))
        let message = SyslogAudit.message(severity: .notice, messageID: "cancel.intent", intent: intent, extra: [], text: "x")
        let started = ContinuousClock.now
        var deliveries: [SyslogSender.Delivery] = []
        for _ in 0..<2000 { deliveries.append(sender.send(message)) }
        #expect(ContinuousClock.now - started < .seconds(2), "sending never waits for the receiver")
        #expect(deliveries.contains(.queued), "a full receive queue makes messages wait, not the sender")
        #expect(sender.flush(within: .seconds(30)), "the backlog is dropped once the receiver has been stuck for the patience")
        #expect(sender.dropped > 0)
        #expect(receiver.drain().count + sender.dropped == 2000, "every message sent or counted as dropped")
    }

    @Test func aBurstLargerThanTheReceiveQueueArrivesWhole() throws {
        // Linux keeps 10 unread datagrams per socket by default; a panic of 40 targets sends 80 records at once.
        let receiver = try SyslogReceiver(directory: directory.path, continuous: true)
        let sender = SyslogSender(socketPath: receiver.path)
        let message = SyslogAudit.message(severity: .notice, messageID: "cancel.intent", intent: intent, extra: [], text: "x")
        for _ in 0..<200 { _ = sender.send(message) }
        #expect(sender.flush(within: .seconds(30)))
        #expect(sender.dropped == 0)
        #expect(receiver.drain(atLeast: 200).count == 200)
    }

    @Test func theSocketPathComesFromTheEnvironmentForTests() {
        #expect(SyslogSender.socketPath(environment: [:]) == "/dev/log")
        #expect(SyslogSender.socketPath(environment: ["GDESK_SYSLOG_SOCKET": "/tmp/x"]) == "/tmp/x")
        #expect(SyslogSender.socketPath(environment: ["GDESK_SYSLOG_SOCKET": "relative"]) == "/dev/log")
    }
}
