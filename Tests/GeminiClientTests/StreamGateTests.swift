@testable import GeminiClient
import Testing

/// Which requests go to libcurl and which wait, per origin.
@Suite struct StreamGateTests {
    let now = ContinuousClock.now

    @Test func originsAreWhatLibcurlPoolsBy() {
        #expect(StreamGate<Int>.origin(of: "https://api.gemini.com/v1/order/cancel/session") == "https://api.gemini.com:443")
        #expect(StreamGate<Int>.origin(of: "HTTPS://API.Gemini.com:443/v1/symbols") == "https://api.gemini.com:443")
        #expect(StreamGate<Int>.origin(of: "http://127.0.0.1:8089/v1/symbols") == "http://127.0.0.1:8089")
        #expect(StreamGate<Int>.origin(of: "http://localhost/x?y") == "http://localhost:80")
        #expect(StreamGate<Int>.origin(of: "https://[::1]/v1") == "https://[::1]:443")
    }

    @Test func overTLSAtMostTheAssumedStreamsGoAndTheRestWaitInOrder() {
        var gate = StreamGate<Int>(http1Connections: 64, assumedStreams: 3)
        let origin = "https://a:443"
        for i in 0..<5 { gate.enqueue(i, origin: origin, deadline: now + .seconds(3)) }
        #expect(gate.admit(now: now).go.map(\.item) == [0, 1, 2])
        #expect(gate.admit(now: now).go.isEmpty)
        gate.finished(origin, httpVersion: 2)
        // A request that arrives now queues behind those waiting.
        gate.enqueue(5, origin: origin, deadline: now + .seconds(3))
        #expect(gate.admit(now: now).go.map(\.item) == [3])
        gate.finished(origin, httpVersion: 2)
        gate.finished(origin, httpVersion: 2)
        #expect(gate.admit(now: now).go.map(\.item) == [4, 5])
        #expect(gate.inFlight(origin) == 3 && gate.waitingCount == 0)
    }

    @Test func eachOriginHasItsOwnCapacity() {
        var gate = StreamGate<String>(http1Connections: 2, assumedStreams: 1)
        for i in 0..<3 {
            gate.enqueue("plain\(i)", origin: "http://a:80", deadline: now + .seconds(3))
            gate.enqueue("tls\(i)", origin: "https://b:443", deadline: now + .seconds(3))
        }
        #expect(Set(gate.admit(now: now).go.map(\.item)) == ["plain0", "plain1", "tls0"])
    }

    @Test func overTLSWithHTTP1AnswersTheConnectionLimitApplies() {
        var gate = StreamGate<Int>(http1Connections: 4, assumedStreams: 1)
        let origin = "https://a:443"
        for i in 0..<6 { gate.enqueue(i, origin: origin, deadline: now + .seconds(3)) }
        #expect(gate.admit(now: now).go.map(\.item) == [0])
        gate.finished(origin, httpVersion: 1)
        #expect(gate.capacity(origin) == 4)
        #expect(gate.admit(now: now).go.map(\.item) == [1, 2, 3, 4])
    }

    @Test func aLearnedStreamLimitOnlyLowersTheCapacity() {
        var gate = StreamGate<Int>(http1Connections: 64, assumedStreams: 100)
        let origin = "https://a:443"
        gate.learnStreamLimit(origin, streams: 50)
        #expect(gate.capacity(origin) == 50)
        gate.learnStreamLimit(origin, streams: 80)
        #expect(gate.capacity(origin) == 50)
        gate.learnStreamLimit(origin, streams: 0)
        #expect(gate.capacity(origin) == 50)
        #expect(gate.capacity("http://a:80") == 64)
    }

    @Test func aWaitingRequestPastItsDeadlineIsTakenOutAndTheOthersKeepTheirPlace() {
        var gate = StreamGate<Int>(http1Connections: 1, assumedStreams: 1)
        let origin = "http://a:80"
        gate.enqueue(0, origin: origin, deadline: now + .seconds(3))
        gate.enqueue(1, origin: origin, deadline: now + .milliseconds(100))
        gate.enqueue(2, origin: origin, deadline: now + .seconds(3))
        #expect(gate.admit(now: now).go.map(\.item) == [0])
        #expect(gate.nextDeadline == now + .milliseconds(100))
        let later = gate.admit(now: now + .milliseconds(100))
        #expect(later.go.isEmpty && later.expired.map(\.item) == [1])
        gate.finished(origin, httpVersion: 1)
        #expect(gate.admit(now: now + .milliseconds(100)).go.map(\.item) == [2])
        #expect(gate.nextDeadline == nil)
    }

    @Test func drainingTakesEveryWaitingRequest() {
        var gate = StreamGate<Int>(http1Connections: 1, assumedStreams: 1)
        for i in 0..<3 { gate.enqueue(i, origin: "http://a:80", deadline: now + .seconds(3)) }
        _ = gate.admit(now: now)
        #expect(gate.drain().map(\.item) == [1, 2])
        #expect(gate.waitingCount == 0)
    }
}
