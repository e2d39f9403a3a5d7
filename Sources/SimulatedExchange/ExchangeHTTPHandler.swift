#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1

/// Reads each HTTP request, hands it to the exchange the moment it is complete, and delivers the reply
/// after its latency: answered, withheld (hang) or replaced by a TCP reset.
final class ExchangeHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Its name in the pipeline: an upgrade to the order events stream removes it.
    static let name = "gdesk-exchange-http"

    private let exchange: SimulatedExchange
    private var head: HTTPRequestHead?
    /// The answer to a refused upgrade, decided when the upgrade was judged; sent when the request ends.
    var pendingRejection: Reply?

    init(exchange: SimulatedExchange) {
        self.exchange = exchange
    }

    func channelActive(context: ChannelHandlerContext) {
        exchange.connectionAccepted()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break   // private requests carry everything in headers
        case .end:
            guard let head else { return }
            self.head = nil
            let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.uri
            let request = IncomingRequest(
                method: head.method.rawValue, path: path,
                apiKey: head.headers.first(name: "X-GEMINI-APIKEY"),
                payload: head.headers.first(name: "X-GEMINI-PAYLOAD"),
                signature: head.headers.first(name: "X-GEMINI-SIGNATURE"))
            let reply: Reply
            if let rejection = pendingRejection {
                pendingRejection = nil
                reply = rejection
            } else {
                reply = exchange.receive(request)
            }
            if reply.delayMilliseconds > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(reply.delayMilliseconds))) {
                    self.deliver(reply, for: head, context: context)
                }
            } else {
                deliver(reply, for: head, context: context)
            }
        }
    }

    private func deliver(_ reply: Reply, for head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        switch reply.delivery {
        case .hang:
            return
        case .reset:
            guard let provider = context.channel as? SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .answer:
            let keepAlive = head.isKeepAlive
            var headers = HTTPHeaders()
            // A verbatim answer brings its own Content-Type, or none.
            if !reply.contentType.isEmpty { headers.add(name: "Content-Type", value: reply.contentType) }
            for (name, value) in reply.headers where name.lowercased() != "content-length" { headers.add(name: name, value: value) }
            headers.add(name: "Content-Length", value: String(reply.body.count))
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            let responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply.body)))), promise: nil)
            let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        }
    }
}
