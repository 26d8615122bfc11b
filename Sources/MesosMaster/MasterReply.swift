import HTTPTypes
import Hummingbird

/// What the master answers a request with: a whole response, or a subscription's event stream
/// (a 200 whose body is the queue's RecordIO records until the queue is finished or the client
/// goes away). An HTTP/1 connection writes a stream from the request's task
/// (``MasterHTTPHandler/response(for:request:)``); an HTTP/2 stream is fed by its NIO handler
/// without a task (``HTTP2StreamHandler``).
enum MasterReply: Sendable {
    case response(Response)
    case stream(OpenSubscription)
}

/// An open subscription: its queue, the response's headers, and what runs once it is over.
struct OpenSubscription: Sendable {
    let queue: SubscriberQueue
    let headers: HTTPFields
    let onEnd: @Sendable () async -> Void
}
