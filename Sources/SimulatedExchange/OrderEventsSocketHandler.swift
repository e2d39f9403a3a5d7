import NIOCore
import NIOWebSocket

/// The order events WebSocket after the upgrade: answers pings, closes on a close frame, and ends the subscription
/// when the connection goes. Clients send nothing else on this stream.
final class OrderEventsSocketHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let exchange: SimulatedExchange
    private let subscriber: OrderEventsSubscriber
    private var closing = false

    init(exchange: SimulatedExchange, subscriber: OrderEventsSubscriber) {
        self.exchange = exchange
        self.subscriber = subscriber
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            guard !closing else { context.close(promise: nil); return }
            closing = true
            var data = context.channel.allocator.buffer(capacity: 2)
            data.write(webSocketErrorCode: .normalClosure)
            let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: data)
            context.writeAndFlush(wrapOutboundOut(close)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        exchange.unsubscribe(subscriber)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
